import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { afterCommit, createDb, groupCommitStatsOf, type DbHandle } from './db.ts';

/** SQLite group commit (group-commit.ts): transactions of one turn share a COMMIT, each durable before it returns. */
describe('SQLite group commit', () => {
  let dir: string;
  let h: DbHandle;
  let other: SQLite.Database;
  const seen = () => (other.prepare('select n from t order by n').all() as Array<{ n: number }>).map((r) => r.n);

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ro-gc-'));
    h = createDb(`sqlite:${join(dir, 'gc.db')}`);
    await sql`create table t (n integer primary key)`.execute(h.db);
    // Another connection to the file sees only what was committed.
    other = new SQLite(join(dir, 'gc.db'), { readonly: true });
  });
  afterEach(async () => {
    other.close();
    await h.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('transactions started together share one commit, and each returns only once its rows are committed', async () => {
    const before = { ...groupCommitStatsOf(h.db)! };
    const visibleOnReturn: boolean[] = [];
    await Promise.all(Array.from({ length: 20 }, (_, i) =>
      h.db.transaction().execute(async (trx) => {
        await sql`insert into t (n) values (${i})`.execute(trx);
        await sql`select count(*) from t`.execute(trx);
      }).then(() => visibleOnReturn.push(seen().includes(i))),
    ));
    expect(visibleOnReturn).toEqual(Array(20).fill(true));
    const stats = groupCommitStatsOf(h.db)!;
    expect(stats.transactions - before.transactions).toBe(20);
    expect(stats.commits - before.commits).toBe(1);
    expect(seen()).toHaveLength(20);
  });

  it('a transaction that fails rolls back alone; the others of its batch are committed', async () => {
    const results = await Promise.allSettled(Array.from({ length: 6 }, (_, i) =>
      h.db.transaction().execute(async (trx) => {
        await sql`insert into t (n) values (${i})`.execute(trx);
        await sql`insert into t (n) values (${100 + i})`.execute(trx);
        if (i % 3 === 1) throw new Error(`refused ${i}`);
      }),
    ));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect(seen()).toEqual([0, 2, 3, 5, 100, 102, 103, 105]);
    // A constraint error inside a transaction (the caller catches nothing): that transaction only.
    const dup = await Promise.allSettled([
      h.db.transaction().execute(async (trx) => void (await sql`insert into t (n) values (${200})`.execute(trx))),
      h.db.transaction().execute(async (trx) => void (await sql`insert into t (n) values (${0})`.execute(trx))),
      h.db.transaction().execute(async (trx) => void (await sql`insert into t (n) values (${201})`.execute(trx))),
    ]);
    expect(dup.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(seen()).toEqual([0, 2, 3, 5, 100, 102, 103, 105, 200, 201]);
  });

  it('a statement outside a transaction while a batch is open returns once the batch is committed', async () => {
    await Promise.all([
      h.db.transaction().execute(async (trx) => void (await sql`insert into t (n) values (${1})`.execute(trx))),
      sql`insert into t (n) values (${2})`.execute(h.db).then(() => expect(seen()).toEqual([1, 2])),
    ]);
  });

  it('listeners run after each commit, before its transactions return; one that throws undoes nothing', async () => {
    const calls: number[][] = [];
    afterCommit(h.db, () => calls.push(seen()));
    afterCommit(h.db, () => {
      throw new Error('a listener that fails');
    });
    await Promise.all([1, 2].map((n) => h.db.transaction().execute(async (trx) => void (await sql`insert into t (n) values (${n})`.execute(trx))).then(() => calls.push([-n]))));
    expect(calls).toEqual([[1, 2], [-1], [-2]]);
  });

  it('when SQLite ends the shared transaction itself, every transaction of the batch fails, none is reported done', async () => {
    const results = await Promise.allSettled([
      h.db.transaction().execute(async (trx) => void (await sql`insert into t (n) values (${1})`.execute(trx))),
      // Stands in for an error after which SQLite rolls the whole transaction back (disk full, I/O error).
      h.db.transaction().execute(async (trx) => {
        await sql`insert into t (n) values (${2})`.execute(trx);
        await sql`rollback`.execute(trx);
      }),
      h.db.transaction().execute(async (trx) => void (await sql`insert into t (n) values (${3})`.execute(trx))),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'fulfilled']);
    expect(seen()).toEqual([3]);
    // and the database goes on
    await h.db.transaction().execute(async (trx) => void (await sql`insert into t (n) values (${4})`.execute(trx)));
    expect(seen()).toEqual([3, 4]);
  });
});
