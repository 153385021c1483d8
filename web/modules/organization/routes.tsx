import { lazy } from 'react';
import { Navigate, type RouteObject } from 'react-router';
import { OfficeScope } from './components/OfficeScope.tsx';
import RosterPage from './pages/RosterPage.tsx';

const DirectoryPage = lazy(() => import('./pages/DirectoryPage.tsx'));
const AppointmentsPage = lazy(() => import('./pages/AppointmentsPage.tsx'));
const PeoplePage = lazy(() => import('./pages/PeoplePage.tsx'));
const DelegationsPage = lazy(() => import('./pages/DelegationsPage.tsx'));

/** /offices/:officeId/…: the roster first (where users land), the other pages loaded on demand. */
export const organizationRoutes: RouteObject = {
  path: 'offices/:officeId',
  element: <OfficeScope />,
  children: [
    { index: true, element: <Navigate to="roster" replace /> },
    { path: 'roster', element: <RosterPage /> },
    { path: 'directory', element: <DirectoryPage /> },
    { path: 'appointments', element: <AppointmentsPage /> },
    { path: 'people', element: <PeoplePage /> },
    { path: 'delegations', element: <DelegationsPage /> },
  ],
};
