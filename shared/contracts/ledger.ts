import { z } from 'zod';
import { DateSchema, IdSchema } from './common.ts';

export const TASK_STATUSES = ['not_started', 'on_track', 'at_risk', 'overdue', 'done', 'cancelled'] as const;
export type TaskStatusName = (typeof TASK_STATUSES)[number];
export const SOURCE_TYPES = ['plan_clause', 'meeting_decision', 'superior_document', 'leader_instruction', 'other'] as const;

export const TASK_STATUS_LABELS: Record<TaskStatusName, { zh: string; en: string }> = {
  not_started: { zh: '未启动', en: 'Not started' },
  on_track: { zh: '正常推进', en: 'On track' },
  at_risk: { zh: '有风险', en: 'At risk' },
  overdue: { zh: '已逾期', en: 'Overdue' },
  done: { zh: '已销号', en: 'Done' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
};

const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

export const TaskSourceSchema = z.strictObject({
  type: z.enum(SOURCE_TYPES),
  /** A plan clause id, a meeting decision id, a superior document's number … */
  ref: optionalText(200),
  label: optionalText(300),
});

export const MilestoneInputSchema = z.strictObject({ title: text(200), dueDate: DateSchema, doneOn: DateSchema.nullable().optional() });

export const TaskCreateSchema = z.strictObject({
  code: z.string().trim().min(1).max(50).optional(),
  title: text(300),
  description: optionalText(5000),
  source: TaskSourceSchema.default({ type: 'other' }),
  parentId: IdSchema.nullable().optional(),
  leadUnitId: IdSchema,
  cooperatingUnitIds: z.array(IdSchema).max(50).default([]),
  /** Child offices (counties, parks) that each get a linked task in their own ledger (push-down). */
  countyOfficeIds: z.array(IdSchema).max(50).default([]),
  deadline: DateSchema,
  keyTask: z.boolean().default(false),
  expectedResult: optionalText(2000),
  weight: z.number().min(0).max(100).default(1),
  milestones: z.array(MilestoneInputSchema).max(50).default([]),
});
export type TaskCreate = z.input<typeof TaskCreateSchema>;
export type TaskCreateParsed = z.output<typeof TaskCreateSchema>;

export const TaskUpdateSchema = z.strictObject({
  code: z.string().trim().min(1).max(50).optional(),
  title: text(300).optional(),
  description: optionalText(5000),
  leadUnitId: IdSchema.optional(),
  cooperatingUnitIds: z.array(IdSchema).max(50).optional(),
  deadline: DateSchema.optional(),
  keyTask: z.boolean().optional(),
  expectedResult: optionalText(2000),
  weight: z.number().min(0).max(100).optional(),
  milestones: z.array(MilestoneInputSchema).max(50).optional(),
  /** A person may set the figure directly (a leaf task only); computed parents are rolled up. */
  percent: z.number().int().min(0).max(100).nullable().optional(),
});
export type TaskUpdate = z.infer<typeof TaskUpdateSchema>;

export const TaskSummarySchema = z.object({
  id: z.string(),
  officeId: z.string(),
  parentId: z.string().nullable(),
  originTaskId: z.string().nullable(),
  depth: z.number(),
  code: z.string(),
  title: z.string(),
  leadUnitId: z.string().nullable(),
  leadUnitName: z.string().nullable(),
  deadline: z.string(),
  keyTask: z.boolean(),
  percent: z.number().nullable(),
  status: z.enum(TASK_STATUSES),
  lastUpdateOn: z.string().nullable(),
  childCount: z.number(),
  version: z.number(),
});
export type TaskSummary = z.infer<typeof TaskSummarySchema>;

export const ProgressUpdateSchema = z.object({
  id: z.string(),
  taskId: z.string(),
  unitId: z.string().nullable(),
  unitName: z.string().nullable(),
  reportedOn: z.string(),
  doneText: z.string(),
  nextSteps: z.string().nullable(),
  problems: z.string().nullable(),
  supportNeeded: z.string().nullable(),
  percent: z.number().nullable(),
  state: z.enum(['submitted', 'returned']),
  officeComment: z.string().nullable(),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
  attachments: z.array(z.object({ id: z.string(), filename: z.string(), mime: z.string(), size: z.number() })),
  version: z.number(),
});
export type ProgressUpdate = z.infer<typeof ProgressUpdateSchema>;

/** A deadline extension request: filed before the deadline with a reason and a new date; the office decides. */
export const EXTENSION_STATES = ['pending', 'approved', 'rejected'] as const;
export const ExtensionRequestSchema = z.object({
  id: z.string(),
  taskId: z.string(),
  unitName: z.string().nullable(),
  requestedByName: z.string(),
  requestedAt: z.string(),
  currentDeadline: z.string(),
  newDeadline: z.string(),
  reason: z.string(),
  state: z.enum(EXTENSION_STATES),
  decidedByName: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
  version: z.number(),
});
export type ExtensionRequest = z.infer<typeof ExtensionRequestSchema>;
export const ExtensionCreateSchema = z.strictObject({ newDeadline: DateSchema, reason: text(1000) });
export type ExtensionCreate = z.infer<typeof ExtensionCreateSchema>;
export const ExtensionDecisionSchema = z.strictObject({ note: text(1000).optional() });
export const ExtensionRejectSchema = z.strictObject({ note: text(1000) });
export const ExtensionParamsSchema = z.strictObject({ officeId: IdSchema, taskId: IdSchema, requestId: IdSchema });

export const TaskDetailSchema = TaskSummarySchema.extend({
  description: z.string().nullable(),
  source: z.object({ type: z.enum(SOURCE_TYPES), ref: z.string().nullable(), label: z.string().nullable() }),
  expectedResult: z.string().nullable(),
  weight: z.number(),
  atRiskFrom: z.string().nullable(),
  deadlineProblem: z.string().nullable(),
  doneAt: z.string().nullable(),
  doneByName: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  cancelReason: z.string().nullable(),
  cooperatingUnits: z.array(z.object({ id: z.string(), name: z.string() })),
  milestones: z.array(z.object({ id: z.string(), title: z.string(), dueDate: z.string(), doneOn: z.string().nullable(), missed: z.boolean() })),
  children: z.array(TaskSummarySchema),
  /** Push-down: each assigned county's linked task in its own ledger. */
  counties: z.array(z.object({ officeId: z.string(), officeName: z.string(), taskId: z.string(), percent: z.number().nullable(), status: z.enum(TASK_STATUSES) })),
  /** How the percent was obtained: the latest update, a person, or the weighted children (weights shown). */
  rollup: z.object({ percent: z.number().nullable(), used: z.array(z.object({ id: z.string(), percent: z.number(), weight: z.number() })) }).nullable(),
  updates: z.array(ProgressUpdateSchema),
  history: z.array(z.object({ at: z.string(), action: z.string(), actorName: z.string().nullable(), title: z.string() })),
  /** Deadline extension requests, newest first. */
  extensions: z.array(ExtensionRequestSchema),
  abilities: z.array(z.enum(['edit', 'update', 'confirm_done', 'cancel', 'review_updates', 'request_extension', 'decide_extension'])),
});
export type TaskDetail = z.infer<typeof TaskDetailSchema>;

export const TaskListQuerySchema = z.strictObject({
  q: z.string().trim().max(100).optional(),
  unitId: IdSchema.optional(),
  countyOfficeId: IdSchema.optional(),
  status: z.enum(TASK_STATUSES).optional(),
  keyTask: z.enum(['true', 'false']).optional(),
  deadlineFrom: DateSchema.optional(),
  deadlineTo: DateSchema.optional(),
  parentId: IdSchema.optional(),
  /** Top-level tasks only (default) or every level. */
  level: z.enum(['top', 'all']).default('top'),
  sort: z.enum(['code', 'deadline', 'percent', 'updated']).default('code'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type TaskListQuery = z.infer<typeof TaskListQuerySchema>;
export const TaskListSchema = z.object({ items: z.array(TaskSummarySchema), total: z.number() });
export type TaskList = z.infer<typeof TaskListSchema>;

export const ProgressCreateSchema = z.strictObject({
  reportedOn: DateSchema.optional(),
  doneText: text(5000),
  nextSteps: optionalText(2000),
  problems: optionalText(2000),
  supportNeeded: optionalText(2000),
  percent: z.number().int().min(0).max(100).nullable().optional(),
  /** The unit reporting (lead unit, or a cooperating unit for its part); defaults to the actor's unit on the task. */
  unitId: IdSchema.optional(),
});
export type ProgressCreate = z.infer<typeof ProgressCreateSchema>;
export const ProgressReviewSchema = z.strictObject({ comment: text(2000) });
export const TaskParamsSchema = z.strictObject({ officeId: IdSchema, taskId: IdSchema });
export const UpdateParamsSchema = z.strictObject({ officeId: IdSchema, taskId: IdSchema, updateId: IdSchema });
export const CancelSchema = z.strictObject({ reason: text(1000) });
export const ConfirmDoneSchema = z.strictObject({ note: optionalText(1000) });
export const BulkAssignSchema = z.strictObject({ taskIds: z.array(IdSchema).min(1).max(500), leadUnitId: IdSchema });

export const SavedViewSchema = z.object({ id: z.string(), name: z.string(), filters: z.record(z.string(), z.unknown()), createdAt: z.string() });
export const SavedViewCreateSchema = z.strictObject({ name: text(50), filters: TaskListQuerySchema.partial() });

export const PlanSchema = z.object({ id: z.string(), kind: z.enum(['implementation_plan', 'task_division']), title: z.string(), docNumber: z.string().nullable(), adoptedOn: z.string().nullable(), clauses: z.array(z.object({ id: z.string(), code: z.string(), text: z.string() })), version: z.number() });
export const PlanCreateSchema = z.strictObject({
  kind: z.enum(['implementation_plan', 'task_division']),
  title: text(300),
  docNumber: optionalText(100),
  adoptedOn: DateSchema.nullable().optional(),
  clauses: z.array(z.strictObject({ code: text(50), text: text(5000) })).max(500).default([]),
});

export const DashboardSchema = z.object({
  asOf: z.string(),
  totals: z.object({ tasks: z.number(), keyTasks: z.number(), byStatus: z.record(z.string(), z.number()), averagePercent: z.number().nullable() }),
  byUnit: z.array(z.object({ unitId: z.string(), unitName: z.string(), tasks: z.number(), done: z.number(), overdue: z.number(), atRisk: z.number(), averagePercent: z.number().nullable() })),
  byCounty: z.array(z.object({ officeId: z.string(), officeName: z.string(), tasks: z.number(), done: z.number(), overdue: z.number(), atRisk: z.number(), averagePercent: z.number().nullable() })),
  keyTasksWithoutUpdate: z.array(z.object({ id: z.string(), code: z.string(), title: z.string(), leadUnitName: z.string().nullable(), lastUpdateOn: z.string().nullable() })),
  trend: z.array(z.object({ month: z.string(), updates: z.number(), done: z.number() })),
});
export type Dashboard = z.infer<typeof DashboardSchema>;

// ---- what changed in a period (本期变化: "what changed since last month", a baseline users ask for) ----
export const LEDGER_CHANGE_KINDS = ['created', 'progress', 'extended', 'overdue', 'done', 'cancelled'] as const;
export type LedgerChangeKind = (typeof LEDGER_CHANGE_KINDS)[number];
export const LedgerChangesQuerySchema = z.strictObject({
  /** First and last day of the period, China dates, both included (to: today when left out). */
  from: DateSchema,
  to: DateSchema.optional(),
});
export const LedgerChangesSchema = z.object({
  from: z.string(),
  to: z.string(),
  asOf: z.string(),
  /** Tasks with each kind of change in the period (a task can count under several kinds). */
  counts: z.object({ created: z.number(), progress: z.number(), extended: z.number(), overdue: z.number(), done: z.number(), cancelled: z.number() }),
  /** The changed tasks by code, at most LEDGER_CHANGES_LIMIT (truncated says when there were more). */
  items: z.array(
    z.object({
      taskId: z.string(), code: z.string(), title: z.string(), depth: z.number(), leadUnitName: z.string().nullable(), status: z.enum(TASK_STATUSES),
      /** The figure before the period (the latest counting update reported before it; null: none, or a parent's roll-up) and now. */
      percentBefore: z.number().nullable(), percentNow: z.number().nullable(),
      /** Each change: its day; `n` the number of progress updates in the period; `note` an extension's old → new deadline. */
      changes: z.array(z.object({ kind: z.enum(LEDGER_CHANGE_KINDS), on: z.string(), n: z.number().nullable(), note: z.string().nullable() })),
    }),
  ),
  truncated: z.boolean(),
});
export type LedgerChanges = z.infer<typeof LedgerChangesSchema>;
export const LEDGER_CHANGES_LIMIT = 500;

// ---- Excel import / export of the ledger (server/modules/ledger/ledger-excel.ts) ----
export const LEDGER_IMPORT_MODES = ['dry-run', 'commit'] as const;
export type LedgerImportMode = (typeof LEDGER_IMPORT_MODES)[number];
export const LedgerImportQuerySchema = z.strictObject({
  /** dry-run (default): check every row and preview, write nothing; commit: start a job that writes everything or nothing. */
  mode: z.enum(LEDGER_IMPORT_MODES).default('dry-run'),
});
export const LedgerImportIssueSchema = z.object({
  field: z.string(),
  /** The Chinese column header as found in the file (null for a row-level problem). */
  column: z.string().nullable(),
  message: z.string(),
  /** For an unknown unit or county: the closest existing name. */
  suggestion: z.string().nullable(),
});
export type LedgerImportIssue = z.infer<typeof LedgerImportIssueSchema>;
export const LedgerImportRowSchema = z.object({
  /** The Excel row number. */
  row: z.number(),
  /** group: a heading row (一、…) that becomes a parent task; task: a task row. */
  kind: z.enum(['group', 'task']),
  /** The heading row this task belongs to. */
  parentRow: z.number().nullable(),
  /** The code from the file, or the one that will be assigned. */
  code: z.string().nullable(),
  title: z.string().nullable(),
  /** After a commit: the task created. */
  taskId: z.string().nullable(),
  errors: z.array(LedgerImportIssueSchema),
});
export const LedgerImportReportSchema = z.object({
  mode: z.enum(LEDGER_IMPORT_MODES),
  sheet: z.string(),
  headerRow: z.number(),
  rows: z.array(LedgerImportRowSchema),
  errorCount: z.number(),
  summary: z.object({ rows: z.number(), groups: z.number(), tasks: z.number(), progressUpdates: z.number(), countyCopies: z.number(), rowsWithErrors: z.number() }),
});
export type LedgerImportReport = z.infer<typeof LedgerImportReportSchema>;
export const IMPORT_JOB_STATES = ['running', 'succeeded', 'failed'] as const;
export const LedgerImportJobSchema = z.object({
  id: z.string(),
  state: z.enum(IMPORT_JOB_STATES),
  /** Tasks written so far (ledger rows; county copies are not counted) out of total. */
  done: z.number(),
  total: z.number(),
  /** The checked rows (in the commit's 202 answer), then with each row's task once finished; null while running (progress polls stay small). */
  report: LedgerImportReportSchema.nullable(),
  /** Why a failed job failed; nothing was written. */
  error: z.string().nullable(),
  fileName: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type LedgerImportJob = z.infer<typeof LedgerImportJobSchema>;
export const ImportJobParamsSchema = z.strictObject({ officeId: IdSchema, jobId: IdSchema });
