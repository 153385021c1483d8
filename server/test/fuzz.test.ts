// Fuzz: every /api/v1 route, driven with input generated from its own zod contract (valid) and with junk (invalid:
// anything at all, wrong types, extra keys, huge and deeply nested values, malformed JSON, wrong content types, bad
// headers), as a director, a liaison officer, anonymous and the three system duties. Whatever comes in, the answer is
// never a 5xx and every error is the one shape {error:{code,message}} with a code from shared/errors.ts and its status.
// One fresh database per dialect for the whole file: SQLite always, PostgreSQL when TEST_DATABASE_URL is set.
// Reproduce a failure with the seed it prints: FUZZ_SEED=<seed> npx vitest run server/test/fuzz.test.ts -t '<route>'.
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, expect, it } from 'vitest';
import { ERROR_CODES } from '../../shared/errors.ts';
import { GRANTS } from '../app.ts';
import type { Dialect } from '../db/db.ts';
import { chinaDate } from '../platform/clock.ts';
import { newId } from '../platform/ids.ts';
import { createTestContext, describeEachDb, DIALECTS, login, TEST_PASSWORD, type Agent } from './harness.ts';
import { arbitraryFor, toJsonSchema, toQueryString, type Hints } from './json-schema-arbitrary.ts';
import { buildAppWithRouteTable, isApiRoute, routeKey, type RouteEntry } from './route-table.ts';

const SEED = Number(process.env.FUZZ_SEED ?? 20261120);
const RUNS = Number(process.env.FUZZ_RUNS ?? 50);
fc.configureGlobal({ seed: SEED, numRuns: RUNS });

const ROLE_USERS = { director: 'cj.director', liaison: 'cj.liaison', sysadmin: 'sysadmin', secadmin: 'secadmin', auditadmin: 'auditadmin' } as const;
type Role = keyof typeof ROLE_USERS | 'anonymous';
const ROLES: Role[] = ['director', 'liaison', 'anonymous', 'sysadmin', 'secadmin', 'auditadmin'];

/** One database, one app, one session per role, and real ids to hint at. */
async function setUp(dialect: Dialect) {
  const t = await createTestContext(dialect);
  const { app, routes } = await buildAppWithRouteTable(t);
  const agents = new Map<Role, Agent>();
  for (const [role, username] of Object.entries(ROLE_USERS)) agents.set(role as Role, await login(app, username));

  // Real ids, so valid input gets past the lookups. Accounts and appointments that a role logs in with stay out of
  // reach (the victim account takes the disables, resets and lockouts), so a lucky run cannot lock a role out.
  const db = t.handle.db;
  const accounts = await db.selectFrom('accounts').select(['username', 'personId', 'systemDuty']).execute();
  const withAccount = new Set(accounts.map((a) => a.personId));
  const cj = t.offices['昌吉州']!;
  const people = (await db.selectFrom('people').select(['id', 'officeId']).where('officeId', 'in', [cj, t.offices['阜康市']!]).execute()).filter((p) => !withAccount.has(p.id));
  const victimPerson = people.find((p) => p.officeId === t.offices['阜康市'])!;
  const victim = await t.services.accounts.create({ username: 'fuzz.victim', displayName: '模糊测试', personId: victimPerson.id }, { actor: null, requestId: 'fuzz', ip: null }, { password: TEST_PASSWORD, mustChange: false });
  const personIds = people.filter((p) => p.officeId === cj).slice(0, 6).map((p) => p.id);
  const delegationId = newId();
  const now = t.clock.now().toISOString();
  await db.insertInto('delegations').values({ id: delegationId, officeId: cj, power: 'sign_office_documents', fromPersonId: personIds[0]!, toPersonId: personIds[1]!, startDate: '2026-11-01', endDate: '2026-12-31', reason: null, revokedAt: null, version: 1, createdAt: now, updatedAt: now }).execute();
  const realIds: Record<string, string[]> = {
    officeId: [cj, t.offices['昌吉市']!, t.offices['阜康市']!],
    unitId: (await db.selectFrom('units').select('id').where('officeId', '=', cj).orderBy('id').limit(4).execute()).map((u) => u.id),
    personId: personIds,
    fromPersonId: personIds,
    toPersonId: personIds,
    appointmentId: (await db.selectFrom('appointments').select(['id', 'personId']).where('officeId', '=', cj).orderBy('id').execute()).filter((a) => !withAccount.has(a.personId)).slice(0, 4).map((a) => a.id),
    delegationId: [delegationId],
    accountId: [victim.account.id],
    username: ['fuzz.victim'],
  };

  // Which roles the route admits (by post or duty, whatever the office): they get most of the runs, so valid input
  // gets past authorization and into the services; the others still get some.
  const today = chinaDate(t.clock.now());
  const rolesOf = new Map<Role, string[]>();
  for (const [role, username] of Object.entries(ROLE_USERS)) {
    const a = accounts.find((x) => x.username === username)!;
    const posts = a.personId
      ? (await db.selectFrom('appointments').select('post').where('personId', '=', a.personId).where('startDate', '<=', today).where((eb) => eb.or([eb('endDate', 'is', null), eb('endDate', '>=', today)])).execute()).map((p) => p.post)
      : [];
    rolesOf.set(role as Role, a.systemDuty ? [a.systemDuty] : posts);
  }
  const admitted = (route: RouteEntry): Role[] => {
    const access = route.access;
    if (!access || access.kind === 'public') return ROLES;
    if (access.kind === 'session') return ROLES.filter((r) => r !== 'anonymous');
    const granted: readonly string[] = GRANTS[access.permission] ?? [];
    return ROLES.filter((r) => (rolesOf.get(r) ?? []).some((x) => granted.includes(x)));
  };

  return {
    t,
    app,
    agents,
    admitted,
    hints: ((name) => realIds[name]) as Hints,
    // HEAD routes are Fastify's copies of the GET routes (same hooks, same schema): fuzzing the GET covers them.
    routes: routes.filter((r) => isApiRoute(r) && r.method !== 'HEAD'),
    close: async () => {
      await app.close();
      await t.close();
    },
  };
}
type Fuzz = Awaited<ReturnType<typeof setUp>>;

// Set up before collection, so every route is its own test. PostgreSQL too when TEST_DATABASE_URL is set: input that
// SQLite shrugs off (a NUL character) can break a PostgreSQL query.
const fuzzes = new Map<Dialect, Fuzz>();
for (const d of DIALECTS) fuzzes.set(d, await setUp(d));

interface FuzzRequest {
  kind: string;
  role: Role;
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string;
}

const junkString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('', ' ', '%', '%zz', '%E0%A4%A', '..%2f..%2f', '\u0000', 'null', 'undefined', '0', '-1', '1e309', 'NaN', '__proto__', 'constructor', "' or 1=1 --", '<script>', '{"a":1}', '[]'),
  fc.constant('x'.repeat(5_000)),
);
/** A path segment sent as is, not URL-encoded: broken percent-encoding, NUL, dot segments. */
const rawSegment = fc.constantFrom('%', '%zz', '%E0%A4%A', '%00', '%C0%AE', '.', '..', '%2e%2e', '%2F', ';', '%u0041').map((raw) => ({ raw }));
const anyJson = fc.oneof(fc.jsonValue(), fc.anything({ maxDepth: 3 }));
const deepNest = fc.integer({ min: 50, max: 3_000 }).map((n) => '{"a":'.repeat(n) + '1' + '}'.repeat(n));
const malformedJson = fc.constantFrom('{', '}', '{"a":', '[1,', 'nul', '{"a":1,}', "{'a':1}", '{"a":1}{"b":2}', '\u0000', '{"__proto__":{"x":1}}', '{"constructor":{"prototype":{"x":1}}}', '{"a":"\\ud800"}', '1'.repeat(400));
const HUGE = JSON.stringify({ name: 'x'.repeat(3 * 1024 * 1024) }); // over the 2 MiB body limit
const UNDER_LIMIT = JSON.stringify({ name: '审'.repeat(300_000) }); // 900 KB of UTF-8, under it
const LONG = 'x'.repeat(100_000);
const wrongType = fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', 'application/json; charset=latin1', 'application/octet-stream', 'application/json-patch+json', '*/*', 'garbage');

/** One generated request for the route: valid input from its contract, or junk in one or more places. */
function requestFor(f: Fuzz, route: RouteEntry): fc.Arbitrary<FuzzRequest> {
  const { params, body, querystring } = route.schema;
  const { hints } = f;
  const valid = {
    params: params ? arbitraryFor(toJsonSchema(params), hints) : fc.constant({}),
    body: body ? arbitraryFor(toJsonSchema(body), hints) : fc.constant(undefined),
    query: querystring ? arbitraryFor(toJsonSchema(querystring), hints) : fc.constant({}),
  };
  const hasBody = route.method !== 'GET';
  const version = fc.option(fc.oneof(fc.constantFrom('"v1"', '"v2"', '1', 'W/"v1"'), fc.nat(5).map((n) => `"v${n}"`)), { nil: undefined });
  const admitted = f.admitted(route);
  const role = admitted.length ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...admitted) }, { weight: 1, arbitrary: fc.constantFrom(...ROLES) }) : fc.constantFrom(...ROLES);

  const validRequest = fc.record({ role, params: valid.params, body: valid.body, query: valid.query, version }).map(({ role, params, body, query, version }) =>
    build(f, route, role, 'valid', params, toQueryString(query), hasBody && body !== undefined ? JSON.stringify(body) : hasBody ? '{}' : undefined, version ? { 'if-match': version } : {}),
  );

  const junkBody: fc.Arbitrary<{ kind: string; payload: string | undefined; contentType?: string }> = fc.oneof(
    anyJson.map((v) => ({ kind: 'anything', payload: safeStringify(v) })),
    valid.body.chain((v) => mutate(v)).map((v) => ({ kind: 'mutated', payload: safeStringify(v) })),
    fc.constant({ kind: 'huge string', payload: HUGE }),
    fc.constant({ kind: 'huge but under the limit', payload: UNDER_LIMIT }),
    deepNest.map((payload) => ({ kind: 'deep nesting', payload })),
    malformedJson.map((payload) => ({ kind: 'malformed json', payload })),
    fc.constant({ kind: 'empty json body', payload: '' }),
    fc.tuple(wrongType, valid.body).map(([contentType, v]) => ({ kind: `content-type ${contentType}`, payload: safeStringify(v) ?? 'a=1', contentType })),
  );
  const junkQuery = fc.oneof(
    fc.dictionary(junkString, junkString, { maxKeys: 4 }).map((d) => toQueryString(d)),
    valid.query.chain((v) => mutate(v)).map((v) => toQueryString(v)),
    fc.constantFrom('?limit=1&limit=2', '?scope=all&scope=current', '?before=-1', '?limit=1e3', '?limit=0x10', '?%zz=1', '?a[b]=1', '?__proto__[x]=1', `?from=${'9'.repeat(400)}`),
  );
  const junkParams = valid.params.chain((p) =>
    fc.record(Object.fromEntries(Object.keys(p as object).map((k) => [k, fc.oneof(fc.constant((p as Record<string, string>)[k]), junkString, rawSegment)]))),
  );
  const junkHeaders = fc.record(
    {
      'if-match': junkString,
      origin: fc.constantFrom('null', 'http://evil.example', 'not a url', 'http://localhost:80', ''),
      'sec-fetch-site': fc.constantFrom('cross-site', 'same-site', 'none', 'same-origin', '???'),
      'x-csrf-token': junkString,
      cookie: fc.oneof(junkString.map((s) => `ro_sid=${encodeURIComponent(s)}`), fc.constant('ro_sid=')),
      'content-length': fc.constantFrom('0', '-1', '99999999', 'abc'),
      accept: fc.constantFrom('text/csv', 'application/xml', '*/*', ''),
    },
    { requiredKeys: [] },
  ).map((h) => Object.fromEntries(Object.entries(h).filter(([, v]) => /^[\t\x20-\x7e]*$/.test(v))) as Record<string, string>);

  const invalidRequest = fc
    .record({ role, params: fc.oneof(valid.params, junkParams), body: junkBody, query: fc.oneof(valid.query.map(toQueryString), junkQuery), headers: fc.oneof(fc.constant({}), junkHeaders), version })
    .map(({ role, params, body, query, headers, version }) =>
      build(f, route, role, `invalid (${body.kind})`, params, query, hasBody || body.kind === 'anything' ? body.payload : undefined, {
        ...(version ? { 'if-match': version } : {}),
        ...(body.contentType ? { 'content-type': body.contentType } : {}),
        ...headers,
      }),
    );

  return fc.oneof(validRequest, invalidRequest);
}

function build(f: Fuzz, route: RouteEntry, role: Role, kind: string, params: unknown, query: string, payload: string | undefined, headers: Record<string, string>): FuzzRequest {
  const values = (params ?? {}) as Record<string, unknown>;
  const segment = (v: unknown) => (v && typeof v === 'object' && 'raw' in v ? String(v.raw) : encodeURIComponent(String(v ?? 'x')));
  const path = route.url.replace(/:(\w+)/g, (_, name: string) => segment(values[name]));
  const agent = f.agents.get(role);
  const base: Record<string, string> = agent ? { cookie: agent.cookie, ...(route.method === 'GET' ? {} : { 'x-csrf-token': agent.csrf }) } : {};
  if (payload !== undefined && !('content-type' in headers)) base['content-type'] = 'application/json';
  return { kind, role, method: route.method, url: path + query, headers: { ...base, ...headers }, payload };
}

/** One wrong thing in an otherwise valid value: a key of the wrong type, an extra key, a missing key, or junk instead. */
function mutate(value: unknown): fc.Arbitrary<unknown> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return anyJson;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj);
  const wrong = fc.oneof(fc.constantFrom(null, true, 0, -1, 1.5, 1e308, '', [], {}, [1, 2], { $gt: '' }, 'a\u0000b', '2026-02-30', '\ud800'), fc.string({ maxLength: 5 }), fc.constant(LONG));
  const options: Array<fc.Arbitrary<unknown>> = [
    fc.tuple(junkString.filter((k) => !(k in obj)), anyJson).map(([k, v]) => ({ ...obj, [k]: v })),
    fc.constant(JSON.parse(`{"__proto__":{"polluted":1}${keys.length ? ',' : ''}${JSON.stringify(obj).slice(1)}`)),
  ];
  if (keys.length) {
    options.push(fc.tuple(fc.constantFrom(...keys), wrong).map(([k, v]) => ({ ...obj, [k]: v })));
    options.push(fc.constantFrom(...keys).map((k) => Object.fromEntries(Object.entries(obj).filter(([key]) => key !== k))));
  }
  return fc.oneof(...options);
}

function safeStringify(v: unknown): string | undefined {
  try {
    return JSON.stringify(v);
  } catch {
    return String(v);
  }
}

/** Null when the answer is acceptable, otherwise what is wrong with it. */
function problemWith(res: LightMyRequestResponse): string | null {
  if (res.statusCode >= 500) return `status ${res.statusCode}`;
  if (res.statusCode < 400) return null;
  let body: unknown;
  try {
    body = res.json();
  } catch {
    return 'error body is not JSON';
  }
  const e = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  if (!e || Object.keys(body as object).length !== 1) return 'error body is not {error:{…}}';
  if (typeof e.code !== 'string' || !(e.code in ERROR_CODES)) return `error code ${String(e.code)} is not in ERROR_CODES`;
  if (typeof e.message !== 'string' || !e.message) return 'error without a message';
  const extra = Object.keys(e).filter((k) => !['code', 'message', 'details'].includes(k));
  if (extra.length) return `error has unexpected keys ${extra.join(',')}`;
  const status = ERROR_CODES[e.code as keyof typeof ERROR_CODES].status;
  if (status !== res.statusCode) return `error code ${e.code} answered with ${res.statusCode}, the table says ${status}`;
  return null;
}

const show = (r: FuzzRequest) =>
  `${r.kind} as ${r.role}: ${r.method} ${r.url.replace(/x{50,}/g, (m) => `x…(${m.length})`).slice(0, 300)}\n  headers ${JSON.stringify(r.headers).slice(0, 400)}\n  body ${String(r.payload).slice(0, 400)}`;

describeEachDb(`fuzz: every /api/v1 route, valid and junk input, no 5xx and one error shape (seed ${SEED}, ${RUNS} runs a route)`, (dialect) => {
  const f = fuzzes.get(dialect)!;
  const stats = { valid: new Map<number, number>(), invalid: new Map<number, number>() };
  let requests = 0;
  const started = Date.now();
  afterAll(() => f.close());

  it('has routes to fuzz', () => {
    expect(f.routes.length).toBeGreaterThan(0);
  });

  for (const route of f.routes) {
    // Logging out ends the session a role uses: that route gets a fresh session for every run that would.
    const endsSession = routeKey(route) === 'POST /api/v1/auth/logout';
    it(routeKey(route), async () => {
      await fc
        .assert(
          fc.asyncProperty(requestFor(f, route), async (req) => {
            const agent = f.agents.get(req.role);
            if (endsSession && agent && req.role !== 'anonymous' && req.headers.cookie === agent.cookie) {
              const fresh = await login(f.app, ROLE_USERS[req.role]);
              req = { ...req, headers: { ...req.headers, cookie: fresh.cookie, ...(req.headers['x-csrf-token'] === agent.csrf ? { 'x-csrf-token': fresh.csrf } : {}) } };
            }
            const res = await f.app.inject({ method: req.method as 'GET', url: req.url, headers: req.headers, ...(req.payload === undefined ? {} : { payload: req.payload }) });
            requests++;
            const tally = req.kind === 'valid' ? stats.valid : stats.invalid;
            tally.set(res.statusCode, (tally.get(res.statusCode) ?? 0) + 1);
            const problem = problemWith(res);
            if (problem) throw new Error(`${problem}\n${show(req)}\n  answer ${res.statusCode} ${res.body.replace(/x{50,}/g, (m) => `x…(${m.length})`).slice(0, 500)}`);
          }),
          { numRuns: endsSession ? Math.min(RUNS, 15) : RUNS },
        )
        .catch((err: Error) => {
          const cause = err.cause instanceof Error ? `\n${err.cause.message}` : '';
          throw new Error(`${routeKey(route)} [${dialect}] (FUZZ_SEED=${SEED}): ${err.message.replace(/x{50,}/g, (m) => `x…(${m.length})`).slice(0, 3000)}${cause}`);
        });
    });
  }

  it('every role kept its session (nothing in the fuzz logged a role out or disabled it)', async () => {
    for (const [role, agent] of f.agents) expect((await agent.get('/api/v1/auth/session')).statusCode, role).toBe(200);
    const byStatus = (m: Map<number, number>) => Object.fromEntries([...m].sort(([a], [b]) => a - b));
    console.info(`fuzz [${dialect}]: ${requests} requests over ${f.routes.length} routes in ${((Date.now() - started) / 1000).toFixed(1)} s (seed ${SEED})`, { valid: byStatus(stats.valid), invalid: byStatus(stats.invalid) });
  });
});
