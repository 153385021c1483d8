import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AccountCreateSchema, AccountParamsSchema, AccountSchema, OneTimePasswordSchema } from '../../../shared/contracts/accounts.ts';
import { etag, requestContext, requireVersion } from '../../platform/http.ts';
import { SecurityPolicySchema } from '../auth/password-policy.ts';
import type { AccountsService } from './accounts.service.ts';

const manage = { access: { kind: 'system', permission: 'account.manage' } } as const;
const security = { access: { kind: 'system', permission: 'security.manage' } } as const;
const tags = ['accounts'];
const PolicyResponse = z.object({ policy: SecurityPolicySchema, version: z.number() });

export function registerAccountsRoutes(app: FastifyInstance, svc: AccountsService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/v1/accounts', { config: manage, schema: { tags, response: { 200: z.object({ items: z.array(AccountSchema) }) } } }, async () => ({ items: await svc.list() }));
  r.get('/api/v1/accounts/candidates', { config: manage, schema: { tags, summary: '尚无账号的人员 / people without an account', querystring: z.strictObject({ q: z.string().trim().max(50).optional() }), response: { 200: z.object({ items: z.array(z.object({ personId: z.string(), name: z.string(), unitName: z.string().nullable(), officeName: z.string() })) }) } } }, async (req) => ({
    items: await svc.candidates(req.query.q),
  }));
  r.get('/api/v1/security/accounts/locked', { config: security, schema: { tags: ['security'], summary: '被锁定的账号 / locked accounts', response: { 200: z.object({ items: z.array(AccountSchema) }) } } }, async () => ({ items: await svc.listLocked() }));
  r.post('/api/v1/accounts', { config: manage, schema: { tags, summary: '新建账号（一次性密码） / create an account', body: AccountCreateSchema, response: { 201: OneTimePasswordSchema } } }, async (req, reply) =>
    reply.status(201).send(await svc.create(req.body, requestContext(req))),
  );
  const noBody = z.strictObject({}).nullish();
  r.post('/api/v1/accounts/:accountId/disable', { config: manage, schema: { tags, params: AccountParamsSchema, body: noBody, response: { 200: AccountSchema } } }, async (req) =>
    svc.setDisabled(req.params.accountId, true, requestContext(req)),
  );
  r.post('/api/v1/accounts/:accountId/enable', { config: manage, schema: { tags, params: AccountParamsSchema, body: noBody, response: { 200: AccountSchema } } }, async (req) =>
    svc.setDisabled(req.params.accountId, false, requestContext(req)),
  );
  r.post('/api/v1/accounts/:accountId/reset-password', { config: manage, schema: { tags, params: AccountParamsSchema, body: noBody, response: { 200: OneTimePasswordSchema } } }, async (req) =>
    svc.resetPassword(req.params.accountId, requestContext(req)),
  );
  r.post('/api/v1/security/accounts/:accountId/unlock', { config: security, schema: { tags: ['security'], params: AccountParamsSchema, body: noBody, response: { 200: AccountSchema } } }, async (req) =>
    svc.unlock(req.params.accountId, requestContext(req)),
  );
  r.get('/api/v1/security/policy', { config: security, schema: { tags: ['security'], response: { 200: PolicyResponse } } }, async (_req, reply) => {
    const p = await svc.getPolicy();
    void reply.header('etag', etag(p.version));
    return p;
  });
  r.put('/api/v1/security/policy', { config: security, schema: { tags: ['security'], body: SecurityPolicySchema, response: { 200: PolicyResponse } } }, async (req, reply) => {
    const p = await svc.setPolicy(req.body, requireVersion(req), requestContext(req));
    void reply.header('etag', etag(p.version));
    return p;
  });
}
