import type { Grants } from '../../platform/authorize.ts';

/** Auth routes need only a session (or none for login); no permission of their own. */
export const authGrants = {} as const satisfies Grants;
