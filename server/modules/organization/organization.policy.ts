import type { Grants } from '../../platform/authorize.ts';
import { POSTS } from '../../../shared/roles.ts';

/**
 * Who may do what in the organization module (SPEC §1). A post grants in its own office; `.read` also in the
 * office's descendants. The role × route matrix test reads this table as its oracle.
 */
export const organizationGrants = {
  /** The roster, people, appointment history, delegations and the liaison directory (A2-7) are open to every post. */
  'organization.read': POSTS,
  /** The office keeps the roster: units, people, appointments (A1-3: the office does the leading group's daily work). */
  'organization.manage': ['director', 'deputy_director', 'office_staff'],
  /** Delegations are made by the leader or the director, or recorded for them by the office. */
  'organization.delegate': ['leader', 'director', 'deputy_director', 'office_staff'],
} as const satisfies Grants;
