import { z } from 'zod';
import { IdSchema } from './common.ts';

export const REPORT_STATUSES = ['draft', 'submitted', 'returned', 'accepted'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];
export const LIGHTS = ['green', 'yellow', 'red', 'none'] as const;

export const CycleSchema = z.object({
  id: z.string(),
  officeId: z.string(),
  year: z.number(),
  quarter: z.number(),
  periodStart: z.string(),
  periodEnd: z.string(),
  dueWorkingDays: z.number(),
  /** Null while the calendar for the deadline's year is not loaded. */
  dueDate: z.string().nullable(),
  dueDateProblem: z.string().nullable(),
  openedAt: z.string(),
  /** For If-Match when the deadline is extended. */
  version: z.number(),
  summary: z.object({ units: z.number(), submitted: z.number(), onTime: z.number(), late: z.number(), returned: z.number(), accepted: z.number(), missing: z.number() }),
});
export type Cycle = z.infer<typeof CycleSchema>;
export const CycleOpenSchema = z.strictObject({ year: z.number().int().min(2000).max(2100), quarter: z.number().int().min(1).max(4) });
export const CycleParamsSchema = z.strictObject({ officeId: IdSchema, cycleId: IdSchema });
/** A1-10/A1-16: the office extends an open cycle's deadline (more working days after the quarter), with a reason. */
export const CycleDeadlineSchema = z.strictObject({ dueWorkingDays: z.number().int().min(1).max(120), reason: z.string().trim().min(1).max(500) });
export type CycleDeadline = z.infer<typeof CycleDeadlineSchema>;

export const AttachmentSchema = z.object({ id: z.string(), filename: z.string(), mime: z.string(), size: z.number(), digest: z.string(), createdAt: z.string() });

export const ReportSchema = z.object({
  id: z.string(),
  cycleId: z.string(),
  officeId: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  year: z.number(),
  quarter: z.number(),
  dueDate: z.string().nullable(),
  status: z.enum(REPORT_STATUSES),
  title: z.string(),
  body: z.string(),
  revision: z.number(),
  firstSubmittedAt: z.string().nullable(),
  submittedAt: z.string().nullable(),
  submittedByName: z.string().nullable(),
  lateWorkingDays: z.number().nullable(),
  reviewedAt: z.string().nullable(),
  reviewedByName: z.string().nullable(),
  returnReason: z.string().nullable(),
  attachments: z.array(AttachmentSchema),
  version: z.number(),
  abilities: z.array(z.enum(['edit', 'submit', 'accept', 'return'])),
});
export type Report = z.infer<typeof ReportSchema>;

export const ReportDraftSchema = z.strictObject({
  title: z.string().trim().min(1).max(200),
  body: z.string().max(100_000),
});
export type ReportDraft = z.infer<typeof ReportDraftSchema>;
export const ReportReturnSchema = z.strictObject({ reason: z.string().trim().min(2).max(1000) });
export const ReportParamsSchema = z.strictObject({ officeId: IdSchema, reportId: IdSchema });
export const DraftParamsSchema = z.strictObject({ officeId: IdSchema, cycleId: IdSchema, unitId: IdSchema });
export const AttachmentParamsSchema = z.strictObject({ officeId: IdSchema, reportId: IdSchema, fileId: IdSchema });

export const StatusRowSchema = z.object({
  unitId: z.string(),
  unitName: z.string(),
  reportId: z.string().nullable(),
  status: z.enum([...REPORT_STATUSES, 'missing']),
  /** Judged by the first submission: a report returned for revision and resubmitted stays on time. */
  timeliness: z.enum(['on_time', 'late']).nullable(),
  lateWorkingDays: z.number().nullable(),
  submittedAt: z.string().nullable(),
  light: z.enum(LIGHTS),
  liaisonName: z.string().nullable(),
});
export const StatusTableSchema = z.object({ cycle: CycleSchema, today: z.string(), workingDaysLeft: z.number().nullable(), rows: z.array(StatusRowSchema) });
export type StatusTable = z.infer<typeof StatusTableSchema>;

export const ReportEventSchema = z.object({ id: z.string(), action: z.string(), revision: z.number(), at: z.string(), actorName: z.string().nullable(), reason: z.string().nullable() });

export const ReportRulesSchema = z.strictObject({
  /** A1-10: working days after the quarter's end. */
  dueWorkingDays: z.number().int().min(1).max(60),
  /** Yellow light this many working days before the deadline. */
  yellowWorkingDays: z.number().int().min(0).max(20),
});
export type ReportRules = z.infer<typeof ReportRulesSchema>;
export const ReportRulesResponseSchema = z.object({ rules: ReportRulesSchema, inheritedFrom: z.string().nullable(), version: z.number() });

export const ChildSummarySchema = z.object({
  items: z.array(z.object({ officeId: z.string(), officeName: z.string(), cycleOpened: z.boolean(), dueDate: z.string().nullable(), units: z.number(), submitted: z.number(), onTime: z.number(), missing: z.number(), completionRate: z.number().nullable() })),
});
export const RemindSchema = z.strictObject({ unitIds: z.array(IdSchema).max(200).optional() });

/** The liaison officer's own unit(s): every cycle of the office with the unit's report, or none yet. */
export const MyReportsSchema = z.object({ items: z.array(z.object({ cycle: CycleSchema, unitId: z.string(), report: ReportSchema.nullable() })) });
export const RemindResultSchema = z.object({ reminded: z.number(), units: z.number() });
export const ChildrenQuerySchema = z.strictObject({ year: z.coerce.number().int().min(2000).max(2100), quarter: z.coerce.number().int().min(1).max(4) });
