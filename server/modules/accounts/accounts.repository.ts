import type { Db, Tx } from '../../db/db.ts';
import type { AccountsTable } from '../../db/schema.ts';

type Q = Db | Tx;
type Insert<T> = { [K in keyof T]: T[K] extends import('kysely').Generated<infer U> ? U : T[K] };

export function createAccountsRepository() {
  return {
    list: (q: Q) => q.selectFrom('accounts').selectAll().orderBy('username').execute(),
    find: (q: Q, id: string) => q.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst(),
    findByUsername: (q: Q, username: string) => q.selectFrom('accounts').selectAll().where('username', '=', username).executeTakeFirst(),
    findByPerson: (q: Q, personId: string) => q.selectFrom('accounts').selectAll().where('personId', '=', personId).executeTakeFirst(),
    personExists: async (q: Q, personId: string) => Boolean(await q.selectFrom('people').select('id').where('id', '=', personId).executeTakeFirst()),
    insert: (q: Q, row: Insert<AccountsTable>) => q.insertInto('accounts').values(row).execute(),
    insertPasswordHistory: (q: Q, row: { id: string; accountId: string; passwordHash: string; createdAt: string }) => q.insertInto('passwordHistory').values(row).execute(),
    update: async (q: Q, id: string, version: number, patch: Partial<Insert<AccountsTable>>) =>
      Number((await q.updateTable('accounts').set({ ...patch, version: version + 1 }).where('id', '=', id).where('version', '=', version).executeTakeFirst()).numUpdatedRows),
    countSystemAccounts: async (q: Q) =>
      Number((await q.selectFrom('accounts').select((eb) => eb.fn.countAll().as('n')).where('systemDuty', 'is not', null).executeTakeFirstOrThrow()).n),
    /** People with no account yet: name, unit and office only (the system admin reads no other business content). */
    candidates: (q: Q, search: string | undefined, limit: number) => {
      let query = q
        .selectFrom('people')
        .innerJoin('offices', 'offices.id', 'people.officeId')
        .leftJoin('units', 'units.id', 'people.unitId')
        .leftJoin('accounts', 'accounts.personId', 'people.id')
        .select(['people.id as personId', 'people.name', 'units.name as unitName', 'offices.name as officeName'])
        .where('accounts.id', 'is', null);
      if (search) query = query.where((eb) => eb.or([eb('people.name', 'like', `%${search}%`), eb('units.name', 'like', `%${search}%`), eb('offices.name', 'like', `%${search}%`)]));
      return query.orderBy('offices.path').orderBy('people.name').limit(limit).execute();
    },
    listLocked: (q: Q, now: string) => q.selectFrom('accounts').selectAll().where('lockedUntil', '>', now).orderBy('username').execute(),
    getSetting: (q: Q, key: string) => q.selectFrom('settings').selectAll().where('key', '=', key).executeTakeFirst(),
    upsertSetting: async (q: Q, key: string, value: string, version: number | null, now: string) => {
      if (version === null) {
        // A concurrent first write inserted the key already: report it as a lost race (0 rows), not a unique violation.
        const r = await q.insertInto('settings').values({ key, value, version: 1, updatedAt: now }).onConflict((oc) => oc.column('key').doNothing()).executeTakeFirst();
        return Number(r.numInsertedOrUpdatedRows ?? 0);
      }
      return Number((await q.updateTable('settings').set({ value, version: version + 1, updatedAt: now }).where('key', '=', key).where('version', '=', version).executeTakeFirst()).numUpdatedRows);
    },
  };
}
export type AccountsRepository = ReturnType<typeof createAccountsRepository>;
