import { createHash, randomInt } from 'node:crypto';
import type { Db } from '../../db/db.ts';
import type { Actor, RequestContext } from '../../platform/actor.ts';
import type { Audit } from '../../platform/audit.ts';
import type { OfficeScope } from '../../platform/http.ts';
import { chinaDate, type Clock } from '../../platform/clock.ts';
import { AppError } from '../../platform/errors.ts';
import { newId, newToken } from '../../platform/ids.ts';
import { dummyHash, hashPassword, verifyPassword } from '../../platform/passwords.ts';
import type { SystemDuty } from '../../../shared/roles.ts';
import type { AuthRepository } from './auth.repository.ts';
import {
  checkPasswordPolicy,
  DEFAULT_SECURITY_POLICY,
  generateOneTimePassword,
  passwordExpired,
  SecurityPolicySchema,
  type SecurityPolicy,
} from './password-policy.ts';

export const SECURITY_POLICY_KEY = 'security.policy';
/**
 * How long a resolved session is reused without reading the database again (docs/SECURITY.md: revocation latency).
 * Every audited change in this process that can alter a session (accounts, sessions, appointments, offices, policy …)
 * drops all of them at once; another process sharing the database sees a revocation within this time.
 */
export const SESSION_CACHE_MS = 3_000;
/** Audited entities whose changes never alter an actor (account, posts, offices, policy): they keep the cache. */
const SESSION_NEUTRAL_ENTITIES = new Set(['task', 'plan', 'meeting', 'minutes', 'minutes_decision', 'document', 'report', 'report_cycle', 'calendar', 'calendar_year', 'office_rules']);
export const hashToken = (token: string) => createHash('sm3').update(token).digest('hex');
/** A one-time password of 16 characters, or longer when the security policy asks for longer passwords. */
export const newOneTimePassword = (minLength = 0) => generateOneTimePassword((n) => randomInt(n), Math.max(16, minLength));

export interface AuthServiceDeps {
  db: Db;
  repo: AuthRepository;
  audit: Audit;
  clock: Clock;
  /** The office a route acts in, as authorization reads it (path, name). */
  findOffice: (id: string) => Promise<OfficeScope | undefined>;
}

export function createAuthService({ db, repo, audit, clock, findOffice }: AuthServiceDeps) {
  const iso = () => clock.now().toISOString();

  async function policy(): Promise<SecurityPolicy> {
    const row = await repo.getSetting(db, SECURITY_POLICY_KEY);
    if (!row) return DEFAULT_SECURITY_POLICY;
    return SecurityPolicySchema.parse({ ...DEFAULT_SECURITY_POLICY, ...JSON.parse(row.value) });
  }

  /** Counts a failed password check against the user name; enough of them within the window lock the account. */
  async function recordFailure(username: string, account: { id: string } | null, ctx: RequestContext) {
    const p = await policy();
    const now = clock.now();
    await db.transaction().execute(async (trx) => {
      await repo.recordFailure(trx, { id: newId(), username, ip: ctx.ip, at: now.toISOString() });
      const since = new Date(now.getTime() - p.lockoutWindowMinutes * 60_000).toISOString();
      const failures = await repo.countRecentFailures(trx, username, since);
      const locks = account && failures >= p.lockoutThreshold;
      await audit.record(trx, ctx, { officeId: null, action: 'login.fail', entityType: 'account', entityId: account?.id ?? null, after: { username, failures, locked: Boolean(locks) } });
      if (account && locks) {
        const until = new Date(now.getTime() + p.lockoutMinutes * 60_000).toISOString();
        await repo.setLockedUntil(trx, account.id, until, now.toISOString());
        await audit.record(trx, ctx, { officeId: null, action: 'account.lock', entityType: 'account', entityId: account.id, after: { lockedUntil: until } });
      }
    });
  }

  /**
   * An unknown user name "locks" exactly as an account would (the same failures, the same 30 minutes), so a 429 never
   * tells an attacker that the name exists: the lock is read back from the failures recorded against the name.
   */
  async function unknownNameLockedUntil(username: string, p: SecurityPolicy, now: Date): Promise<string | null> {
    const windowMs = p.lockoutWindowMinutes * 60_000;
    const lockMs = p.lockoutMinutes * 60_000;
    const times = (await repo.listFailureTimes(db, username, new Date(now.getTime() - windowMs - lockMs).toISOString())).map((s) => Date.parse(s));
    let until: number | null = null;
    // As for an account: the failure that made `threshold` of them inside one window starts a lock; attempts during a
    // lock are refused before they are counted, so the next lock needs `threshold` new failures.
    let run: number[] = [];
    for (const at of times) {
      if (until !== null && at < until) continue;
      run = [...run.filter((x) => x >= at - windowMs), at];
      if (run.length >= p.lockoutThreshold) {
        until = at + lockMs;
        run = [];
      }
    }
    return until !== null && until > now.getTime() ? new Date(until).toISOString() : null;
  }

  /**
   * Logs in. Unknown user and wrong password give the same error and take the same time; so does a lockout.
   * `lockoutThreshold` failures within the window lock the account for `lockoutMinutes` (429).
   */
  async function login(input: { username: string; password: string }, ctx: RequestContext & { userAgent: string | null }) {
    const now = clock.now();
    const account = await repo.findAccountByUsername(db, input.username);
    if (account?.lockedUntil && Date.parse(account.lockedUntil) > now.getTime()) {
      throw new AppError('ACCOUNT_LOCKED', undefined, { lockedUntil: account.lockedUntil });
    }
    if (!account) {
      const lockedUntil = await unknownNameLockedUntil(input.username, await policy(), now);
      if (lockedUntil) throw new AppError('ACCOUNT_LOCKED', undefined, { lockedUntil });
    }
    const ok = account ? await verifyPassword(account.passwordHash, input.password) : (await verifyPassword(await dummyHash(), input.password), false);
    if (!account || !ok || account.disabled) {
      await recordFailure(input.username, account ?? null, ctx);
      throw new AppError('LOGIN_FAILED');
    }
    const token = newToken();
    const session = { id: newId(), tokenHash: hashToken(token), accountId: account.id, csrfToken: newToken(24), ip: ctx.ip, userAgent: ctx.userAgent, createdAt: now.toISOString(), lastSeenAt: now.toISOString() };
    await db.transaction().execute(async (trx) => {
      await repo.insertSession(trx, session);
      await repo.clearFailures(trx, account.username);
      if (account.lockedUntil) await repo.setLockedUntil(trx, account.id, null, now.toISOString());
      await audit.record(trx, { ...ctx, actor: { accountId: account.id, displayName: account.displayName } as Actor }, {
        officeId: null, action: 'login.success', entityType: 'session', entityId: session.id,
      });
    });
    return { token, sessionId: session.id };
  }

  /**
   * One resolution at a time per key: the requests that find an entry missing or just expired wait for the same
   * lookup. On PostgreSQL, 50 connections sharing a few sessions all missed together every SESSION_CACHE_MS, and each
   * sent its own 3 queries through the pool at once.
   */
  function singleFlight<T>(pending: Map<string, Promise<T>>, key: string, run: () => Promise<T>): Promise<T> {
    const inFlight = pending.get(key);
    if (inFlight) return inFlight;
    const p: Promise<T> = run().finally(() => {
      if (pending.get(key) === p) pending.delete(key);
    });
    pending.set(key, p);
    return p;
  }

  // Live sessions resolved in the last SESSION_CACHE_MS, by token hash (3 queries a request otherwise; bench/).
  const resolved = new Map<string, { actor: Actor; from: number; until: number }>();
  let generation = 0;
  /** Called for every audited change (app.ts wires it to the audit trail): drops cached sessions it may affect. */
  function noteChange(entry: { entityType: string }) {
    if (SESSION_NEUTRAL_ENTITIES.has(entry.entityType)) return;
    changeToCommit = true;
    drop();
  }
  /**
   * Called after each commit (db.ts: afterCommit): a change is recorded before its transaction commits (on SQLite a
   * commit shared by the transactions of one turn), and a lookup made in between read the state before the change on
   * another connection; what it stored goes too.
   */
  let changeToCommit = false;
  function noteCommit() {
    if (!changeToCommit) return;
    changeToCommit = false;
    drop();
  }
  function drop() {
    resolved.clear();
    offices.clear();
    // A request after the change starts a lookup of its own rather than wait for one that may have read the old state.
    sessionsPending.clear();
    officesPending.clear();
    generation++; // a resolution still reading the old state must not store it
  }

  // Offices named by office-scoped routes, kept like sessions (SESSION_CACHE_MS, dropped with them): one query on
  // every office-scoped request otherwise, on a read connection whose cache every write empties (38 µs measured in a
  // progress update, bench/ data set).
  const offices = new Map<string, { office: OfficeScope; from: number; until: number }>();
  const officesPending = new Map<string, Promise<OfficeScope | undefined>>();
  function resolveOffice(id: string): Promise<OfficeScope | undefined> {
    const at = clock.now().getTime();
    const hit = offices.get(id);
    if (hit && hit.from <= at && at < hit.until) return Promise.resolve(hit.office);
    return singleFlight(officesPending, id, () => findOfficeAndKeep(id, at));
  }
  async function findOfficeAndKeep(id: string, at: number): Promise<OfficeScope | undefined> {
    const started = generation;
    const office = await findOffice(id);
    if (office && started === generation) {
      if (offices.size >= 10_000) offices.delete(offices.keys().next().value!);
      offices.set(id, { office, from: at, until: at + SESSION_CACHE_MS });
    }
    return office;
  }

  /** Resolves a session cookie to an Actor, enforcing idle and absolute timeouts. Null when there is no live session. */
  function resolveSession(token: string): Promise<{ actor: Actor } | { expired: true } | null> {
    const tokenHash = hashToken(token);
    const at = clock.now().getTime();
    const hit = resolved.get(tokenHash);
    if (hit && hit.from <= at && at < hit.until) return Promise.resolve({ actor: hit.actor });
    return singleFlight(sessionsPending, tokenHash, () => findSessionAndKeep(tokenHash, at));
  }
  const sessionsPending = new Map<string, Promise<{ actor: Actor } | { expired: true } | null>>();
  async function findSessionAndKeep(tokenHash: string, at: number): Promise<{ actor: Actor } | { expired: true } | null> {
    const started = generation;
    const s = await repo.findSessionByTokenHash(db, tokenHash);
    if (!s || s.revokedAt || s.disabled) return null;
    const p = await policy();
    const now = clock.now();
    const idle = now.getTime() - Date.parse(s.lastSeenAt) > p.idleMinutes * 60_000;
    const tooOld = now.getTime() - Date.parse(s.createdAt) > p.absoluteHours * 3_600_000;
    if (idle || tooOld) {
      await repo.revokeSession(db, s.sessionId, now.toISOString(), idle ? 'idle' : 'absolute');
      return { expired: true };
    }
    // Touch at most once a minute: the idle timeout is measured to the minute, and reads stay reads.
    if (now.getTime() - Date.parse(s.lastSeenAt) > 60_000) await repo.touchSession(db, s.sessionId, now.toISOString());
    const posts = s.personId ? await repo.findCurrentPosts(db, s.personId, chinaDate(now)) : [];
    const actor: Actor = {
      accountId: s.accountId,
      username: s.username,
      displayName: s.displayName,
      personId: s.personId,
      systemDuty: s.systemDuty as SystemDuty | null,
      posts: posts.map(({ appointmentId, post, officeId, officePath, unitId }) => ({ appointmentId, post, officeId, officePath, unitId })),
      sessionId: s.sessionId,
      csrfToken: s.csrfToken,
      mustChangePassword: Boolean(s.mustChangePassword) || passwordExpired(s.passwordChangedAt, now, p),
    };
    if (started === generation) {
      if (resolved.size >= 10_000) resolved.delete(resolved.keys().next().value!);
      resolved.set(tokenHash, { actor, from: at, until: at + SESSION_CACHE_MS });
    }
    return { actor };
  }

  async function logout(ctx: RequestContext & { actor: Actor }) {
    await db.transaction().execute(async (trx) => {
      await repo.revokeSession(trx, ctx.actor.sessionId, iso(), 'logout');
      await audit.record(trx, ctx, { officeId: null, action: 'logout', entityType: 'session', entityId: ctx.actor.sessionId });
    });
  }

  /** Changes one's own password: policy, history of the last N, then every other session is killed. */
  async function changePassword(input: { currentPassword: string; newPassword: string }, ctx: RequestContext & { actor: Actor }) {
    const account = await repo.findAccount(db, ctx.actor.accountId);
    if (!account) throw new AppError('UNAUTHENTICATED');
    if (!(await verifyPassword(account.passwordHash, input.currentPassword))) {
      // A wrong current password counts like a failed login: a stolen session cannot guess without limit.
      await recordFailure(account.username, account, ctx);
      throw new AppError('VALIDATION_FAILED', '当前密码不正确 / current password is wrong', { field: 'currentPassword' });
    }
    await setPassword(account.id, account.username, input.newPassword, { mustChange: false, ctx, keepSessionId: ctx.actor.sessionId, action: 'password.change' });
  }

  /** Sets a password after checking policy and history; kills sessions (all, or all but one). */
  async function setPassword(
    accountId: string,
    username: string,
    newPassword: string,
    o: { mustChange: boolean; ctx: RequestContext; keepSessionId?: string; action: string; skipPolicy?: boolean },
  ) {
    const p = await policy();
    if (!o.skipPolicy) {
      const problems = checkPasswordPolicy(newPassword, p, username);
      if (problems.length) throw new AppError('PASSWORD_POLICY', undefined, { field: 'newPassword', problems });
      for (const h of await repo.passwordHistory(db, accountId, p.historySize)) {
        if (await verifyPassword(h.passwordHash, newPassword)) {
          throw new AppError('PASSWORD_POLICY', undefined, { field: 'newPassword', problems: [`不得与最近 ${p.historySize} 次密码相同 / must differ from the last ${p.historySize} passwords`] });
        }
      }
    }
    const hash = await hashPassword(newPassword);
    const now = iso();
    await db.transaction().execute(async (trx) => {
      await repo.setPassword(trx, { accountId, hash, now, mustChange: o.mustChange, historyId: newId() });
      const killed = await repo.revokeAccountSessions(trx, accountId, now, o.action, o.keepSessionId);
      await audit.record(trx, o.ctx, { officeId: null, action: o.action, entityType: 'account', entityId: accountId, after: { sessionsRevoked: killed, mustChange: o.mustChange } });
    });
  }

  return { login, resolveSession, resolveOffice, noteChange, noteCommit, logout, changePassword, setPassword, policy };
}

export type AuthService = ReturnType<typeof createAuthService>;
