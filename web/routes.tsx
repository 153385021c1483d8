// The route table: login and the password page outside the shell, everything else inside it.
import type { RouteObject } from 'react-router';
import { StatusPage } from './components/StatusPage.tsx';
import { AppLayout } from './layouts/AppLayout.tsx';
import { Landing } from './layouts/Landing.tsx';
import { RequireSession } from './layouts/RequireSession.tsx';
import { accountsRoutes } from './modules/accounts/routes.tsx';
import { auditRoutes } from './modules/audit/routes.tsx';
import { authRoutes, passwordRoute } from './modules/auth/routes.tsx';
import { calendarRoutes } from './modules/calendar/routes.tsx';
import { documentsRoutes } from './modules/documents/routes.tsx';
import { ledgerRoutes } from './modules/ledger/routes.tsx';
import { meetingsRoutes } from './modules/meetings/routes.tsx';
import { organizationRoutes } from './modules/organization/routes.tsx';
import { reportsRoutes } from './modules/reports/routes.tsx';

export const routes: RouteObject[] = [
  ...authRoutes,
  {
    element: <RequireSession />,
    children: [
      passwordRoute,
      {
        element: <AppLayout />,
        children: [
          { index: true, element: <Landing /> },
          { path: 'no-office', element: <StatusPage kind="no-office" /> },
          organizationRoutes,
          reportsRoutes,
          ledgerRoutes,
          meetingsRoutes,
          documentsRoutes,
          ...calendarRoutes,
          ...accountsRoutes,
          ...auditRoutes,
          { path: '*', element: <StatusPage kind="not-found" /> },
        ],
      },
    ],
  },
];
