import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { createDb } from './db.ts';

describe('SQLite planner statistics (DbHandle.optimize)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ro-optimize-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a file is analysed in a child process: the serving connection then reads the new statistics', async () => {
    const h = createDb(`sqlite:${join(dir, 'a.db')}`);
    await sql`create table t (id integer primary key, k text not null)`.execute(h.db);
    await sql`create index t_k on t (k)`.execute(h.db);
    await sql`insert into t (k) select 'k' || (value % 37) from generate_series(1, 5000)`.execute(h.db).catch(async () => {
      // generate_series is an extension; a recursive CTE everywhere else
      await sql`with recursive n(v) as (select 1 union all select v + 1 from n where v < 5000) insert into t (k) select 'k' || (v % 37) from n`.execute(h.db);
    });
    const stats = async () => (await sql<{ idx: string | null }>`select idx from sqlite_stat1 where tbl = 't' order by idx`.execute(h.db)).rows.map((r) => r.idx);
    await expect(stats()).rejects.toThrow(/no such table: sqlite_stat1/);
    await h.optimize();
    expect(await stats()).toEqual(['t_k']);
    await h.close();
  });

  it('a failure is reported, not swallowed (the file is no database by then)', async () => {
    const file = join(dir, 'b.db');
    const h = createDb(`sqlite:${file}`);
    await h.close();
    rmSync(file);
    writeFileSync(file, 'not a database: text long enough to fill a header page. '.repeat(100));
    await expect(h.optimize()).rejects.toThrow(/PRAGMA optimize failed: .*not a database/);
  });
});
