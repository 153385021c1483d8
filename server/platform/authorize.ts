import type { Role } from '../../shared/roles.ts';
import type { Actor } from './actor.ts';
import { AppError } from './errors.ts';

/**
 * The grant table: permission → roles. Built once in app.ts from the modules' policy files (registered explicitly).
 * Rules: a post grants its permissions in its own office; `*.read` permissions also reach the office's descendants,
 * never siblings or ancestors. System duties grant only their own global permissions (no business content).
 */
export type Grants = Readonly<Record<string, readonly Role[]>>;

export function mergeGrants(...tables: Grants[]): Grants {
  const out: Record<string, readonly Role[]> = {};
  for (const t of tables) {
    for (const [perm, roles] of Object.entries(t)) {
      if (out[perm]) throw new Error(`permission ${perm} granted twice`);
      out[perm] = roles;
    }
  }
  return out;
}

export interface OfficeRef {
  id: string;
  path: string;
}

export const isReadPermission = (permission: string) => permission.endsWith('.read');

/** Which posts of the actor give `permission` in `office` (empty when none). */
export function postsGranting(grants: Grants, actor: Actor, permission: string, office: OfficeRef) {
  const roles = grants[permission];
  if (!roles) throw new Error(`unknown permission ${permission}`);
  return actor.posts.filter(
    (p) =>
      roles.includes(p.post) &&
      (p.officeId === office.id || (isReadPermission(permission) && office.path.startsWith(p.officePath))),
  );
}

export function can(grants: Grants, actor: Actor | null, permission: string, office?: OfficeRef): boolean {
  if (!actor) return false;
  const roles = grants[permission];
  if (!roles) throw new Error(`unknown permission ${permission}`);
  if (!office) return actor.systemDuty !== null && roles.includes(actor.systemDuty);
  return postsGranting(grants, actor, permission, office).length > 0;
}

export function authorize(grants: Grants, actor: Actor | null, permission: string, office?: OfficeRef): void {
  if (!actor) throw new AppError('UNAUTHENTICATED');
  if (!can(grants, actor, permission, office)) {
    throw new AppError('FORBIDDEN', undefined, { permission, officeId: office?.id ?? null });
  }
}

/** Abilities sent to the UI for one office, so the client never re-implements the rules. */
export function abilitiesFor(grants: Grants, actor: Actor, office?: OfficeRef): string[] {
  return Object.keys(grants).filter((perm) => can(grants, actor, perm, office));
}
