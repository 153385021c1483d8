import type { Grants } from '../../platform/authorize.ts';

/** Only the audit admin reads, exports and verifies the trail; nobody edits it (database triggers). */
export const auditGrants = {
  'audit.read': ['audit_admin'],
} as const satisfies Grants;
