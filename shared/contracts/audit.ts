import { z } from 'zod';

export const AuditEntrySchema = z.object({
  seq: z.number(),
  id: z.string(),
  at: z.string(),
  actorAccountId: z.string().nullable(),
  actorName: z.string().nullable(),
  actorPost: z.string().nullable(),
  officeId: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  requestId: z.string().nullable(),
  ip: z.string().nullable(),
  hash: z.string(),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

export const AuditQuerySchema = z.strictObject({
  officeId: z.string().max(64).optional(),
  action: z.string().max(100).optional(),
  entityType: z.string().max(50).optional(),
  entityId: z.string().max(64).optional(),
  actorAccountId: z.string().max(64).optional(),
  from: z.iso.datetime().optional(),
  to: z.iso.datetime().optional(),
  /** Entries with seq below this (newest first paging). */
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});
export type AuditQuery = z.infer<typeof AuditQuerySchema>;

export const AuditPageSchema = z.object({ items: z.array(AuditEntrySchema), nextBefore: z.number().nullable() });
export const AuditVerifySchema = z.object({
  rows: z.number(),
  ok: z.boolean(),
  problems: z.array(z.object({ seq: z.number(), kind: z.enum(['missing', 'altered', 'out_of_order']), detail: z.string() })),
});
