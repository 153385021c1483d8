import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AuditPageSchema, AuditQuerySchema, AuditVerifySchema } from '../../../shared/contracts/audit.ts';
import type { AuditService } from './audit.service.ts';

const access = { access: { kind: 'system', permission: 'audit.read' } } as const;
const tags = ['audit'];

export function registerAuditRoutes(app: FastifyInstance, svc: AuditService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/v1/audit/entries', { config: access, schema: { tags, summary: '审计日志 / audit trail', querystring: AuditQuerySchema, response: { 200: AuditPageSchema } } }, async (req) => svc.list(req.query));
  r.get('/api/v1/audit/export', { config: access, schema: { tags, summary: '导出 CSV / export as CSV', querystring: AuditQuerySchema } }, async (req, reply) =>
    reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="audit-${new Date().toISOString().slice(0, 10)}.csv"`).send(await svc.exportCsv(req.query)),
  );
  r.get('/api/v1/audit/verify', { config: access, schema: { tags, summary: '校验哈希链 / verify the hash chain', response: { 200: AuditVerifySchema } } }, async () => svc.verify());
}
