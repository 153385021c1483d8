// Official documents (A2-12) and incoming documents / major-matter reports (A2-11): one schema per wire shape.
import { z } from 'zod';
import { IdSchema } from './common.ts';

// ---------------------------------------------------------------- outgoing documents (发文)

export const DOCUMENT_STATUSES = ['draft', 'in_review', 'awaiting_signoff', 'signed', 'numbered', 'issued', 'voided', 'cancelled'] as const;
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];
export const DOCUMENT_STATUS_LABELS: Record<DocumentStatus, string> = {
  draft: '草稿',
  in_review: '核稿中',
  awaiting_signoff: '待签发',
  signed: '已签发',
  numbered: '已编号',
  issued: '已印发',
  voided: '已作废',
  cancelled: '已撤销',
};

/** The leading group (documents in its name, signed by the leader) or the office (signed by the director). */
export const ISSUERS = ['leading_group', 'office'] as const;
export type Issuer = (typeof ISSUERS)[number];

/** 文种 (党政机关公文处理工作条例 art. 8), the ones an approval-reform office uses. */
export const DOCUMENT_KINDS = ['notice', 'circular', 'request', 'report', 'letter', 'minutes', 'opinion', 'decision', 'reply'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];
export const DOCUMENT_KIND_LABELS: Record<DocumentKind, string> = {
  notice: '通知',
  circular: '通报',
  request: '请示',
  report: '报告',
  letter: '函',
  minutes: '纪要',
  opinion: '意见',
  decision: '决定',
  reply: '批复',
};
/** 下行文 / 上行文 / 平行文: an upward document shows its 签发人 in the header. */
export const DIRECTIONS = ['downward', 'upward', 'parallel'] as const;
export const CLASSIFICATIONS = ['秘密', '机密', '绝密'] as const;
export const URGENCIES = ['加急', '特急'] as const;
/** 公开属性: 主动公开 / 依申请公开 / 不予公开 (with a reason). */
export const DISCLOSURES = ['public', 'on_request', 'not_public'] as const;

/** A recipient: inside the system (a member unit or a child office) or only a name (paper). */
export const RecipientSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  unitId: IdSchema.nullable().optional(),
  officeId: IdSchema.nullable().optional(),
});
export type Recipient = z.infer<typeof RecipientSchema>;

export const AttachmentEntrySchema = z.strictObject({
  /** As in the 附件说明 and on the attachment's first page. */
  title: z.string().trim().min(1).max(300),
  /** Text laid out on the attachment's pages (plain text, one paragraph per line). */
  body: z.string().max(200_000).optional().default(''),
  /** An uploaded file (docx/pdf/xlsx) that is this attachment. */
  fileId: IdSchema.nullable().optional(),
});

const text = (max: number) => z.string().max(max);

export const DocumentDraftSchema = z
  .strictObject({
    issuer: z.enum(ISSUERS),
    kind: z.enum(DOCUMENT_KINDS),
    direction: z.enum(DIRECTIONS),
    /** '\n' marks the issuer's own title line breaks. */
    title: z.string().trim().min(1).max(300),
    addressees: z.array(RecipientSchema).max(200),
    body: text(200_000),
    attachments: z.array(AttachmentEntrySchema).max(50).default([]),
    copyTo: z.array(RecipientSchema).max(200).default([]),
    classification: z.enum(CLASSIFICATIONS).nullable().default(null),
    secrecyPeriod: z.string().trim().max(20).nullable().default(null),
    urgency: z.enum(URGENCIES).nullable().default(null),
    disclosure: z.enum(DISCLOSURES),
    disclosureReason: z.string().trim().max(500).nullable().default(null),
    /** 附注; when absent the disclosure attribute's (（此件公开发布） …); null for none. */
    note: z.string().trim().max(500).nullable().optional(),
    /** The office seals on the leading group's behalf: "（代章）" after the name. */
    sealedOnBehalf: z.boolean().default(false),
    /** 发文机关标志 name (without 文件); default the issuer's full name. */
    issuerName: z.string().trim().min(1).max(100).optional(),
    /** 发文机关署名; default the issuer's name with the office's short name. */
    signatureName: z.string().trim().min(1).max(100).optional(),
    /** 印发机关; default the office's full name. */
    printedBy: z.string().trim().min(1).max(100).optional(),
  })
  .refine((d) => d.disclosure !== 'not_public' || (d.disclosureReason ?? '').length >= 2, { path: ['disclosureReason'], message: '不予公开须说明理由 / a reason is required when not public' })
  .refine((d) => d.classification === null || d.disclosure === 'not_public', { path: ['disclosure'], message: '涉密公文不予公开 / a classified document cannot be public' });
export type DocumentDraft = z.infer<typeof DocumentDraftSchema>;

export const DOCUMENT_ABILITIES = ['edit', 'submit', 'approve', 'return', 'sign', 'number', 'issue', 'distribute', 'void', 'cancel'] as const;

export const DocumentAttachmentFileSchema = z.object({ id: z.string(), filename: z.string(), mime: z.string(), size: z.number(), digest: z.string(), createdAt: z.string() });

export const ReviewStepSchema = z.object({
  round: z.number(),
  step: z.number(),
  reviewerPersonId: z.string(),
  reviewerName: z.string(),
  decision: z.enum(['approved', 'returned']).nullable(),
  comment: z.string().nullable(),
  decidedAt: z.string().nullable(),
});

export const DocumentSchema = z.object({
  id: z.string(),
  officeId: z.string(),
  issuer: z.enum(ISSUERS),
  issuerCode: z.string().nullable(),
  issuerName: z.string(),
  kind: z.enum(DOCUMENT_KINDS),
  direction: z.enum(DIRECTIONS),
  title: z.string(),
  addressees: z.array(RecipientSchema),
  body: z.string(),
  attachments: z.array(z.object({ title: z.string(), body: z.string(), fileId: z.string().nullable() })),
  copyTo: z.array(RecipientSchema),
  classification: z.enum(CLASSIFICATIONS).nullable(),
  secrecyPeriod: z.string().nullable(),
  urgency: z.enum(URGENCIES).nullable(),
  disclosure: z.enum(DISCLOSURES),
  disclosureReason: z.string().nullable(),
  note: z.string().nullable(),
  sealedOnBehalf: z.boolean(),
  signatureName: z.string(),
  printedBy: z.string(),
  printedOn: z.string().nullable(),
  status: z.enum(DOCUMENT_STATUSES),
  statusLabel: z.string(),
  reviewRound: z.number(),
  reviews: z.array(ReviewStepSchema),
  /** The reviewer whose turn it is (in_review). */
  currentReviewer: z.object({ personId: z.string(), name: z.string() }).nullable(),
  signoff: z
    .object({
      /** As printed: "张三" or, under delegation, "张三（代）". */
      signerLabel: z.string(),
      signedByPersonId: z.string(),
      signedByName: z.string(),
      signedOn: z.string(),
      signedAt: z.string(),
      via: z.enum(['post', 'delegation']),
      delegationId: z.string().nullable(),
      onBehalfOfName: z.string().nullable(),
      opinion: z.string().nullable(),
    })
    .nullable(),
  number: z.object({ text: z.string(), issuerCode: z.string(), year: z.number(), serial: z.number(), numberedAt: z.string(), numberedByName: z.string().nullable() }).nullable(),
  issuedAt: z.string().nullable(),
  issuedByName: z.string().nullable(),
  digest: z.string().nullable(),
  closedAt: z.string().nullable(),
  closeReason: z.string().nullable(),
  files: z.array(DocumentAttachmentFileSchema),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number(),
  abilities: z.array(z.enum(DOCUMENT_ABILITIES)),
});
export type Document = z.infer<typeof DocumentSchema>;

export const DocumentListItemSchema = DocumentSchema.pick({ id: true, officeId: true, issuer: true, kind: true, direction: true, title: true, status: true, statusLabel: true, issuedAt: true, createdAt: true, updatedAt: true, version: true }).extend({
  number: z.string().nullable(),
  signedOn: z.string().nullable(),
});

export const DocumentParamsSchema = z.strictObject({ officeId: IdSchema, documentId: IdSchema });
export const DocumentFileParamsSchema = z.strictObject({ officeId: IdSchema, documentId: IdSchema, fileId: IdSchema });
export const DocumentListQuerySchema = z.strictObject({
  status: z.enum(DOCUMENT_STATUSES).optional(),
  q: z.string().trim().max(100).optional(),
});

export const CommentSchema = z.strictObject({ comment: z.string().trim().max(2000).optional() });
export const ReasonSchema = z.strictObject({ reason: z.string().trim().min(2).max(1000) });
export const SignSchema = z.strictObject({ opinion: z.string().trim().max(2000).optional() });
export const DistributeSchema = z.strictObject({
  recipients: z.array(z.strictObject({ role: z.enum(['addressee', 'copy_to']), unitId: IdSchema.nullable().optional(), officeId: IdSchema.nullable().optional() })).min(1).max(200),
});

export const DocumentEventSchema = z.object({ id: z.string(), action: z.string(), at: z.string(), actorName: z.string().nullable(), detail: z.record(z.string(), z.unknown()).nullable() });
export const DocumentHistorySchema = z.object({ items: z.array(DocumentEventSchema), reviews: z.array(ReviewStepSchema) });

export const DistributionSchema = z.object({
  id: z.string(),
  role: z.enum(['addressee', 'copy_to']),
  recipientType: z.enum(['unit', 'office']),
  recipientId: z.string(),
  recipientName: z.string(),
  distributedAt: z.string(),
  distributedByName: z.string().nullable(),
  receipts: z.array(z.object({ readerName: z.string(), readAt: z.string() })),
});
export const DistributionListSchema = z.object({ items: z.array(DistributionSchema), external: z.array(z.object({ role: z.enum(['addressee', 'copy_to']), name: z.string() })) });

export const RegisterEntrySchema = z.object({
  number: z.string(),
  issuerCode: z.string(),
  year: z.number(),
  serial: z.number(),
  documentId: z.string(),
  title: z.string(),
  status: z.enum(DOCUMENT_STATUSES),
  assignedAt: z.string(),
  assignedByName: z.string().nullable(),
  voidedAt: z.string().nullable(),
  voidReason: z.string().nullable(),
});
export const RegisterQuerySchema = z.strictObject({ year: z.coerce.number().int().min(2000).max(2100).optional(), issuerCode: z.string().max(50).optional() });
export const RegisterSchema = z.object({
  items: z.array(RegisterEntrySchema),
  /** Per issuer code and year: numbers given, the highest, and any serial missing from 1…highest (none expected). */
  summary: z.array(z.object({ issuerCode: z.string(), year: z.number(), count: z.number(), highest: z.number(), voided: z.number(), gaps: z.array(z.number()) })),
});

export const VerifySchema = z.object({
  documentId: z.string(),
  number: z.string().nullable(),
  ok: z.boolean(),
  storedDigest: z.string().nullable(),
  computedDigest: z.string(),
  problems: z.array(z.string()),
});

export const ReceivedItemSchema = z.object({
  distributionId: z.string(),
  documentId: z.string(),
  fromOfficeName: z.string(),
  number: z.string().nullable(),
  title: z.string(),
  role: z.enum(['addressee', 'copy_to']),
  recipientName: z.string(),
  distributedAt: z.string(),
  readAt: z.string().nullable(),
});
export const ReceivedParamsSchema = z.strictObject({ officeId: IdSchema, distributionId: IdSchema });

// ---------------------------------------------------------------- rules (核稿 chain, incoming time limits)

export const INCOMING_CATEGORIES = ['approval', 'filing', 'major_matter'] as const;
export type IncomingCategory = (typeof INCOMING_CATEGORIES)[number];
export const INCOMING_CATEGORY_LABELS: Record<IncomingCategory, string> = { approval: '报批', filing: '报备', major_matter: '重大事项报告' };

export const DocumentRulesSchema = z.strictObject({
  /** Ordered 核稿 reviewers (people of this office) per issuer; empty: straight to sign-off. */
  reviewChain: z.strictObject({ leading_group: z.array(IdSchema).max(10), office: z.array(IdSchema).max(10) }),
  /** Working days the office has to handle an incoming item from its registration. */
  incomingWorkingDays: z.strictObject({ approval: z.number().int().min(1).max(60), filing: z.number().int().min(1).max(60), major_matter: z.number().int().min(1).max(60) }),
  /** Yellow light this many working days before the time limit. */
  yellowWorkingDays: z.number().int().min(0).max(20),
});
export type DocumentRules = z.infer<typeof DocumentRulesSchema>;
export const DocumentRulesResponseSchema = z.object({ rules: DocumentRulesSchema, inheritedFrom: z.string().nullable(), reviewers: z.record(z.string(), z.string()), version: z.number() });

// ---------------------------------------------------------------- incoming (收文) and major matters (A2-11)

export const INCOMING_STATUSES = ['submitted', 'registered', 'forwarded', 'instructed', 'filed', 'closed', 'rejected'] as const;
export type IncomingStatus = (typeof INCOMING_STATUSES)[number];
export const INCOMING_STATUS_LABELS: Record<IncomingStatus, string> = {
  submitted: '已报送',
  registered: '已登记',
  forwarded: '已呈批',
  instructed: '已批示',
  filed: '已备案',
  closed: '已办结',
  rejected: '已退回',
};

export const SubmissionSchema = z
  .strictObject({
    category: z.enum(INCOMING_CATEGORIES),
    title: z.string().trim().min(1).max(300),
    /** 来文字号 of the submitting unit, if any. */
    theirNumber: z.string().trim().max(100).nullable().default(null),
    summary: z.string().trim().max(100_000).default(''),
    /** Major matters: what happened, why it is urgent, what is asked of the leading group. */
    matter: z.strictObject({ what: z.string().trim().min(2).max(5000), whyUrgent: z.string().trim().min(2).max(5000), request: z.string().trim().min(2).max(5000) }).optional(),
    /** For a liaison officer of several units: which one submits. */
    unitId: IdSchema.optional(),
  })
  .refine((s) => s.category !== 'major_matter' || s.matter !== undefined, { path: ['matter'], message: 'A2-11：重大事项须写明事项、紧急原因和请求事项 / A2-11: a major matter needs what, why urgent and the request' });
export type Submission = z.infer<typeof SubmissionSchema>;

export const LIGHTS = ['green', 'yellow', 'red', 'none', 'unknown'] as const;

export const IncomingEventSchema = z.object({ id: z.string(), action: z.string(), at: z.string(), actorName: z.string().nullable(), detail: z.record(z.string(), z.unknown()).nullable() });

export const IncomingItemSchema = z.object({
  id: z.string(),
  officeId: z.string(),
  category: z.enum(INCOMING_CATEGORIES),
  categoryLabel: z.string(),
  sourceType: z.enum(['unit', 'office']),
  sourceName: z.string(),
  submittedByName: z.string(),
  submittedAt: z.string(),
  title: z.string(),
  theirNumber: z.string().nullable(),
  summary: z.string(),
  matter: z.object({ what: z.string(), whyUrgent: z.string(), request: z.string() }).nullable(),
  status: z.enum(INCOMING_STATUSES),
  statusLabel: z.string(),
  incomingNumber: z.string().nullable(),
  registeredAt: z.string().nullable(),
  registeredOn: z.string().nullable(),
  registeredByName: z.string().nullable(),
  timeLimitWorkingDays: z.number().nullable(),
  dueDate: z.string().nullable(),
  /** Why there is no due date: the calendar year it falls in is not loaded (never guessed). */
  dueDateProblem: z.string().nullable(),
  workingDaysLeft: z.number().nullable(),
  light: z.enum(LIGHTS),
  batchId: z.string().nullable(),
  forwardedTo: z.enum(['leader', 'director']).nullable(),
  forwardedAt: z.string().nullable(),
  forwardNote: z.string().nullable(),
  instruction: z.string().nullable(),
  instructedByName: z.string().nullable(),
  instructedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  rejectReason: z.string().nullable(),
  taskId: z.string().nullable(),
  files: z.array(DocumentAttachmentFileSchema),
  route: z.array(IncomingEventSchema),
  version: z.number(),
});
export type IncomingItem = z.infer<typeof IncomingItemSchema>;

export const IncomingParamsSchema = z.strictObject({ officeId: IdSchema, itemId: IdSchema });
export const IncomingFileParamsSchema = z.strictObject({ officeId: IdSchema, itemId: IdSchema, fileId: IdSchema });
export const BatchParamsSchema = z.strictObject({ officeId: IdSchema, batchId: IdSchema });
export const IncomingListQuerySchema = z.strictObject({ status: z.enum(INCOMING_STATUSES).optional(), category: z.enum(INCOMING_CATEGORIES).optional() });
export const ForwardSchema = z.strictObject({
  itemIds: z.array(IdSchema).min(1).max(100),
  /** A2-12: major matters go to the leader; approvals and filings to the leader or the director. */
  to: z.enum(['leader', 'director']),
  note: z.string().trim().max(2000).optional(),
});
export const InstructSchema = z.strictObject({ instruction: z.string().trim().min(2).max(5000) });
export const TaskLinkSchema = z.strictObject({ taskId: IdSchema.nullable() });
/** A2-11: the office turns a leader's instruction into a ledger task (lead unit and deadline; title defaults to the item's). */
export const InstructionTaskSchema = z.strictObject({
  leadUnitId: IdSchema,
  deadline: z.iso.date(),
  title: z.string().trim().min(2).max(200).optional(),
  keyTask: z.boolean().optional(),
});
export type InstructionTask = z.infer<typeof InstructionTaskSchema>;
export const BatchSchema = z.object({ batchId: z.string(), to: z.enum(['leader', 'director']), forwardedAt: z.string(), forwardedByName: z.string().nullable(), note: z.string().nullable(), items: z.array(IncomingItemSchema) });
