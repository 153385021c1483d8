import { lazy } from 'react';
import type { RouteObject } from 'react-router';
import { RequireAbility } from '../../layouts/RequireAbility.tsx';

const AuditPage = lazy(() => import('./pages/AuditPage.tsx'));

export const auditRoutes: RouteObject[] = [
  {
    path: 'admin/audit',
    element: (
      <RequireAbility ability="audit.read">
        <AuditPage />
      </RequireAbility>
    ),
  },
];
