import { useEffect } from 'react';
import { Outlet, useOutletContext, useParams } from 'react-router';
import { StatusPage } from '../../../components/StatusPage.tsx';
import { rememberOffice } from '../../../offices.ts';
import { useSession, type SessionOffice } from '../../../session.tsx';

/** /offices/:officeId/*: the office must be one the session lists; its abilities decide which actions show. */
export function OfficeScope() {
  const { officeId } = useParams();
  const office = useSession().offices.find((o) => o.id === officeId);
  useEffect(() => {
    if (office) rememberOffice(office.id);
  }, [office]);
  if (!office) return <StatusPage kind="forbidden" />;
  return <Outlet context={office} />;
}

export interface CurrentOffice extends SessionOffice {
  can(ability: string): boolean;
}

/** The office of the page, with `can('organization.manage')` from the session's abilities. */
export function useCurrentOffice(): CurrentOffice {
  const office = useOutletContext<SessionOffice>();
  return { ...office, can: (a) => office.abilities.includes(a) };
}
