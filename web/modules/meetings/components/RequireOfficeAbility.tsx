import type { ReactNode } from 'react';
import { StatusPage } from '../../../components/StatusPage.tsx';
import { useCurrentOffice } from '../../organization/components/OfficeScope.tsx';

/** A page for an ability in the current office (session.offices[i].abilities); the server checks again on every request. */
export function RequireOfficeAbility({ ability, children }: { ability: string; children: ReactNode }) {
  return useCurrentOffice().can(ability) ? children : <StatusPage kind="forbidden" />;
}
