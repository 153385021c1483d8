import Fastify, { type FastifyInstance } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { DbHandle } from './db/db.ts';
import { createAudit } from './platform/audit.ts';
import { mergeGrants } from './platform/authorize.ts';
import type { Clock } from './platform/clock.ts';
import { registerHttpPlatform } from './platform/http.ts';
import { newId } from './platform/ids.ts';
import { accountsGrants } from './modules/accounts/accounts.policy.ts';
import { createAccountsRepository } from './modules/accounts/accounts.repository.ts';
import { registerAccountsRoutes } from './modules/accounts/accounts.routes.ts';
import { createAccountsService } from './modules/accounts/accounts.service.ts';
import { auditGrants } from './modules/audit/audit.policy.ts';
import { createAuditRepository } from './modules/audit/audit.repository.ts';
import { registerAuditRoutes } from './modules/audit/audit.routes.ts';
import { createAuditService } from './modules/audit/audit.service.ts';
import { authGrants } from './modules/auth/auth.policy.ts';
import { createAuthRepository } from './modules/auth/auth.repository.ts';
import { registerAuthRoutes } from './modules/auth/auth.routes.ts';
import { createAuthService } from './modules/auth/auth.service.ts';
import { organizationGrants } from './modules/organization/organization.policy.ts';
import { createOrganizationRepository } from './modules/organization/organization.repository.ts';
import { registerOrganizationRoutes } from './modules/organization/organization.routes.ts';
import { createOrganizationService } from './modules/organization/organization.service.ts';

export interface AppDeps {
  handle: DbHandle;
  clock: Clock;
  auditKey: Buffer;
  logger?: boolean | { level: string };
  secureCookies?: boolean;
  trustProxy?: boolean;
  /** The built web app (index.html + assets); absent in API tests. */
  webDist?: string;
}

/** Every module's grants, registered explicitly (no import side effects). */
export const GRANTS = mergeGrants(authGrants, organizationGrants, accountsGrants, auditGrants);

/** Wires services from explicit dependencies. Shared by the HTTP app and the CLI (which never goes through HTTP). */
export function createServices(deps: Pick<AppDeps, 'handle' | 'clock' | 'auditKey'>) {
  const { db, dialect } = deps.handle;
  const clock = deps.clock;
  const audit = createAudit({ key: deps.auditKey, dialect, clock });
  const auth = createAuthService({ db, repo: createAuthRepository(), audit, clock });
  const organizationRepo = createOrganizationRepository();
  const organization = createOrganizationService({ db, repo: organizationRepo, audit, clock, grants: GRANTS });
  const accounts = createAccountsService({ db, repo: createAccountsRepository(), auth, audit, clock });
  const auditTrail = createAuditService({ db, repo: createAuditRepository(), key: deps.auditKey });
  return { audit, auth, organization, organizationRepo, accounts, auditTrail };
}
export type Services = ReturnType<typeof createServices>;

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: deps.logger ?? false,
    genReqId: () => newId(),
    trustProxy: deps.trustProxy ?? false,
    bodyLimit: 2 * 1024 * 1024,
    ajv: undefined,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  const services = createServices(deps);
  const { db } = deps.handle;

  // Routes outside the API (docs, the web app) are public; every /api/v1 route must declare its own access.
  app.addHook('onRoute', (opts) => {
    if (!opts.url.startsWith('/api/v1/') && !opts.config?.access) opts.config = { ...opts.config, access: { kind: 'public' } };
  });

  await app.register(fastifyCookie);
  await app.register(fastifySwagger, {
    openapi: { info: { title: 'reform-office 审改办工作平台 API', version: '1' } },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  registerHttpPlatform(app, {
    grants: GRANTS,
    resolveSession: services.auth.resolveSession,
    findOffice: (id) => services.organizationRepo.findOffice(db, id),
  });

  app.get('/api/health', { config: { access: { kind: 'public' } } }, async () => ({ ok: true }));
  registerAuthRoutes(app, { auth: services.auth, organization: services.organization, grants: GRANTS, secureCookies: deps.secureCookies ?? false });
  registerOrganizationRoutes(app, services.organization);
  registerAccountsRoutes(app, services.accounts);
  registerAuditRoutes(app, services.auditTrail);

  if (deps.webDist && existsSync(join(deps.webDist, 'index.html'))) {
    await app.register(fastifyStatic, { root: deps.webDist, wildcard: false, index: false });
    // The single-page app: every non-API GET path answers index.html.
    app.get('/*', { config: { access: { kind: 'public' } } }, (req, reply) => {
      if (req.url.startsWith('/api/')) return reply.callNotFound();
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    });
  }
  return app;
}
