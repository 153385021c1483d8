import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { agentFor, createTestContext, describeEachDb, login, TEST_AUDIT_KEY, TEST_PASSWORD, type Agent, type TestContext } from '../../test/harness.ts';
import { SESSION_CACHE_MS } from './auth.service.ts';
import { DEFAULT_SECURITY_POLICY } from './password-policy.ts';

const START = '2026-11-20T02:00:00.000Z';
const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describeEachDb('auth', (dialect) => {
  let t: TestContext;
  let seq = 0;

  beforeAll(async () => {
    t = await createTestContext(dialect);
  });
  afterAll(() => t.close());
  // Each test starts at the same instant; tests that move the clock do not leak into the next.
  beforeEach(() => t.clock.set(START));

  /** A fresh account of its own (a system duty: no business content) with TEST_PASSWORD, so tests do not share lockout or sessions. */
  async function newAccount(prefix = 'u') {
    const username = `${prefix}${++seq}.${dialect}`;
    const { account } = await t.services.accounts.create({ username, displayName: `测试${seq}`, systemDuty: 'audit_admin' }, { actor: null, requestId: 'test', ip: null }, { password: TEST_PASSWORD, mustChange: false });
    return account;
  }

  const postLogin = (username: string, password: string, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password }, headers });
  const cookieOf = (res: LightMyRequestResponse) => `ro_sid=${res.cookies.find((c) => c.name === 'ro_sid')!.value}`;
  const whoami = (cookie: string) => t.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: { cookie } });
  const codeOf = (res: LightMyRequestResponse) => (res.json() as { error?: { code: string } }).error?.code;
  /** Audit rows about an entity, or done by it. */
  const auditOf = (id: string) =>
    t.handle.db.selectFrom('auditLog').selectAll().where((eb) => eb.or([eb('entityId', '=', id), eb('actorAccountId', '=', id)])).orderBy('seq').execute();
  const sessionRow = (accountId: string) => t.handle.db.selectFrom('sessions').selectAll().where('accountId', '=', accountId).orderBy('createdAt').orderBy('id').execute();

  describe('login', () => {
    it('unknown user, wrong password and a disabled account give the same 401 LOGIN_FAILED body', async () => {
      const a = await newAccount();
      const unknown = await postLogin('nobody-here', TEST_PASSWORD);
      const wrong = await postLogin(a.username, 'Wrong-Pass-2026!');
      await t.services.accounts.setDisabled(a.id, true, { actor: null, requestId: 'test', ip: null });
      const disabled = await postLogin(a.username, TEST_PASSWORD);
      for (const res of [unknown, wrong, disabled]) {
        expect(res.statusCode).toBe(401);
        expect(res.cookies).toEqual([]);
      }
      expect(unknown.json()).toEqual({ error: { code: 'LOGIN_FAILED', message: '用户名或密码错误 / Wrong user name or password' } });
      expect(wrong.json()).toEqual(unknown.json());
      expect(disabled.json()).toEqual(unknown.json());
    });

    it('5 failures within 15 minutes lock the account: the 6th attempt, even with the right password, is 429', async () => {
      const a = await newAccount();
      for (let i = 1; i <= 5; i++) {
        t.clock.advance(2 * MINUTE); // failures at +2 … +10 min: all inside one 15-minute window
        const res = await postLogin(a.username, `Wrong-Pass-${i}!x`);
        expect(res.statusCode, `failure ${i}`).toBe(401);
        expect(codeOf(res)).toBe('LOGIN_FAILED');
      }
      const locked = await postLogin(a.username, TEST_PASSWORD);
      expect(locked.statusCode).toBe(429);
      expect(codeOf(locked)).toBe('ACCOUNT_LOCKED');
      expect(locked.cookies).toEqual([]);
      const account = await t.services.accounts.get(a.id);
      expect(account.lockedUntil).toBe(new Date(Date.parse(START) + 10 * MINUTE + 30 * MINUTE).toISOString());

      // Another account is not affected.
      const other = await newAccount();
      expect((await postLogin(other.username, TEST_PASSWORD)).statusCode).toBe(200);

      // Still locked one second before the 30 minutes are up (and attempts during the lock do not extend it) …
      t.clock.advance(30 * MINUTE - SECOND);
      expect((await postLogin(a.username, TEST_PASSWORD)).statusCode).toBe(429);
      // … and open after them.
      t.clock.advance(2 * SECOND);
      const ok = await postLogin(a.username, TEST_PASSWORD);
      expect(ok.statusCode).toBe(200);
      expect((await whoami(cookieOf(ok))).statusCode).toBe(200);
      expect((await t.services.accounts.get(a.id)).lockedUntil).toBeNull();
    });

    it('an unknown user name locks exactly like an account (the same 429 and lockedUntil), so a lockout reveals nothing', async () => {
      const a = await newAccount();
      const ghost = `nobody-${a.username}`;
      const answers: Array<[number, unknown]> = [];
      for (let i = 1; i <= 6; i++) {
        t.clock.advance(2 * MINUTE);
        const real = await postLogin(a.username, `Wrong-Pass-${i}!x`);
        const fake = await postLogin(ghost, `Wrong-Pass-${i}!x`);
        expect([fake.statusCode, fake.json()], `attempt ${i}`).toEqual([real.statusCode, real.json()]);
        answers.push([real.statusCode, real.json().error.details?.lockedUntil]);
      }
      expect(answers.map(([s]) => s)).toEqual([401, 401, 401, 401, 401, 429]);
      expect(answers[5]![1]).toBe(new Date(Date.parse(START) + 10 * MINUTE + 30 * MINUTE).toISOString());
      // both open again after the 30 minutes, and the count starts afresh
      t.clock.advance(29 * MINUTE);
      expect((await postLogin(ghost, 'Wrong-Pass-7!x')).statusCode).toBe(401);
      expect((await postLogin(a.username, 'Wrong-Pass-7!x')).statusCode).toBe(401);
    });

    it('login writes login.fail, account.lock and login.success to the audit trail', async () => {
      const a = await newAccount();
      for (let i = 0; i < 5; i++) await postLogin(a.username, 'Wrong-Pass-2026?');
      t.clock.advance(31 * MINUTE);
      await postLogin(a.username, TEST_PASSWORD);
      const rows = await auditOf(a.id);
      const actions = rows.map((r) => r.action);
      expect(actions).toEqual(['account.create', 'login.fail', 'login.fail', 'login.fail', 'login.fail', 'login.fail', 'account.lock', 'login.success']);
      const fails = rows.filter((r) => r.action === 'login.fail').map((r) => JSON.parse(r.after!));
      expect(fails.map((f) => f.failures)).toEqual([1, 2, 3, 4, 5]);
      expect(fails.map((f) => f.locked)).toEqual([false, false, false, false, true]);
      expect(fails[0].username).toBe(a.username);
      const success = rows.find((r) => r.action === 'login.success')!;
      expect(success.actorAccountId).toBe(a.id);
      expect(success.entityType).toBe('session');
      // An unknown user name is audited too, with no account.
      await postLogin('ghost-user', 'whatever-1A!');
      const ghost = await t.handle.db.selectFrom('auditLog').selectAll().where('action', '=', 'login.fail').orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
      expect(ghost.entityId).toBeNull();
      expect(JSON.parse(ghost.after!)).toMatchObject({ username: 'ghost-user', locked: false });
    });

    it('failures spread over more than 15 minutes do not lock', async () => {
      const a = await newAccount();
      for (let i = 0; i < 8; i++) {
        const res = await postLogin(a.username, 'Wrong-Pass-2026?');
        expect(codeOf(res), `failure ${i + 1}`).toBe('LOGIN_FAILED');
        t.clock.advance(4 * MINUTE); // at most 4 failures in any 15-minute window
      }
      expect((await postLogin(a.username, TEST_PASSWORD)).statusCode).toBe(200);
      expect((await t.services.accounts.get(a.id)).lockedUntil).toBeNull();
    });

    it('a successful login clears the failures: 4 + 4 failures around it do not lock', async () => {
      const a = await newAccount();
      for (let i = 0; i < 4; i++) await postLogin(a.username, 'Wrong-Pass-2026?');
      expect((await postLogin(a.username, TEST_PASSWORD)).statusCode).toBe(200);
      for (let i = 0; i < 4; i++) await postLogin(a.username, 'Wrong-Pass-2026?');
      expect((await postLogin(a.username, TEST_PASSWORD)).statusCode).toBe(200);
    });

    it('the lockout values come from the security policy the security admin sets', async () => {
      const secadmin = await login(t.app, 'secadmin');
      const current = await secadmin.get('/api/v1/security/policy');
      const { version } = current.json() as { version: number };
      const put = await secadmin.put('/api/v1/security/policy', { ...DEFAULT_SECURITY_POLICY, lockoutThreshold: 3, lockoutMinutes: 5 }, { 'if-match': `"v${version}"` });
      expect(put.statusCode).toBe(200);
      try {
        const a = await newAccount();
        expect(codeOf(await postLogin(a.username, 'Wrong-Pass-2026?'))).toBe('LOGIN_FAILED');
        expect(codeOf(await postLogin(a.username, 'Wrong-Pass-2026?'))).toBe('LOGIN_FAILED');
        expect(codeOf(await postLogin(a.username, 'Wrong-Pass-2026?'))).toBe('LOGIN_FAILED');
        expect(codeOf(await postLogin(a.username, TEST_PASSWORD))).toBe('ACCOUNT_LOCKED');
        t.clock.advance(5 * MINUTE + SECOND);
        expect((await postLogin(a.username, TEST_PASSWORD)).statusCode).toBe(200);
      } finally {
        const restore = await secadmin.put('/api/v1/security/policy', DEFAULT_SECURITY_POLICY, { 'if-match': `"v${version + 1}"` });
        expect(restore.statusCode).toBe(200);
      }
    });
  });

  describe('session cookie', () => {
    it('is HttpOnly, SameSite=Lax, Path=/ and not Secure by default', async () => {
      const a = await newAccount();
      const res = await postLogin(a.username, TEST_PASSWORD);
      expect(res.statusCode).toBe(200);
      const c = res.cookies.find((x) => x.name === 'ro_sid')!;
      expect(c).toMatchObject({ path: '/', httpOnly: true, sameSite: 'Lax' });
      expect(c.secure).toBeFalsy();
      expect(c.value.length).toBeGreaterThanOrEqual(43); // 256 random bits, base64url
      // The token itself is not stored, only its hash.
      expect(await t.handle.db.selectFrom('sessions').select('id').where('tokenHash', '=', c.value).executeTakeFirst()).toBeUndefined();
    });

    it('is Secure when the app is built with secureCookies', async () => {
      const secureApp = await buildApp({ handle: t.handle, clock: t.clock, auditKey: TEST_AUDIT_KEY, secureCookies: true });
      try {
        const a = await newAccount();
        const res = await secureApp.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: a.username, password: TEST_PASSWORD } });
        expect(res.statusCode).toBe(200);
        expect(res.cookies.find((x) => x.name === 'ro_sid')).toMatchObject({ path: '/', httpOnly: true, sameSite: 'Lax', secure: true });
        expect(String(res.headers['set-cookie'])).toMatch(/; Secure/);
      } finally {
        await secureApp.close();
      }
    });
  });

  describe('session lifetime', () => {
    it('idle timeout: 29 minutes idle is fine and activity extends it; 31 minutes idle ends it (SESSION_EXPIRED)', async () => {
      const a = await newAccount();
      const cookie = cookieOf(await postLogin(a.username, TEST_PASSWORD));
      t.clock.advance(29 * MINUTE);
      expect((await whoami(cookie)).statusCode).toBe(200);
      t.clock.advance(29 * MINUTE); // 58 minutes after login, 29 after the last request
      expect((await whoami(cookie)).statusCode).toBe(200);
      t.clock.advance(31 * MINUTE);
      const expired = await whoami(cookie);
      expect(expired.statusCode).toBe(401);
      expect(codeOf(expired)).toBe('SESSION_EXPIRED');
      // The session is ended server-side: going back in time does not revive it.
      t.clock.set(START);
      const after = await whoami(cookie);
      expect(after.statusCode).toBe(401);
      expect(codeOf(after)).toBe('UNAUTHENTICATED');
      expect((await sessionRow(a.id))[0]).toMatchObject({ revokedReason: 'idle' });
    });

    it('lastSeen is written at most once a minute', async () => {
      const a = await newAccount();
      const cookie = cookieOf(await postLogin(a.username, TEST_PASSWORD));
      t.clock.advance(30 * SECOND);
      expect((await whoami(cookie)).statusCode).toBe(200);
      expect((await sessionRow(a.id))[0]!.lastSeenAt).toBe(START);
      t.clock.advance(31 * SECOND);
      expect((await whoami(cookie)).statusCode).toBe(200);
      expect((await sessionRow(a.id))[0]!.lastSeenAt).toBe(new Date(Date.parse(START) + 61 * SECOND).toISOString());
    });

    it('the office a route acts in is reused for SESSION_CACHE_MS, and dropped at once by an audited change that may alter it', async () => {
      const [office] = await t.handle.db.selectFrom('offices').select(['id', 'name']).orderBy('path').limit(1).execute();
      const rename = (name: string) => t.handle.db.updateTable('offices').set({ name }).where('id', '=', office!.id).execute();
      expect((await t.services.auth.resolveOffice(office!.id))!.name).toBe(office!.name);
      await rename('改名一'); // behind the app's back, as another process sharing the database would
      t.clock.advance(SESSION_CACHE_MS - 1);
      expect((await t.services.auth.resolveOffice(office!.id))!.name).toBe(office!.name);
      t.clock.advance(1);
      expect((await t.services.auth.resolveOffice(office!.id))!.name).toBe('改名一');
      await rename('改名二');
      t.services.auth.noteChange({ entityType: 'office' });
      expect((await t.services.auth.resolveOffice(office!.id))!.name).toBe('改名二');
      await rename(office!.name);
      t.services.auth.noteChange({ entityType: 'task' }); // task changes never alter an office: kept
      expect((await t.services.auth.resolveOffice(office!.id))!.name).toBe('改名二');
      t.services.auth.noteChange({ entityType: 'office' });
      expect(await t.services.auth.resolveOffice('no-such-office')).toBeUndefined();
      expect((await t.services.auth.resolveOffice(office!.id))!.name).toBe(office!.name);
    });

    it('requests that miss the cache together share one lookup; one after an audited change starts its own', async () => {
      const [office] = await t.handle.db.selectFrom('offices').select(['id', 'name']).orderBy('path').limit(1).execute();
      const { auth } = t.services;
      auth.noteChange({ entityType: 'office' });
      // One lookup: the same object for every caller (each lookup builds its own).
      const together = await Promise.all([auth.resolveOffice(office!.id), auth.resolveOffice(office!.id), auth.resolveOffice(office!.id)]);
      expect(together[1]).toBe(together[0]);
      expect(together[2]).toBe(together[0]);
      auth.noteChange({ entityType: 'office' });
      const first = auth.resolveOffice(office!.id);
      await t.handle.db.updateTable('offices').set({ name: '改名三' }).where('id', '=', office!.id).execute();
      auth.noteChange({ entityType: 'office' });
      const after = auth.resolveOffice(office!.id);
      expect((await after)!.name).toBe('改名三');
      expect(await after).not.toBe(await first);
      await t.handle.db.updateTable('offices').set({ name: office!.name }).where('id', '=', office!.id).execute();
      auth.noteChange({ entityType: 'office' });
      // Sessions the same way.
      const a = await newAccount();
      const token = cookieOf(await postLogin(a.username, TEST_PASSWORD)).slice('ro_sid='.length);
      t.clock.advance(SESSION_CACHE_MS);
      const sessions = await Promise.all([auth.resolveSession(token), auth.resolveSession(token)]);
      expect(sessions[0]).toMatchObject({ actor: { username: a.username } });
      expect(sessions[1]).toBe(sessions[0]);
    });

    it('an office read between an audited change and its commit is dropped at the commit', async () => {
      const [office] = await t.handle.db.selectFrom('offices').select(['id', 'name']).orderBy('path').limit(1).execute();
      const { auth } = t.services;
      auth.noteChange({ entityType: 'office' });
      let between: Promise<unknown> | undefined;
      await t.handle.db.transaction().execute(async (trx) => {
        await trx.updateTable('offices').set({ name: '改名五' }).where('id', '=', office!.id).execute();
        auth.noteChange({ entityType: 'office' }); // as the audit trail's record does, inside the transaction
        between = auth.resolveOffice(office!.id); // on another connection: the state before the change
        await between;
      });
      expect(await between).toMatchObject({ name: office!.name });
      expect((await auth.resolveOffice(office!.id))!.name).toBe('改名五');
      await t.handle.db.updateTable('offices').set({ name: office!.name }).where('id', '=', office!.id).execute();
      auth.noteChange({ entityType: 'office' });
    });

    it('absolute timeout: 8 hours even with constant activity', async () => {
      const a = await newAccount();
      const cookie = cookieOf(await postLogin(a.username, TEST_PASSWORD));
      for (let i = 1; i <= 16; i++) {
        t.clock.advance(29 * MINUTE); // 16 × 29 min = 7 h 44 min
        expect((await whoami(cookie)).statusCode, `request ${i}`).toBe(200);
      }
      t.clock.advance(17 * MINUTE); // 8 h 01 min
      const res = await whoami(cookie);
      expect(res.statusCode).toBe(401);
      expect(codeOf(res)).toBe('SESSION_EXPIRED');
      expect((await sessionRow(a.id))[0]).toMatchObject({ revokedReason: 'absolute' });
      // A new login starts a new 8 hours.
      expect((await postLogin(a.username, TEST_PASSWORD)).statusCode).toBe(200);
    });

    it('logout ends the session server-side: the old cookie then gets 401', async () => {
      const a = await newAccount();
      const agent = await login(t.app, a.username);
      const res = await agent.post('/api/v1/auth/logout');
      expect(res.statusCode).toBe(200);
      const cleared = res.cookies.find((c) => c.name === 'ro_sid')!;
      expect(cleared.value).toBe('');
      expect(cleared.expires!.getTime()).toBeLessThan(Date.now());
      const again = await agent.get('/api/v1/auth/session');
      expect(again.statusCode).toBe(401);
      expect(codeOf(again)).toBe('UNAUTHENTICATED');
      expect((await sessionRow(a.id))[0]).toMatchObject({ revokedReason: 'logout' });
      expect((await auditOf((await sessionRow(a.id))[0]!.id)).map((r) => r.action)).toEqual(['login.success', 'logout']);
    });

    it('a password change ends the other sessions and keeps the current one', async () => {
      const a = await newAccount();
      const here = await login(t.app, a.username);
      const elsewhere = await login(t.app, a.username);
      const res = await here.post('/api/v1/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'Brand-New-Pass-26' });
      expect(res.statusCode).toBe(200);
      expect((await here.get('/api/v1/auth/session')).statusCode).toBe(200);
      expect((await elsewhere.get('/api/v1/auth/session')).statusCode).toBe(401);
      expect(codeOf(await postLogin(a.username, TEST_PASSWORD))).toBe('LOGIN_FAILED');
      expect((await postLogin(a.username, 'Brand-New-Pass-26')).statusCode).toBe(200);
      const change = (await auditOf(a.id)).find((r) => r.action === 'password.change')!;
      expect(change.actorAccountId).toBe(a.id);
      expect(JSON.parse(change.after!)).toEqual({ sessionsRevoked: 1, mustChange: false });
    });

    it('a password change needs the current password and meets the policy', async () => {
      const a = await newAccount();
      const agent = await login(t.app, a.username);
      const wrong = await agent.post('/api/v1/auth/password', { currentPassword: 'Not-The-Pass-1', newPassword: 'Brand-New-Pass-26' });
      expect(wrong.statusCode).toBe(400);
      expect(wrong.json().error.details).toEqual({ field: 'currentPassword' });
      const weak = await agent.post('/api/v1/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'short1' });
      expect(weak.statusCode).toBe(422);
      expect(weak.json().error).toMatchObject({ code: 'PASSWORD_POLICY', details: { field: 'newPassword' } });
      expect(weak.json().error.details.problems).toHaveLength(2);
      const withName = await agent.post('/api/v1/auth/password', { currentPassword: TEST_PASSWORD, newPassword: `X1-${a.username.toUpperCase()}-yz` });
      expect(withName.statusCode).toBe(422);
      expect(withName.json().error.details.problems).toEqual([expect.stringMatching(/user name/)]);
      // Nothing changed.
      expect((await postLogin(a.username, TEST_PASSWORD)).statusCode).toBe(200);
    });

    it('history: one of the last 5 passwords is refused; the 6th-last is allowed again', async () => {
      const a = await newAccount();
      const agent = await login(t.app, a.username);
      const passwords = [TEST_PASSWORD, 'Hist-Pass-0001', 'Hist-Pass-0002', 'Hist-Pass-0003', 'Hist-Pass-0004', 'Hist-Pass-0005'];
      for (let i = 1; i < passwords.length; i++) {
        const res = await agent.post('/api/v1/auth/password', { currentPassword: passwords[i - 1], newPassword: passwords[i] });
        expect(res.statusCode, `change ${i}`).toBe(200);
      }
      // The last five are 0005 (current), 0004, 0003, 0002, 0001.
      for (const reused of ['Hist-Pass-0005', 'Hist-Pass-0001']) {
        const res = await agent.post('/api/v1/auth/password', { currentPassword: 'Hist-Pass-0005', newPassword: reused });
        expect(res.statusCode, reused).toBe(422);
        expect(res.json().error.details.problems).toEqual([expect.stringMatching(/last 5 passwords/)]);
      }
      const sixth = await agent.post('/api/v1/auth/password', { currentPassword: 'Hist-Pass-0005', newPassword: TEST_PASSWORD });
      expect(sixth.statusCode).toBe(200);
    });
  });

  describe('forced password change', () => {
    it('after a reset: 403 PASSWORD_CHANGE_REQUIRED on business routes; session, password change and logout work; then everything works', async () => {
      const sysadmin = await login(t.app, 'sysadmin');
      const member = (await t.services.accounts.findByUsername('cj.member'))!;
      const reset = await sysadmin.post(`/api/v1/accounts/${member.id}/reset-password`);
      expect(reset.statusCode).toBe(200);
      const otp = reset.json().oneTimePassword as string;
      expect(reset.json().account.mustChangePassword).toBe(true);

      const agent = await login(t.app, 'cj.member', otp);
      const second = await login(t.app, 'cj.member', otp);
      const session = await agent.get('/api/v1/auth/session');
      expect(session.statusCode).toBe(200);
      expect(session.json().account.mustChangePassword).toBe(true);
      expect(session.json().offices).toEqual([]);
      expect(session.json().posts).toEqual([]);

      const roster = `/api/v1/organization/offices/${t.offices['昌吉州']}/roster`;
      for (const url of [roster, '/api/v1/organization/offices']) {
        const res = await agent.get(url);
        expect(res.statusCode, url).toBe(403);
        expect(codeOf(res), url).toBe('PASSWORD_CHANGE_REQUIRED');
      }
      expect((await second.post('/api/v1/auth/logout')).statusCode).toBe(200);

      const change = await agent.post('/api/v1/auth/password', { currentPassword: otp, newPassword: 'Member-New-Pass-1' });
      expect(change.statusCode).toBe(200);
      expect((await agent.get('/api/v1/auth/session')).json().account.mustChangePassword).toBe(false);
      expect((await agent.get(roster)).statusCode).toBe(200);
      expect((await agent.get('/api/v1/organization/offices')).json().items.length).toBeGreaterThan(0);
    });

    it('a password older than 90 days must be changed', async () => {
      t.clock.advance(89 * DAY);
      const early = await login(t.app, 'cj.info');
      expect((await early.get('/api/v1/auth/session')).json().account.mustChangePassword).toBe(false);
      t.clock.advance(2 * DAY);
      const agent = await login(t.app, 'cj.info');
      expect((await agent.get('/api/v1/auth/session')).json().account.mustChangePassword).toBe(true);
      const roster = `/api/v1/organization/offices/${t.offices['昌吉州']}/roster`;
      expect(codeOf(await agent.get(roster))).toBe('PASSWORD_CHANGE_REQUIRED');
      expect((await agent.post('/api/v1/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'Info-New-Pass-91' })).statusCode).toBe(200);
      expect((await agent.get('/api/v1/auth/session')).json().account.mustChangePassword).toBe(false);
      expect((await agent.get(roster)).statusCode).toBe(200);
    });
  });

  describe('CSRF', () => {
    /** Tries logout with the given headers; a refusal must leave the session alive. */
    async function refused(agent: Agent, headers: Record<string, string>, drop = false) {
      const res = drop
        ? await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie: agent.cookie, ...headers } })
        : await agent.post('/api/v1/auth/logout', undefined, headers);
      expect(res.statusCode, JSON.stringify(headers)).toBe(403);
      expect(codeOf(res)).toBe('CSRF_FAILED');
      expect((await agent.get('/api/v1/auth/session')).statusCode).toBe(200);
    }

    it('a non-GET without the token, with a wrong one, or with another session\'s is 403 CSRF_FAILED', async () => {
      const a = await newAccount();
      const agent = await login(t.app, a.username);
      const other = await login(t.app, a.username);
      await refused(agent, {}, true);
      await refused(agent, { 'x-csrf-token': 'not-the-token' });
      await refused(agent, { 'x-csrf-token': '' });
      await refused(agent, { 'x-csrf-token': other.csrf });
    });

    it('a cross-site request is refused even with the right token', async () => {
      const a = await newAccount();
      const agent = await login(t.app, a.username);
      await refused(agent, { 'sec-fetch-site': 'cross-site' });
      await refused(agent, { 'sec-fetch-site': 'same-site' });
      await refused(agent, { host: 'reform.example', origin: 'https://evil.example' });
      await refused(agent, { host: 'reform.example', origin: 'https://reform.example.evil.example' });
      // Browsers send Origin: null from sandboxed frames and data: URLs.
      await refused(agent, { host: 'reform.example', origin: 'null' });
    });

    it('a same-origin request with the right token passes', async () => {
      const a = await newAccount();
      const agent = await login(t.app, a.username);
      const res = await agent.post('/api/v1/auth/logout', undefined, { 'sec-fetch-site': 'same-origin', host: 'reform.example', origin: 'https://reform.example' });
      expect(res.statusCode).toBe(200);
      expect((await agent.get('/api/v1/auth/session')).statusCode).toBe(401);
    });

    it('login itself is refused cross-site (login CSRF)', async () => {
      const a = await newAccount();
      const attempts: Array<Record<string, string>> = [{ 'sec-fetch-site': 'cross-site' }, { host: 'reform.example', origin: 'https://evil.example' }];
      for (const headers of attempts) {
        const res = await postLogin(a.username, TEST_PASSWORD, headers);
        expect(res.statusCode).toBe(403);
        expect(codeOf(res)).toBe('CSRF_FAILED');
        expect(res.cookies).toEqual([]);
      }
    });

    it('a GET needs no token', async () => {
      const a = await newAccount();
      const agent = await login(t.app, a.username);
      const plain = agentFor(t.app, agent.cookie, '');
      expect((await plain.get('/api/v1/auth/session')).statusCode).toBe(200);
    });
  });
});
