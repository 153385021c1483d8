import type { z } from 'zod';
import type { Account, AccountCreate, OneTimePasswordSchema } from '../../../shared/contracts/accounts.ts';
// The policy schema still lives beside the auth service; a type-only import adds nothing to the bundle.
import type { SecurityPolicy } from '../../../shared/contracts/security.ts';
import { api } from '../../api.ts';

export type OneTimePassword = z.infer<typeof OneTimePasswordSchema>;
export type { SecurityPolicy };
export interface PolicyWithVersion {
  policy: SecurityPolicy;
  version: number;
}

const account = (id: string) => `/api/v1/accounts/${encodeURIComponent(id)}`;

export const accountsApi = {
  list: () => api.get<{ items: Account[] }>('/api/v1/accounts').then((r) => r.items),
  create: (body: AccountCreate) => api.post<OneTimePassword>('/api/v1/accounts', body),
  disable: (id: string) => api.post<Account>(`${account(id)}/disable`),
  enable: (id: string) => api.post<Account>(`${account(id)}/enable`),
  resetPassword: (id: string) => api.post<OneTimePassword>(`${account(id)}/reset-password`),
};

export const securityApi = {
  policy: () => api.get<PolicyWithVersion>('/api/v1/security/policy'),
  savePolicy: (policy: SecurityPolicy, version: number) => api.put<PolicyWithVersion>('/api/v1/security/policy', policy, { ifMatch: version }),
};
