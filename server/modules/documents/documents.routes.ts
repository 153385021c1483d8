import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { OfficeParamsSchema } from '../../../shared/contracts/common.ts';
import {
  BatchParamsSchema,
  BatchSchema,
  CommentSchema,
  DistributeSchema,
  DistributionListSchema,
  DocumentDraftSchema,
  DocumentFileParamsSchema,
  DocumentHistorySchema,
  DocumentListItemSchema,
  DocumentListQuerySchema,
  DocumentParamsSchema,
  DocumentRulesResponseSchema,
  DocumentRulesSchema,
  DocumentSchema,
  ForwardSchema,
  IncomingFileParamsSchema,
  IncomingItemSchema,
  IncomingListQuerySchema,
  IncomingParamsSchema,
  InstructSchema,
  ReasonSchema,
  ReceivedItemSchema,
  ReceivedParamsSchema,
  RegisterQuerySchema,
  RegisterSchema,
  SignSchema,
  SubmissionSchema,
  InstructionTaskSchema,
  TaskLinkSchema,
  VerifySchema,
} from '../../../shared/contracts/documents.ts';
import { actorContext, etag, requireVersion, scopedOffice } from '../../platform/http.ts';
import { contentDisposition, readOneUpload } from '../../platform/uploads.ts';
import type { DocumentsService } from './documents.service.ts';
import type { IncomingService } from './incoming.service.ts';

const tags = ['documents'];
const office = (permission: string) => ({ access: { kind: 'office', permission } }) as const;
const read = office('document.read');
const deskRead = office('document.desk.read');
const draft = office('document.draft');
const review = office('document.review');
const sign = office('document.sign');
const dispatch = office('document.dispatch');
const voidAccess = office('document.void');
const rulesAccess = office('document.rules');
const submit = office('incoming.submit');
const inboxRead = office('incoming.read');
const handle = office('incoming.handle');
const instruct = office('incoming.instruct');
const base = '/api/v1/documents/offices/:officeId';
const noBody = z.strictObject({}).optional();

const sendFile = (reply: FastifyReply, f: { mime: string; filename: string; data?: Buffer; content?: Buffer }, inline = false) =>
  reply.header('content-type', f.mime).header('content-disposition', contentDisposition(f.filename, { inline })).header('cache-control', 'private, no-store').send(f.data ?? f.content);

export function registerDocumentsRoutes(app: FastifyInstance, svc: DocumentsService, incoming: IncomingService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const withEtag = <T extends { version: number }>(reply: FastifyReply, item: T) => {
    void reply.header('etag', etag(item.version));
    return item;
  };

  // ---------------------------------------------------------------- outgoing documents (A2-12)
  r.get(`${base}/documents`, { config: read, schema: { tags, summary: '发文列表 / outgoing documents', params: OfficeParamsSchema, querystring: DocumentListQuerySchema, response: { 200: z.object({ items: z.array(DocumentListItemSchema) }) } } }, async (req) =>
    svc.list(actorContext(req).actor, req.params.officeId, req.query),
  );
  r.post(`${base}/documents`, { config: draft, schema: { tags, summary: '拟稿 / draft a document', params: OfficeParamsSchema, body: DocumentDraftSchema, response: { 201: DocumentSchema } } }, async (req, reply) =>
    reply.status(201).header('etag', '"v1"').send(await svc.create(req.params.officeId, req.body, actorContext(req))),
  );
  r.get(`${base}/documents/:documentId`, { config: read, schema: { tags, params: DocumentParamsSchema, response: { 200: DocumentSchema } } }, async (req, reply) =>
    withEtag(reply, await svc.get(actorContext(req).actor, req.params.officeId, req.params.documentId)),
  );
  r.put(`${base}/documents/:documentId`, { config: draft, schema: { tags, summary: '修改草稿 / edit the draft (If-Match)', params: DocumentParamsSchema, body: DocumentDraftSchema, response: { 200: DocumentSchema } } }, async (req, reply) =>
    withEtag(reply, await svc.update(req.params.officeId, req.params.documentId, req.body, requireVersion(req), actorContext(req))),
  );
  r.post(`${base}/documents/:documentId/submit`, { config: draft, schema: { tags, summary: '送核稿 / submit for review (or sign-off)', params: DocumentParamsSchema, body: noBody, response: { 200: DocumentSchema } } }, async (req, reply) =>
    withEtag(reply, await svc.submit(req.params.officeId, req.params.documentId, requireVersion(req), actorContext(req))),
  );
  r.post(`${base}/documents/:documentId/approve`, { config: review, schema: { tags, summary: '核稿通过 / approve this review step', params: DocumentParamsSchema, body: CommentSchema.optional(), response: { 200: DocumentSchema } } }, async (req, reply) =>
    withEtag(reply, await svc.approve(req.params.officeId, req.params.documentId, requireVersion(req), req.body?.comment, actorContext(req))),
  );
  r.post(`${base}/documents/:documentId/return`, { config: review, schema: { tags, summary: '退回修改 / return to the drafter', params: DocumentParamsSchema, body: ReasonSchema, response: { 200: DocumentSchema } } }, async (req, reply) =>
    withEtag(reply, await svc.returnToDraft(req.params.officeId, req.params.documentId, requireVersion(req), req.body.reason, actorContext(req))),
  );
  r.post(`${base}/documents/:documentId/sign`, { config: sign, schema: { tags, summary: '签发 (A2-12) / sign off', params: DocumentParamsSchema, body: SignSchema.optional(), response: { 200: DocumentSchema } } }, async (req, reply) =>
    withEtag(reply, await svc.sign(req.params.officeId, req.params.documentId, requireVersion(req), req.body?.opinion, actorContext(req))),
  );
  r.post(`${base}/documents/:documentId/number`, { config: dispatch, schema: { tags, summary: '编号 / give the document number (after sign-off)', params: DocumentParamsSchema, body: noBody, response: { 200: DocumentSchema } } }, async (req, reply) =>
    withEtag(reply, await svc.number(req.params.officeId, req.params.documentId, requireVersion(req), actorContext(req))),
  );
  r.post(`${base}/documents/:documentId/issue`, { config: dispatch, schema: { tags, summary: '印发并分发 / issue (freeze, digest) and distribute', params: DocumentParamsSchema, body: noBody, response: { 200: DocumentSchema } } }, async (req, reply) =>
    withEtag(reply, await svc.issue(req.params.officeId, req.params.documentId, requireVersion(req), actorContext(req))),
  );
  r.post(`${base}/documents/:documentId/distribute`, { config: dispatch, schema: { tags, summary: '补充分发 / distribute to more recipients', params: DocumentParamsSchema, body: DistributeSchema, response: { 200: DistributionListSchema } } }, async (req) =>
    svc.distribute(req.params.officeId, req.params.documentId, req.body.recipients, actorContext(req)),
  );
  r.post(`${base}/documents/:documentId/void`, { config: voidAccess, schema: { tags, summary: '作废文号 / void the number (kept in the register)', params: DocumentParamsSchema, body: ReasonSchema, response: { 200: DocumentSchema } } }, async (req, reply) =>
    withEtag(reply, await svc.voidNumber(req.params.officeId, req.params.documentId, requireVersion(req), req.body.reason, actorContext(req))),
  );
  r.post(`${base}/documents/:documentId/cancel`, { config: draft, schema: { tags, summary: '撤销（编号前）/ cancel before numbering', params: DocumentParamsSchema, body: ReasonSchema, response: { 200: DocumentSchema } } }, async (req, reply) =>
    withEtag(reply, await svc.cancel(req.params.officeId, req.params.documentId, requireVersion(req), req.body.reason, actorContext(req))),
  );
  r.get(`${base}/documents/:documentId/history`, { config: read, schema: { tags, summary: '办理过程 / history', params: DocumentParamsSchema, response: { 200: DocumentHistorySchema } } }, async (req) =>
    svc.history(actorContext(req).actor, req.params.officeId, req.params.documentId),
  );
  r.get(`${base}/documents/:documentId/distribution`, { config: read, schema: { tags, summary: '分发与签收 / distribution and read receipts', params: DocumentParamsSchema, response: { 200: DistributionListSchema } } }, async (req) =>
    svc.distribution(actorContext(req).actor, req.params.officeId, req.params.documentId),
  );
  r.get(`${base}/documents/:documentId/pdf`, { config: read, schema: { tags, summary: 'PDF (GB/T 9704-2012)', params: DocumentParamsSchema } }, async (req, reply) =>
    sendFile(reply, await svc.render(actorContext(req).actor, req.params.officeId, req.params.documentId, 'pdf'), true),
  );
  r.get(`${base}/documents/:documentId/docx`, { config: read, schema: { tags, summary: 'DOCX (GB/T 9704-2012)', params: DocumentParamsSchema } }, async (req, reply) =>
    sendFile(reply, await svc.render(actorContext(req).actor, req.params.officeId, req.params.documentId, 'docx')),
  );
  r.get(`${base}/documents/:documentId/verify`, { config: read, schema: { tags, summary: '核验 SM3 摘要 / verify the archived document', params: DocumentParamsSchema, response: { 200: VerifySchema } } }, async (req) => {
    await svc.get(actorContext(req).actor, req.params.officeId, req.params.documentId);
    return svc.verify(req.params.officeId, req.params.documentId);
  });
  r.post(`${base}/documents/:documentId/attachments`, { config: draft, schema: { tags, summary: '上传附件（docx/pdf/xlsx）/ attach a file', params: DocumentParamsSchema, response: { 201: DocumentSchema } } }, async (req, reply) =>
    reply.status(201).send(await svc.addFile(req.params.officeId, req.params.documentId, await readOneUpload(req), actorContext(req))),
  );
  r.get(`${base}/documents/:documentId/attachments/:fileId`, { config: read, schema: { tags, params: DocumentFileParamsSchema } }, async (req, reply) =>
    sendFile(reply, await svc.getFile(actorContext(req).actor, req.params.officeId, req.params.documentId, req.params.fileId)),
  );
  r.delete(`${base}/documents/:documentId/attachments/:fileId`, { config: draft, schema: { tags, params: DocumentFileParamsSchema, response: { 200: DocumentSchema } } }, async (req) =>
    svc.removeFile(req.params.officeId, req.params.documentId, req.params.fileId, actorContext(req)),
  );
  r.get(`${base}/register`, { config: deskRead, schema: { tags, summary: '发文登记簿 / register of document numbers', params: OfficeParamsSchema, querystring: RegisterQuerySchema, response: { 200: RegisterSchema } } }, async (req) =>
    svc.registerOfNumbers(req.params.officeId, req.query),
  );
  r.get(`${base}/rules`, { config: deskRead, schema: { tags, summary: '核稿流程与收文时限 / review chain and time limits', params: OfficeParamsSchema, response: { 200: DocumentRulesResponseSchema } } }, async (req, reply) =>
    withEtag(reply, await svc.rules(req.params.officeId)),
  );
  r.put(`${base}/rules`, { config: rulesAccess, schema: { tags, params: OfficeParamsSchema, body: DocumentRulesSchema, response: { 200: DocumentRulesResponseSchema } } }, async (req, reply) =>
    withEtag(reply, await svc.setRules(req.params.officeId, req.body, requireVersion(req), actorContext(req))),
  );

  // ---------------------------------------------------------------- received documents (read receipts)
  r.get(`${base}/received`, { config: read, schema: { tags, summary: '收到的公文 / documents distributed to my unit or office', params: OfficeParamsSchema, response: { 200: z.object({ items: z.array(ReceivedItemSchema) }) } } }, async (req) =>
    svc.received(actorContext(req).actor, scopedOffice(req).id),
  );
  r.get(`${base}/received/:distributionId`, { config: read, schema: { tags, summary: '阅读（签收）/ open (records the read receipt)', params: ReceivedParamsSchema, response: { 200: DocumentSchema } } }, async (req) =>
    svc.openReceived(actorContext(req).actor, req.params.officeId, req.params.distributionId, actorContext(req)),
  );
  r.get(`${base}/received/:distributionId/pdf`, { config: read, schema: { tags, params: ReceivedParamsSchema } }, async (req, reply) =>
    sendFile(reply, await svc.renderReceived(actorContext(req).actor, req.params.officeId, req.params.distributionId, 'pdf', actorContext(req)), true),
  );
  r.get(`${base}/received/:distributionId/docx`, { config: read, schema: { tags, params: ReceivedParamsSchema } }, async (req, reply) =>
    sendFile(reply, await svc.renderReceived(actorContext(req).actor, req.params.officeId, req.params.distributionId, 'docx', actorContext(req))),
  );

  // ---------------------------------------------------------------- submissions: member units and child offices (A2-11, A2-12)
  r.post(`${base}/submissions`, { config: submit, schema: { tags, summary: '报批、报备、重大事项报告 / submit', params: OfficeParamsSchema, body: SubmissionSchema, response: { 201: IncomingItemSchema } } }, async (req, reply) =>
    reply.status(201).send(await incoming.submit(req.params.officeId, req.body, actorContext(req))),
  );
  r.get(`${base}/submissions`, { config: submit, schema: { tags, summary: '本单位报送件 / what my unit or office submitted', params: OfficeParamsSchema, response: { 200: z.object({ items: z.array(IncomingItemSchema) }) } } }, async (req) =>
    incoming.mySubmissions(actorContext(req).actor, req.params.officeId),
  );
  r.get(`${base}/submissions/:itemId`, { config: submit, schema: { tags, params: IncomingParamsSchema, response: { 200: IncomingItemSchema } } }, async (req, reply) =>
    withEtag(reply, await incoming.getSubmission(actorContext(req).actor, req.params.officeId, req.params.itemId)),
  );
  r.post(`${base}/submissions/:itemId/attachments`, { config: submit, schema: { tags, summary: '上传附件 / attach a file (before registration)', params: IncomingParamsSchema, response: { 201: IncomingItemSchema } } }, async (req, reply) =>
    reply.status(201).send(await incoming.addSubmissionFile(actorContext(req).actor, req.params.officeId, req.params.itemId, await readOneUpload(req), actorContext(req))),
  );
  r.get(`${base}/submissions/:itemId/attachments/:fileId`, { config: submit, schema: { tags, params: IncomingFileParamsSchema } }, async (req, reply) =>
    sendFile(reply, await incoming.getSubmissionFile(actorContext(req).actor, req.params.officeId, req.params.itemId, req.params.fileId)),
  );

  // ---------------------------------------------------------------- the office's inbox (收文)
  r.get(`${base}/incoming`, { config: inboxRead, schema: { tags, summary: '收文与重大事项 / inbox with time limits in working days', params: OfficeParamsSchema, querystring: IncomingListQuerySchema, response: { 200: z.object({ items: z.array(IncomingItemSchema) }) } } }, async (req) =>
    incoming.inbox(req.params.officeId, req.query),
  );
  r.post(`${base}/incoming/forward`, { config: handle, schema: { tags, summary: '汇总呈批 / forward to the leader or the director', params: OfficeParamsSchema, body: ForwardSchema, response: { 200: BatchSchema } } }, async (req) =>
    incoming.forward(req.params.officeId, req.body.itemIds, req.body.to, req.body.note, actorContext(req)),
  );
  r.get(`${base}/incoming/batches/:batchId`, { config: inboxRead, schema: { tags, summary: '呈批单 / a forwarded batch', params: BatchParamsSchema, response: { 200: BatchSchema } } }, async (req) =>
    incoming.batch(req.params.officeId, req.params.batchId),
  );
  r.get(`${base}/incoming/:itemId`, { config: inboxRead, schema: { tags, params: IncomingParamsSchema, response: { 200: IncomingItemSchema } } }, async (req, reply) =>
    withEtag(reply, await incoming.getItem(req.params.officeId, req.params.itemId)),
  );
  r.get(`${base}/incoming/:itemId/attachments/:fileId`, { config: inboxRead, schema: { tags, params: IncomingFileParamsSchema } }, async (req, reply) =>
    sendFile(reply, await incoming.getItemFile(req.params.officeId, req.params.itemId, req.params.fileId)),
  );
  r.post(`${base}/incoming/:itemId/register`, { config: handle, schema: { tags, summary: '登记（收文编号）/ register', params: IncomingParamsSchema, body: noBody, response: { 200: IncomingItemSchema } } }, async (req, reply) =>
    withEtag(reply, await incoming.register(req.params.officeId, req.params.itemId, requireVersion(req), actorContext(req))),
  );
  r.post(`${base}/incoming/:itemId/reject`, { config: handle, schema: { tags, summary: '退回 / return to the submitter', params: IncomingParamsSchema, body: ReasonSchema, response: { 200: IncomingItemSchema } } }, async (req, reply) =>
    withEtag(reply, await incoming.reject(req.params.officeId, req.params.itemId, requireVersion(req), req.body.reason, actorContext(req))),
  );
  r.post(`${base}/incoming/:itemId/file`, { config: handle, schema: { tags, summary: '备案 / file a filing', params: IncomingParamsSchema, body: noBody, response: { 200: IncomingItemSchema } } }, async (req, reply) =>
    withEtag(reply, await incoming.fileItem(req.params.officeId, req.params.itemId, requireVersion(req), actorContext(req))),
  );
  r.post(`${base}/incoming/:itemId/instruct`, { config: instruct, schema: { tags, summary: '批示 / record the instruction', params: IncomingParamsSchema, body: InstructSchema, response: { 200: IncomingItemSchema } } }, async (req, reply) =>
    withEtag(reply, await incoming.instruct(req.params.officeId, req.params.itemId, requireVersion(req), req.body.instruction, actorContext(req))),
  );
  r.post(`${base}/incoming/:itemId/close`, { config: handle, schema: { tags, summary: '办结 / close', params: IncomingParamsSchema, body: noBody, response: { 200: IncomingItemSchema } } }, async (req, reply) =>
    withEtag(reply, await incoming.close(req.params.officeId, req.params.itemId, requireVersion(req), actorContext(req))),
  );
  r.put(`${base}/incoming/:itemId/task`, { config: handle, schema: { tags, summary: '关联台账任务 / link the ledger task made from the instruction', params: IncomingParamsSchema, body: TaskLinkSchema, response: { 200: IncomingItemSchema } } }, async (req, reply) =>
    withEtag(reply, await incoming.linkTask(req.params.officeId, req.params.itemId, req.body.taskId, actorContext(req))),
  );
  r.post(`${base}/incoming/:itemId/task`, { config: handle, schema: { tags, summary: '批示转为台账任务 / make a ledger task of the instruction', params: IncomingParamsSchema, body: InstructionTaskSchema, response: { 200: IncomingItemSchema } } }, async (req, reply) =>
    withEtag(reply, await incoming.createTask(req.params.officeId, req.params.itemId, requireVersion(req), req.body, actorContext(req))),
  );
}
