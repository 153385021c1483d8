import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDb, describeEachDb } from '../../test/harness.ts';
import type { DbHandle } from '../../db/db.ts';
import { statusRangeSql, statusSql } from './ledger.repository.ts';
import { deriveTaskStatus, TASK_STATUSES, type StatusInput } from './ledger.rules.ts';

const today = '2026-12-07';
const [before, after] = ['2026-12-04', '2026-12-08'];

/** Every combination of the status inputs around today: 2 × 2 × 3 × 4 × 4 × 3 × 2 = 1,152 tasks. */
function grid(): StatusInput[] {
  const out: StatusInput[] = [];
  for (const cancelledAt of [null, '2026-11-01T02:00:00.000Z'])
    for (const doneAt of [null, '2026-11-02T02:00:00.000Z'])
      for (const deadline of [before, today, after])
        for (const atRiskFrom of [null, before, today, after])
          for (const percent of [null, 0, 50, 80])
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

  it('A1-6: statusSql gives deriveTaskStatus\'s status, and each status lies in the index range statusRangeSql gives it', async () => {
    const rows = grid();
    const values = sql.join(rows.map((r, i) => sql`(${i}, ${r.cancelledAt}, ${r.doneAt}, ${r.deadline}, ${r.atRiskFrom}, ${r.percent}, ${r.nextMilestoneDue}, ${r.lastUpdateOn})`));
    // Typed columns for PostgreSQL (a VALUES list of parameters is text there); SQLite keeps what it is given.
    const cast = dialect === 'postgres' ? sql.raw('percent::int') : sql.raw('percent');
    const ranges = sql.join(TASK_STATUSES.map((s, k) => sql`case when ${statusRangeSql(s, today)} then 1 else 0 end as ${sql.ref(`r${k}`)}`));
    const got = await sql<Record<string, unknown>>`
      with raw(i, cancelled_at, done_at, deadline, at_risk_from, percent, next_milestone_due, last_update_on) as (values ${values}),
        tasks as (select i, cancelled_at, done_at, deadline, at_risk_from, ${cast} as percent, next_milestone_due, last_update_on from raw)
      select i, ${statusSql(today)} as status, ${ranges} from tasks order by i`.execute(h.db);
    expect(got.rows).toHaveLength(rows.length);
    const seen = new Set<string>();
    for (const r of got.rows) {
      const input = rows[Number(r.i)]!;
      const status = deriveTaskStatus(input, today);
      expect({ input, status: r.status }).toEqual({ input, status });
      seen.add(status);
      // the task's own status's range holds it; no other status's range is needed for that
      expect({ input, status, inRange: Number(r[`r${TASK_STATUSES.indexOf(status)}`]) }).toEqual({ input, status, inRange: 1 });
    }
    expect(seen).toEqual(new Set(TASK_STATUSES));
  });
});
