import { inChunks } from '../../db/chunks.ts';
import type { Db, Tx } from '../../db/db.ts';

type Q = Db | Tx;

export function createCalendarRepository() {
  return {
    listYears: (q: Q) => q.selectFrom('calendarYears').selectAll().orderBy('year').execute(),
    findYear: (q: Q, year: number) => q.selectFrom('calendarYears').selectAll().where('year', '=', year).executeTakeFirst(),
    listDays: (q: Q, year?: number) => {
      let query = q.selectFrom('calendarDays').select(['date', 'kind', 'name', 'year']);
      if (year !== undefined) query = query.where('year', '=', year);
      return query.orderBy('date').execute();
    },
    countDaysByYear: (q: Q) => q.selectFrom('calendarDays').select(['year', (eb) => eb.fn.countAll().as('n')]).groupBy('year').execute(),
    /** Replaces one year's exceptions; optimistic on the year's version (null: the year must not exist yet). */
    replaceYear: async (q: Q, y: { year: number; source: string; note: string | null; loadedAt: string }, days: Array<{ date: string; kind: string; name: string }>, version: number | null) => {
      if (version === null) {
        const r = await q.insertInto('calendarYears').values({ ...y, version: 1 }).onConflict((oc) => oc.column('year').doNothing()).executeTakeFirst();
        if (Number(r.numInsertedOrUpdatedRows ?? 0) === 0) return false;
      } else {
        const r = await q.updateTable('calendarYears').set({ source: y.source, note: y.note, loadedAt: y.loadedAt, version: version + 1 }).where('year', '=', y.year).where('version', '=', version).executeTakeFirst();
        if (Number(r.numUpdatedRows) === 0) return false;
        await q.deleteFrom('calendarDays').where('year', '=', y.year).execute();
      }
      await inChunks(days, 200, async (c) => void (await q.insertInto('calendarDays').values(c.map((d) => ({ ...d, year: y.year }))).execute()));
      return true;
    },
    findFeedByAccount: (q: Q, accountId: string) => q.selectFrom('calendarFeeds').selectAll().where('accountId', '=', accountId).executeTakeFirst(),
    findFeedByTokenHash: (q: Q, tokenHash: string) => q.selectFrom('calendarFeeds').selectAll().where('tokenHash', '=', tokenHash).executeTakeFirst(),
    upsertFeed: async (q: Q, row: { id: string; accountId: string; tokenHash: string; createdAt: string }) => {
      await q.deleteFrom('calendarFeeds').where('accountId', '=', row.accountId).execute();
      await q.insertInto('calendarFeeds').values(row).execute();
    },
  };
}
export type CalendarRepository = ReturnType<typeof createCalendarRepository>;
