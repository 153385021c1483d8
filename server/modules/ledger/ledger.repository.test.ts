import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDb, describeEachDb } from '../../test/harness.ts';
import type { DbHandle } from '../../db/db.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { createLedgerRepository, statusSql } from './ledger.repository.ts';
import { deriveTaskStatus, TASK_STATUSES, type StatusInput } from './ledger.rules.ts';

const today = '2026-12-07';
const [before, after] = ['2026-12-04', '2026-12-08'];

/** Every combination of the status inputs around today: 2 × 2 × 3 × 4 × 5 × 3 × 2 = 1,440 tasks. */
function grid(): StatusInput[] {
  const out: StatusInput[] = [];
  for (const cancelledAt of [null, '2026-11-01T02:00:00.000Z'])
    for (const doneAt of [null, '2026-11-02T02:00:00.000Z'])
      for (const deadline of [before, today, after])
        for (const atRiskFrom of [null, before, today, after])
          for (const percent of [null, 0, 50, 79, 80])
            for (const nextMilestoneDue of [null, before, today])
              for (const lastUpdateOn of [null, before]) out.push({ cancelledAt, doneAt, deadline, atRiskFrom, percent, nextMilestoneDue, lastUpdateOn });
  return out;
}

describeEachDb('the derived status in SQL (ledger.repository.ts)', (dialect) => {
  let h: DbHandle & { drop(): Promise<void> };
  beforeAll(async () => {
    h = await createTestDb(dialect);
  });
  afterAll(() => h.drop());

  it('A1-6: statusSql gives deriveTaskStatus\'s status', async () => {
    const rows = grid();
    const values = sql.join(rows.map((r, i) => sql`(${i}, ${r.cancelledAt}, ${r.doneAt}, ${r.deadline}, ${r.atRiskFrom}, ${r.percent}, ${r.nextMilestoneDue}, ${r.lastUpdateOn})`));
    // Typed columns for PostgreSQL (a VALUES list of parameters is text there); SQLite keeps what it is given.
    const cast = dialect === 'postgres' ? sql.raw('percent::int') : sql.raw('percent');
    const got = await sql<Record<string, unknown>>`
      with raw(i, cancelled_at, done_at, deadline, at_risk_from, percent, next_milestone_due, last_update_on) as (values ${values}),
        tasks as (select i, cancelled_at, done_at, deadline, at_risk_from, ${cast} as percent, next_milestone_due, last_update_on from raw)
      select i, ${statusSql(today)} as status from tasks order by i`.execute(h.db);
    expect(got.rows).toHaveLength(rows.length);
    const seen = new Set<string>();
    for (const r of got.rows) {
      const input = rows[Number(r.i)]!;
      const status = deriveTaskStatus(input, today);
      expect({ input, status: r.status }).toEqual({ input, status });
      seen.add(status);
    }
    expect(seen).toEqual(new Set(TASK_STATUSES));
  });
});

describeEachDb('the kept status (migration 20261206150000, statusesFor)', (dialect) => {
  let h: DbHandle & { drop(): Promise<void> };
  const repo = createLedgerRepository();
  const rows = grid();
  const at = '2026-12-01T00:00:00.000Z';
  beforeAll(async () => {
    h = await createTestDb(dialect);
    await migrateToLatest(h.db);
    await h.db.insertInto('offices').values({ id: 'o1', path: '/o1', level: 'prefecture', name: '测试州', shortName: '测试', createdAt: at, updatedAt: at }).execute();
    await h.db.insertInto('units').values(['u1', 'u2'].map((id) => ({ id, officeId: 'o1', name: `单位${id}`, createdAt: at, updatedAt: at }))).execute();
  });
  afterAll(() => h.drop());

  /** Each task's kept status, its cooperating row's copy, and the status deriveTaskStatus gives its columns on `day`. */
  async function check(day: string) {
    const got = await h.db.selectFrom('tasks').innerJoin('taskCooperatingUnits as cu', 'cu.taskId', 'tasks.id')
      .select(['tasks.id', 'tasks.status', 'cu.status as copy', 'tasks.cancelledAt', 'tasks.doneAt', 'tasks.deadline', 'tasks.atRiskFrom', 'tasks.percent', 'tasks.nextMilestoneDue', 'tasks.lastUpdateOn'])
      .orderBy('tasks.id').execute();
    expect(got).toHaveLength(rows.length);
    const seen = new Set<string>();
    for (const { id, status, copy, ...input } of got) {
      const want = deriveTaskStatus({ ...input, percent: input.percent === null ? null : Number(input.percent) }, day);
      expect({ id, day, input, status, copy }).toEqual({ id, day, input, status: want, copy: want });
      seen.add(want);
    }
    return seen;
  }

  it('A1-6: a task\'s kept status is deriveTaskStatus\'s on the kept day, after every write and every change of day', async () => {
    await repo.statusesFor(h.db, today);
    const id = (i: number) => `t${String(i).padStart(4, '0')}`;
    // Written by the application's own bulk writer, as createTask and the Excel import write tasks.
    await repo.insertTasks(h.db, rows.map((r, i) => ({
      id: id(i), officeId: 'o1', parentId: null, originTaskId: null, depth: 0, code: `2026-${i}`, title: `任务${i}`, description: null, sourceType: 'plan', sourceRef: null,
      sourceLabel: null, leadUnitId: 'u1', deadline: r.deadline, keyTask: 0, expectedResult: null, weight: 1, percent: r.percent, lastUpdateOn: r.lastUpdateOn, atRiskFrom: r.atRiskFrom,
      nextMilestoneDue: r.nextMilestoneDue, doneAt: r.doneAt, doneByName: null, cancelledAt: r.cancelledAt, cancelReason: null, sortOrder: i, version: 1, createdAt: at, updatedAt: at,
    })));
    await h.db.insertInto('taskCooperatingUnits').values(rows.map((_, i) => ({ taskId: id(i), unitId: 'u2' }))).execute();
    expect(await check(today)).toEqual(new Set(TASK_STATUSES));

    // Every task takes another task's columns, one column at a time (each write derives again).
    const cols = ['cancelledAt', 'doneAt', 'deadline', 'atRiskFrom', 'percent', 'nextMilestoneDue', 'lastUpdateOn'] as const;
    await h.db.transaction().execute(async (trx) => {
      for (const [i] of rows.entries()) {
        const next = rows[(i * 7 + 577) % rows.length]!;
        for (const c of cols) await trx.updateTable('tasks').set({ [c]: next[c] }).where('id', '=', id(i)).execute();
      }
    });
    expect(await check(today)).toEqual(new Set(TASK_STATUSES));

    // A new day: the first read moves the kept statuses to it; then back (a clock set back, as tests do).
    for (const day of [after, before, today]) {
      await repo.statusesFor(h.db, day);
      expect((await h.db.selectFrom('taskStatusDay').select('day').executeTakeFirstOrThrow()).day).toBe(day);
      // no deadline lies before `before`: nothing is overdue then
      expect(await check(day)).toEqual(new Set(TASK_STATUSES.filter((x) => day !== before || x !== 'overdue')));
    }

    // A write on the kept day derives on it, whatever the clock says; the next new day's read puts it right.
    await h.db.updateTable('tasks').set({ deadline: before, percent: 10 }).where('id', '=', id(3)).execute();
    expect(await check(today)).toEqual(new Set(TASK_STATUSES));
  });

  it('A1-6: nothing but the derivation writes the kept status', async () => {
    await repo.statusesFor(h.db, today);
    const t = await h.db.selectFrom('tasks').select(['id', 'status']).where('id', '=', 't0000').executeTakeFirstOrThrow();
    await sql`update tasks set status = 'bogus' where id = 't0000'`.execute(h.db);
    expect((await h.db.selectFrom('tasks').select('status').where('id', '=', 't0000').executeTakeFirstOrThrow()).status).toBe(t.status);
  });
});
