import type { Db, Tx } from '../../db/db.ts';
import type { NotificationsTable } from '../../db/schema.ts';

type Q = Db | Tx;

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
    setEmailStatus: (q: Q, id: string, status: string) => q.updateTable('notifications').set({ emailStatus: status }).where('id', '=', id).execute(),
  };
}
export type NotificationsRepository = ReturnType<typeof createNotificationsRepository>;
