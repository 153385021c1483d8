import type { z } from 'zod';
import type { AuditPageSchema, AuditQuerySchema, AuditVerifySchema } from '../../../shared/contracts/audit.ts';
import { api, withQuery } from '../../api.ts';

export type AuditPage = z.infer<typeof AuditPageSchema>;
export type AuditVerify = z.infer<typeof AuditVerifySchema>;
export type AuditFilters = Omit<z.input<typeof AuditQuerySchema>, 'before' | 'limit'>;

export const auditApi = {
  entries: (filters: AuditFilters, page: { before?: number; limit: number }) => api.get<AuditPage>('/api/v1/audit/entries', { query: { ...filters, ...page } }),
  verify: () => api.get<AuditVerify>('/api/v1/audit/verify'),
  /** A plain link: the browser downloads the CSV with the session cookie. */
  exportUrl: (filters: AuditFilters) => withQuery('/api/v1/audit/export', filters),
};
