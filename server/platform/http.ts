import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { ERROR_CODES, type ErrorBody } from '../../shared/errors.ts';
import type { Actor, RequestContext } from './actor.ts';
import { authorize, postsGranting, type Grants, type OfficeRef } from './authorize.ts';
import { AppError } from './errors.ts';
import { uniqueViolation } from './db-errors.ts';

/** How a route is reached. Every route declares one; the role × route matrix test fails on a route without it. */
export type Access =
  | { kind: 'public' }
  /**
   * Any live session. Only routes marked `whilePasswordChangeRequired` (session, logout, password change) also serve
   * an account that must still change its password; every other route answers it PASSWORD_CHANGE_REQUIRED.
   */
  | { kind: 'session'; whilePasswordChangeRequired?: boolean }
  /** A permission in the office named by the `:officeId` route parameter. */
  | { kind: 'office'; permission: string }
  /** A global permission of a system duty (system, security or audit admin). */
  | { kind: 'system'; permission: string };

export interface OfficeScope extends OfficeRef {
  name: string;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    actor: Actor | null;
    office: OfficeScope | null;
    sessionExpired: boolean;
    actingPost: string | null;
  }
}

export const SESSION_COOKIE = 'ro_sid';
export const CSRF_HEADER = 'x-csrf-token';

export interface HttpPlatformDeps {
  grants: Grants;
  resolveSession(token: string): Promise<{ actor: Actor } | { expired: true } | null>;
  findOffice(id: string): Promise<OfficeScope | undefined>;
}

export const requestContext = (req: FastifyRequest): RequestContext => ({ actor: req.actor, requestId: req.id, ip: req.ip ?? null, post: req.actingPost });

/** The audited context of a route whose access guarantees a session. */
export function actorContext(req: FastifyRequest): RequestContext & { actor: Actor } {
  if (!req.actor) throw new AppError('UNAUTHENTICATED');
  return { actor: req.actor, requestId: req.id, ip: req.ip ?? null, post: req.actingPost };
}

/** The office a route with `office` access acts in (resolved and authorized before validation). */
export function scopedOffice(req: FastifyRequest): OfficeScope {
  if (!req.office) throw new AppError('NOT_FOUND');
  return req.office;
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Session resolution, CSRF and authorization hooks, and the one error handler. */
export function registerHttpPlatform(app: FastifyInstance, deps: HttpPlatformDeps): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('office', null);
  app.decorateRequest('sessionExpired', false);
  app.decorateRequest('actingPost', null);

  app.addHook('onRequest', async (req) => {
    const access = req.routeOptions.config.access;
    if (!access || access.kind === 'public') {
      // Public routes never read the session; login has no session yet and still gets a same-origin check.
      if (UNSAFE.has(req.method)) checkSameOrigin(req);
      return;
    }
    const token = req.cookies[SESSION_COOKIE];
    if (token) {
      const resolved = await deps.resolveSession(token);
      if (resolved && 'actor' in resolved) req.actor = resolved.actor;
      else if (resolved) req.sessionExpired = true;
    }
    if (!req.actor) throw new AppError(req.sessionExpired ? 'SESSION_EXPIRED' : 'UNAUTHENTICATED');
    if (UNSAFE.has(req.method)) {
      checkSameOrigin(req);
      if (req.headers[CSRF_HEADER] !== req.actor.csrfToken) throw new AppError('CSRF_FAILED');
    }
    if (req.actor.mustChangePassword && !(access.kind === 'session' && access.whilePasswordChangeRequired)) throw new AppError('PASSWORD_CHANGE_REQUIRED');
  });

  // Authorization runs before body validation: a caller without the right learns nothing about the body's shape.
  // PostgreSQL text cannot hold NUL: refuse it in any input up front rather than fail deep in a query.
  app.addHook('preValidation', async (req) => {
    if (hasNul(req.params) || hasNul(req.query) || hasNul(req.body)) throw new AppError('VALIDATION_FAILED', '输入含有不允许的空字符 / input contains a NUL character', { reason: 'nul_character' });
  });

  app.addHook('preValidation', async (req) => {
    const access = req.routeOptions.config.access;
    if (!access) throw new AppError('FORBIDDEN', 'route has no access rule');
    if (access.kind === 'office') {
      const officeId = (req.params as Record<string, string> | undefined)?.officeId;
      const office = officeId ? await deps.findOffice(officeId) : undefined;
      if (!office) throw new AppError('NOT_FOUND', '未找到该办公室 / office not found', { entity: 'office' });
      authorize(deps.grants, req.actor, access.permission, office);
      // The post acting: one held in this very office first, else the ancestor post that reaches it (read-only).
      const granting = postsGranting(deps.grants, req.actor!, access.permission, office);
      req.actingPost = (granting.find((p) => p.officeId === office.id) ?? granting[0])?.post ?? null;
      req.office = office;
    } else if (access.kind === 'system') {
      authorize(deps.grants, req.actor, access.permission);
    }
  });

  app.setNotFoundHandler((req, reply) => {
    void reply.status(404).send({ error: { code: 'NOT_FOUND', message: ERROR_CODES.NOT_FOUND.message, details: { route: `${req.method} ${req.url.split('?')[0]}` } } } satisfies ErrorBody);
  });

  app.setErrorHandler((err: unknown, req, reply: FastifyReply) => {
    const body = toErrorBody(err);
    const status = ERROR_CODES[body.error.code].status;
    if (status >= 500) req.log.error({ err }, 'request failed');
    else req.log.info({ code: body.error.code }, 'request refused');
    void reply.status(status).send(body);
  });
}

function hasNul(v: unknown, depth = 0): boolean {
  if (typeof v === 'string') return v.includes('\u0000');
  if (depth > 50 || v === null || typeof v !== 'object' || Buffer.isBuffer(v)) return false;
  for (const [k, x] of Object.entries(v)) if (k.includes('\u0000') || hasNul(x, depth + 1)) return true;
  return false;
}

function checkSameOrigin(req: FastifyRequest) {
  // Browsers send Sec-Fetch-Site / Origin; a cross-site form post is refused even before the token check.
  const site = req.headers['sec-fetch-site'];
  if (site && site !== 'same-origin' && site !== 'none') throw new AppError('CSRF_FAILED');
  const origin = req.headers.origin;
  if (origin && req.headers.host && originHost(origin) !== req.headers.host) throw new AppError('CSRF_FAILED');
}

/** The host of an Origin header; null for `Origin: null` (sandboxed frames, data: URLs) and anything unparsable. */
function originHost(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}

export function toErrorBody(err: unknown): ErrorBody {
  if (err instanceof AppError) return { error: { code: err.code, message: err.message, details: err.details } };
  if (hasZodFastifySchemaValidationErrors(err)) {
    return {
      error: {
        code: 'VALIDATION_FAILED',
        message: ERROR_CODES.VALIDATION_FAILED.message,
        details: {
          part: err.validationContext,
          issues: err.validation.map((v) => ({ path: v.instancePath.replace(/^\//, '').replaceAll('/', '.'), message: v.message, keyword: v.keyword, params: v.params })),
        },
      },
    };
  }
  if (isResponseSerializationError(err)) return { error: { code: 'INTERNAL', message: ERROR_CODES.INTERNAL.message } };
  const unique = uniqueViolation(err);
  if (unique) {
    const { fields } = unique;
    return { error: { code: 'CONFLICT', message: ERROR_CODES.CONFLICT.message, details: { rule: 'unique', fields, ...(fields.length === 1 ? { field: fields[0] } : {}) } } };
  }
  const e = err as { statusCode?: number; code?: string; message?: string };
  if (e && typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
    // Fastify's own client errors: bad JSON, wrong content type, body too large.
    if (e.statusCode === 413) return { error: { code: 'PAYLOAD_TOO_LARGE', message: ERROR_CODES.PAYLOAD_TOO_LARGE.message } };
    if (e.statusCode === 415 || e.statusCode === 400 || e.statusCode === 414)
      return { error: { code: 'VALIDATION_FAILED', message: ERROR_CODES.VALIDATION_FAILED.message, details: { reason: e.code ?? 'bad request', detail: e.message } } };
    if (e.statusCode === 404) return { error: { code: 'NOT_FOUND', message: ERROR_CODES.NOT_FOUND.message } };
  }
  return { error: { code: 'INTERNAL', message: ERROR_CODES.INTERNAL.message } };
}

/** Reads the If-Match version of an update (ETag "v<version>" or a bare number); 428 when missing. */
export function requireVersion(req: FastifyRequest): number {
  const raw = req.headers['if-match'];
  if (!raw) throw new AppError('PRECONDITION_REQUIRED');
  const m = /^(?:W\/)?"?v?(\d+)"?$/.exec(String(raw).trim());
  if (!m) throw new AppError('VALIDATION_FAILED', 'If-Match 格式有误 / bad If-Match', { header: 'if-match' });
  return Number(m[1]);
}

export const etag = (version: number) => `"v${version}"`;
