import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { OfficeParamsSchema, OkSchema } from '../../../shared/contracts/common.ts';
import {
  AgendaItemCreateSchema,
  AgendaItemParamsSchema,
  AgendaItemProposeSchema,
  AgendaItemSchema,
  AgendaItemUpdateSchema,
  AgendaOrderSchema,
  AttendeeAddSchema,
  AttendeeParamsSchema,
  AttendeeSchema,
  AttendeeUpdateSchema,
  CadenceNoteSchema,
  ChairSetSchema,
  ComplianceQuerySchema,
  ComplianceSchema,
  CorrectionCreateSchema,
  DecisionCompleteSchema,
  DecisionFollowUpResponseSchema,
  DecisionParamsSchema,
  DecisionTaskSchema,
  MaterialParamsSchema,
  MaterialSchema,
  MeetingCreateSchema,
  MeetingEventSchema,
  MeetingListQuerySchema,
  MeetingParamsSchema,
  MeetingRulesResponseSchema,
  MeetingRulesSchema,
  MeetingSchema,
  MeetingSummarySchema,
  MeetingUpdateSchema,
  MinutesParamsSchema,
  MinutesSchema,
  MinutesUpdateSchema,
  MinutesVerifySchema,
  PostponeSchema,
  ReasonSchema,
  RespondSchema,
} from '../../../shared/contracts/meetings.ts';
import { IdSchema } from '../../../shared/contracts/common.ts';
import { actorContext, etag, requireVersion } from '../../platform/http.ts';
import { contentDisposition, readOneUpload } from '../../platform/uploads.ts';
import { renderIcs } from '../calendar/ics.ts';
import type { MeetingsService } from './meetings.service.ts';
/** The exports, loaded on first use (docx and pdfmake cost ~0.8 s at start-up). */
const exporters = async () => ({ ...(await import('./meeting-pack.ts')), ...(await import('./minutes-export.ts')) });

const tags = ['meetings'];
const read = { access: { kind: 'office', permission: 'meeting.read' } } as const;
const create = { access: { kind: 'office', permission: 'meeting.create' } } as const;
const manage = { access: { kind: 'office', permission: 'meeting.manage' } } as const;
const chair = { access: { kind: 'office', permission: 'meeting.chair' } } as const;
const contribute = { access: { kind: 'office', permission: 'meeting.contribute' } } as const;
const attend = { access: { kind: 'office', permission: 'meeting.attend' } } as const;
const rulesAccess = { access: { kind: 'office', permission: 'meeting.rules' } } as const;
const base = '/api/v1/meetings/offices/:officeId';
const noBody = z.strictObject({}).nullish();
const FileListSchema = z.object({ items: z.array(MaterialSchema.extend({ ownerId: z.string() })) });
const MinutesFileParamsSchema = z.strictObject({ officeId: IdSchema, minutesId: IdSchema, fileId: IdSchema });

export function registerMeetingsRoutes(app: FastifyInstance, svc: MeetingsService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const m = `${base}/meetings/:meetingId`;
  const mn = `${base}/minutes/:minutesId`;

  // ---- rule data (A1-16) ----
  r.get(`${base}/rules`, { config: read, schema: { tags, summary: '会议规则（召集、主持、周期） / meeting rule data', params: OfficeParamsSchema, response: { 200: MeetingRulesResponseSchema } } }, async (req, reply) => {
    const out = await svc.rules(req.params.officeId);
    void reply.header('etag', etag(out.version));
    return out;
  });
  r.put(`${base}/rules`, { config: rulesAccess, schema: { tags, params: OfficeParamsSchema, body: MeetingRulesSchema, response: { 200: MeetingRulesResponseSchema } } }, async (req, reply) => {
    const out = await svc.setRules(req.params.officeId, req.body, requireVersion(req), actorContext(req));
    void reply.header('etag', etag(out.version));
    return out;
  });

  // ---- meetings ----
  r.get(`${base}/meetings`, { config: read, schema: { tags, summary: '会议列表 / meetings', params: OfficeParamsSchema, querystring: MeetingListQuerySchema, response: { 200: z.object({ items: z.array(MeetingSummarySchema) }) } } }, async (req) =>
    svc.listMeetings(req.params.officeId, req.query),
  );
  r.post(`${base}/meetings`, { config: create, schema: { tags, summary: '拟定会议 / draft a meeting (A1-8, A2-6)', params: OfficeParamsSchema, body: MeetingCreateSchema, response: { 201: MeetingSchema } } }, async (req, reply) => {
    const item = await svc.createMeeting(req.params.officeId, req.body, actorContext(req));
    return reply.status(201).header('etag', etag(item.version)).send(item);
  });
  r.get(`${base}/my/meetings`, { config: attend, schema: { tags, summary: '我参加的会议 / meetings I am invited to', params: OfficeParamsSchema, response: { 200: z.object({ items: z.array(MeetingSummarySchema) }) } } }, async (req) =>
    svc.myMeetings(actorContext(req).actor, req.params.officeId),
  );
  r.get(m, { config: read, schema: { tags, params: MeetingParamsSchema, response: { 200: MeetingSchema } } }, async (req, reply) => {
    const item = await svc.getMeeting(actorContext(req).actor, req.params.officeId, req.params.meetingId);
    void reply.header('etag', etag(item.version));
    return item;
  });
  r.patch(m, { config: manage, schema: { tags, summary: '修改会议安排 / change title, place, end, cut-off', params: MeetingParamsSchema, body: MeetingUpdateSchema, response: { 200: MeetingSchema } } }, async (req) =>
    svc.updateMeeting(req.params.officeId, req.params.meetingId, requireVersion(req), req.body, actorContext(req)),
  );
  r.put(`${m}/chair`, { config: manage, schema: { tags, summary: '确定主持人 / set the chair (403 with the rule when not allowed)', params: MeetingParamsSchema, body: ChairSetSchema, response: { 200: MeetingSchema } } }, async (req) =>
    svc.setChair(req.params.officeId, req.params.meetingId, requireVersion(req), req.body.personId, actorContext(req)),
  );
  r.post(`${m}/send-notice`, { config: manage, schema: { tags, summary: '发出会议通知 / send the notice', params: MeetingParamsSchema, body: noBody, response: { 200: MeetingSchema } } }, async (req) =>
    svc.sendNotice(req.params.officeId, req.params.meetingId, requireVersion(req), actorContext(req)),
  );
  r.post(`${m}/postpone`, { config: manage, schema: { tags, summary: '延期 / postpone with a reason', params: MeetingParamsSchema, body: PostponeSchema, response: { 200: MeetingSchema } } }, async (req) =>
    svc.postpone(req.params.officeId, req.params.meetingId, requireVersion(req), req.body, actorContext(req)),
  );
  r.post(`${m}/cancel`, { config: manage, schema: { tags, summary: '取消 / cancel with a reason', params: MeetingParamsSchema, body: ReasonSchema, response: { 200: MeetingSchema } } }, async (req) =>
    svc.cancel(req.params.officeId, req.params.meetingId, requireVersion(req), req.body.reason, actorContext(req)),
  );
  r.post(`${m}/hold`, { config: manage, schema: { tags, summary: '登记会议已召开 / record the meeting as held', params: MeetingParamsSchema, body: noBody, response: { 200: MeetingSchema } } }, async (req) =>
    svc.hold(req.params.officeId, req.params.meetingId, requireVersion(req), actorContext(req)),
  );
  r.get(`${m}/history`, { config: read, schema: { tags, params: MeetingParamsSchema, response: { 200: z.object({ items: z.array(MeetingEventSchema) }) } } }, async (req) => svc.history(req.params.officeId, req.params.meetingId));
  r.get(`${m}/invite.ics`, { config: read, schema: { tags, summary: '会议日历文件 / the meeting as an ICS file', params: MeetingParamsSchema } }, async (req, reply) => {
    const { event, filename } = await svc.inviteIcs(req.params.officeId, req.params.meetingId);
    const text = renderIcs({ name: '审改办工作平台 · 会议', events: [event], now: new Date() });
    return reply.header('content-type', 'text/calendar; charset=utf-8').header('content-disposition', contentDisposition(filename)).send(text);
  });
  r.get(`${m}/pack`, { config: read, schema: { tags, summary: '会议材料包（议程 PDF + 各议题材料，一个 zip） / the meeting pack', params: MeetingParamsSchema } }, async (req, reply) => {
    const { buildMeetingPack } = await exporters();
    const pack = await buildMeetingPack(await svc.packData(actorContext(req).actor, req.params.officeId, req.params.meetingId));
    return reply.header('content-type', 'application/zip').header('content-disposition', contentDisposition(pack.filename)).send(pack.data);
  });

  // ---- agenda (议题) and materials ----
  r.post(`${m}/agenda-items`, { config: manage, schema: { tags, summary: '办公室拟定议题 / the office adds an agenda item', params: MeetingParamsSchema, body: AgendaItemCreateSchema, response: { 201: AgendaItemSchema } } }, async (req, reply) =>
    reply.status(201).send(await svc.addAgendaItem(req.params.officeId, req.params.meetingId, req.body, actorContext(req))),
  );
  r.post(`${m}/agenda-items/propose`, { config: contribute, schema: { tags, summary: '成员单位提出议题（截止前） / a member unit proposes an item before the cut-off', params: MeetingParamsSchema, body: AgendaItemProposeSchema, response: { 201: AgendaItemSchema } } }, async (req, reply) =>
    reply.status(201).send(await svc.proposeAgendaItem(req.params.officeId, req.params.meetingId, req.body, actorContext(req))),
  );
  r.patch(`${m}/agenda-items/:itemId`, { config: manage, schema: { tags, params: AgendaItemParamsSchema, body: AgendaItemUpdateSchema, response: { 200: AgendaItemSchema } } }, async (req) =>
    svc.updateAgendaItem(req.params.officeId, req.params.meetingId, req.params.itemId, requireVersion(req), req.body, actorContext(req)),
  );
  r.post(`${m}/agenda-items/:itemId/accept`, { config: manage, schema: { tags, summary: '列入议程 / accept a proposed item', params: AgendaItemParamsSchema, body: noBody, response: { 200: AgendaItemSchema } } }, async (req) =>
    svc.acceptAgendaItem(req.params.officeId, req.params.meetingId, req.params.itemId, requireVersion(req), actorContext(req)),
  );
  r.post(`${m}/agenda-items/:itemId/reject`, { config: manage, schema: { tags, summary: '不列入 / reject or withdraw an item', params: AgendaItemParamsSchema, body: ReasonSchema, response: { 200: AgendaItemSchema } } }, async (req) =>
    svc.rejectAgendaItem(req.params.officeId, req.params.meetingId, req.params.itemId, requireVersion(req), req.body.reason, actorContext(req)),
  );
  r.put(`${m}/agenda-order`, { config: manage, schema: { tags, summary: '议题顺序 / order of the agenda', params: MeetingParamsSchema, body: AgendaOrderSchema, response: { 200: z.object({ items: z.array(AgendaItemSchema) }) } } }, async (req) =>
    svc.reorderAgenda(req.params.officeId, req.params.meetingId, req.body.itemIds, actorContext(req)),
  );
  r.post(`${m}/agenda-items/:itemId/materials`, { config: contribute, schema: { tags, summary: '上传议题材料（docx/pdf/xlsx） / upload a material', params: AgendaItemParamsSchema, response: { 201: AgendaItemSchema } } }, async (req, reply) =>
    reply.status(201).send(await svc.addMaterial(req.params.officeId, req.params.meetingId, req.params.itemId, await readOneUpload(req), actorContext(req))),
  );
  r.get(`${m}/agenda-items/:itemId/materials/:fileId`, { config: read, schema: { tags, params: MaterialParamsSchema } }, async (req, reply) => {
    const f = await svc.getMaterial(req.params.officeId, req.params.meetingId, req.params.itemId, req.params.fileId);
    return reply.header('content-type', f.mime).header('content-disposition', contentDisposition(f.filename)).send(f.content);
  });
  r.delete(`${m}/agenda-items/:itemId/materials/:fileId`, { config: contribute, schema: { tags, params: MaterialParamsSchema, response: { 200: AgendaItemSchema } } }, async (req) =>
    svc.removeMaterial(req.params.officeId, req.params.meetingId, req.params.itemId, req.params.fileId, actorContext(req)),
  );
  r.post(`${m}/materials/remind`, { config: manage, schema: { tags, summary: '催报材料 / remind units whose material is missing', params: MeetingParamsSchema, body: noBody, response: { 200: z.object({ reminded: z.number(), items: z.number() }) } } }, async (req) =>
    svc.remindMaterials(req.params.officeId, req.params.meetingId, actorContext(req)),
  );

  // ---- attendance ----
  r.post(`${m}/attendees/defaults`, { config: manage, schema: { tags, summary: '按规则邀请参会人员 / invite by rule (A1-8: all group members + units concerned)', params: MeetingParamsSchema, body: noBody, response: { 200: z.object({ added: z.number(), items: z.array(AttendeeSchema) }) } } }, async (req) =>
    svc.inviteDefaults(req.params.officeId, req.params.meetingId, actorContext(req)),
  );
  r.post(`${m}/attendees`, { config: manage, schema: { tags, summary: '增加参会或列席人员 / add an attendee or observer', params: MeetingParamsSchema, body: AttendeeAddSchema, response: { 201: AttendeeSchema } } }, async (req, reply) =>
    reply.status(201).send(await svc.addAttendee(req.params.officeId, req.params.meetingId, req.body, actorContext(req))),
  );
  r.patch(`${m}/attendees/:attendeeId`, { config: manage, schema: { tags, summary: '登记回执、代会、请假 / record a response', params: AttendeeParamsSchema, body: AttendeeUpdateSchema, response: { 200: AttendeeSchema } } }, async (req) =>
    svc.updateAttendee(req.params.officeId, req.params.meetingId, req.params.attendeeId, requireVersion(req), req.body, actorContext(req)),
  );
  r.delete(`${m}/attendees/:attendeeId`, { config: manage, schema: { tags, params: AttendeeParamsSchema, response: { 200: OkSchema } } }, async (req) =>
    svc.removeAttendee(req.params.officeId, req.params.meetingId, req.params.attendeeId, actorContext(req)),
  );
  r.post(`${m}/attendees/:attendeeId/sign-in`, { config: manage, schema: { tags, summary: '代为签到 / the office signs someone in', params: AttendeeParamsSchema, body: noBody, response: { 200: AttendeeSchema } } }, async (req) =>
    svc.signInFor(req.params.officeId, req.params.meetingId, req.params.attendeeId, actorContext(req)),
  );
  r.post(`${m}/respond`, { config: attend, schema: { tags, summary: '参会回执 / my answer: confirmed, substitute, leave', params: MeetingParamsSchema, body: RespondSchema, response: { 200: AttendeeSchema } } }, async (req) =>
    svc.respond(req.params.officeId, req.params.meetingId, req.body, actorContext(req)),
  );
  r.post(`${m}/sign-in`, { config: attend, schema: { tags, summary: '签到（手机可用） / sign in myself', params: MeetingParamsSchema, body: noBody, response: { 200: AttendeeSchema } } }, async (req) =>
    svc.signIn(req.params.officeId, req.params.meetingId, actorContext(req)),
  );

  // ---- minutes ----
  r.post(`${m}/minutes`, { config: manage, schema: { tags, summary: '起草会议记录（复制议程） / draft the minutes from the agenda', params: MeetingParamsSchema, body: noBody, response: { 201: MinutesSchema } } }, async (req, reply) => {
    const item = await svc.draftMinutes(req.params.officeId, req.params.meetingId, actorContext(req));
    return reply.status(201).header('etag', etag(item.version)).send(item);
  });
  r.get(`${m}/minutes`, { config: read, schema: { tags, params: MeetingParamsSchema, response: { 200: MinutesSchema } } }, async (req, reply) => {
    const item = await svc.getMeetingMinutes(actorContext(req).actor, req.params.officeId, req.params.meetingId);
    void reply.header('etag', etag(item.version));
    return item;
  });
  r.get(mn, { config: read, schema: { tags, params: MinutesParamsSchema, response: { 200: MinutesSchema } } }, async (req, reply) => {
    const item = await svc.getMinutes(actorContext(req).actor, req.params.officeId, req.params.minutesId);
    void reply.header('etag', etag(item.version));
    return item;
  });
  r.put(mn, { config: manage, schema: { tags, summary: '编辑会议记录 / edit the minutes (draft only)', params: MinutesParamsSchema, body: MinutesUpdateSchema, response: { 200: MinutesSchema } } }, async (req, reply) => {
    const item = await svc.updateMinutes(req.params.officeId, req.params.minutesId, requireVersion(req), req.body, actorContext(req));
    void reply.header('etag', etag(item.version));
    return item;
  });
  r.post(`${mn}/review`, { config: chair, schema: { tags, summary: '主持人审核 / the chair reviews', params: MinutesParamsSchema, body: noBody, response: { 200: MinutesSchema } } }, async (req) =>
    svc.reviewMinutes(req.params.officeId, req.params.minutesId, requireVersion(req), actorContext(req)),
  );
  r.post(`${mn}/return`, { config: chair, schema: { tags, summary: '主持人退回修改（附意见） / the chair sends the draft back with comments', params: MinutesParamsSchema, body: ReasonSchema, response: { 200: MinutesSchema } } }, async (req) =>
    svc.returnMinutes(req.params.officeId, req.params.minutesId, requireVersion(req), req.body.reason, actorContext(req)),
  );
  r.post(`${mn}/reopen`, { config: manage, schema: { tags, summary: '退回修改 / reopen reviewed minutes', params: MinutesParamsSchema, body: ReasonSchema, response: { 200: MinutesSchema } } }, async (req) =>
    svc.reopenMinutes(req.params.officeId, req.params.minutesId, requireVersion(req), req.body.reason, actorContext(req)),
  );
  r.post(`${mn}/archive`, { config: manage, schema: { tags, summary: '存档备查 / archive (frozen, SM3 digest)', params: MinutesParamsSchema, body: noBody, response: { 200: MinutesSchema } } }, async (req) =>
    svc.archiveMinutes(req.params.officeId, req.params.minutesId, requireVersion(req), actorContext(req)),
  );
  r.get(`${mn}/verify`, { config: read, schema: { tags, summary: '校验存档摘要 / verify the archived digest', params: MinutesParamsSchema, response: { 200: MinutesVerifySchema } } }, async (req) =>
    svc.verifyMinutes(req.params.minutesId, req.params.officeId),
  );
  r.post(`${mn}/corrections`, { config: manage, schema: { tags, summary: '勘误（新记录，关联原纪要） / a correction: a new linked record', params: MinutesParamsSchema, body: CorrectionCreateSchema, response: { 201: MinutesSchema } } }, async (req, reply) =>
    reply.status(201).send(await svc.createCorrection(req.params.officeId, req.params.minutesId, req.body.reason, actorContext(req))),
  );
  r.get(`${mn}/attachments`, { config: read, schema: { tags, params: MinutesParamsSchema, response: { 200: FileListSchema } } }, async (req) =>
    svc.listMinutesAttachments(actorContext(req).actor, req.params.officeId, req.params.minutesId),
  );
  r.post(`${mn}/attachments`, { config: manage, schema: { tags, summary: '纪要附件（docx/pdf/xlsx） / attach a file to draft minutes', params: MinutesParamsSchema, response: { 201: FileListSchema } } }, async (req, reply) =>
    reply.status(201).send(await svc.addMinutesAttachment(req.params.officeId, req.params.minutesId, await readOneUpload(req), actorContext(req))),
  );
  r.get(`${mn}/attachments/:fileId`, { config: read, schema: { tags, params: MinutesFileParamsSchema } }, async (req, reply) => {
    const f = await svc.getMinutesAttachment(actorContext(req).actor, req.params.officeId, req.params.minutesId, req.params.fileId);
    return reply.header('content-type', f.mime).header('content-disposition', contentDisposition(f.filename)).send(f.content);
  });
  r.delete(`${mn}/attachments/:fileId`, { config: manage, schema: { tags, params: MinutesFileParamsSchema, response: { 200: FileListSchema } } }, async (req) =>
    svc.removeMinutesAttachment(req.params.officeId, req.params.minutesId, req.params.fileId, actorContext(req)),
  );
  r.get(`${mn}/export.docx`, { config: read, schema: { tags, summary: '纪要 DOCX（GB/T 9704） / minutes as DOCX', params: MinutesParamsSchema } }, async (req, reply) => {
    const { minutes, office } = await svc.exportData(actorContext(req).actor, req.params.officeId, req.params.minutesId);
    const data = await (await exporters()).renderMinutesDocx(minutes, office);
    return reply.header('content-type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document').header('content-disposition', contentDisposition(`${minutes.title}${minutes.numberLabel ?? ''}.docx`)).send(data);
  });
  r.get(`${mn}/export.pdf`, { config: read, schema: { tags, summary: '纪要 PDF（GB/T 9704） / minutes as PDF', params: MinutesParamsSchema } }, async (req, reply) => {
    const { minutes, office, fonts } = await svc.exportData(actorContext(req).actor, req.params.officeId, req.params.minutesId);
    const data = await (await exporters()).renderMinutesPdf(minutes, office, fonts);
    return reply.header('content-type', 'application/pdf').header('content-disposition', contentDisposition(`${minutes.title}${minutes.numberLabel ?? ''}.pdf`)).send(data);
  });

  // ---- decisions → tasks ----
  r.post(`${base}/decisions/:decisionId/task`, { config: manage, schema: { tags, summary: '决定事项转为台账任务 / the decision becomes a ledger task', params: DecisionParamsSchema, body: DecisionTaskSchema, response: { 200: DecisionFollowUpResponseSchema } } }, async (req) =>
    svc.handOffDecision(req.params.officeId, req.params.decisionId, req.body, actorContext(req)),
  );
  r.post(`${base}/decisions/:decisionId/complete`, { config: manage, schema: { tags, summary: '决定事项办结 / record a decision as carried out', params: DecisionParamsSchema, body: DecisionCompleteSchema, response: { 200: DecisionFollowUpResponseSchema } } }, async (req) =>
    svc.completeDecision(req.params.officeId, req.params.decisionId, req.body.note ?? null, actorContext(req)),
  );

  // ---- cadence compliance ----
  r.get(`${base}/compliance`, { config: read, schema: { tags, summary: '会议制度执行情况（季度全体会议、月度例会、逾期决定） / cadence compliance', params: OfficeParamsSchema, querystring: ComplianceQuerySchema, response: { 200: ComplianceSchema } } }, async (req) =>
    svc.compliance(actorContext(req).actor, req.params.officeId, req.query.year),
  );
  r.put(`${base}/compliance/notes`, { config: manage, schema: { tags, summary: '未按期召开的情况说明 / explain a period without its meeting', params: OfficeParamsSchema, body: CadenceNoteSchema, response: { 200: ComplianceSchema } } }, async (req) =>
    svc.setCadenceNote(req.params.officeId, req.body, actorContext(req)),
  );
}
