// The office tree as the session lists it: tree order for the switcher, the remembered choice, the landing page.
import type { Session } from '../shared/contracts/auth.ts';

type Office = Session['offices'][number];
const STORAGE_KEY = 'ro.office';

/** Parents before children, siblings in the server's order; depth for indenting. */
export function officesInTreeOrder(offices: readonly Office[]): Array<{ office: Office; depth: number }> {
  const ids = new Set(offices.map((o) => o.id));
  const children = new Map<string | null, Office[]>();
  for (const o of offices) {
    const parent = o.parentId && ids.has(o.parentId) ? o.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), o]);
  }
  const out: Array<{ office: Office; depth: number }> = [];
  const walk = (parent: string | null, depth: number) => {
    for (const o of children.get(parent) ?? []) {
      out.push({ office: o, depth });
      walk(o.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

export function rememberOffice(id: string) {
  try {
    localStorage.setItem(STORAGE_KEY, id);
  } catch {
    // not persisted in private mode
  }
}

export function rememberedOffice(session: Session): Office | undefined {
  let id: string | null = null;
  try {
    id = localStorage.getItem(STORAGE_KEY);
  } catch {
    id = null;
  }
  return session.offices.find((o) => o.id === id);
}

/** The first office in tree order among those where the account holds a post (else the first visible one). */
export function homeOffice(session: Session): Office | undefined {
  const ordered = officesInTreeOrder(session.offices).map((x) => x.office);
  const withPost = new Set(session.posts.map((p) => p.officeId));
  return ordered.find((o) => withPost.has(o.id)) ?? ordered[0];
}

/** Where a session lands after login: a system duty on its admin page, others on their office's roster. */
export function landingPath(session: Session): string {
  if (session.account.mustChangePassword) return '/password';
  switch (session.account.systemDuty) {
    case 'system_admin':
      return '/admin/accounts';
    case 'security_admin':
      return '/admin/security';
    case 'audit_admin':
      return '/admin/audit';
    default: {
      const office = rememberedOffice(session) ?? homeOffice(session);
      return office ? `/offices/${office.id}/roster` : '/no-office';
    }
  }
}

const ADMIN_ABILITIES: Record<string, string> = { '/admin/accounts': 'account.manage', '/admin/security': 'security.manage', '/admin/audit': 'audit.read' };

/** May this session open the path (to return after login without landing on a page of somebody else's rights)? */
export function mayOpen(session: Session, path: string): boolean {
  const office = /^\/offices\/([^/?#]+)/.exec(path)?.[1];
  if (office) return session.offices.some((o) => o.id === office);
  const admin = Object.entries(ADMIN_ABILITIES).find(([prefix]) => path.startsWith(prefix));
  if (admin) return session.abilities.includes(admin[1]);
  return !path.startsWith('/login') && !path.startsWith('/password');
}
