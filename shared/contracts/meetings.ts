// Meetings and minutes (SPEC §3: A1-8 leading-group meetings, A2-6 office meetings). One schema per contract.
import { z } from 'zod';
import { POSTS } from '../roles.ts';
import { DateSchema, IdSchema, WarningSchema } from './common.ts';

export const MEETING_KINDS = ['plenary', 'special', 'office_regular', 'office_special'] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];
export const MEETING_STATUSES = ['planned', 'notice_sent', 'held', 'minutes_drafted', 'minutes_reviewed', 'archived', 'cancelled'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];
export const MINUTES_STATUSES = ['draft', 'reviewed', 'archived'] as const;
export type MinutesStatus = (typeof MINUTES_STATUSES)[number];
export const ATTENDEE_ROLES = ['attendee', 'observer'] as const;
export type AttendeeRole = (typeof ATTENDEE_ROLES)[number];
export const ATTENDEE_RESPONSES = ['invited', 'confirmed', 'substitute', 'on_leave'] as const;
export type AttendeeResponse = (typeof ATTENDEE_RESPONSES)[number];
export const AGENDA_ITEM_STATUSES = ['accepted', 'proposed', 'rejected'] as const;
export type AgendaItemStatus = (typeof AGENDA_ITEM_STATUSES)[number];
export const CADENCES = ['quarterly', 'monthly', 'ad_hoc'] as const;
export type Cadence = (typeof CADENCES)[number];
/** Who chairs: the holder of a delegable power (leader / director, or a deputy under a delegation), or the convener. */
export const CHAIR_BY = ['chair_plenary', 'chair_office_meetings', 'convener'] as const;
export const FOLLOW_UP_STATUSES = ['pending', 'handed_off', 'linked', 'done'] as const;
export type FollowUpStatus = (typeof FOLLOW_UP_STATUSES)[number];

/** An instant (ISO-8601 with Z or an offset); stored as UTC. */
export const InstantSchema = z.iso.datetime({ offset: true });
const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

// ---- rule data (A1-16: the prefecture's as template, counties adapt) ----
export const MeetingKindRuleSchema = z.strictObject({
  label: text(40),
  labelEn: text(60),
  /** The article the kind comes from (A1-8, A2-6), named in every refusal. */
  rule: text(20),
  /** Whose meeting: the leading group's or the office's (the minutes mark and their numbering series). */
  body: z.enum(['leading_group', 'office']),
  /** Posts that convene it; empty: the office convenes. */
  convenerPosts: z.array(z.enum(POSTS)).max(8),
  /** Posts that may propose one beyond the cadence (A1-8: the leader or a deputy leader). */
  proposerPosts: z.array(z.enum(POSTS)).max(8),
  chairBy: z.enum(CHAIR_BY),
  /** Posts invited by default (A1-8: all leading-group members); units concerned by the topics are added when set. */
  attendeePosts: z.array(z.enum(POSTS)).max(8),
  unitsConcerned: z.boolean(),
  cadence: z.enum(CADENCES),
  /** The red mark of its minutes after the group's name, e.g. 全体会议纪要. */
  minutesMark: text(40),
  /** Member units' materials are due this many days before the meeting. */
  materialCutoffDays: z.number().int().min(0).max(60),
});
export type MeetingKindRule = z.infer<typeof MeetingKindRuleSchema>;
export const MeetingRulesSchema = z.strictObject({
  kinds: z.strictObject({ plenary: MeetingKindRuleSchema, special: MeetingKindRuleSchema, office_regular: MeetingKindRuleSchema, office_special: MeetingKindRuleSchema }),
});
export type MeetingRules = z.infer<typeof MeetingRulesSchema>;
export const MeetingRulesResponseSchema = z.object({ rules: MeetingRulesSchema, inheritedFrom: z.string().nullable(), version: z.number() });

// ---- meetings ----
const PersonRefSchema = z.object({ personId: z.string(), name: z.string() });
export const MaterialSchema = z.object({ id: z.string(), filename: z.string(), mime: z.string(), size: z.number(), digest: z.string(), uploadedByName: z.string().nullable(), createdAt: z.string() });
export const AgendaItemSchema = z.object({
  id: z.string(),
  meetingId: z.string(),
  seq: z.number(),
  title: z.string(),
  description: z.string().nullable(),
  presenterUnitId: z.string().nullable(),
  presenterUnitName: z.string().nullable(),
  status: z.enum(AGENDA_ITEM_STATUSES),
  proposedByUnitId: z.string().nullable(),
  proposedByUnitName: z.string().nullable(),
  proposedByName: z.string().nullable(),
  rejectReason: z.string().nullable(),
  materials: z.array(MaterialSchema),
  version: z.number(),
});
export type AgendaItem = z.infer<typeof AgendaItemSchema>;
export const AttendeeSchema = z.object({
  id: z.string(),
  personId: z.string().nullable(),
  name: z.string(),
  unitId: z.string().nullable(),
  unitName: z.string().nullable(),
  title: z.string().nullable(),
  role: z.enum(ATTENDEE_ROLES),
  response: z.enum(ATTENDEE_RESPONSES),
  substituteName: z.string().nullable(),
  leaveReason: z.string().nullable(),
  respondedAt: z.string().nullable(),
  signedInAt: z.string().nullable(),
  signedInBy: z.enum(['self', 'office']).nullable(),
  version: z.number(),
});
export type Attendee = z.infer<typeof AttendeeSchema>;

export const MeetingSummarySchema = z.object({
  id: z.string(),
  officeId: z.string(),
  kind: z.enum(MEETING_KINDS),
  kindLabel: z.string(),
  title: z.string(),
  status: z.enum(MEETING_STATUSES),
  startsAt: z.string(),
  endsAt: z.string().nullable(),
  place: z.string(),
  chairName: z.string().nullable(),
  extra: z.boolean(),
  minutesId: z.string().nullable(),
  version: z.number(),
});
export type MeetingSummary = z.infer<typeof MeetingSummarySchema>;

export const MeetingSchema = MeetingSummarySchema.extend({
  rule: z.string(),
  convener: PersonRefSchema.nullable(),
  convenedByOffice: z.boolean(),
  proposedBy: PersonRefSchema.nullable(),
  chair: z.object({ personId: z.string(), name: z.string(), via: z.enum(['post', 'delegation']), delegationId: z.string().nullable(), onBehalfOfName: z.string().nullable() }).nullable(),
  materialCutoff: z.string().nullable(),
  noticeSentAt: z.string().nullable(),
  heldAt: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  cancelReason: z.string().nullable(),
  postponements: z.number(),
  note: z.string().nullable(),
  agenda: z.array(AgendaItemSchema),
  attendance: z.array(AttendeeSchema),
  attendanceSummary: z.object({ invited: z.number(), confirmed: z.number(), substitute: z.number(), onLeave: z.number(), signedIn: z.number(), observers: z.number() }),
  /** Accepted agenda items whose presenter unit has not uploaded material yet. */
  materialsMissing: z.array(z.object({ itemId: z.string(), title: z.string(), unitName: z.string().nullable() })),
  warnings: z.array(WarningSchema),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  abilities: z.array(z.string()),
});
export type Meeting = z.infer<typeof MeetingSchema>;

export const MeetingCreateSchema = z.strictObject({
  kind: z.enum(MEETING_KINDS),
  title: text(200),
  startsAt: InstantSchema,
  endsAt: InstantSchema.nullable().optional(),
  place: text(200),
  /** Plenary: the leader (default: the leader on that day). Special: a deputy leader or the director (default: the actor). Office meetings: none (the office convenes). */
  convenerPersonId: IdSchema.nullable().optional(),
  /** A plenary beyond the quarterly one is proposed by the leader or a deputy leader (A1-8). */
  proposedByPersonId: IdSchema.nullable().optional(),
  materialCutoff: InstantSchema.nullable().optional(),
  note: optionalText(2000),
});
export type MeetingCreate = z.infer<typeof MeetingCreateSchema>;
export const MeetingUpdateSchema = z.strictObject({
  title: text(200).optional(),
  place: text(200).optional(),
  endsAt: InstantSchema.nullable().optional(),
  materialCutoff: InstantSchema.nullable().optional(),
  note: optionalText(2000),
});
export type MeetingUpdate = z.infer<typeof MeetingUpdateSchema>;
export const ChairSetSchema = z.strictObject({ personId: IdSchema });
export const ReasonSchema = z.strictObject({ reason: z.string().trim().min(2).max(1000) });
export const PostponeSchema = z.strictObject({ startsAt: InstantSchema, endsAt: InstantSchema.nullable().optional(), reason: z.string().trim().min(2).max(1000) });
export const MeetingListQuerySchema = z.strictObject({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  kind: z.enum(MEETING_KINDS).optional(),
  status: z.enum(MEETING_STATUSES).optional(),
});
export const MeetingParamsSchema = z.strictObject({ officeId: IdSchema, meetingId: IdSchema });
export const MeetingEventSchema = z.object({ id: z.string(), action: z.string(), at: z.string(), actorName: z.string().nullable(), reason: z.string().nullable(), detail: z.unknown().nullable() });

// ---- agenda ----
export const AgendaItemCreateSchema = z.strictObject({ title: text(300), description: optionalText(5000), presenterUnitId: IdSchema.nullable().optional() });
export const AgendaItemProposeSchema = z.strictObject({ title: text(300), description: optionalText(5000), unitId: IdSchema });
export const AgendaItemUpdateSchema = z.strictObject({ title: text(300).optional(), description: optionalText(5000), presenterUnitId: IdSchema.nullable().optional() });
export const AgendaOrderSchema = z.strictObject({ itemIds: z.array(IdSchema).min(1).max(100) });
export const AgendaItemParamsSchema = z.strictObject({ officeId: IdSchema, meetingId: IdSchema, itemId: IdSchema });
export const MaterialParamsSchema = z.strictObject({ officeId: IdSchema, meetingId: IdSchema, itemId: IdSchema, fileId: IdSchema });

// ---- attendance ----
export const AttendeeAddSchema = z.strictObject({
  personId: IdSchema.nullable().optional(),
  /** For a person outside the roster (an observer from another body). */
  name: z.string().trim().min(1).max(100).optional(),
  unitId: IdSchema.nullable().optional(),
  title: optionalText(100),
  role: z.enum(ATTENDEE_ROLES).default('attendee'),
});
export const AttendeeUpdateSchema = z.strictObject({
  role: z.enum(ATTENDEE_ROLES).optional(),
  response: z.enum(ATTENDEE_RESPONSES).optional(),
  substituteName: optionalText(100),
  leaveReason: optionalText(500),
});
export const RespondSchema = z.strictObject({
  response: z.enum(['confirmed', 'substitute', 'on_leave']),
  substituteName: optionalText(100),
  leaveReason: optionalText(500),
});
export const AttendeeParamsSchema = z.strictObject({ officeId: IdSchema, meetingId: IdSchema, attendeeId: IdSchema });

// ---- minutes ----
export const MinutesPersonSchema = z.object({ name: z.string(), unitName: z.string().nullable(), title: z.string().nullable(), substituteFor: z.string().nullable().optional(), reason: z.string().nullable().optional() });
export const MinutesAttendanceSchema = z.object({
  present: z.array(MinutesPersonSchema),
  onLeave: z.array(MinutesPersonSchema),
  observers: z.array(MinutesPersonSchema),
  absent: z.array(MinutesPersonSchema),
});
export type MinutesAttendance = z.infer<typeof MinutesAttendanceSchema>;

export const FollowUpSchema = z.object({
  status: z.enum(FOLLOW_UP_STATUSES),
  taskId: z.string().nullable(),
  handedOffAt: z.string().nullable(),
  handedOffByName: z.string().nullable(),
  doneOn: z.string().nullable(),
  note: z.string().nullable(),
});
export const DecisionSchema = z.object({
  id: z.string(),
  seq: z.number(),
  /** Its number across the whole minutes (第2项决定). */
  number: z.number(),
  text: z.string(),
  ownerUnitId: z.string().nullable(),
  ownerUnitName: z.string().nullable(),
  deadline: z.string().nullable(),
  supersedesDecisionId: z.string().nullable(),
  followUp: FollowUpSchema.nullable(),
  overdueDays: z.number().nullable(),
});
export type Decision = z.infer<typeof DecisionSchema>;
export const SpeakerPointSchema = z.object({ id: z.string(), seq: z.number(), speakerName: z.string(), speakerPersonId: z.string().nullable(), unitName: z.string().nullable(), points: z.string() });
export const TopicSchema = z.object({
  id: z.string(),
  seq: z.number(),
  agendaItemId: z.string().nullable(),
  title: z.string(),
  presenterUnitName: z.string().nullable(),
  summary: z.string(),
  speakerPoints: z.array(SpeakerPointSchema),
  decisions: z.array(DecisionSchema),
});
export type Topic = z.infer<typeof TopicSchema>;
export const MinutesSchema = z.object({
  id: z.string(),
  meetingId: z.string(),
  officeId: z.string(),
  kind: z.enum(['original', 'correction']),
  correctsMinutesId: z.string().nullable(),
  status: z.enum(MINUTES_STATUSES),
  /** The red mark, e.g. 昌吉州工程建设项目审批制度改革领导小组全体会议纪要. */
  title: z.string(),
  year: z.number(),
  number: z.number().nullable(),
  /** 第3期 once archived. */
  numberLabel: z.string().nullable(),
  meetingTitle: z.string(),
  meetingKind: z.enum(MEETING_KINDS),
  startsAt: z.string(),
  endsAt: z.string().nullable(),
  place: z.string(),
  chairPersonId: z.string().nullable(),
  chairName: z.string().nullable(),
  recorderName: z.string().nullable(),
  opening: z.string(),
  attendance: MinutesAttendanceSchema,
  topics: z.array(TopicSchema),
  correctionReason: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  reviewedByName: z.string().nullable(),
  returnReason: z.string().nullable(),
  archivedAt: z.string().nullable(),
  archivedByName: z.string().nullable(),
  digest: z.string().nullable(),
  corrections: z.array(z.object({ id: z.string(), status: z.enum(MINUTES_STATUSES), correctionReason: z.string().nullable(), createdAt: z.string(), archivedAt: z.string().nullable() })),
  version: z.number(),
  abilities: z.array(z.string()),
});
export type Minutes = z.infer<typeof MinutesSchema>;

export const DecisionInputSchema = z.strictObject({
  id: IdSchema.optional(),
  text: text(2000),
  ownerUnitId: IdSchema,
  deadline: DateSchema,
  /** In a correction: the decision of the corrected minutes this one replaces. */
  supersedesDecisionId: IdSchema.nullable().optional(),
});
export const SpeakerPointInputSchema = z.strictObject({
  speakerName: text(100),
  speakerPersonId: IdSchema.nullable().optional(),
  unitName: optionalText(200),
  points: text(5000),
});
export const TopicInputSchema = z.strictObject({
  id: IdSchema.optional(),
  agendaItemId: IdSchema.nullable().optional(),
  title: text(300),
  presenterUnitName: optionalText(200),
  summary: z.string().trim().max(10_000).default(''),
  speakerPoints: z.array(SpeakerPointInputSchema).max(50).default([]),
  decisions: z.array(DecisionInputSchema).max(50).default([]),
});
export const MinutesUpdateSchema = z.strictObject({
  startsAt: InstantSchema,
  endsAt: InstantSchema.nullable().optional(),
  place: text(200),
  recorderName: optionalText(100),
  opening: z.string().trim().max(20_000).default(''),
  topics: z.array(TopicInputSchema).max(50),
});
export type MinutesUpdate = z.infer<typeof MinutesUpdateSchema>;
export const MinutesParamsSchema = z.strictObject({ officeId: IdSchema, minutesId: IdSchema });
export const CorrectionCreateSchema = z.strictObject({ reason: z.string().trim().min(2).max(1000) });
export const DecisionParamsSchema = z.strictObject({ officeId: IdSchema, decisionId: IdSchema });
export const DecisionTaskSchema = z.strictObject({ keyTask: z.boolean().default(false), title: text(300).optional() });
export const DecisionCompleteSchema = z.strictObject({ note: optionalText(1000) });
export const DecisionFollowUpResponseSchema = z.object({ decisionId: z.string(), followUp: FollowUpSchema });

export const MinutesVerifySchema = z.object({
  minutesId: z.string(),
  ok: z.boolean(),
  digest: z.string(),
  computedDigest: z.string(),
  archivedAt: z.string(),
  attachments: z.number(),
  problems: z.array(z.object({ kind: z.enum(['content_changed', 'attachment_changed', 'attachment_missing', 'archive_entry_altered']), detail: z.string() })),
});
export type MinutesVerify = z.infer<typeof MinutesVerifySchema>;

// ---- cadence compliance (A1-8 quarterly plenary, A2-6 monthly office meeting) ----
export const CadencePeriodSchema = z.object({
  period: z.string(),
  start: z.string(),
  end: z.string(),
  /** held; breach (ended without one — explained or not, it stays a breach); pending (current); future. */
  state: z.enum(['held', 'breach', 'pending', 'future']),
  meetings: z.array(z.object({ meetingId: z.string(), title: z.string(), date: z.string(), status: z.enum(MEETING_STATUSES), chairName: z.string().nullable(), chairVia: z.enum(['post', 'delegation']).nullable() })),
  explanation: z.string().nullable(),
});
export const ComplianceSchema = z.object({
  officeId: z.string(),
  year: z.number(),
  today: z.string(),
  series: z.array(z.object({ kind: z.enum(MEETING_KINDS), label: z.string(), rule: z.string(), cadence: z.enum(['quarterly', 'monthly']), periods: z.array(CadencePeriodSchema), breaches: z.number() })),
  overdueDecisions: z.array(
    z.object({ decisionId: z.string(), minutesId: z.string(), meetingId: z.string(), meetingTitle: z.string(), number: z.number(), text: z.string(), ownerUnitName: z.string().nullable(), deadline: z.string(), overdueDays: z.number(), followUp: FollowUpSchema.nullable() }),
  ),
});
export type Compliance = z.infer<typeof ComplianceSchema>;
export const ComplianceQuerySchema = z.strictObject({ year: z.coerce.number().int().min(2000).max(2100) });
export const CadenceNoteSchema = z.strictObject({
  kind: z.enum(MEETING_KINDS),
  /** 2026-Q1 (quarterly) or 2026-03 (monthly). */
  period: z.string().regex(/^\d{4}-(Q[1-4]|0[1-9]|1[0-2])$/, '期间格式应为 YYYY-Qn 或 YYYY-MM / period is YYYY-Qn or YYYY-MM'),
  note: text(2000),
});
