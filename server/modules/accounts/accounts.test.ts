import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GRANTS } from '../../app.ts';
import { POSTS } from '../../../shared/roles.ts';
import { createTestContext, describeEachDb, login, TEST_PASSWORD, meetingPoint, type Agent, type TestContext } from '../../test/harness.ts';
import { checkPasswordPolicy, DEFAULT_SECURITY_POLICY } from '../auth/password-policy.ts';
import { toErrorBody } from '../../platform/http.ts';
import { createAccountsRepository } from './accounts.repository.ts';
import { createAccountsService } from './accounts.service.ts';
import type { AccountCreate } from '../../../shared/contracts/accounts.ts';

describeEachDb('accounts and security administration', (dialect) => {
  let t: TestContext;
  let sysadmin: Agent;
  let secadmin: Agent;
  let auditadmin: Agent;
  let director: Agent;
  let seq = 0;
  const cli = { actor: null, requestId: 'test', ip: null };

  beforeAll(async () => {
    t = await createTestContext(dialect);
    sysadmin = await login(t.app, 'sysadmin');
    secadmin = await login(t.app, 'secadmin');
    auditadmin = await login(t.app, 'auditadmin');
    director = await login(t.app, 'cj.director');
  });
  afterAll(() => t.close());

  const codeOf = (res: LightMyRequestResponse) => (res.json() as { error?: { code: string } }).error?.code;
  const accountId = async (username: string) => (await t.services.accounts.findByUsername(username))!.id;
  /** The latest audit row of an action on an entity. */
  const lastAudit = (action: string, entityId: string) =>
    t.handle.db.selectFrom('auditLog').selectAll().where('action', '=', action).where('entityId', '=', entityId).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  /** A person of the demo roster who has no account yet. */
  const personWithoutAccount = async () =>
    (await t.handle.db.selectFrom('people').select('id').where('id', 'not in', t.handle.db.selectFrom('accounts').select('personId').where('personId', 'is not', null)).orderBy('id').limit(1).executeTakeFirstOrThrow()).id;
  async function newAccount() {
    const username = `acct${++seq}`;
    const { account } = await t.services.accounts.create({ username, displayName: `账号${seq}`, systemDuty: 'audit_admin' }, cli, { password: TEST_PASSWORD, mustChange: false });
    return account;
  }

  describe('three system duties (三员分立)', () => {
    it('an account has a person or exactly one system duty: both, or neither, is refused (400)', async () => {
      const personId = await personWithoutAccount();
      const both = await sysadmin.post('/api/v1/accounts', { username: 'both.x', displayName: '双重', personId, systemDuty: 'system_admin' });
      expect(both.statusCode).toBe(400);
      expect(both.json().error.details.issues.map((i: { path: string }) => i.path)).toEqual(['systemDuty']);
      const neither = await sysadmin.post('/api/v1/accounts', { username: 'neither.x', displayName: '无' });
      expect(neither.statusCode).toBe(400);
      const two = await sysadmin.post('/api/v1/accounts', { username: 'two.x', displayName: '二', systemDuty: ['system_admin', 'audit_admin'] });
      expect(two.statusCode).toBe(400);
      expect(await t.services.accounts.findByUsername('both.x')).toBeUndefined();
    });

    it('the service refuses both too, so no caller (the CLI calls it directly) can combine them', async () => {
      const personId = await personWithoutAccount();
      await expect(t.services.accounts.create({ username: 'both.svc', displayName: '双重', personId, systemDuty: 'security_admin' }, cli)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
      await expect(t.services.accounts.create({ username: 'neither.svc', displayName: '无' }, cli)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(await t.services.accounts.findByUsername('both.svc')).toBeUndefined();
      const all = await t.services.accounts.list();
      for (const a of all) expect(Boolean(a.personId) !== Boolean(a.systemDuty), a.username).toBe(true);
    });

    it('system, security and audit admins read no business content: 403 on office routes, no offices, no posts', async () => {
      const roster = `/api/v1/organization/offices/${t.offices['昌吉州']}/roster`;
      for (const [name, agent, ability, duty] of [
        ['sysadmin', sysadmin, 'account.manage', 'system_admin'],
        ['secadmin', secadmin, 'security.manage', 'security_admin'],
        ['auditadmin', auditadmin, 'audit.read', 'audit_admin'],
      ] as const) {
        const res = await agent.get(roster);
        expect(res.statusCode, name).toBe(403);
        expect(codeOf(res)).toBe('FORBIDDEN');
        expect(Object.keys(res.json())).toEqual(['error']);
        expect(JSON.stringify(res.json())).not.toMatch(/国网昌吉供电公司|州气象局/);
        expect((await agent.get(`/api/v1/organization/offices/${t.offices['昌吉州']}/people`)).statusCode, name).toBe(403);
        expect((await agent.post(`/api/v1/organization/offices/${t.offices['昌吉州']}/people`, { name: '越权' })).statusCode, name).toBe(403);
        const offices = await agent.get('/api/v1/organization/offices');
        expect(offices.statusCode).toBe(200);
        expect(offices.json()).toEqual({ items: [] });
        const session = (await agent.get('/api/v1/auth/session')).json() as { posts: unknown[]; offices: unknown[]; abilities: string[] };
        expect(session).toMatchObject({ posts: [], offices: [] });
        expect(session.abilities).toContain(ability);
        // None of its abilities is one a business post holds, and none belongs to another duty.
        for (const a of session.abilities) {
          expect(GRANTS[a]!.filter((role) => (POSTS as readonly string[]).includes(role)), `${name} ${a}`).toEqual([]);
          expect(GRANTS[a], `${name} ${a}`).toEqual([duty]);
        }
      }
    });

    it('the duties do not cross, and business posts hold none of them', async () => {
      const policyBody = DEFAULT_SECURITY_POLICY;
      const cases: Array<[string, Agent, string, string, unknown?]> = [
        ['sysadmin', sysadmin, 'GET', '/api/v1/security/policy'],
        ['sysadmin', sysadmin, 'GET', '/api/v1/audit/entries'],
        ['secadmin', secadmin, 'GET', '/api/v1/accounts'],
        ['secadmin', secadmin, 'POST', '/api/v1/accounts', { username: 'sec.made', displayName: 'x', systemDuty: 'system_admin' }],
        ['secadmin', secadmin, 'GET', '/api/v1/audit/verify'],
        ['auditadmin', auditadmin, 'GET', '/api/v1/accounts'],
        ['auditadmin', auditadmin, 'PUT', '/api/v1/security/policy', policyBody],
        ['director', director, 'GET', '/api/v1/accounts'],
        ['director', director, 'GET', '/api/v1/security/policy'],
        ['director', director, 'GET', '/api/v1/audit/entries'],
      ];
      for (const [who, agent, method, url, body] of cases) {
        const res = await agent.request(method, url, body, method === 'PUT' ? { 'if-match': '"v0"' } : {});
        expect(res.statusCode, `${who} ${method} ${url}`).toBe(403);
        expect(codeOf(res)).toBe('FORBIDDEN');
      }
      expect(await t.services.accounts.findByUsername('sec.made')).toBeUndefined();
    });
  });

  describe('system admin', () => {
    it('creates a business account with a one-time password that must be changed; audited as account.create', async () => {
      const personId = await personWithoutAccount();
      const res = await sysadmin.post('/api/v1/accounts', { username: 'new.person', displayName: '新同事', personId });
      expect(res.statusCode).toBe(201);
      const { account, oneTimePassword } = res.json();
      expect(account).toMatchObject({ username: 'new.person', personId, systemDuty: null, mustChangePassword: true, disabled: false });
      expect(checkPasswordPolicy(oneTimePassword, DEFAULT_SECURITY_POLICY, 'new.person')).toEqual([]);
      const fresh = await login(t.app, 'new.person', oneTimePassword);
      expect((await fresh.get('/api/v1/auth/session')).json().account.mustChangePassword).toBe(true);

      const row = (await lastAudit('account.create', account.id))!;
      expect(row).toMatchObject({ actorAccountId: await accountId('sysadmin'), actorPost: 'system_admin', entityType: 'account' });
      expect(JSON.parse(row.after!)).toMatchObject({ username: 'new.person', personId });
      expect(row.after).not.toContain(oneTimePassword);

      expect(codeOf(await sysadmin.post('/api/v1/accounts', { username: 'new.person', displayName: '重名', systemDuty: 'audit_admin' }))).toBe('CONFLICT');
      expect(codeOf(await sysadmin.post('/api/v1/accounts', { username: 'new.person2', displayName: '同一人', personId }))).toBe('CONFLICT');
      expect(codeOf(await sysadmin.post('/api/v1/accounts', { username: 'new.person3', displayName: '无此人', personId: '00000000-0000-7000-8000-000000000000' }))).toBe('UNPROCESSABLE');
    });

    it('concurrent creation for one person, or under one user name: one account, the others 409 naming the field (never 500)', async () => {
      // The service checks, then inserts. Here every insert waits until all three requests have passed their checks
      // (or 300 ms: SQLite runs the transactions one after another, so there the later ones see the first account in
      // their check). On PostgreSQL all three pass the check; the unique indexes refuse two (migration 20261206200000
      // for the person) and the error handler answers 409 naming the field.
      const repo = createAccountsRepository();
      const allChecked = meetingPoint(3);
      const racing = createAccountsService({
        db: t.handle.db, auth: t.services.auth, audit: t.services.audit, clock: t.clock,
        repo: { ...repo, insert: async (q, row) => { await allChecked(); return repo.insert(q, row); } },
      });
      const race = async (inputs: AccountCreate[], field: string) => {
        const settled = await Promise.allSettled(inputs.map((input) => racing.create(input, cli, { password: TEST_PASSWORD, mustChange: false })));
        const created = settled.filter((s) => s.status === 'fulfilled');
        const refused = settled.flatMap((s) => (s.status === 'rejected' ? [toErrorBody(s.reason)] : []));
        expect(created).toHaveLength(1);
        expect(refused).toEqual([0, 1].map(() => ({ error: expect.objectContaining({ code: 'CONFLICT', details: expect.objectContaining({ field }) }) })));
        return created[0]!.value.account.id;
      };

      const personId = await personWithoutAccount();
      const forPerson = await race([1, 2, 3].map((n) => ({ username: `race.person${n}`, displayName: '并发', personId })), 'personId');
      expect((await t.handle.db.selectFrom('accounts').select('id').where('personId', '=', personId).execute()).map((a) => a.id)).toEqual([forPerson]);

      const named = await race([1, 2, 3].map(() => ({ username: 'race.name', displayName: '同名', systemDuty: 'audit_admin' as const })), 'username');
      expect((await t.handle.db.selectFrom('accounts').select('id').where('username', '=', 'race.name').execute()).map((a) => a.id)).toEqual([named]);
      // The refused ones left nothing behind: one account.create audited for each.
      for (const id of [forPerson, named]) expect(await t.handle.db.selectFrom('auditLog').select('seq').where('action', '=', 'account.create').where('entityId', '=', id).execute()).toHaveLength(1);
      expect(await t.handle.db.selectFrom('auditLog').select('seq').where('action', '=', 'account.create').where('after', 'like', '%race.%').execute()).toHaveLength(2);
    });

    it('lists accounts without password hashes', async () => {
      const res = await sysadmin.get('/api/v1/accounts');
      expect(res.statusCode).toBe(200);
      expect(res.json().items.map((a: { username: string }) => a.username)).toEqual(expect.arrayContaining(['sysadmin', 'secadmin', 'auditadmin', 'cj.director']));
      expect(res.body).not.toMatch(/passwordHash|\$argon2/);
    });

    it('disabling an account ends its sessions and refuses its logins; enabling lets it back; both audited', async () => {
      const a = await newAccount();
      const s1 = await login(t.app, a.username);
      const s2 = await login(t.app, a.username);
      const res = await sysadmin.post(`/api/v1/accounts/${a.id}/disable`);
      expect(res.statusCode).toBe(200);
      expect(res.json().disabled).toBe(true);
      for (const s of [s1, s2]) expect((await s.get('/api/v1/auth/session')).statusCode).toBe(401);
      const attempt = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: a.username, password: TEST_PASSWORD } });
      expect(codeOf(attempt)).toBe('LOGIN_FAILED');
      const disable = (await lastAudit('account.disable', a.id))!;
      expect(disable).toMatchObject({ actorAccountId: await accountId('sysadmin'), actorPost: 'system_admin' });
      expect(JSON.parse(disable.after!)).toEqual({ disabled: true, sessionsRevoked: 2 });

      expect((await sysadmin.post(`/api/v1/accounts/${a.id}/enable`)).json().disabled).toBe(false);
      expect((await login(t.app, a.username)).csrf).toBeTruthy();
      expect(await lastAudit('account.enable', a.id)).toBeDefined();
    });

    it('a system admin cannot disable itself', async () => {
      const res = await sysadmin.post(`/api/v1/accounts/${await accountId('sysadmin')}/disable`);
      expect(res.statusCode).toBe(422);
      expect((await sysadmin.get('/api/v1/accounts')).statusCode).toBe(200);
    });

    it('reset-password issues a one-time password, ends every session and forces a change; audited as password.reset', async () => {
      const a = await newAccount();
      const s1 = await login(t.app, a.username);
      const s2 = await login(t.app, a.username);
      const res = await sysadmin.post(`/api/v1/accounts/${a.id}/reset-password`);
      expect(res.statusCode).toBe(200);
      const { account, oneTimePassword } = res.json();
      expect(account.mustChangePassword).toBe(true);
      expect(checkPasswordPolicy(oneTimePassword, DEFAULT_SECURITY_POLICY)).toEqual([]);
      for (const s of [s1, s2]) expect((await s.get('/api/v1/auth/session')).statusCode).toBe(401);
      const old = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: a.username, password: TEST_PASSWORD } });
      expect(codeOf(old)).toBe('LOGIN_FAILED');
      const fresh = await login(t.app, a.username, oneTimePassword);
      expect((await fresh.get('/api/v1/auth/session')).json().account.mustChangePassword).toBe(true);
      expect(codeOf(await fresh.get('/api/v1/audit/entries'))).toBe('PASSWORD_CHANGE_REQUIRED');
      const row = (await lastAudit('password.reset', a.id))!;
      expect(row).toMatchObject({ actorAccountId: await accountId('sysadmin'), actorPost: 'system_admin' });
      expect(JSON.parse(row.after!)).toEqual({ sessionsRevoked: 2, mustChange: true });
      expect(row.after).not.toContain(oneTimePassword);
    });

    it('an unknown account is 404 and nothing is audited', async () => {
      for (const verb of ['disable', 'enable', 'reset-password']) {
        const res = await sysadmin.post(`/api/v1/accounts/00000000-0000-7000-8000-000000000000/${verb}`);
        expect(res.statusCode, verb).toBe(404);
      }
      expect(await t.handle.db.selectFrom('auditLog').select('seq').where('entityId', '=', '00000000-0000-7000-8000-000000000000').execute()).toEqual([]);
    });
  });

  describe('security admin', () => {
    it('concurrent first edits of the policy: exactly one wins, the other gets 412 (never 500)', async () => {
      const before = await secadmin.get('/api/v1/security/policy');
      expect(before.json()).toEqual({ policy: DEFAULT_SECURITY_POLICY, version: 0 });
      expect(before.headers.etag).toBe('"v0"');
      const results = await Promise.all(
        [12, 14].map((minLength) => secadmin.put('/api/v1/security/policy', { ...DEFAULT_SECURITY_POLICY, minLength }, { 'if-match': '"v0"' })),
      );
      expect(results.map((r) => r.statusCode).sort()).toEqual([200, 412]);
      const winner = results.find((r) => r.statusCode === 200)!.json();
      expect(winner.version).toBe(1);
      expect((await secadmin.get('/api/v1/security/policy')).json()).toEqual(winner);
      const restore = await secadmin.put('/api/v1/security/policy', DEFAULT_SECURITY_POLICY, { 'if-match': '"v1"' });
      expect(restore.statusCode).toBe(200);
    });

    it('edits the policy with If-Match: 428 without it, 412 when stale, 400 below the floor; audited with before and after', async () => {
      const current = await secadmin.get('/api/v1/security/policy');
      const { version } = current.json() as { version: number };
      const changed = { ...DEFAULT_SECURITY_POLICY, minLength: 12, idleMinutes: 15 };
      expect(codeOf(await secadmin.put('/api/v1/security/policy', changed))).toBe('PRECONDITION_REQUIRED');
      expect((await secadmin.put('/api/v1/security/policy', { ...changed, minLength: 6 }, { 'if-match': current.headers.etag as string })).statusCode).toBe(400);
      expect((await secadmin.put('/api/v1/security/policy', { ...changed, unknown: 1 }, { 'if-match': current.headers.etag as string })).statusCode).toBe(400);
      const ok = await secadmin.put('/api/v1/security/policy', changed, { 'if-match': current.headers.etag as string });
      expect(ok.statusCode).toBe(200);
      expect(ok.json()).toEqual({ policy: changed, version: version + 1 });
      expect(ok.headers.etag).toBe(`"v${version + 1}"`);
      const stale = await secadmin.put('/api/v1/security/policy', DEFAULT_SECURITY_POLICY, { 'if-match': current.headers.etag as string });
      expect(stale.statusCode).toBe(412);
      expect((await secadmin.get('/api/v1/security/policy')).json().policy).toEqual(changed);

      const row = (await lastAudit('security.policy.update', 'security.policy'))!;
      expect(row).toMatchObject({ actorAccountId: await accountId('secadmin'), actorPost: 'security_admin' });
      expect(JSON.parse(row.before!)).toEqual(DEFAULT_SECURITY_POLICY);
      expect(JSON.parse(row.after!)).toEqual(changed);

      // The new minimum length applies to the next password change at once.
      const a = await newAccount();
      const agent = await login(t.app, a.username);
      const short = await agent.post('/api/v1/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'Abcdefg12!x' }); // 11 characters
      expect(codeOf(short)).toBe('PASSWORD_POLICY');

      // One-time passwords follow a policy longer than their own 16 characters.
      const long = await secadmin.put('/api/v1/security/policy', { ...changed, minLength: 24 }, { 'if-match': ok.headers.etag as string });
      expect(long.statusCode).toBe(200);
      const reset = await sysadmin.post(`/api/v1/accounts/${a.id}/reset-password`);
      expect(reset.json().oneTimePassword).toHaveLength(24);
      const created = await sysadmin.post('/api/v1/accounts', { username: `long-${a.username}`, displayName: '长口令', systemDuty: 'audit_admin' });
      expect(created.statusCode, created.body).toBe(201);
      expect(created.json().oneTimePassword).toHaveLength(24);

      expect((await secadmin.put('/api/v1/security/policy', DEFAULT_SECURITY_POLICY, { 'if-match': long.headers.etag as string })).statusCode).toBe(200);
    });

    it('unlocks a locked account at once; audited as account.unlock', async () => {
      const a = await newAccount();
      const attempt = (password: string) => t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: a.username, password } });
      for (let i = 0; i < 5; i++) await attempt('Wrong-Pass-2026?');
      expect(codeOf(await attempt(TEST_PASSWORD))).toBe('ACCOUNT_LOCKED');
      expect((await sysadmin.post(`/api/v1/security/accounts/${a.id}/unlock`)).statusCode).toBe(403);
      const res = await secadmin.post(`/api/v1/security/accounts/${a.id}/unlock`);
      expect(res.statusCode).toBe(200);
      expect(res.json().lockedUntil).toBeNull();
      expect((await attempt(TEST_PASSWORD)).statusCode).toBe(200);
      // The failures were cleared too: one more failure does not lock again.
      expect(codeOf(await attempt('Wrong-Pass-2026?'))).toBe('LOGIN_FAILED');
      expect((await attempt(TEST_PASSWORD)).statusCode).toBe(200);
      const row = (await lastAudit('account.unlock', a.id))!;
      expect(row).toMatchObject({ actorAccountId: await accountId('secadmin'), actorPost: 'security_admin' });
      expect(JSON.parse(row.before!).lockedUntil).toEqual(expect.any(String));
      expect(JSON.parse(row.after!)).toEqual({ lockedUntil: null });
    });
  });
});
