import { lazy } from 'react';
import type { RouteObject } from 'react-router';
import { OfficeScope } from '../organization/components/OfficeScope.tsx';
import { RequireOfficeAbility } from './components/RequireOfficeAbility.tsx';

const LedgerPage = lazy(() => import('./pages/LedgerPage.tsx'));
const TaskPage = lazy(() => import('./pages/TaskPage.tsx'));
const ImportPage = lazy(() => import('./pages/ImportPage.tsx'));
const DashboardPage = lazy(() => import('./pages/DashboardPage.tsx'));
const MyTasksPage = lazy(() => import('./pages/MyTasksPage.tsx'));

/**
 * The reform task ledger under /offices/:officeId/…, every page loaded on demand (the dashboard brings ECharts).
 * First path segments stay distinct (ledger, ledger-dashboard, my-tasks): the side menu highlights by them and the
 * office switcher keeps them.
 */
export const ledgerRoutes: RouteObject = {
  path: 'offices/:officeId',
  element: <OfficeScope />,
  children: [
    { path: 'ledger', element: <RequireOfficeAbility ability="ledger.read"><LedgerPage /></RequireOfficeAbility> },
    { path: 'ledger/import', element: <RequireOfficeAbility ability="ledger.manage"><ImportPage /></RequireOfficeAbility> },
    { path: 'ledger/tasks/:taskId', element: <RequireOfficeAbility ability="ledger.read"><TaskPage mine={false} /></RequireOfficeAbility> },
    { path: 'ledger-dashboard', element: <RequireOfficeAbility ability="ledger.read"><DashboardPage /></RequireOfficeAbility> },
    { path: 'my-tasks', element: <RequireOfficeAbility ability="ledger.update"><MyTasksPage /></RequireOfficeAbility> },
    { path: 'my-tasks/:taskId', element: <RequireOfficeAbility ability="ledger.update"><TaskPage mine /></RequireOfficeAbility> },
  ],
};
