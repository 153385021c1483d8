import { lazy, type ReactNode } from 'react';
import { Navigate, type RouteObject } from 'react-router';
import { StatusPage } from '../../components/StatusPage.tsx';
import { OfficeScope, useCurrentOffice } from '../organization/components/OfficeScope.tsx';
import { RequireOfficeAbility } from './components/RequireOfficeAbility.tsx';

const CyclesPage = lazy(() => import('./pages/CyclesPage.tsx'));
const CycleStatusPage = lazy(() => import('./pages/CycleStatusPage.tsx'));
const ReportPage = lazy(() => import('./pages/ReportPage.tsx'));
const ChildrenPage = lazy(() => import('./pages/ChildrenPage.tsx'));
const RulesPage = lazy(() => import('./pages/RulesPage.tsx'));
const MyReportsPage = lazy(() => import('./pages/MyReportsPage.tsx'));
const MyReportPage = lazy(() => import('./pages/MyReportPage.tsx'));

/** /offices/:officeId/reports: the office's quarters for readers, the unit's own page for a liaison officer. */
function ReportsHome() {
  const office = useCurrentOffice();
  if (office.can('report.read')) return <CyclesPage />;
  if (office.can('report.submit')) return <Navigate to="my" replace />;
  return <StatusPage kind="forbidden" />;
}

const read = (page: ReactNode) => <RequireOfficeAbility ability="report.read">{page}</RequireOfficeAbility>;
const submit = (page: ReactNode) => <RequireOfficeAbility ability="report.submit">{page}</RequireOfficeAbility>;

/** A1-10 quarterly written reports, loaded on demand. */
export const reportsRoutes: RouteObject = {
  path: 'offices/:officeId/reports',
  element: <OfficeScope />,
  children: [
    { index: true, element: <ReportsHome /> },
    { path: 'cycles/:cycleId', element: read(<CycleStatusPage />) },
    { path: 'report/:reportId', element: read(<ReportPage />) },
    { path: 'children', element: read(<ChildrenPage />) },
    { path: 'rules', element: read(<RulesPage />) },
    { path: 'my', element: submit(<MyReportsPage />) },
    { path: 'my/:cycleId/:unitId', element: submit(<MyReportPage />) },
  ],
};
