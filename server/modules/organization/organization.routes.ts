import type { FastifyInstance } from 'fastify';
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
import { contentDisposition, MIME, readOneUpload } from '../../platform/uploads.ts';
import { actorContext, etag, requireVersion } from '../../platform/http.ts';
import type { OrganizationService } from './organization.service.ts';

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
    return reply.header('content-type', MIME.xlsx).header('content-disposition', contentDisposition(file.filename, { ascii: file.asciiFilename })).header('cache-control', 'no-store').send(file.buffer);
  });

  r.post(`${base}/roster/import`, {
    config: manage,
    schema: { tags, summary: '导入成员单位名册（multipart，一个 .xlsx） / import member units from a roster workbook', params: OfficeParamsSchema, querystring: RosterImportQuerySchema, response: { 200: RosterImportReportSchema } },
  }, async (req) => {
    const upload = await readOneUpload(req);
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
  r.post(`${base}/delegations/:delegationId/revoke`, { config: delegate, schema: { tags, params: DelegationParamsSchema, body: z.strictObject({}).nullish(), response: { 200: DelegationSchema } } }, async (req) =>
    svc.revokeDelegation(req.params.officeId, req.params.delegationId, requireVersion(req), actorContext(req)),
  );
}

