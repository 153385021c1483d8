// Test harness: a real database (SQLite file or a fresh PostgreSQL database), migrated, with the demo loaded.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { describe, it } from 'vitest';
import { buildApp, createServices, type Services } from '../app.ts';
import { createDb, type Dialect, type DbHandle } from '../db/db.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { ensureSystemAccounts, loadDemo, type DemoLogin } from '../demo/demo.ts';
import { fixedClock } from '../platform/clock.ts';
import type { Mailer } from '../modules/notifications/notifications.service.ts';

export const TEST_PASSWORD = 'Test-Pass-2026!';
export const TEST_AUDIT_KEY = Buffer.alloc(32, 7);
export const PG_URL = process.env.TEST_DATABASE_URL;

/** The dialects this run tests: SQLite always, PostgreSQL when TEST_DATABASE_URL is set. */
export const DIALECTS: Dialect[] = PG_URL ? ['sqlite', 'postgres'] : ['sqlite'];

/** Runs a suite once per database. Without PostgreSQL it says so in a visible skipped test. */
export function describeEachDb(name: string, fn: (dialect: Dialect) => void): void {
  for (const d of DIALECTS) describe(`${name} [${d}]`, () => fn(d));
  if (!PG_URL) {
    describe(`${name} [postgres]`, () => {
      it.skip('skipped: no PostgreSQL (set TEST_DATABASE_URL)', () => {});
    });
  }
}

let pgAnnounced = false;

/** A fresh database of the dialect: a temp SQLite file, or a new PostgreSQL database dropped at close. */
export async function createTestDb(dialect: Dialect): Promise<DbHandle & { drop(): Promise<void> }> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'ro-test-'));
    const h = createDb(`sqlite:${join(dir, 'test.db')}`);
    return { ...h, drop: async () => { await h.close(); rmSync(dir, { recursive: true, force: true }); } };
  }
  if (!PG_URL) throw new Error('TEST_DATABASE_URL not set');
  if (!pgAnnounced) pgAnnounced = true;
  const name = `ro_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  const h = createDb(url.toString(), { poolSize: 8 });
  return {
    ...h,
    drop: async () => {
      await h.close();
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

export interface TestContext {
  dialect: Dialect;
  app: FastifyInstance;
  handle: DbHandle;
  services: Services;
  clock: ReturnType<typeof fixedClock>;
  logins: DemoLogin[];
  /** Office ids by short name (昌吉州, 昌吉市, 阜康市 …) and the region's as 自治区. */
  offices: Record<string, string>;
  close(): Promise<void>;
}

export async function createTestContext(dialect: Dialect, opts: { demo?: boolean; now?: string; mailer?: Mailer; app?: Partial<Parameters<typeof buildApp>[0]> } = {}): Promise<TestContext> {
  const handle = await createTestDb(dialect);
  await migrateToLatest(handle.db);
  const clock = fixedClock(opts.now ?? '2026-11-20T02:00:00.000Z');
  const services = createServices({ handle, clock, auditKey: TEST_AUDIT_KEY, mailer: opts.mailer ?? null });
  const demoOpts = { password: TEST_PASSWORD, mustChangePassword: false };
  await services.calendar.seedFromPackage();
  const logins = [...(await ensureSystemAccounts(services, demoOpts))];
  if (opts.demo !== false) logins.push(...(await loadDemo(handle, services, clock, demoOpts)));
  const app = await buildApp({ handle, clock, auditKey: TEST_AUDIT_KEY, services, ...opts.app });
  await app.ready();
  const offices: Record<string, string> = {};
  for (const o of await services.organizationRepo.listAllOffices(handle.db)) offices[o.shortName] = o.id;
  return { dialect, app, handle, services, clock, logins, offices, close: async () => { await app.close(); await handle.drop(); } };
}

export interface Agent {
  csrf: string;
  cookie: string;
  get(url: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  put(url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  request(method: string, url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
}

/** Logs in through the API and returns an agent that sends the session cookie and the CSRF token. */
export async function login(app: FastifyInstance, username: string, password = TEST_PASSWORD): Promise<Agent> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const sid = res.cookies.find((c) => c.name === 'ro_sid')!.value;
  const cookie = `ro_sid=${sid}`;
  const session = await app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: { cookie } });
  const csrf = (session.json() as { csrfToken: string }).csrfToken;
  return agentFor(app, cookie, csrf);
}

export function agentFor(app: FastifyInstance, cookie: string, csrf: string): Agent {
  const request = (method: string, url: string, body?: unknown, headers: Record<string, string> = {}) =>
    app.inject({
      method: method as 'GET',
      url,
      headers: { cookie, ...(method === 'GET' ? {} : { 'x-csrf-token': csrf }), ...headers },
      ...(body === undefined ? {} : { payload: body as object }),
    });
  return {
    csrf,
    cookie,
    request,
    get: (url, headers) => request('GET', url, undefined, headers),
    post: (url, body, headers) => request('POST', url, body ?? {}, headers),
    patch: (url, body, headers) => request('PATCH', url, body, headers),
    put: (url, body, headers) => request('PUT', url, body, headers),
  };
}

/** An anonymous agent (no cookie). */
export const anonymous = (app: FastifyInstance): Agent => agentFor(app, '', '');

/**
 * A meeting point for `n` concurrent callers: each call waits until `n` have arrived (then all go on), or `timeoutMs`
 * (a caller running alone — SQLite's transactions run one after another — goes on by itself). Held between a check
 * and its insert, it makes concurrent requests all pass the check before any inserts: races become reproducible.
 */
export function meetingPoint(n: number, timeoutMs = 300): () => Promise<void> {
  const waiting: Array<() => void> = [];
  return () =>
    new Promise<void>((resolve) => {
      waiting.push(resolve);
      if (waiting.length === n) for (const go of waiting.splice(0)) go();
      else setTimeout(resolve, timeoutMs);
    });
}
