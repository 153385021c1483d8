import { lazy } from 'react';
import type { RouteObject } from 'react-router';
import { OfficeScope } from '../organization/components/OfficeScope.tsx';
import { RequireOfficeAbility } from './components/RequireOfficeAbility.tsx';

const MeetingsPage = lazy(() => import('./pages/MeetingsPage.tsx'));
const MeetingPage = lazy(() => import('./pages/MeetingPage.tsx'));
const MinutesPage = lazy(() => import('./pages/MinutesPage.tsx'));
const CompliancePage = lazy(() => import('./pages/CompliancePage.tsx'));
const RulesPage = lazy(() => import('./pages/RulesPage.tsx'));

/**
 * Meetings and minutes (A1-8, A2-6) under /offices/:officeId/…, gated like the server's reads (meeting.read). First
 * path segments stay distinct (meetings, meeting-compliance): the side menu highlights by them.
 */
export const meetingsRoutes: RouteObject = {
  path: 'offices/:officeId',
  element: <OfficeScope />,
  children: [
    { path: 'meetings', element: <RequireOfficeAbility ability="meeting.read"><MeetingsPage /></RequireOfficeAbility> },
    { path: 'meetings/:meetingId', element: <RequireOfficeAbility ability="meeting.read"><MeetingPage /></RequireOfficeAbility> },
    { path: 'meetings/:meetingId/minutes', element: <RequireOfficeAbility ability="meeting.read"><MinutesPage /></RequireOfficeAbility> },
    { path: 'meetings/:meetingId/minutes/:minutesId', element: <RequireOfficeAbility ability="meeting.read"><MinutesPage /></RequireOfficeAbility> },
    { path: 'meeting-rules', element: <RequireOfficeAbility ability="meeting.read"><RulesPage /></RequireOfficeAbility> },
    { path: 'meeting-compliance', element: <RequireOfficeAbility ability="meeting.read"><CompliancePage /></RequireOfficeAbility> },
  ],
};
