import { lazy } from 'react';
import type { RouteObject } from 'react-router';
import { RequireAbility } from '../../layouts/RequireAbility.tsx';

const AccountsPage = lazy(() => import('./pages/AccountsPage.tsx'));
const SecurityPolicyPage = lazy(() => import('./pages/SecurityPolicyPage.tsx'));

export const accountsRoutes: RouteObject[] = [
  {
    path: 'admin/accounts',
    element: (
      <RequireAbility ability="account.manage">
        <AccountsPage />
      </RequireAbility>
    ),
  },
  {
    path: 'admin/security',
    element: (
      <RequireAbility ability="security.manage">
        <SecurityPolicyPage />
      </RequireAbility>
    ),
  },
];
