import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { OfficeParamsSchema } from '../../../shared/contracts/common.ts';
import {
  BulkAssignSchema,
  CancelSchema,
  ConfirmDoneSchema,
  DashboardSchema,
  LedgerChangesQuerySchema,
  LedgerChangesSchema,
  EXTENSION_STATES,
  ExtensionCreateSchema,
  ExtensionParamsSchema,
  ExtensionRejectSchema,
  ExtensionDecisionSchema,
  ExtensionRequestSchema,
  PlanCreateSchema,
  PlanSchema,
  SavedViewCreateSchema,
  SavedViewSchema,
  ProgressCreateSchema,
  ProgressReviewSchema,
  ProgressUpdateSchema,
  TaskCreateSchema,
  TaskDetailSchema,
  TaskListQuerySchema,
  TaskListSchema,
  type TaskDetail,
  type TaskList,
  TaskParamsSchema,
  TaskUpdateSchema,
  UpdateParamsSchema,
} from '../../../shared/contracts/ledger.ts';
import { actorContext, etag, requireVersion } from '../../platform/http.ts';
import { contentDisposition, MIME, readOneUpload } from '../../platform/uploads.ts';
import type { LedgerService } from './ledger.service.ts';
import { ImportJobParamsSchema, LedgerImportJobSchema, LedgerImportQuerySchema, LedgerImportReportSchema } from '../../../shared/contracts/ledger.ts';

const tags = ['ledger'];
const read = { access: { kind: 'office', permission: 'ledger.read' } } as const;
const manage = { access: { kind: 'office', permission: 'ledger.manage' } } as const;
const update = { access: { kind: 'office', permission: 'ledger.update' } } as const;
const base = '/api/v1/ledger/offices/:officeId';


export function registerLedgerRoutes(app: FastifyInstance, svc: LedgerService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(`${base}/tasks`, { config: read, schema: { tags, summary: '工作台账 / the ledger (filters, Chinese search, paging)', params: OfficeParamsSchema, querystring: TaskListQuerySchema, response: { 200: TaskListSchema } } }, async (req, reply) =>
    // A TaskList, or the same written as JSON by the database (JsonText): the serializer checks either against TaskListSchema.
    reply.send((await svc.listTasks(req.params.officeId, req.query)) as TaskList),
  );
  r.post(`${base}/tasks`, { config: manage, schema: { tags, summary: '新建任务（可分解至县市） / create a task (push down to counties)', params: OfficeParamsSchema, body: TaskCreateSchema, response: { 201: TaskDetailSchema } } }, async (req, reply) => {
    const item = await svc.createTask(req.params.officeId, req.body, actorContext(req));
    return reply.status(201).header('etag', etag(item.version)).send(item);
  });
  // A TaskDetail written as JSON with its updates as the database wrote them (JsonText): the serializer checks it against TaskDetailSchema.
  r.get(`${base}/tasks/:taskId`, { config: read, schema: { tags, params: TaskParamsSchema, response: { 200: TaskDetailSchema } } }, async (req, reply) => {
    const page = await svc.taskPageJson(actorContext(req).actor, req.params.officeId, req.params.taskId);
    return reply.header('etag', etag(page.version)).send(page.body as unknown as TaskDetail);
  });
  r.patch(`${base}/tasks/:taskId`, { config: manage, schema: { tags, params: TaskParamsSchema, body: TaskUpdateSchema, response: { 200: TaskDetailSchema } } }, async (req, reply) => {
    const item = await svc.updateTask(req.params.officeId, req.params.taskId, requireVersion(req), req.body, actorContext(req));
    void reply.header('etag', etag(item.version));
    return item;
  });
  r.post(`${base}/tasks/:taskId/confirm-done`, { config: manage, schema: { tags, summary: '销号 / confirm the result', params: TaskParamsSchema, body: ConfirmDoneSchema, response: { 200: TaskDetailSchema } } }, async (req) =>
    svc.confirmDone(req.params.officeId, req.params.taskId, requireVersion(req), req.body.note ?? null, actorContext(req)),
  );
  r.post(`${base}/tasks/:taskId/cancel`, { config: manage, schema: { tags, params: TaskParamsSchema, body: CancelSchema, response: { 200: TaskDetailSchema } } }, async (req) =>
    svc.cancel(req.params.officeId, req.params.taskId, requireVersion(req), req.body.reason, actorContext(req)),
  );
  r.post(`${base}/tasks/bulk-assign`, { config: manage, schema: { tags, summary: '批量调整牵头单位 / bulk assign', params: OfficeParamsSchema, body: BulkAssignSchema, response: { 200: z.object({ changed: z.number() }) } } }, async (req) =>
    svc.bulkAssign(req.params.officeId, req.body.taskIds, req.body.leadUnitId, actorContext(req)),
  );
  r.get(`${base}/plans`, { config: read, schema: { tags, summary: '实施方案与任务分工方案 / plans', params: OfficeParamsSchema, response: { 200: z.object({ items: z.array(PlanSchema) }) } } }, async (req) => ({ items: await svc.listPlans(req.params.officeId) }));
  r.post(`${base}/plans`, { config: manage, schema: { tags, params: OfficeParamsSchema, body: PlanCreateSchema, response: { 201: PlanSchema } } }, async (req, reply) =>
    reply.status(201).send(await svc.createPlan(req.params.officeId, req.body, actorContext(req))),
  );
  r.get(`${base}/views`, { config: read, schema: { tags, summary: '我保存的视图 / my saved views', params: OfficeParamsSchema, response: { 200: z.object({ items: z.array(SavedViewSchema) }) } } }, async (req) => ({
    items: await svc.listViews(actorContext(req).actor, req.params.officeId),
  }));
  r.post(`${base}/views`, { config: read, schema: { tags, params: OfficeParamsSchema, body: SavedViewCreateSchema, response: { 201: SavedViewSchema } } }, async (req, reply) =>
    reply.status(201).send(await svc.saveView(actorContext(req).actor, req.params.officeId, req.body.name, req.body.filters)),
  );
  r.delete(`${base}/views/:viewId`, { config: read, schema: { tags, params: z.strictObject({ officeId: z.string().min(1).max(64), viewId: z.string().min(1).max(64) }), response: { 200: z.object({ ok: z.literal(true) }) } } }, async (req) => {
    await svc.deleteView(actorContext(req).actor, req.params.viewId);
    return { ok: true as const };
  });
  r.get(`${base}/dashboard`, { config: read, schema: { tags, summary: '驾驶舱 / dashboard', params: OfficeParamsSchema, response: { 200: DashboardSchema } } }, async (req) => svc.dashboard(req.params.officeId));
  r.get(`${base}/changes`, { config: read, schema: { tags, summary: '本期变化 / what changed in a period', params: OfficeParamsSchema, querystring: LedgerChangesQuerySchema, response: { 200: LedgerChangesSchema } } }, async (req) =>
    svc.changes(req.params.officeId, req.query),
  );

  // progress (lead/cooperating units for their tasks, and the office)
  r.get(`${base}/my/tasks`, { config: update, schema: { tags, summary: '我的任务 / my unit\'s tasks', params: OfficeParamsSchema, response: { 200: TaskListSchema } } }, async (req) =>
    svc.myTasks(actorContext(req).actor, req.params.officeId),
  );
  r.get(`${base}/my/tasks/:taskId`, { config: update, schema: { tags, params: TaskParamsSchema, response: { 200: TaskDetailSchema } } }, async (req, reply) =>
    reply.send((await svc.getMyTask(actorContext(req).actor, req.params.officeId, req.params.taskId)).body as unknown as TaskDetail),
  );
  r.post(`${base}/tasks/:taskId/updates`, { config: update, schema: { tags, summary: '报送进展 / add a progress update', params: TaskParamsSchema, body: ProgressCreateSchema, response: { 201: ProgressUpdateSchema } } }, async (req, reply) =>
    reply.status(201).send(await svc.addUpdate(req.params.officeId, req.params.taskId, req.body, actorContext(req))),
  );
  r.post(`${base}/tasks/:taskId/updates/:updateId/attachments`, { config: update, schema: { tags, summary: '佐证材料 / evidence attachment', params: UpdateParamsSchema, response: { 201: ProgressUpdateSchema } } }, async (req, reply) =>
    reply.status(201).send(await svc.addUpdateAttachment(req.params.officeId, req.params.taskId, req.params.updateId, await readOneUpload(req), actorContext(req))),
  );
  r.get(`${base}/tasks/:taskId/updates/:updateId/attachments/:fileId`, { config: read, schema: { tags, params: UpdateParamsSchema.extend({ fileId: z.string().min(1).max(64) }).strict() } }, async (req, reply) => {
    const f = await svc.getUpdateAttachment(req.params.officeId, req.params.taskId, req.params.updateId, req.params.fileId);
    return reply.header('content-type', f.mime).header('content-disposition', contentDisposition(f.filename)).send(f.content);
  });
  // A member unit downloads the evidence of its own tasks (it has no ledger.read).
  r.get(`${base}/my/tasks/:taskId/updates/:updateId/attachments/:fileId`, { config: update, schema: { tags, summary: '下载本单位任务的佐证材料 / evidence of my unit\'s task', params: UpdateParamsSchema.extend({ fileId: z.string().min(1).max(64) }).strict() } }, async (req, reply) => {
    const f = await svc.getMyUpdateAttachment(actorContext(req).actor, req.params.officeId, req.params.taskId, req.params.updateId, req.params.fileId);
    return reply.header('content-type', f.mime).header('content-disposition', contentDisposition(f.filename)).send(f.content);
  });
  // ---- deadline extension requests: the lead unit asks before the deadline; the office decides ----
  r.post(`${base}/tasks/:taskId/extensions`, { config: update, schema: { tags, summary: '申请延期（牵头单位，期限前） / request a later deadline', params: TaskParamsSchema, body: ExtensionCreateSchema, response: { 201: TaskDetailSchema } } }, async (req, reply) =>
    reply.status(201).send(await svc.requestExtension(req.params.officeId, req.params.taskId, req.body, actorContext(req))),
  );
  r.post(`${base}/tasks/:taskId/extensions/:requestId/approve`, { config: manage, schema: { tags, summary: '批准延期 / approve the extension', params: ExtensionParamsSchema, body: ExtensionDecisionSchema, response: { 200: TaskDetailSchema } } }, async (req) =>
    svc.decideExtension(req.params.officeId, req.params.taskId, req.params.requestId, requireVersion(req), true, req.body.note ?? null, actorContext(req)),
  );
  r.post(`${base}/tasks/:taskId/extensions/:requestId/reject`, { config: manage, schema: { tags, summary: '不予延期（说明理由） / refuse the extension, with a note', params: ExtensionParamsSchema, body: ExtensionRejectSchema, response: { 200: TaskDetailSchema } } }, async (req) =>
    svc.decideExtension(req.params.officeId, req.params.taskId, req.params.requestId, requireVersion(req), false, req.body.note, actorContext(req)),
  );
  r.get(`${base}/extensions`, { config: read, schema: { tags, summary: '延期申请 / extension requests of the office', params: OfficeParamsSchema, querystring: z.strictObject({ state: z.enum(EXTENSION_STATES).optional() }), response: { 200: z.object({ items: z.array(ExtensionRequestSchema.extend({ taskCode: z.string(), taskTitle: z.string() })) }) } } }, async (req) =>
    svc.listExtensions(req.params.officeId, req.query.state ?? null),
  );
  r.post(`${base}/tasks/:taskId/updates/:updateId/comment`, { config: manage, schema: { tags, summary: '批注 / comment', params: UpdateParamsSchema, body: ProgressReviewSchema, response: { 200: ProgressUpdateSchema } } }, async (req) =>
    svc.reviewUpdate(req.params.officeId, req.params.taskId, req.params.updateId, requireVersion(req), 'comment', req.body.comment, actorContext(req)),
  );
  r.post(`${base}/tasks/:taskId/updates/:updateId/return`, { config: manage, schema: { tags, summary: '退回 / send back', params: UpdateParamsSchema, body: ProgressReviewSchema, response: { 200: ProgressUpdateSchema } } }, async (req) =>
    svc.reviewUpdate(req.params.officeId, req.params.taskId, req.params.updateId, requireVersion(req), 'return', req.body.comment, actorContext(req)),
  );

  // ---- Excel: import an existing ledger, export in the same layout (ledger-excel.ts) ----
  r.post(`${base}/import`, {
    config: manage,
    schema: {
      tags, summary: '导入任务台账（multipart，一个 .xlsx；dry-run 预检，commit 启动导入任务） / import a ledger workbook: dry-run checks every row, commit starts a job',
      params: OfficeParamsSchema, querystring: LedgerImportQuerySchema, response: { 200: LedgerImportReportSchema, 202: LedgerImportJobSchema },
    },
  }, async (req, reply) => {
    const out = await svc.importLedger(req.params.officeId, await readOneUpload(req), req.query.mode, actorContext(req), (err) => req.log.error({ err }, 'ledger import job failed'));
    if ('report' in out) return out.report;
    return reply.status(202).header('location', `/api/v1/ledger/offices/${req.params.officeId}/import/${out.job.id}`).send(out.job);
  });
  r.get(`${base}/import/:jobId`, { config: manage, schema: { tags, summary: '导入进度 / import job progress and report', params: ImportJobParamsSchema, response: { 200: LedgerImportJobSchema } } }, async (req, reply) => {
    void reply.header('cache-control', 'no-store');
    return svc.getImportJob(req.params.officeId, req.params.jobId);
  });
  r.get(`${base}/export.xlsx`, { config: read, schema: { tags, summary: '导出任务台账 Excel / the ledger as a workbook (same layout as the import)', params: OfficeParamsSchema } }, async (req, reply) => {
    const file = await svc.exportLedger(req.params.officeId, actorContext(req));
    return reply.header('content-type', MIME.xlsx).header('content-disposition', contentDisposition(file.filename, { ascii: file.asciiFilename })).header('cache-control', 'no-store').send(file.buffer);
  });
}
