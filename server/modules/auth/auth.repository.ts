import type { Db, Tx } from '../../db/db.ts';
import type { Post } from '../../../shared/roles.ts';

type Q = Db | Tx;

export function createAuthRepository() {
  return {
    findAccountByUsername: (q: Q, username: string) =>
      q.selectFrom('accounts').selectAll().where('username', '=', username).executeTakeFirst(),

    findAccount: (q: Q, id: string) => q.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst(),

    countRecentFailures: async (q: Q, username: string, since: string) =>
      Number(
        (
          await q
            .selectFrom('loginFailures')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('username', '=', username)
            .where('at', '>=', since)
            .executeTakeFirstOrThrow()
        ).n,
      ),

    /** Instants of a user name's failed logins since `since`, oldest first. */
    listFailureTimes: async (q: Q, username: string, since: string) =>
      (await q.selectFrom('loginFailures').select('at').where('username', '=', username).where('at', '>=', since).orderBy('at').execute()).map((r) => r.at),

    recordFailure: (q: Q, row: { id: string; username: string; ip: string | null; at: string }) =>
      q.insertInto('loginFailures').values(row).execute(),

    clearFailures: (q: Q, username: string) => q.deleteFrom('loginFailures').where('username', '=', username).execute(),

    setLockedUntil: (q: Q, accountId: string, lockedUntil: string | null, now: string) =>
      q.updateTable('accounts').set((eb) => ({ lockedUntil, updatedAt: now, version: eb('version', '+', 1) })).where('id', '=', accountId).execute(),

    insertSession: (
      q: Q,
      row: { id: string; tokenHash: string; accountId: string; csrfToken: string; ip: string | null; userAgent: string | null; createdAt: string; lastSeenAt: string },
    ) => q.insertInto('sessions').values(row).execute(),

    findSessionByTokenHash: (q: Q, tokenHash: string) =>
      q
        .selectFrom('sessions')
        .innerJoin('accounts', 'accounts.id', 'sessions.accountId')
        .select([
          'sessions.id as sessionId',
          'sessions.csrfToken',
          'sessions.createdAt',
          'sessions.lastSeenAt',
          'sessions.revokedAt',
          'accounts.id as accountId',
          'accounts.username',
          'accounts.displayName',
          'accounts.personId',
          'accounts.systemDuty',
          'accounts.mustChangePassword',
          'accounts.passwordChangedAt',
          'accounts.disabled',
        ])
        .where('sessions.tokenHash', '=', tokenHash)
        .executeTakeFirst(),

    touchSession: (q: Q, sessionId: string, now: string) =>
      q.updateTable('sessions').set({ lastSeenAt: now }).where('id', '=', sessionId).execute(),

    revokeSession: (q: Q, sessionId: string, now: string, reason: string) =>
      q.updateTable('sessions').set({ revokedAt: now, revokedReason: reason }).where('id', '=', sessionId).where('revokedAt', 'is', null).execute(),

    /** Kills every live session of an account (logout everywhere, disable, password change). */
    revokeAccountSessions: async (q: Q, accountId: string, now: string, reason: string, exceptSessionId?: string) => {
      let query = q
        .updateTable('sessions')
        .set({ revokedAt: now, revokedReason: reason })
        .where('accountId', '=', accountId)
        .where('revokedAt', 'is', null);
      if (exceptSessionId) query = query.where('id', '!=', exceptSessionId);
      const r = await query.executeTakeFirst();
      return Number(r.numUpdatedRows);
    },

    /** A person's posts on a date (appointments whose period covers it), with their office's path. */
    findCurrentPosts: (q: Q, personId: string, today: string) =>
      q
        .selectFrom('appointments')
        .innerJoin('offices', 'offices.id', 'appointments.officeId')
        .leftJoin('units', 'units.id', 'appointments.unitId')
        .select([
          'appointments.id as appointmentId',
          'appointments.post',
          'appointments.officeId',
          'offices.path as officePath',
          'offices.name as officeName',
          'appointments.unitId',
          'units.name as unitName',
        ])
        .where('appointments.personId', '=', personId)
        .where('appointments.startDate', '<=', today)
        .where((eb) => eb.or([eb('appointments.endDate', 'is', null), eb('appointments.endDate', '>=', today)]))
        .orderBy('offices.path')
        .execute() as Promise<Array<{ appointmentId: string; post: Post; officeId: string; officePath: string; officeName: string; unitId: string | null; unitName: string | null }>>,

    passwordHistory: (q: Q, accountId: string, limit: number) =>
      q.selectFrom('passwordHistory').select(['passwordHash']).where('accountId', '=', accountId).orderBy('createdAt', 'desc').orderBy('id', 'desc').limit(limit).execute(),

    setPassword: async (q: Q, a: { accountId: string; hash: string; now: string; mustChange: boolean; historyId: string }) => {
      await q
        .updateTable('accounts')
        .set((eb) => ({ passwordHash: a.hash, passwordChangedAt: a.now, mustChangePassword: a.mustChange ? 1 : 0, updatedAt: a.now, version: eb('version', '+', 1) }))
        .where('id', '=', a.accountId)
        .execute();
      await q.insertInto('passwordHistory').values({ id: a.historyId, accountId: a.accountId, passwordHash: a.hash, createdAt: a.now }).execute();
    },

    getSetting: (q: Q, key: string) => q.selectFrom('settings').selectAll().where('key', '=', key).executeTakeFirst(),
  };
}

export type AuthRepository = ReturnType<typeof createAuthRepository>;
