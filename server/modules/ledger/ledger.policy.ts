import type { Grants } from '../../platform/authorize.ts';

/** The reform work ledger (A1-6, A1-7, A2-4, A2-5, A1-9). */
export const ledgerGrants = {
  /** The whole ledger and dashboard; `.read` also reaches child offices (a prefecture watches its counties). */
  'ledger.read': ['leader', 'deputy_leader', 'group_member', 'director', 'deputy_director', 'office_staff'],
  /** The office keeps the ledger: plans, tasks, assignment, confirmation (销号), review of updates, import. */
  'ledger.manage': ['director', 'deputy_director', 'office_staff'],
  /** Progress updates and "my tasks": member units (for their own tasks) and the office. */
  'ledger.update': ['liaison_officer', 'information_officer', 'director', 'deputy_director', 'office_staff'],
} as const satisfies Grants;

/** Posts that act for the office itself (not for one member unit). */
export const OFFICE_ACTING_POSTS = ['director', 'deputy_director', 'office_staff'] as const;
