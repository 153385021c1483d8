// The role × route matrix: every registered /api/v1 route, called by every kind of principal, answers as the grant
// table says. The expected cell is computed from policy data alone (GRANTS, the route's access, the principal's posts
// and where the target office sits in the tree), never from authorize() itself.
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GRANTS } from '../app.ts';
import { chinaDate } from '../platform/clock.ts';
import type { Access } from '../platform/http.ts';
import { newId } from '../platform/ids.ts';
import { anonymous, createTestContext, describeEachDb, login, TEST_PASSWORD, type Agent, type TestContext } from './harness.ts';
import { arbitraryFor, toJsonSchema } from './json-schema-arbitrary.ts';
import { buildAppWithRouteTable, fillPath, isApiRoute, pathParams, routeKey, type RouteEntry } from './route-table.ts';

/** Who calls, acting against which office (by short name). */
interface Scenario {
  username: string | null;
  office: string;
  relation: string;
}

const SCENARIOS: Scenario[] = [
  { username: null, office: '昌吉州', relation: 'anonymous' },
  ...['cj.leader', 'cj.deputy', 'cj.member', 'cj.director', 'cj.deputydirector', 'cj.staff', 'cj.liaison', 'cj.info'].map((username) => ({ username, office: '昌吉州', relation: 'own office' })),
  { username: 'cj.director', office: '昌吉市', relation: 'descendant' },
  { username: 'cj.director', office: '自治区', relation: 'ancestor' },
  { username: 'cj.liaison', office: '昌吉市', relation: 'descendant' },
  { username: 'cjs.staff', office: '昌吉市', relation: 'own office' },
  { username: 'cjs.staff', office: '阜康市', relation: 'sibling' },
  { username: 'cjs.staff', office: '昌吉州', relation: 'ancestor' },
  { username: 'fk.director', office: '阜康市', relation: 'own office' },
  { username: 'fk.director', office: '昌吉市', relation: 'sibling' },
  ...['sysadmin', 'secadmin', 'auditadmin'].map((username) => ({ username, office: '昌吉州', relation: 'system duty' })),
  // Office staff of 昌吉州 whose one-time password is not changed yet: only the routes that let them change it.
  { username: 'matrix.mustchange', office: '昌吉州', relation: 'must change password' },
];
const scenarioName = (s: Scenario) => `${s.username ?? 'anonymous'} → ${s.office} (${s.relation})`;

type Expected = 'allowed' | 401 | 403;

interface Principal {
  systemDuty: string | null;
  mustChangePassword: boolean;
  posts: Array<{ post: string; officeId: string }>;
}

/** The oracle. `parentOf` is the office tree; `.read` reaches descendants, nothing reaches siblings or ancestors. */
function expectedOutcome(access: Access | undefined, principal: Principal | null, officeId: string, parentOf: Map<string, string | null>): Expected {
  if (!access) return 403; // no access rule: refused to everyone (and the route-table test fails)
  if (access.kind === 'public') return 'allowed';
  if (!principal) return 401;
  if (principal.mustChangePassword) return access.kind === 'session' && access.whilePasswordChangeRequired ? 'allowed' : 403;
  if (access.kind === 'session') return 'allowed';
  const roles: readonly string[] | undefined = GRANTS[access.permission];
  if (!roles) return 403;
  if (access.kind === 'system') return principal.systemDuty !== null && roles.includes(principal.systemDuty) ? 'allowed' : 403;
  const within = (office: string, ancestor: string) => {
    for (let o: string | null | undefined = office; o; o = parentOf.get(o)) if (o === ancestor) return true;
    return false;
  };
  const reaches = (postOffice: string) => postOffice === officeId || (access.permission.endsWith('.read') && within(officeId, postOffice));
  return principal.posts.some((p) => roles.includes(p.post) && reaches(p.officeId)) ? 'allowed' : 403;
}

const DESTRUCTIVE_LAST = new Set(['POST /api/v1/auth/logout']);

/**
 * Values for the route's parameters: the real ids of the target office where the matrix knows the parameter, else
 * one drawn (deterministically) from the route's own params schema, a fresh id for an `…Id`. Authorization runs before
 * the lookup, so a well-formed id that does not exist still tests the cell (an allowed caller gets 404).
 */
function paramsFor(route: RouteEntry, known: Record<string, string>, drawn: Set<string>): Record<string, string> {
  const missing = pathParams(route.url).filter((p) => !(p in known));
  if (!missing.length) return known;
  const sample = route.schema.params ? (fc.sample(arbitraryFor(toJsonSchema(route.schema.params)), { numRuns: 1, seed: 1 })[0] as Record<string, unknown>) : {};
  const values = Object.fromEntries(missing.map((p) => [p, p.endsWith('Id') || sample?.[p] === undefined ? newId() : String(sample[p])]));
  for (const p of missing) drawn.add(`:${p}`);
  return { ...values, ...known };
}

describeEachDb('role × route matrix', (dialect) => {
  let t: TestContext;
  let app: FastifyInstance;
  let routes: RouteEntry[];
  let apiRoutes: RouteEntry[];
  const parentOf = new Map<string, string | null>();
  const principals = new Map<string, Principal>();
  /** Real ids per office for each route parameter. */
  const ids = new Map<string, Record<string, string>>();
  let cellsChecked = 0;
  const drawn = new Set<string>();
  const cellsByExpectation = { allowed: 0, 401: 0, 403: 0 };
  const routesChecked = new Map<string, number>();

  beforeAll(async () => {
    t = await createTestContext(dialect);
    ({ app, routes } = await buildAppWithRouteTable(t));
    apiRoutes = routes
      .filter(isApiRoute)
      .sort((a, b) => Number(DESTRUCTIVE_LAST.has(routeKey(a))) - Number(DESTRUCTIVE_LAST.has(routeKey(b))) || routeKey(a).localeCompare(routeKey(b)));
    const db = t.handle.db;
    for (const o of await db.selectFrom('offices').select(['id', 'parentId']).execute()) parentOf.set(o.id, o.parentId);

    // An account that must still change its password, for office staff of 昌吉州 (a post that manages the roster).
    const ctx = { actor: null, requestId: 'matrix', ip: null };
    const staffWithout = await db
      .selectFrom('appointments')
      .select('personId')
      .where('officeId', '=', t.offices['昌吉州']!)
      .where('post', '=', 'office_staff')
      .where('personId', 'not in', db.selectFrom('accounts').select('personId').where('personId', 'is not', null).$narrowType<{ personId: string }>())
      .executeTakeFirstOrThrow();
    await t.services.accounts.create({ username: 'matrix.mustchange', displayName: '待改密', personId: staffWithout.personId }, ctx, { password: TEST_PASSWORD, mustChange: true });

    const today = chinaDate(t.clock.now());
    const accounts = await db.selectFrom('accounts').select(['username', 'personId', 'systemDuty', 'mustChangePassword']).execute();
    for (const a of accounts) {
      const posts = a.personId
        ? await db
            .selectFrom('appointments')
            .select(['post', 'officeId'])
            .where('personId', '=', a.personId)
            .where('startDate', '<=', today)
            .where((eb) => eb.or([eb('endDate', 'is', null), eb('endDate', '>=', today)]))
            .execute()
        : [];
      principals.set(a.username, { systemDuty: a.systemDuty, mustChangePassword: Boolean(a.mustChangePassword), posts });
    }

    // An account nobody logs in with, for the account routes (disable, enable, reset-password, unlock).
    const withAccount = new Set(accounts.map((a) => a.personId));
    const spare = (await db.selectFrom('people').select('id').where('officeId', '=', t.offices['阜康市']!).execute()).find((p) => !withAccount.has(p.id))!;
    const target = await t.services.accounts.create({ username: 'matrix.target', displayName: '矩阵测试', personId: spare.id }, ctx, { password: TEST_PASSWORD, mustChange: false });

    for (const short of new Set(SCENARIOS.map((s) => s.office))) {
      const officeId = t.offices[short]!;
      const first = async (table: 'units' | 'people' | 'appointments' | 'delegations') =>
        (await db.selectFrom(table).select('id').where('officeId', '=', officeId).orderBy('id').executeTakeFirst())?.id;
      let delegationId = await first('delegations');
      const people = await db.selectFrom('people').select('id').where('officeId', '=', officeId).orderBy('id').limit(2).execute();
      if (!delegationId && people.length === 2) {
        delegationId = newId();
        const now = t.clock.now().toISOString();
        await db
          .insertInto('delegations')
          .values({ id: delegationId, officeId, power: 'sign_office_documents', fromPersonId: people[0]!.id, toPersonId: people[1]!.id, startDate: '2026-11-01', endDate: '2026-12-31', reason: null, revokedAt: null, version: 1, createdAt: now, updatedAt: now })
          .execute();
      }
      // The region office has no roster of its own in the demo: a missing id still routes (404 once authorized).
      const missing = newId();
      ids.set(short, {
        officeId,
        unitId: (await first('units')) ?? missing,
        personId: (await first('people')) ?? missing,
        appointmentId: (await first('appointments')) ?? missing,
        delegationId: delegationId ?? missing,
        accountId: target.account.id,
      });
    }
  });
  afterAll(async () => {
    await app?.close();
    await t?.close();
  });

  it('every /api/v1 route declares its access, and every permission it names has a row in GRANTS', () => {
    expect(apiRoutes.length).toBeGreaterThan(0);
    const problems = apiRoutes.flatMap((r) => {
      if (!r.access) return [`${routeKey(r)}: no access config`];
      if ((r.access.kind === 'office' || r.access.kind === 'system') && !GRANTS[r.access.permission]) return [`${routeKey(r)}: permission ${r.access.permission} is not in GRANTS`];
      if (r.access.kind === 'office' && !pathParams(r.url).includes('officeId')) return [`${routeKey(r)}: office access without :officeId`];
      return [];
    });
    expect(problems).toEqual([]);
  });

  it('the route table is complete: it matches the OpenAPI document and the router', async () => {
    const spec = (app as unknown as { swagger(): { paths: Record<string, Record<string, unknown>> } }).swagger();
    const fromSpec = Object.entries(spec.paths)
      .filter(([path]) => path.startsWith('/api/v1/'))
      .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`));
    const fromTable = apiRoutes.map(routeKey);
    expect([...new Set(fromTable.filter((k) => !k.startsWith('HEAD ')))].sort()).toEqual([...new Set(fromSpec.filter((k) => !k.startsWith('HEAD ')))].sort());
    for (const r of apiRoutes) expect(app.hasRoute({ method: r.method as 'GET', url: r.url }), routeKey(r)).toBe(true);
    expect(new Set(fromTable).size).toBe(fromTable.length);
  });

  it('the oracle agrees with the rules written down in SPEC §1 on known cells', () => {
    const r = (key: string) => apiRoutes.find((x) => routeKey(x) === key)!.access;
    const p = (u: string) => principals.get(u)!;
    const o = (s: string) => t.offices[s]!;
    const base = '/api/v1/organization/offices/:officeId';
    expect(expectedOutcome(r(`GET ${base}/roster`), p('cjs.staff'), o('阜康市'), parentOf)).toBe(403);
    expect(expectedOutcome(r(`GET ${base}/roster`), p('cjs.staff'), o('昌吉州'), parentOf)).toBe(403);
    expect(expectedOutcome(r(`GET ${base}/roster`), p('cj.director'), o('昌吉市'), parentOf)).toBe('allowed');
    expect(expectedOutcome(r(`POST ${base}/people`), p('cj.director'), o('昌吉市'), parentOf)).toBe(403);
    expect(expectedOutcome(r(`POST ${base}/people`), p('cj.liaison'), o('昌吉州'), parentOf)).toBe(403);
    expect(expectedOutcome(r(`POST ${base}/delegations`), p('cj.leader'), o('昌吉州'), parentOf)).toBe('allowed');
    expect(expectedOutcome(r(`GET ${base}/roster`), p('sysadmin'), o('昌吉州'), parentOf)).toBe(403);
    expect(expectedOutcome(r('GET /api/v1/accounts'), p('sysadmin'), o('昌吉州'), parentOf)).toBe('allowed');
    expect(expectedOutcome(r('GET /api/v1/accounts'), p('secadmin'), o('昌吉州'), parentOf)).toBe(403);
    expect(expectedOutcome(r('GET /api/v1/accounts'), p('cj.director'), o('昌吉州'), parentOf)).toBe(403);
    expect(expectedOutcome(r('GET /api/v1/audit/entries'), null, o('昌吉州'), parentOf)).toBe(401);
    expect(expectedOutcome(r(`POST ${base}/people`), p('cj.staff'), o('昌吉州'), parentOf)).toBe('allowed');
    expect(expectedOutcome(r(`POST ${base}/people`), p('matrix.mustchange'), o('昌吉州'), parentOf)).toBe(403);
    expect(expectedOutcome(r('POST /api/v1/auth/password'), p('matrix.mustchange'), o('昌吉州'), parentOf)).toBe('allowed');
  });

  for (const scenario of SCENARIOS) {
    it(`${scenarioName(scenario)}: every route answers as the grant table says`, async () => {
      const agent: Agent = scenario.username ? await login(app, scenario.username) : anonymous(app);
      const principal = scenario.username ? principals.get(scenario.username)! : null;
      expect(scenario.username === null || principal !== undefined).toBe(true);
      const params = ids.get(scenario.office)!;
      const mismatches: string[] = [];
      for (const route of apiRoutes) {
        const expected = expectedOutcome(route.access, principal, params.officeId!, parentOf);
        const url = fillPath(route.url, paramsFor(route, params, drawn));
        const res = await agent.request(route.method, url, route.method === 'GET' || route.method === 'HEAD' ? undefined : {});
        const got = res.statusCode;
        const ok = expected === 'allowed' ? got !== 401 && got !== 403 : got === expected;
        if (!ok) mismatches.push(`${routeKey(route)}: expected ${expected}, got ${got} ${res.body.slice(0, 160)}`);
        if (got >= 500) mismatches.push(`${routeKey(route)}: ${got} ${res.body.slice(0, 160)}`);
        cellsChecked++;
        cellsByExpectation[expected]++;
        routesChecked.set(routeKey(route), (routesChecked.get(routeKey(route)) ?? 0) + 1);
      }
      expect(mismatches).toEqual([]);
    });
  }

  it('the matrix covered every route for every principal', () => {
    expect(cellsChecked).toBe(apiRoutes.length * SCENARIOS.length);
    expect(routesChecked.size).toBe(apiRoutes.length);
    for (const [key, n] of routesChecked) expect(n, key).toBe(SCENARIOS.length);
    // Not vacuous: the matrix holds both answers, for sessions and for anonymous.
    expect(cellsByExpectation.allowed).toBeGreaterThan(0);
    expect(cellsByExpectation[403]).toBeGreaterThan(0);
    expect(cellsByExpectation[401]).toBeGreaterThan(0);
    console.info(`role × route matrix [${dialect}]: ${apiRoutes.length} routes × ${SCENARIOS.length} principals = ${cellsChecked} cells`, cellsByExpectation);
    if (drawn.size) console.info(`parameters without a real id (a well-formed value instead): ${[...drawn].sort().join(' ')}`);
  });

  describe('lists are scoped to the office and the principal', () => {
    const office = (short: string) => `/api/v1/organization/offices/${t.offices[short]}`;

    it('the units of 昌吉州 are exactly its 20 member units, none of another office', async () => {
      const director = await login(app, 'cj.director');
      const items = (await director.get(`${office('昌吉州')}/units`)).json().items as Array<{ officeId: string }>;
      expect(items).toHaveLength(20);
      expect(items.every((u) => u.officeId === t.offices['昌吉州'])).toBe(true);
      const county = (await director.get(`${office('昌吉市')}/units`)).json().items as Array<{ officeId: string }>;
      expect(county).toHaveLength(8);
      expect(county.every((u) => u.officeId === t.offices['昌吉市'])).toBe(true);
      expect((await director.get(`${office('昌吉州')}/directory`)).json().items).toHaveLength(20);
    });

    it('people and appointments of a county office are its own only', async () => {
      const staff = await login(app, 'cjs.staff');
      const people = (await staff.get(`${office('昌吉市')}/people`)).json().items as Array<{ officeId: string }>;
      const inDb = await t.handle.db.selectFrom('people').select('id').where('officeId', '=', t.offices['昌吉市']!).execute();
      expect(people).toHaveLength(inDb.length);
      expect(people.length).toBeGreaterThan(0);
      expect(people.every((p) => p.officeId === t.offices['昌吉市'])).toBe(true);
      const appts = (await staff.get(`${office('昌吉市')}/appointments?scope=all`)).json().items as Array<{ officeId: string }>;
      expect(appts.length).toBeGreaterThan(0);
      expect(appts.every((a) => a.officeId === t.offices['昌吉市'])).toBe(true);
    });

    it('the offices a principal may open: own office and descendants, never siblings or ancestors', async () => {
      const shortNames = async (username: string) =>
        ((await (await login(app, username)).get('/api/v1/organization/offices')).json().items as Array<{ shortName: string }>).map((o) => o.shortName);
      expect(await shortNames('cjs.staff')).toEqual(['昌吉市']);
      expect(await shortNames('fk.director')).toEqual(['阜康市']);
      const prefecture = await shortNames('cj.liaison');
      expect(prefecture).toHaveLength(11);
      expect(prefecture).toContain('昌吉州');
      expect(prefecture).not.toContain('自治区');
      expect(await shortNames('sysadmin')).toEqual([]);
    });

    it('the system admin lists every account; the audit admin pages the trail', async () => {
      const accounts = (await (await login(app, 'sysadmin')).get('/api/v1/accounts')).json().items;
      expect(accounts).toHaveLength(t.logins.length + 2); // the demo's logins, matrix.mustchange and matrix.target
      const page = (await (await login(app, 'auditadmin')).get('/api/v1/audit/entries?limit=5')).json();
      expect(page.items).toHaveLength(5);
    });
  });
});
