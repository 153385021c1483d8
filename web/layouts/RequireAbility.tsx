import type { ReactNode } from 'react';
import { StatusPage } from '../components/StatusPage.tsx';
import { hasAbility, useSession } from '../session.tsx';

/** A page for a global ability of a system duty (the server checks again on every request). */
export function RequireAbility({ ability, children }: { ability: string; children: ReactNode }) {
  return hasAbility(useSession(), ability) ? children : <StatusPage kind="forbidden" />;
}
