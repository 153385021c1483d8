import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { OfficeParamsSchema, WarningSchema } from '../../../shared/contracts/common.ts';
import {
  AppointmentCreateSchema,
  AppointmentEndSchema,
  AppointmentListQuerySchema,
  AppointmentParamsSchema,
  AppointmentSchema,
  DelegationCreateSchema,
  DelegationParamsSchema,
  DelegationSchema,
  DirectorySchema,
  OfficeListSchema,
  OfficeSchema,
  PersonCreateSchema,
  PersonParamsSchema,
  PersonSchema,
  PersonUpdateSchema,
  RosterImportQuerySchema,
  RosterImportReportSchema,
  RosterSchema,
  UnitCreateSchema,
  UnitParamsSchema,
  UnitSchema,
  UnitUpdateSchema,
  WithWarnings,
} from '../../../shared/contracts/organization.ts';
import { AppError } from '../../platform/errors.ts';
import { actorContext, etag, requireVersion } from '../../platform/http.ts';
import type { OrganizationService } from './organization.service.ts';
import { XLSX_MIME } from './roster-excel.ts';

const read = { access: { kind: 'office', permission: 'organization.read' } } as const;
const manage = { access: { kind: 'office', permission: 'organization.manage' } } as const;
const delegate = { access: { kind: 'office', permission: 'organization.delegate' } } as const;
const tags = ['organization'];
const base = '/api/v1/organization/offices/:officeId';

/** Thin adapters: parse, authorize (by route config), call one service function, present. */
export function registerOrganizationRoutes(app: FastifyInstance, svc: OrganizationService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/organization/offices', { config: { access: { kind: 'session' } }, schema: { tags, summary: '可访问的办公室 / offices I may open', response: { 200: OfficeListSchema } } }, async (req) => ({
    items: await svc.listVisibleOffices(actorContext(req).actor),
  }));

  r.get(base, { config: read, schema: { tags, params: OfficeParamsSchema, response: { 200: OfficeSchema } } }, async (req) => svc.getOffice(req.params.officeId));

  r.get(`${base}/roster`, { config: read, schema: { tags, summary: '领导小组与办公室名册 / roster with rule warnings', params: OfficeParamsSchema, response: { 200: RosterSchema } } }, async (req) =>
    svc.roster(req.params.officeId),
  );

  r.get(`${base}/roster.xlsx`, { config: read, schema: { tags, summary: '导出名册 Excel / the roster as an Excel workbook', params: OfficeParamsSchema } }, async (req, reply) => {
    const file = await svc.exportRoster(req.params.officeId, actorContext(req));
    return reply.header('content-type', XLSX_MIME).header('content-disposition', attachment(file.filename, file.asciiFilename)).header('cache-control', 'no-store').send(file.buffer);
  });

  r.post(`${base}/roster/import`, {
    config: manage,
    schema: { tags, summary: '导入成员单位名册（multipart，一个 .xlsx） / import member units from a roster workbook', params: OfficeParamsSchema, querystring: RosterImportQuerySchema, response: { 200: RosterImportReportSchema } },
  }, async (req) => {
    const upload = await readOneFile(req);
    return svc.importRoster(req.params.officeId, upload, req.query.mode, actorContext(req));
  });

  r.get(`${base}/warnings`, { config: read, schema: { tags, params: OfficeParamsSchema, response: { 200: z.object({ items: z.array(WarningSchema) }) } } }, async (req) => ({
    items: await svc.warnings(req.params.officeId),
  }));

  r.get(`${base}/directory`, { config: read, schema: { tags, summary: '联络员与信息员通讯录 (A2-7)', params: OfficeParamsSchema, response: { 200: DirectorySchema } } }, async (req) => ({
    items: await svc.directory(req.params.officeId),
  }));

  // units
  r.get(`${base}/units`, { config: read, schema: { tags, params: OfficeParamsSchema, response: { 200: z.object({ items: z.array(UnitSchema) }) } } }, async (req) => ({
    items: await svc.listUnits(req.params.officeId),
  }));
  r.get(`${base}/units/:unitId`, { config: read, schema: { tags, params: UnitParamsSchema, response: { 200: UnitSchema } } }, async (req, reply) => {
    const item = await svc.getUnit(req.params.officeId, req.params.unitId);
    void reply.header('etag', etag(item.version));
    return item;
  });
  r.post(`${base}/units`, { config: manage, schema: { tags, params: OfficeParamsSchema, body: UnitCreateSchema, response: { 201: UnitSchema } } }, async (req, reply) => {
    const item = await svc.createUnit(req.params.officeId, req.body, actorContext(req));
    return reply.status(201).header('etag', etag(item.version)).send(item);
  });
  r.patch(`${base}/units/:unitId`, { config: manage, schema: { tags, params: UnitParamsSchema, body: UnitUpdateSchema, response: { 200: UnitSchema } } }, async (req, reply) => {
    const item = await svc.updateUnit(req.params.officeId, req.params.unitId, requireVersion(req), req.body, actorContext(req));
    void reply.header('etag', etag(item.version));
    return item;
  });

  // people
  r.get(`${base}/people`, { config: read, schema: { tags, params: OfficeParamsSchema, response: { 200: z.object({ items: z.array(PersonSchema) }) } } }, async (req) => ({
    items: await svc.listPeople(req.params.officeId),
  }));
  r.get(`${base}/people/:personId`, { config: read, schema: { tags, params: PersonParamsSchema, response: { 200: PersonSchema } } }, async (req, reply) => {
    const item = await svc.getPerson(req.params.officeId, req.params.personId);
    void reply.header('etag', etag(item.version));
    return item;
  });
  r.post(`${base}/people`, { config: manage, schema: { tags, params: OfficeParamsSchema, body: PersonCreateSchema, response: { 201: PersonSchema } } }, async (req, reply) => {
    const item = await svc.createPerson(req.params.officeId, req.body, actorContext(req));
    return reply.status(201).header('etag', etag(item.version)).send(item);
  });
  r.patch(`${base}/people/:personId`, { config: manage, schema: { tags, params: PersonParamsSchema, body: PersonUpdateSchema, response: { 200: PersonSchema } } }, async (req, reply) => {
    const item = await svc.updatePerson(req.params.officeId, req.params.personId, requireVersion(req), req.body, actorContext(req));
    void reply.header('etag', etag(item.version));
    return item;
  });

  // appointments (history included with scope=all)
  r.get(`${base}/appointments`, { config: read, schema: { tags, params: OfficeParamsSchema, querystring: AppointmentListQuerySchema, response: { 200: z.object({ items: z.array(AppointmentSchema) }) } } }, async (req) => ({
    items: await svc.listAppointments(req.params.officeId, req.query),
  }));
  r.post(`${base}/appointments`, { config: manage, schema: { tags, summary: '任命 / appoint', params: OfficeParamsSchema, body: AppointmentCreateSchema, response: { 201: WithWarnings(AppointmentSchema) } } }, async (req, reply) => {
    const out = await svc.appoint(req.params.officeId, req.body, actorContext(req));
    return reply.status(201).send(out);
  });
  r.post(`${base}/appointments/:appointmentId/end`, { config: manage, schema: { tags, summary: '免职 / end an appointment', params: AppointmentParamsSchema, body: AppointmentEndSchema, response: { 200: WithWarnings(AppointmentSchema) } } }, async (req) =>
    svc.endAppointment(req.params.officeId, req.params.appointmentId, requireVersion(req), req.body, actorContext(req)),
  );

  // delegations
  r.get(`${base}/delegations`, { config: read, schema: { tags, params: OfficeParamsSchema, response: { 200: z.object({ items: z.array(DelegationSchema) }) } } }, async (req) => ({
    items: await svc.listDelegations(req.params.officeId),
  }));
  r.post(`${base}/delegations`, { config: delegate, schema: { tags, summary: '委托 / delegate a power', params: OfficeParamsSchema, body: DelegationCreateSchema, response: { 201: DelegationSchema } } }, async (req, reply) => {
    const item = await svc.delegate(req.params.officeId, req.body, actorContext(req));
    return reply.status(201).send(item);
  });
  r.post(`${base}/delegations/:delegationId/revoke`, { config: delegate, schema: { tags, params: DelegationParamsSchema, body: z.strictObject({}).optional(), response: { 200: DelegationSchema } } }, async (req) =>
    svc.revokeDelegation(req.params.officeId, req.params.delegationId, requireVersion(req), actorContext(req)),
  );
}

/** Content-Disposition with an ASCII fallback and the UTF-8 name (RFC 6266 / RFC 5987). */
function attachment(filename: string, ascii: string): string {
  const encoded = encodeURIComponent(filename).replace(/['()*!]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encoded}`;
}

/** The one uploaded file of a multipart request (limits set where @fastify/multipart is registered); bad uploads are 400/413, never 500. */
async function readOneFile(req: FastifyRequest): Promise<{ buffer: Buffer; filename: string | null }> {
  if (!req.isMultipart()) throw new AppError('VALIDATION_FAILED', '请以 multipart/form-data 上传一个 .xlsx 文件 / upload one .xlsx file as multipart/form-data', { reason: 'NOT_MULTIPART' });
  const refuse = (err: unknown): AppError => {
    if ((err as { statusCode?: number }).statusCode === 413) return new AppError('PAYLOAD_TOO_LARGE', '文件过大或文件过多（限 1 个、10 MB） / one file of at most 10 MB', { reason: (err as { code?: string }).code });
    return new AppError('VALIDATION_FAILED', '上传内容不完整或格式有误 / malformed multipart upload', { reason: 'BAD_MULTIPART' });
  };
  let file: { buffer: Buffer; filename: string | null } | null = null;
  try {
    // Read every part: a second file is refused (files: 1), not silently ignored; plain fields are skipped.
    for await (const part of req.parts()) {
      if (part.type !== 'file') continue;
      if (file) throw new AppError('VALIDATION_FAILED', '只能上传一个文件 / upload exactly one file', { reason: 'TOO_MANY_FILES' });
      file = { buffer: await part.toBuffer(), filename: part.filename || null };
    }
  } catch (err) {
    throw err instanceof AppError ? err : refuse(err);
  }
  if (!file) throw new AppError('VALIDATION_FAILED', '未收到文件 / no file received', { reason: 'NO_FILE' });
  return file;
}
