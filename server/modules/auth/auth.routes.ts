import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ChangePasswordSchema, LoginSchema, SessionSchema, type Session } from '../../../shared/contracts/auth.ts';
import { OkSchema } from '../../../shared/contracts/common.ts';
import { abilitiesFor, type Grants } from '../../platform/authorize.ts';
import { actorContext, requestContext, SESSION_COOKIE } from '../../platform/http.ts';
import type { OrganizationService } from '../organization/organization.service.ts';
import type { AuthService } from './auth.service.ts';

const tags = ['auth'];

export function registerAuthRoutes(app: FastifyInstance, deps: { auth: AuthService; organization: OrganizationService; grants: Grants; secureCookies: boolean }): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const cookie = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: deps.secureCookies };

  r.post('/api/v1/auth/login', { config: { access: { kind: 'public' } }, schema: { tags, summary: '登录 / log in', body: LoginSchema, response: { 200: OkSchema } } }, async (req, reply) => {
    const { token } = await deps.auth.login(req.body, { ...requestContext(req), userAgent: req.headers['user-agent'] ?? null });
    void reply.setCookie(SESSION_COOKIE, token, cookie);
    return { ok: true as const };
  });

  r.post('/api/v1/auth/logout', { config: { access: { kind: 'session', whilePasswordChangeRequired: true } }, schema: { tags, response: { 200: OkSchema } } }, async (req, reply) => {
    await deps.auth.logout(actorContext(req));
    void reply.clearCookie(SESSION_COOKIE, cookie);
    return { ok: true as const };
  });

  r.get('/api/v1/auth/session', { config: { access: { kind: 'session', whilePasswordChangeRequired: true } }, schema: { tags, summary: '当前会话 / who am I', response: { 200: SessionSchema } } }, async (req): Promise<Session> => {
    const { actor } = actorContext(req);
    const offices = actor.mustChangePassword ? [] : await deps.organization.listVisibleOffices(actor);
    const names = new Map(offices.map((o) => [o.id, o.name]));
    const posts = actor.mustChangePassword ? [] : await deps.organization.describePosts(actor);
    return {
      account: { id: actor.accountId, username: actor.username, displayName: actor.displayName, systemDuty: actor.systemDuty, mustChangePassword: actor.mustChangePassword },
      posts: posts.map((p) => ({ ...p, officeName: names.get(p.officeId) ?? p.officeName })),
      offices: offices.map((o) => ({ id: o.id, name: o.name, shortName: o.shortName, level: o.level, parentId: o.parentId, abilities: o.abilities })),
      abilities: abilitiesFor(deps.grants, actor),
      csrfToken: actor.csrfToken,
    };
  });

  r.post('/api/v1/auth/password', { config: { access: { kind: 'session', whilePasswordChangeRequired: true } }, schema: { tags, summary: '修改密码 / change my password', body: ChangePasswordSchema, response: { 200: OkSchema } } }, async (req) => {
    await deps.auth.changePassword(req.body, actorContext(req));
    return { ok: true as const };
  });
}
