import type { Grants } from '../../platform/authorize.ts';
import type { Actor } from '../../platform/actor.ts';

/** Quarterly written reports (A1-10). */
export const reportsGrants = {
  /** The status table, cycles and accepted reports; `.read` also reaches child offices (counties, read-only). */
  'report.read': ['leader', 'deputy_leader', 'group_member', 'director', 'deputy_director', 'office_staff'],
  /** The office reviews: opens cycles, accepts or returns reports, sends reminders. */
  'report.review': ['director', 'deputy_director', 'office_staff'],
  /** Rule data of this office (deadline in working days, yellow light). */
  'report.rules': ['director', 'deputy_director'],
  /** A member unit's liaison officer drafts and submits its report (only for the unit named in the post). */
  'report.submit': ['liaison_officer'],
} as const satisfies Grants;

/** May this actor draft and submit for that unit? Only as the unit's current liaison officer in that office. */
export const isUnitSubmitter = (actor: Actor, officeId: string, unitId: string) =>
  actor.posts.some((p) => p.post === 'liaison_officer' && p.officeId === officeId && p.unitId === unitId);
