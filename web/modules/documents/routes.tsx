import { lazy } from 'react';
import type { RouteObject } from 'react-router';
import { OfficeScope } from '../organization/components/OfficeScope.tsx';
import { RequireOfficeAbility } from './components/common.tsx';

const DocumentsPage = lazy(() => import('./pages/DocumentsPage.tsx'));
const DocumentPage = lazy(() => import('./pages/DocumentPage.tsx'));
const DocumentEditPage = lazy(() => import('./pages/DocumentEditPage.tsx'));
const RegisterPage = lazy(() => import('./pages/RegisterPage.tsx'));
const RulesPage = lazy(() => import('./pages/RulesPage.tsx'));
const ReceivedPage = lazy(() => import('./pages/ReceivedPage.tsx'));
const ReceivedDocumentPage = lazy(() => import('./pages/ReceivedDocumentPage.tsx'));
const IncomingPage = lazy(() => import('./pages/IncomingPage.tsx'));
const BatchPage = lazy(() => import('./pages/BatchPage.tsx'));
const IncomingItemPage = lazy(() => import('./pages/IncomingItemPage.tsx'));
const SubmissionsPage = lazy(() => import('./pages/SubmissionsPage.tsx'));

/**
 * Official documents (A2-12) and incoming items (A2-11) under /offices/:officeId/…, gated like the server's reads.
 * First path segments stay distinct (documents, document-register, document-rules, incoming, submissions): the side
 * menu highlights by them. /documents/received is the link the distribution's notification carries.
 */
export const documentsRoutes: RouteObject = {
  path: 'offices/:officeId',
  element: <OfficeScope />,
  children: [
    { path: 'documents', element: <RequireOfficeAbility ability="document.read"><DocumentsPage /></RequireOfficeAbility> },
    { path: 'documents/new', element: <RequireOfficeAbility ability="document.draft"><DocumentEditPage /></RequireOfficeAbility> },
    { path: 'documents/received', element: <RequireOfficeAbility ability="document.read"><ReceivedPage /></RequireOfficeAbility> },
    { path: 'documents/received/:distributionId', element: <RequireOfficeAbility ability="document.read"><ReceivedDocumentPage /></RequireOfficeAbility> },
    { path: 'documents/:documentId', element: <RequireOfficeAbility ability="document.read"><DocumentPage /></RequireOfficeAbility> },
    { path: 'documents/:documentId/edit', element: <RequireOfficeAbility ability="document.draft"><DocumentEditPage /></RequireOfficeAbility> },
    { path: 'document-register', element: <RequireOfficeAbility ability="document.desk.read"><RegisterPage /></RequireOfficeAbility> },
    { path: 'document-rules', element: <RequireOfficeAbility ability="document.desk.read"><RulesPage /></RequireOfficeAbility> },
    { path: 'incoming', element: <RequireOfficeAbility ability="incoming.read"><IncomingPage /></RequireOfficeAbility> },
    { path: 'incoming/batches/:batchId', element: <RequireOfficeAbility ability="incoming.read"><BatchPage /></RequireOfficeAbility> },
    { path: 'incoming/:itemId', element: <RequireOfficeAbility ability="incoming.read"><IncomingItemPage mode="inbox" /></RequireOfficeAbility> },
    { path: 'submissions', element: <RequireOfficeAbility ability="incoming.submit"><SubmissionsPage /></RequireOfficeAbility> },
    { path: 'submissions/:itemId', element: <RequireOfficeAbility ability="incoming.submit"><IncomingItemPage mode="mine" /></RequireOfficeAbility> },
  ],
};
