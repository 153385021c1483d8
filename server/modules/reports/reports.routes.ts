import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { OfficeParamsSchema } from '../../../shared/contracts/common.ts';
import {
  AttachmentParamsSchema,
  ChildSummarySchema,
  CycleOpenSchema,
  CycleDeadlineSchema,
  CycleParamsSchema,
  CycleSchema,
  DraftParamsSchema,
  RemindSchema,
  ReportDraftSchema,
  ReportEventSchema,
  ReportParamsSchema,
  ReportReturnSchema,
  ReportRulesResponseSchema,
  ReportRulesSchema,
  ReportSchema,
  StatusTableSchema,
} from '../../../shared/contracts/reports.ts';
import { actorContext, etag, requireVersion, scopedOffice } from '../../platform/http.ts';
import { contentDisposition, readOneUpload } from '../../platform/uploads.ts';
import type { ReportsService } from './reports.service.ts';

const tags = ['reports'];
const read = { access: { kind: 'office', permission: 'report.read' } } as const;
const review = { access: { kind: 'office', permission: 'report.review' } } as const;
const rulesAccess = { access: { kind: 'office', permission: 'report.rules' } } as const;
const submit = { access: { kind: 'office', permission: 'report.submit' } } as const;
const base = '/api/v1/reports/offices/:officeId';
const noBody = z.strictObject({}).nullish();


export function registerReportsRoutes(app: FastifyInstance, svc: ReportsService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  // ---- the office (A1-10) ----
  r.get(`${base}/cycles`, { config: read, schema: { tags, summary: '季度汇报周期 / reporting cycles', params: OfficeParamsSchema, response: { 200: z.object({ items: z.array(CycleSchema) }) } } }, async (req) => ({
    items: await svc.listCycles(req.params.officeId),
  }));
  r.post(`${base}/cycles`, { config: review, schema: { tags, summary: '开启季度汇报周期 / open a cycle', params: OfficeParamsSchema, body: CycleOpenSchema, response: { 201: CycleSchema } } }, async (req, reply) =>
    reply.status(201).send(await svc.openCycle(req.params.officeId, req.body.year, req.body.quarter, actorContext(req))),
  );
  r.get(`${base}/cycles/:cycleId`, { config: read, schema: { tags, params: CycleParamsSchema, response: { 200: CycleSchema } } }, async (req) => svc.getCycle(req.params.officeId, req.params.cycleId));
  r.put(`${base}/cycles/:cycleId/deadline`, { config: rulesAccess, schema: { tags, summary: '延长报送期限（须说明理由） / extend the cycle\'s deadline, with a reason', params: CycleParamsSchema, body: CycleDeadlineSchema, response: { 200: CycleSchema } } }, async (req, reply) => {
    const out = await svc.extendDeadline(req.params.officeId, req.params.cycleId, requireVersion(req), req.body, actorContext(req));
    void reply.header('etag', etag(out.version));
    return out;
  });
  r.get(`${base}/cycles/:cycleId/status`, { config: read, schema: { tags, summary: '报送情况表 / status table with lights', params: CycleParamsSchema, response: { 200: StatusTableSchema } } }, async (req) =>
    svc.statusTable(req.params.officeId, req.params.cycleId),
  );
  r.get(`${base}/cycles/:cycleId/status.xlsx`, { config: read, schema: { tags, summary: '导出报送情况表 Excel / the status table as a workbook', params: CycleParamsSchema } }, async (req, reply) => {
    const f = await svc.exportStatusWorkbook(req.params.officeId, req.params.cycleId);
    return reply.header('content-type', f.mime).header('content-disposition', contentDisposition(f.filename)).header('cache-control', 'no-store').send(f.buffer);
  });
  r.get(`${base}/cycles/:cycleId/compilation.docx`, { config: read, schema: { tags, summary: '导出已采用汇报汇编 DOCX / the accepted reports compiled', params: CycleParamsSchema } }, async (req, reply) => {
    const f = await svc.exportCompilation(req.params.officeId, req.params.cycleId);
    return reply.header('content-type', f.mime).header('content-disposition', contentDisposition(f.filename)).header('cache-control', 'no-store').send(f.buffer);
  });
  r.post(`${base}/cycles/:cycleId/remind`, { config: review, schema: { tags, summary: '催报 / remind units that have not submitted', params: CycleParamsSchema, body: RemindSchema, response: { 200: z.object({ reminded: z.number(), units: z.number() }) } } }, async (req) =>
    svc.remind(req.params.officeId, req.params.cycleId, req.body.unitIds, actorContext(req)),
  );
  r.get(`${base}/children`, { config: read, schema: { tags, summary: '下级办公室完成率 / child offices\' completion (read-only)', params: OfficeParamsSchema, querystring: z.strictObject({ year: z.coerce.number().int().min(2000).max(2100), quarter: z.coerce.number().int().min(1).max(4) }), response: { 200: ChildSummarySchema } } }, async (req) =>
    svc.childrenSummary(req.params.officeId, req.query.year, req.query.quarter),
  );
  r.get(`${base}/reports/:reportId`, { config: read, schema: { tags, params: ReportParamsSchema, response: { 200: ReportSchema } } }, async (req, reply) => {
    const item = await svc.getReport(actorContext(req).actor, req.params.officeId, req.params.reportId);
    void reply.header('etag', etag(item.version));
    return item;
  });
  r.get(`${base}/reports/:reportId/history`, { config: read, schema: { tags, params: ReportParamsSchema, response: { 200: z.object({ items: z.array(ReportEventSchema) }) } } }, async (req) =>
    svc.history(actorContext(req).actor, req.params.officeId, req.params.reportId, false),
  );
  r.get(`${base}/reports/:reportId/attachments/:fileId`, { config: read, schema: { tags, params: AttachmentParamsSchema } }, async (req, reply) => {
    const f = await svc.getAttachment(actorContext(req).actor, req.params.officeId, req.params.reportId, req.params.fileId, false);
    return reply.header('content-type', f.mime).header('content-disposition', contentDisposition(f.filename)).send(f.content);
  });
  r.post(`${base}/reports/:reportId/accept`, { config: review, schema: { tags, summary: '审核通过 / accept', params: ReportParamsSchema, body: noBody, response: { 200: ReportSchema } } }, async (req) =>
    svc.accept(req.params.officeId, req.params.reportId, requireVersion(req), actorContext(req)),
  );
  r.post(`${base}/reports/:reportId/return`, { config: review, schema: { tags, summary: '退回修改 / return for revision', params: ReportParamsSchema, body: ReportReturnSchema, response: { 200: ReportSchema } } }, async (req) =>
    svc.returnForRevision(req.params.officeId, req.params.reportId, requireVersion(req), req.body.reason, actorContext(req)),
  );
  r.get(`${base}/rules`, { config: read, schema: { tags, summary: '汇报规则（工作日数） / rule data', params: OfficeParamsSchema, response: { 200: ReportRulesResponseSchema } } }, async (req, reply) => {
    const out = await svc.rules(req.params.officeId);
    void reply.header('etag', etag(out.version));
    return out;
  });
  r.put(`${base}/rules`, { config: rulesAccess, schema: { tags, params: OfficeParamsSchema, body: ReportRulesSchema, response: { 200: ReportRulesResponseSchema } } }, async (req, reply) => {
    const out = await svc.setRules(req.params.officeId, req.body, requireVersion(req), actorContext(req));
    void reply.header('etag', etag(out.version));
    return out;
  });

  // ---- the member unit's liaison officer: own unit only ----
  r.get(`${base}/my`, { config: submit, schema: { tags, summary: '本单位季度汇报 / my unit\'s reports', params: OfficeParamsSchema, response: { 200: z.object({ items: z.array(z.object({ cycle: CycleSchema, unitId: z.string(), report: ReportSchema.nullable() })) }) } } }, async (req) =>
    svc.myReports(actorContext(req).actor, scopedOffice(req).id),
  );
  r.put(`${base}/my/cycles/:cycleId/units/:unitId`, { config: submit, schema: { tags, summary: '起草或修改 / save a draft (If-Match for an existing one)', params: DraftParamsSchema, body: ReportDraftSchema, response: { 200: ReportSchema } } }, async (req, reply) => {
    const version = req.headers['if-match'] ? requireVersion(req) : null;
    const item = await svc.saveDraft(req.params.officeId, req.params.cycleId, req.params.unitId, req.body, version, actorContext(req));
    void reply.header('etag', etag(item.version));
    return item;
  });
  r.get(`${base}/my/reports/:reportId`, { config: submit, schema: { tags, params: ReportParamsSchema, response: { 200: ReportSchema } } }, async (req, reply) => {
    const item = await svc.getMyReport(actorContext(req).actor, req.params.officeId, req.params.reportId);
    void reply.header('etag', etag(item.version));
    return item;
  });
  r.get(`${base}/my/reports/:reportId/history`, { config: submit, schema: { tags, params: ReportParamsSchema, response: { 200: z.object({ items: z.array(ReportEventSchema) }) } } }, async (req) =>
    svc.history(actorContext(req).actor, req.params.officeId, req.params.reportId, true),
  );
  r.post(`${base}/my/reports/:reportId/submit`, { config: submit, schema: { tags, summary: '提交 / submit', params: ReportParamsSchema, body: noBody, response: { 200: ReportSchema } } }, async (req) =>
    svc.submit(req.params.officeId, req.params.reportId, requireVersion(req), actorContext(req)),
  );
  r.post(`${base}/my/reports/:reportId/attachments`, { config: submit, schema: { tags, summary: '上传附件（docx/pdf/xlsx） / attach a file', params: ReportParamsSchema, response: { 201: ReportSchema } } }, async (req, reply) =>
    reply.status(201).send(await svc.addAttachment(req.params.officeId, req.params.reportId, await readOneUpload(req), actorContext(req))),
  );
  r.get(`${base}/my/reports/:reportId/attachments/:fileId`, { config: submit, schema: { tags, params: AttachmentParamsSchema } }, async (req, reply) => {
    const f = await svc.getAttachment(actorContext(req).actor, req.params.officeId, req.params.reportId, req.params.fileId, true);
    return reply.header('content-type', f.mime).header('content-disposition', contentDisposition(f.filename)).send(f.content);
  });
  r.delete(`${base}/my/reports/:reportId/attachments/:fileId`, { config: submit, schema: { tags, params: AttachmentParamsSchema, response: { 200: ReportSchema } } }, async (req) =>
    svc.removeAttachment(req.params.officeId, req.params.reportId, req.params.fileId, actorContext(req)),
  );
}
