import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDb, describeEachDb } from '../test/harness.ts';
import { compiledOnce, compiledOnceFirst, shapeCache } from './compiled.ts';
import { createDb, directReaderOf } from './db.ts';
import type { DbHandle } from './db.ts';
import { migrateToLatest } from './migrate.ts';

// Shared across both databases on purpose: one cache must give each dialect its own SQL.
const unitsOfOffice = compiledOnce((q, officeId: string, limit: number) =>
  q.selectFrom('offices').select(['id', 'shortName', 'sortOrder']).where('parentId', '=', officeId).orderBy('sortOrder').limit(limit),
);
const officeById = compiledOnceFirst((q, id: string) => q.selectFrom('offices').select(['id', 'shortName']).where('id', '=', id));
const byShape = shapeCache();

async function seed(h: DbHandle) {
  await migrateToLatest(h.db);
  const row = (id: string, parentId: string | null, shortName: string, sortOrder: number) => ({
    id, parentId, path: parentId ? `/p/${id}/` : `/${id}/`, level: parentId ? 'county' : 'prefecture', name: `${shortName}办公室`, shortName, sortOrder,
    createdAt: '2026-12-05T00:00:00.000Z', updatedAt: '2026-12-05T00:00:00.000Z',
  });
  await h.db.insertInto('offices').values([row('p', null, '昌吉州', 0), row('c1', 'p', '昌吉市', 2), row('c2', 'p', '阜康市', 1), row('c3', 'p', '呼图壁县', 3)]).execute();
}

describeEachDb('queries compiled once per shape (server/db/compiled.ts)', (dialect) => {
  let h: DbHandle & { drop(): Promise<void> };
  beforeAll(async () => {
    h = await createTestDb(dialect);
    await seed(h);
  });
  afterAll(() => h.drop());

  it('gives the rows Kysely gives, camelCased, with new values on every call', async () => {
    const direct = await h.db.selectFrom('offices').select(['id', 'shortName', 'sortOrder']).where('parentId', '=', 'p').orderBy('sortOrder').limit(2).execute();
    expect(await unitsOfOffice(h.db, 'p', 2)).toEqual(direct);
    expect((await unitsOfOffice(h.db, 'p', 2)).map((r) => r.shortName)).toEqual(['阜康市', '昌吉市']);
    expect((await unitsOfOffice(h.db, 'p', 3)).map((r) => r.shortName)).toEqual(['阜康市', '昌吉市', '呼图壁县']);
    expect(await unitsOfOffice(h.db, 'c1', 3)).toEqual([]);
    expect(await officeById(h.db, 'c2')).toEqual({ id: 'c2', shortName: '阜康市' });
    expect(await officeById(h.db, 'nope')).toBeUndefined();
  });

  it.runIf(dialect === 'postgres')('on PostgreSQL, runs each shape as a named prepared statement', async () => {
    await h.db.transaction().execute(async (trx) => {
      await officeById(trx, 'c2');
      const { rows } = await sql<{ name: string; statement: string }>`select name, statement from pg_prepared_statements where name like 'ro\_%'`.execute(trx);
      expect(rows.some((r) => r.statement.includes('from "offices"') && r.statement.includes('"id" = $1'))).toBe(true);
    });
  });

  it('runs inside a transaction (sees its uncommitted rows)', async () => {
    await h.db.transaction().execute(async (trx) => {
      await trx.updateTable('offices').set({ shortName: '昌吉市（改）' }).where('id', '=', 'c1').execute();
      expect((await officeById(trx, 'c1'))?.shortName).toBe('昌吉市（改）');
      throw new Error('roll back');
    }).catch((e: Error) => expect(e.message).toBe('roll back'));
    expect((await officeById(h.db, 'c1'))?.shortName).toBe('昌吉市');
  });

  it('keeps one query per shape key, and refuses a value written into the SQL text', async () => {
    const find = (name: string | null) =>
      byShape(h.db, name ? 'named' : 'all', name ? ['p', name] : ['p'], (s) => {
        let query = h.db.selectFrom('offices').select('shortName').where('parentId', '=', s[0]!);
        if (name) query = query.where('shortName', '=', s[1]!);
        return query.orderBy('sortOrder');
      });
    expect((await find(null)).map((r) => r.shortName)).toEqual(['阜康市', '昌吉市', '呼图壁县']);
    expect((await find('昌吉市')).map((r) => r.shortName)).toEqual(['昌吉市']);
    expect((await find('阜康市')).map((r) => r.shortName)).toEqual(['阜康市']);
    await expect(byShape(h.db, 'literal', ['p'], (s) => h.db.selectFrom('offices').select('id').where('parentId', '=', sql.lit(s[0]!)))).rejects.toThrow(/written into the SQL text/);
  });

  it('has shapes only for reads (they may run on a read-only connection)', async () => {
    await expect(byShape(h.db, 'write', ['x'], (s) => h.db.updateTable('offices').set({ shortName: s[0]! }).where('id', '=', 'c1'))).rejects.toThrow(/only queries that read/);
    expect((await officeById(h.db, 'c1'))?.shortName).toBe('昌吉市');
  });

  it('outside a transaction runs on the direct reader, and a read after a write in the same turn sees the write', async () => {
    expect(directReaderOf(h.db)).toBeDefined();
    await h.db.transaction().execute(async (trx) => {
      expect(directReaderOf(trx)).toBeUndefined();
    });
    // All in one turn of the event loop (no timer, no I/O between): the reader's snapshot must not outlive a write.
    expect((await officeById(h.db, 'c3'))?.shortName).toBe('呼图壁县');
    await h.db.updateTable('offices').set({ shortName: '呼图壁县（一）' }).where('id', '=', 'c3').execute();
    expect((await officeById(h.db, 'c3'))?.shortName).toBe('呼图壁县（一）');
    await h.db.transaction().execute(async (trx) => {
      await trx.updateTable('offices').set({ shortName: '呼图壁县（二）' }).where('id', '=', 'c3').execute();
      // Not committed yet: a read outside the transaction sees the committed name.
      expect((await officeById(h.db, 'c3'))?.shortName).toBe('呼图壁县（一）');
    });
    expect((await officeById(h.db, 'c3'))?.shortName).toBe('呼图壁县（二）');
    await h.db.updateTable('offices').set({ shortName: '呼图壁县' }).where('id', '=', 'c3').execute();
    expect((await officeById(h.db, 'c3'))?.shortName).toBe('呼图壁县');
  });

  it('sees a write made by another connection from the next turn of the event loop on', async () => {
    expect((await officeById(h.db, 'c2'))?.shortName).toBe('阜康市');
    const other = createDb(h.location);
    try {
      await other.db.updateTable('offices').set({ shortName: '阜康市（外）' }).where('id', '=', 'c2').execute();
      await new Promise((r) => setTimeout(r, 5));
      expect((await officeById(h.db, 'c2'))?.shortName).toBe('阜康市（外）');
      await other.db.updateTable('offices').set({ shortName: '阜康市' }).where('id', '=', 'c2').execute();
    } finally {
      await other.close();
    }
  });
});
