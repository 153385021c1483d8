import type { Grants } from '../../platform/authorize.ts';

/** The three system duties (等保 三员分立): mutually exclusive, global, and none of them reads business content. */
export const accountsGrants = {
  /** Create, disable, enable accounts and issue one-time passwords. */
  'account.manage': ['system_admin'],
  /** Password and session policy, unlocking locked accounts. */
  'security.manage': ['security_admin'],
} as const satisfies Grants;
