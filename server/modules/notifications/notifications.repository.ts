import type { Db, Tx } from '../../db/db.ts';
import type { NotificationsTable } from '../../db/schema.ts';

type Q = Db | Tx;

const current = (today: string) => (w: import('kysely').ExpressionBuilder<any, any>) =>
  w.and([w('appointments.startDate', '<=', today), w.or([w('appointments.endDate', 'is', null), w('appointments.endDate', '>=', today)])]);

export function createNotificationsRepository() {
  return {
    insert: (q: Q, rows: NotificationsTable[]) => (rows.length ? q.insertInto('notifications').values(rows).execute() : Promise.resolve([])),
    listForAccount: (q: Q, accountId: string, unreadOnly: boolean, limit: number) => {
      let query = q.selectFrom('notifications').selectAll().where('accountId', '=', accountId);
      if (unreadOnly) query = query.where('readAt', 'is', null);
      return query.orderBy('createdAt', 'desc').orderBy('id', 'desc').limit(limit).execute();
    },
    countUnread: async (q: Q, accountId: string) =>
      Number((await q.selectFrom('notifications').select((eb) => eb.fn.countAll().as('n')).where('accountId', '=', accountId).where('readAt', 'is', null).executeTakeFirstOrThrow()).n),
    markRead: async (q: Q, accountId: string, id: string, now: string) =>
      Number((await q.updateTable('notifications').set({ readAt: now }).where('id', '=', id).where('accountId', '=', accountId).where('readAt', 'is', null).executeTakeFirst()).numUpdatedRows),
    /** Accounts of the people holding `posts` today in the office (optionally of given units): who is told. */
    accountsHolding: (q: Q, officeId: string, posts: string[], today: string, unitIds?: string[]) =>
      q
        .selectFrom('appointments')
        .innerJoin('accounts', 'accounts.personId', 'appointments.personId')
        .leftJoin('people', 'people.id', 'appointments.personId')
        .select(['accounts.id as accountId', 'people.email', 'appointments.unitId'])
        .where('appointments.officeId', '=', officeId)
        .where('appointments.post', 'in', posts)
        .where(current(today))
        .where('accounts.disabled', '=', 0)
        .$if(unitIds !== undefined, (qb) => qb.where('appointments.unitId', 'in', unitIds!.length ? unitIds! : ['-']))
        .execute(),
    setEmailStatus: (q: Q, id: string, status: string) => q.updateTable('notifications').set({ emailStatus: status }).where('id', '=', id).execute(),
  };
}
export type NotificationsRepository = ReturnType<typeof createNotificationsRepository>;
