import type { Grants } from '../../platform/authorize.ts';

/** The official calendar is system data: the system admin edits it; everyone with a session reads it. */
export const calendarGrants = {
  'calendar.manage': ['system_admin'],
} as const satisfies Grants;
