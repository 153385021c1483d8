import Fastify, { type FastifyInstance, type FastifyReply, type RouteOptions } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import { jsonSchemaTransform, validatorCompiler } from 'fastify-type-provider-zod';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterCommit, type DbHandle } from './db/db.ts';
import { createAudit } from './platform/audit.ts';
import { mergeGrants } from './platform/authorize.ts';
import type { Clock } from './platform/clock.ts';
import { registerHttpPlatform, toErrorBody } from './platform/http.ts';
import { registerApiDocs } from './platform/api-docs.ts';
import { responseSerializerCompiler } from './platform/serializer.ts';
import { ERROR_CODES } from '../shared/errors.ts';
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
import { calendarGrants } from './modules/calendar/calendar.policy.ts';
import { createCalendarRepository } from './modules/calendar/calendar.repository.ts';
import { registerCalendarRoutes } from './modules/calendar/calendar.routes.ts';
import { createCalendarService } from './modules/calendar/calendar.service.ts';
import { createCalendarFeedService } from './modules/calendar/calendar-feed.service.ts';
import { createNotificationsRepository } from './modules/notifications/notifications.repository.ts';
import { registerNotificationsRoutes } from './modules/notifications/notifications.routes.ts';
import { createNotificationsService, type Mailer } from './modules/notifications/notifications.service.ts';
import { reportsGrants } from './modules/reports/reports.policy.ts';
import { ledgerGrants } from './modules/ledger/ledger.policy.ts';
import { createLedgerRepository } from './modules/ledger/ledger.repository.ts';
import { registerLedgerRoutes } from './modules/ledger/ledger.routes.ts';
import { createLedgerService, riskDatesOnCalendarChange } from './modules/ledger/ledger.service.ts';
import { meetingsGrants } from './modules/meetings/meetings.policy.ts';
import { createMeetingsRepository } from './modules/meetings/meetings.repository.ts';
import { registerMeetingsRoutes } from './modules/meetings/meetings.routes.ts';
import { createMeetingsService } from './modules/meetings/meetings.service.ts';
import { ledgerTaskSink } from './modules/meetings/meetings.task-sink.ts';
import { createReportsRepository } from './modules/reports/reports.repository.ts';
import { registerReportsRoutes } from './modules/reports/reports.routes.ts';
import { createReportsService } from './modules/reports/reports.service.ts';
import { organizationGrants } from './modules/organization/organization.policy.ts';
import { createOrganizationRepository } from './modules/organization/organization.repository.ts';
import { registerOrganizationRoutes } from './modules/organization/organization.routes.ts';
import { createOrganizationService } from './modules/organization/organization.service.ts';
import { documentsGrants } from './modules/documents/documents.policy.ts';
import { createDocumentsRepository } from './modules/documents/documents.repository.ts';
import { registerDocumentsRoutes } from './modules/documents/documents.routes.ts';
import { createDocumentsService } from './modules/documents/documents.service.ts';
import { createIncomingService } from './modules/documents/incoming.service.ts';
import { ledgerInstructionSink } from './modules/documents/incoming.task-sink.ts';

export interface AppDeps {
  handle: DbHandle;
  clock: Clock;
  auditKey: Buffer;
  logger?: boolean | { level: string };
  secureCookies?: boolean;
  trustProxy?: boolean;
  /** The built web app (index.html + assets); absent in API tests. */
  webDist?: string;
  /** E-mail copies of notifications, when SMTP is configured. */
  mailer?: Mailer | null;
  /** Licensed official fonts for PDF output (GB/T 9704); Noto CJK stand-ins when absent. */
  fontDir?: string | null;
  /** Services already wired (main shares them with the job runner); built here when absent. */
  services?: Services;
  /** Check every response against its zod schema as well (default: yes; the server turns it off unless RESPONSE_CHECK=1). */
  checkResponses?: boolean;
  /** Sees every route as registered, access default applied (the role × route matrix and fuzz tests' route table). */
  onRoute?: (route: RouteOptions) => void;
}

/** Every module's grants, registered explicitly (no import side effects). */
export const GRANTS = mergeGrants(authGrants, organizationGrants, accountsGrants, auditGrants, calendarGrants, reportsGrants, ledgerGrants, meetingsGrants, documentsGrants);

/** Wires services from explicit dependencies. Shared by the HTTP app and the CLI (which never goes through HTTP). */
export function createServices(deps: Pick<AppDeps, 'handle' | 'clock' | 'auditKey' | 'mailer' | 'fontDir'>) {
  const { db, dialect } = deps.handle;
  const clock = deps.clock;
  // Audited changes that can alter a session drop the auth service's short-lived session cache.
  const audit = createAudit({ key: deps.auditKey, dialect, clock, onRecord: (entry) => auth.noteChange(entry) });
  const organizationRepo = createOrganizationRepository();
  const auth = createAuthService({ db, repo: createAuthRepository(), audit, clock, findOffice: (id) => organizationRepo.findOffice(db, id) });
  afterCommit(db, () => auth.noteCommit());
  const organization = createOrganizationService({ db, repo: organizationRepo, audit, clock, grants: GRANTS, dialect });
  const accounts = createAccountsService({ db, repo: createAccountsRepository(), auth, audit, clock });
  const auditTrail = createAuditService({ db, repo: createAuditRepository(), key: deps.auditKey });
  const calendarRepo = createCalendarRepository();
  const ledgerRepo = createLedgerRepository();
  const calendar = createCalendarService({ db, repo: calendarRepo, audit, clock, dependents: [riskDatesOnCalendarChange({ repo: ledgerRepo, audit })] });
  const notifications = createNotificationsService({ db, repo: createNotificationsRepository(), clock, mailer: deps.mailer ?? null });
  const reports = createReportsService({ db, repo: createReportsRepository(), audit, clock, calendar, notifications, grants: GRANTS });
  const ledger = createLedgerService({ db, repo: ledgerRepo, audit, clock, calendar, notifications });
  const meetings = createMeetingsService({ db, repo: createMeetingsRepository(), audit, clock, organization, notifications, taskSink: ledgerTaskSink(ledger), dialect, fonts: { licensedFontDir: deps.fontDir ?? null } });
  const documentsRepo = createDocumentsRepository();
  const documents = createDocumentsService({ db, dialect, repo: documentsRepo, audit, clock, organization, notifications, fonts: { licensedFontDir: deps.fontDir ?? null } });
  const incoming = createIncomingService({ db, repo: documentsRepo, audit, clock, calendar, notifications, rules: documents.rules, taskSink: ledgerInstructionSink(ledger) });
  const calendarFeed = createCalendarFeedService({ db, repo: calendarRepo, clock, sources: [reports.deadlinesFor, meetings.meetingsFor] });
  return { audit, auth, organization, organizationRepo, accounts, auditTrail, calendar, calendarFeed, notifications, reports, ledger, meetings, documents, incoming };
}
export type Services = ReturnType<typeof createServices>;

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: deps.logger ?? false,
    genReqId: () => newId(),
    trustProxy: deps.trustProxy ?? false,
    bodyLimit: 2 * 1024 * 1024,
    ajv: undefined,
    // Bad URLs, over-long parameters: the same one error shape as everything else.
    frameworkErrors: (err, _req, reply) => {
      const body = toErrorBody(err);
      void (reply as unknown as FastifyReply).code(ERROR_CODES[body.error.code].status).send(body);
    },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(responseSerializerCompiler({ check: deps.checkResponses ?? true, log: (msg, detail) => app.log.error(detail, msg) }));
  const services = deps.services ?? createServices(deps);

  // Routes outside the API (docs, the web app) are public; every /api/v1 route must declare its own access.
  app.addHook('onRoute', (opts) => {
    if (!opts.url.startsWith('/api/v1/') && !opts.config?.access) opts.config = { ...opts.config, access: { kind: 'public' } };
    deps.onRoute?.(opts);
  });

  await app.register(fastifyCookie);
  // Uploads (roster import): one file of at most 10 MB; routes read it with req.file().
  await app.register(fastifyMultipart, { limits: { fileSize: 10 * 1024 * 1024, files: 1 } });
  await app.register(fastifySwagger, {
    openapi: { info: { title: 'reform-office 审改办工作平台 API', version: '1' } },
    transform: jsonSchemaTransform,
  });
  registerApiDocs(app);

  registerHttpPlatform(app, {
    grants: GRANTS,
    resolveSession: services.auth.resolveSession,
    findOffice: services.auth.resolveOffice,
  });

  app.get('/api/health', { config: { access: { kind: 'public' } } }, async () => ({ ok: true }));
  registerAuthRoutes(app, { auth: services.auth, organization: services.organization, grants: GRANTS, secureCookies: deps.secureCookies ?? false });
  registerOrganizationRoutes(app, services.organization);
  registerAccountsRoutes(app, services.accounts);
  registerAuditRoutes(app, services.auditTrail);
  registerCalendarRoutes(app, services.calendar, services.calendarFeed);
  registerNotificationsRoutes(app, services.notifications);
  registerReportsRoutes(app, services.reports);
  registerLedgerRoutes(app, services.ledger);
  registerMeetingsRoutes(app, services.meetings);
  registerDocumentsRoutes(app, services.documents, services.incoming);

  if (deps.webDist && existsSync(join(deps.webDist, 'index.html'))) {
    // The built assets under one wildcard route (the build has index.html and assets/ only; web/ has no public folder).
    // `wildcard: false` listed the folder at start and added a route per
    // file: 63 files took the server 60–160 ms longer to be ready (start to /api/health, A/B against no web build).
    // Vite names every asset by its content hash, so a browser may keep one for a year without asking again.
    await app.register(fastifyStatic, { root: join(deps.webDist, 'assets'), prefix: '/assets/', wildcard: true, index: false, maxAge: '365d', immutable: true });
    // The single-page app: every non-API GET path answers index.html.
    app.get('/*', { config: { access: { kind: 'public' } }, schema: { hide: true } }, (req, reply) => {
      // Unknown API paths and missing assets (e.g. after a rebuild) are 404s, not the app's index page.
      if (req.url.startsWith('/api/') || req.url.startsWith('/assets/')) return reply.callNotFound();
      // no-cache: the page names the current build's assets (send's own Cache-Control used to replace this header).
      return reply.header('cache-control', 'no-cache').sendFile('index.html', deps.webDist!, { cacheControl: false });
    });
  }
  return app;
}
