import type { Db } from '../../db/db.ts';
import type { Account, AccountCreate } from '../../../shared/contracts/accounts.ts';
import type { SystemDuty } from '../../../shared/roles.ts';
import type { RequestContext } from '../../platform/actor.ts';
import type { Audit } from '../../platform/audit.ts';
import type { Clock } from '../../platform/clock.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { hashPassword } from '../../platform/passwords.ts';
import type { AuthService } from '../auth/auth.service.ts';
import { newOneTimePassword, SECURITY_POLICY_KEY } from '../auth/auth.service.ts';
import { DEFAULT_SECURITY_POLICY, SecurityPolicySchema, type SecurityPolicy } from '../auth/password-policy.ts';
import type { AccountsRepository } from './accounts.repository.ts';

type Row = NonNullable<Awaited<ReturnType<AccountsRepository['find']>>>;

export const presentAccount = (a: Row): Account => ({
  id: a.id,
  username: a.username,
  displayName: a.displayName,
  personId: a.personId,
  systemDuty: a.systemDuty as SystemDuty | null,
  disabled: Boolean(a.disabled),
  lockedUntil: a.lockedUntil,
  mustChangePassword: Boolean(a.mustChangePassword),
  passwordChangedAt: a.passwordChangedAt,
  version: a.version,
});

export function createAccountsService(deps: { db: Db; repo: AccountsRepository; auth: AuthService; audit: Audit; clock: Clock }) {
  const { db, repo, audit, clock } = deps;
  const iso = () => clock.now().toISOString();

  /** Creates an account with a one-time password that must be changed at first login. */
  async function create(input: AccountCreate, ctx: RequestContext, opts: { password?: string; mustChange?: boolean } = {}) {
    // The HTTP schema checks this too; the CLI and the demo call this service directly.
    if (Boolean(input.personId) === Boolean(input.systemDuty)) {
      throw new AppError('VALIDATION_FAILED', '须且只能指定人员或系统职责之一 / give exactly one of personId and systemDuty', { field: 'systemDuty' });
    }
    const password = opts.password ?? newOneTimePassword((await getPolicy()).policy.minLength);
    const hash = await hashPassword(password);
    const now = iso();
    const account = await db.transaction().execute(async (trx) => {
      if (await repo.findByUsername(trx, input.username)) throw new AppError('CONFLICT', '用户名已存在 / user name taken', { field: 'username' });
      if (input.personId) {
        if (!(await repo.personExists(trx, input.personId))) throw new AppError('UNPROCESSABLE', '人员不存在 / no such person', { field: 'personId' });
        if (await repo.findByPerson(trx, input.personId)) throw new AppError('CONFLICT', '此人已有账号 / this person has an account', { field: 'personId' });
      }
      const row = {
        id: newId(), username: input.username, displayName: input.displayName, personId: input.personId ?? null, systemDuty: input.systemDuty ?? null,
        passwordHash: hash, mustChangePassword: opts.mustChange === false ? 0 : 1, passwordChangedAt: now, disabled: 0, lockedUntil: null, version: 1, createdAt: now, updatedAt: now,
      };
      await repo.insert(trx, row);
      await repo.insertPasswordHistory(trx, { id: newId(), accountId: row.id, passwordHash: hash, createdAt: now });
      const a = presentAccount(row);
      await audit.record(trx, ctx, { officeId: null, action: 'account.create', entityType: 'account', entityId: row.id, after: a });
      return a;
    });
    return { account, oneTimePassword: password };
  }

  async function get(id: string) {
    const a = await repo.find(db, id);
    if (!a) throw notFound('account');
    return a;
  }

  async function setDisabled(id: string, disabled: boolean, ctx: RequestContext) {
    return db.transaction().execute(async (trx) => {
      const a = await repo.find(trx, id);
      if (!a) throw notFound('account');
      if (ctx.actor?.accountId === id) throw new AppError('UNPROCESSABLE', '不能停用自己的账号 / cannot disable yourself');
      await repo.update(trx, id, a.version, { disabled: disabled ? 1 : 0, updatedAt: iso() });
      let killed = 0;
      if (disabled) {
        const r = await trx.updateTable('sessions').set({ revokedAt: iso(), revokedReason: 'disabled' }).where('accountId', '=', id).where('revokedAt', 'is', null).executeTakeFirst();
        killed = Number(r.numUpdatedRows);
      }
      await audit.record(trx, ctx, { officeId: null, action: disabled ? 'account.disable' : 'account.enable', entityType: 'account', entityId: id, before: { disabled: Boolean(a.disabled) }, after: { disabled, sessionsRevoked: killed } });
      return presentAccount((await repo.find(trx, id))!);
    });
  }

  /** Issues a new one-time password; every session of the account ends. */
  async function resetPassword(id: string, ctx: RequestContext) {
    const a = await get(id);
    const password = newOneTimePassword((await getPolicy()).policy.minLength);
    await deps.auth.setPassword(a.id, a.username, password, { mustChange: true, ctx, action: 'password.reset', skipPolicy: true });
    return { account: presentAccount((await repo.find(db, id))!), oneTimePassword: password };
  }

  async function unlock(id: string, ctx: RequestContext) {
    return db.transaction().execute(async (trx) => {
      const a = await repo.find(trx, id);
      if (!a) throw notFound('account');
      await repo.update(trx, id, a.version, { lockedUntil: null, updatedAt: iso() });
      await trx.deleteFrom('loginFailures').where('username', '=', a.username).execute();
      await audit.record(trx, ctx, { officeId: null, action: 'account.unlock', entityType: 'account', entityId: id, before: { lockedUntil: a.lockedUntil }, after: { lockedUntil: null } });
      return presentAccount((await repo.find(trx, id))!);
    });
  }

  async function getPolicy(): Promise<{ policy: SecurityPolicy; version: number }> {
    const row = await repo.getSetting(db, SECURITY_POLICY_KEY);
    return row ? { policy: SecurityPolicySchema.parse({ ...DEFAULT_SECURITY_POLICY, ...JSON.parse(row.value) }), version: row.version } : { policy: DEFAULT_SECURITY_POLICY, version: 0 };
  }

  async function setPolicy(policy: SecurityPolicy, version: number, ctx: RequestContext) {
    return db.transaction().execute(async (trx) => {
      const row = await repo.getSetting(trx, SECURITY_POLICY_KEY);
      const current = row?.version ?? 0;
      if (current !== version) throw new AppError('VERSION_MISMATCH', undefined, { entity: 'security policy' });
      const n = await repo.upsertSetting(trx, SECURITY_POLICY_KEY, JSON.stringify(policy), row ? row.version : null, iso());
      if (n === 0) throw new AppError('VERSION_MISMATCH', undefined, { entity: 'security policy' });
      await audit.record(trx, ctx, { officeId: null, action: 'security.policy.update', entityType: 'setting', entityId: SECURITY_POLICY_KEY, before: row ? JSON.parse(row.value) : DEFAULT_SECURITY_POLICY, after: policy });
      return { policy, version: current + 1 };
    });
  }

  return {
    list: async () => (await repo.list(db)).map(presentAccount),
    candidates: (q: string | undefined) => repo.candidates(db, q?.replace(/[%_\\]/g, ''), 50),
    listLocked: async () => (await repo.listLocked(db, iso())).map(presentAccount),
    get: async (id: string) => presentAccount(await get(id)),
    findByUsername: (username: string) => repo.findByUsername(db, username),
    countSystemAccounts: () => repo.countSystemAccounts(db),
    create,
    setDisabled,
    resetPassword,
    unlock,
    getPolicy,
    setPolicy,
  };
}
export type AccountsService = ReturnType<typeof createAccountsService>;
