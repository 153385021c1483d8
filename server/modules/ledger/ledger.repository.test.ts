import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDb, describeEachDb } from '../../test/harness.ts';
import type { DbHandle } from '../../db/db.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { createLedgerRepository, statusSql } from './ledger.repository.ts';
import { deriveTaskStatus, TASK_STATUSES, type StatusInput } from './ledger.rules.ts';
import { ProgressUpdateSchema } from '../../../shared/contracts/ledger.ts';

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
    // The list's kept rows (migration 20261206170000) moved with each status.
    await expectListRowsKept(h);
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

/**
 * What task_list_rows should hold (migration 20261206170000): a row for each task and its lead unit and for each of
 * its cooperating units, with the task's summary as the tasks, units and sub-tasks give it now.
 */
async function expectListRowsKept(h: DbHandle) {
  const want = await sql<Record<string, unknown>>`
    select x.unit_id, t.office_id, t.depth, t.status, t.code, t.id as task_id, x.lead, t.parent_id, t.origin_task_id, t.title, t.deadline, t.key_task,
      t.percent, t.last_update_on, t.version, t.lead_unit_id, u.name as lead_unit_name, (select count(*) from tasks c where c.parent_id = t.id) as child_count
    from (select id as task_id, lead_unit_id as unit_id, 1 as lead from tasks where lead_unit_id is not null
          union all select task_id, unit_id, 0 from task_cooperating_units) x
      join tasks t on t.id = x.task_id left join units u on u.id = t.lead_unit_id
    order by x.unit_id, t.id`.execute(h.db);
  const got = await sql<Record<string, unknown>>`
    select unit_id, office_id, depth, status, code, task_id, lead, parent_id, origin_task_id, title, deadline, key_task, percent, last_update_on, version,
      lead_unit_id, lead_unit_name, child_count from task_list_rows order by unit_id, task_id`.execute(h.db);
  const norm = (rows: Array<Record<string, unknown>>) => rows.map((r) => ({ ...r, child_count: Number(r.child_count), lead: Number(r.lead) }));
  expect(norm(got.rows)).toEqual(norm(want.rows));
  if (h.dialect === 'sqlite') {
    const counts = await sql<Record<string, unknown>>`select unit_id, office_id, depth, status, n from task_list_counts where n <> 0 order by unit_id, office_id, depth, status`.execute(h.db);
    const wantCounts = await sql<Record<string, unknown>>`select unit_id, office_id, depth, status, count(*) as n from task_list_rows group by unit_id, office_id, depth, status order by unit_id, office_id, depth, status`.execute(h.db);
    expect(counts.rows).toEqual(wantCounts.rows);
  }
  return got.rows.length;
}

describeEachDb('the ledger list\'s kept rows (migration 20261206170000)', (dialect) => {
  let h: DbHandle & { drop(): Promise<void> };
  const repo = createLedgerRepository();
  const at = '2026-12-01T00:00:00.000Z';
  beforeAll(async () => {
    h = await createTestDb(dialect);
    await migrateToLatest(h.db);
    await h.db.insertInto('offices').values([
      { id: 'o1', path: '/o1', level: 'prefecture', name: '测试州', shortName: '测试', createdAt: at, updatedAt: at },
      { id: 'o2', path: '/o1/o2', parentId: 'o1', level: 'county', name: '测试县', shortName: '县', createdAt: at, updatedAt: at },
    ]).execute();
    await h.db.insertInto('units').values(['u1', 'u2', 'u3', 'u4'].map((id) => ({ id, officeId: 'o1', name: `单位${id}`, createdAt: at, updatedAt: at }))).execute();
    await h.db.insertInto('units').values({ id: 'c1', officeId: 'o2', name: '县单位', createdAt: at, updatedAt: at }).execute();
  });
  afterAll(() => h.drop());

  it('A1-6, A1-7: each task\'s rows for its lead and cooperating units follow every kind of write, and the counts with them', async () => {
    await repo.statusesFor(h.db, today);
    const grid0 = grid().filter((_, i) => i % 11 === 0);
    const id = (i: number) => `t${String(i).padStart(4, '0')}`;
    // Parents first: every fifth task is a sub-task of the task before its group; the county gets copies of some.
    await repo.insertTasks(h.db, grid0.map((r, i) => ({
      id: id(i), officeId: 'o1', parentId: i % 5 === 0 ? null : id(i - (i % 5)), originTaskId: null, depth: i % 5 === 0 ? 0 : 1, code: `2026-${i}`, title: `任务${i}`, description: null,
      sourceType: 'plan', sourceRef: null, sourceLabel: null, leadUnitId: i % 17 === 3 ? null : ['u1', 'u2'][i % 2]!, deadline: r.deadline, keyTask: i % 3 === 0 ? 1 : 0, expectedResult: null,
      weight: 1, percent: r.percent, lastUpdateOn: r.lastUpdateOn, atRiskFrom: r.atRiskFrom, nextMilestoneDue: r.nextMilestoneDue, doneAt: r.doneAt, doneByName: null,
      cancelledAt: r.cancelledAt, cancelReason: null, sortOrder: i, version: 1, createdAt: at, updatedAt: at,
    })));
    await repo.insertTasks(h.db, [0, 5, 10].map((i) => ({
      id: `k${i}`, officeId: 'o2', parentId: null, originTaskId: id(i), depth: 0, code: `县-${i}`, title: `县任务${i}`, description: null, sourceType: 'plan', sourceRef: null,
      sourceLabel: null, leadUnitId: 'c1', deadline: after, keyTask: 0, expectedResult: null, weight: 1, percent: null, lastUpdateOn: null, atRiskFrom: null, nextMilestoneDue: null,
      doneAt: null, doneByName: null, cancelledAt: null, cancelReason: null, sortOrder: i, version: 1, createdAt: at, updatedAt: at,
    })));
    await h.db.insertInto('taskCooperatingUnits').values(grid0.flatMap((_, i) => (i % 2 ? [{ taskId: id(i), unitId: 'u3' }] : [{ taskId: id(i), unitId: 'u3' }, { taskId: id(i), unitId: 'u4' }]))).execute();
    expect(await expectListRowsKept(h)).toBeGreaterThan(grid0.length * 2);

    // What the list shows, changed in place: progress (percent, last update, version), title, deadline, key task.
    for (const [i, set] of [[1, { percent: 90, lastUpdateOn: today, version: 2 }], [2, { title: '改名的任务' }], [3, { deadline: before }], [4, { keyTask: 1 }], [6, { percent: 0, lastUpdateOn: null }]] as const) {
      await h.db.updateTable('tasks').set(set).where('id', '=', id(i)).execute();
    }
    await expectListRowsKept(h);
    // Moved in the key: another lead unit (to none and back), another code; a sub-task to another parent and to the top.
    await h.db.updateTable('tasks').set({ leadUnitId: 'u2' }).where('id', '=', id(8)).execute();
    await h.db.updateTable('tasks').set({ leadUnitId: null }).where('id', '=', id(9)).execute();
    await h.db.updateTable('tasks').set({ leadUnitId: 'u1' }).where('id', '=', id(20)).execute();
    await h.db.updateTable('tasks').set({ code: '2026-改' }).where('id', '=', id(11)).execute();
    await h.db.updateTable('tasks').set({ parentId: id(10) }).where('id', '=', id(12)).execute();
    await h.db.updateTable('tasks').set({ parentId: null, depth: 0 }).where('id', '=', id(13)).execute();
    await expectListRowsKept(h);
    // Done (销号) and cancelled; cooperating units removed and added; a unit renamed; a task removed.
    await h.db.updateTable('tasks').set({ doneAt: at }).where('id', '=', id(15)).execute();
    await h.db.updateTable('tasks').set({ cancelledAt: at, cancelReason: '撤销' }).where('id', '=', id(16)).execute();
    await h.db.deleteFrom('taskCooperatingUnits').where('taskId', '=', id(2)).execute();
    await h.db.insertInto('taskCooperatingUnits').values({ taskId: id(1), unitId: 'u4' }).execute();
    await h.db.updateTable('units').set({ name: '改名的单位' }).where('id', '=', 'u1').execute();
    await h.db.deleteFrom('taskCooperatingUnits').where('taskId', '=', id(14)).execute();
    await h.db.deleteFrom('tasks').where('id', '=', id(14)).execute();
    await expectListRowsKept(h);
    // A change of day moves statuses (rows move in the key); back again.
    for (const day of [after, before, today]) {
      await repo.statusesFor(h.db, day);
      await expectListRowsKept(h);
    }
  });
});

describeEachDb('the task page in one read (taskPage)', (dialect) => {
  let h: DbHandle & { drop(): Promise<void> };
  const repo = createLedgerRepository();
  const at = '2026-12-01T00:00:00.000Z';
  const task = (id: string) => ({
    id, officeId: 'o1', parentId: null, originTaskId: null, depth: 0, code: `2026-${id}`, title: `任务${id}`, description: '说明', sourceType: 'plan', sourceRef: null, sourceLabel: null,
    leadUnitId: 'u1', deadline: '2027-06-30', keyTask: 1, expectedResult: null, weight: 1, percent: 40, lastUpdateOn: '2026-11-30', atRiskFrom: null, nextMilestoneDue: null,
    doneAt: null, doneByName: null, cancelledAt: null, cancelReason: null, sortOrder: 0, version: 1, createdAt: at, updatedAt: at,
  });
  beforeAll(async () => {
    h = await createTestDb(dialect);
    await migrateToLatest(h.db);
    await h.db.insertInto('offices').values({ id: 'o1', path: '/o1', level: 'prefecture', name: '测试州', shortName: '测试', createdAt: at, updatedAt: at }).execute();
    // u3 and u4 share a sort order: the page breaks the tie by id.
    await h.db.insertInto('units').values([['u1', 1], ['u2', 3], ['u4', 2], ['u3', 2]].map(([id, sortOrder]) => ({ id: String(id), officeId: 'o1', name: `单位${id}`, sortOrder: Number(sortOrder), createdAt: at, updatedAt: at }))).execute();
    await repo.insertTasks(h.db, [task('t1'), task('t2'), task('t3')]);
  });
  afterAll(() => h.drop());

  it('A1-7, A1-9: the one read gives each part of the page as the tables hold it, in a total order, and nothing of another task', async () => {
    await h.db.insertInto('taskCooperatingUnits').values(['u2', 'u4', 'u3'].map((unitId) => ({ taskId: 't1', unitId }))).execute();
    await h.db.insertInto('taskCooperatingUnits').values({ taskId: 't2', unitId: 'u3' }).execute();
    await h.db.insertInto('taskMilestones').values([
      { id: 'm3', taskId: 't1', title: '第三', dueDate: '2027-03-01', doneOn: null, sortOrder: 1 },
      { id: 'm2', taskId: 't1', title: '第二', dueDate: '2027-01-01', doneOn: null, sortOrder: 1 },
      { id: 'm1', taskId: 't1', title: '第一', dueDate: '2027-01-01', doneOn: '2026-11-20', sortOrder: 0 },
      { id: 'm9', taskId: 't2', title: '别的', dueDate: '2027-01-01', doneOn: null, sortOrder: 0 },
    ]).execute();
    // 57 updates of t1 over 20 days, several on one day at one instant (ties), some sent back, some by the office (no unit).
    const updates = Array.from({ length: 57 }, (_, i) => ({
      id: `p${String(i).padStart(3, '0')}`, taskId: 't1', officeId: 'o1', unitId: i % 5 === 0 ? null : ['u1', 'u2', 'u3'][i % 3]!, reportedOn: `2026-11-${String(1 + (i % 20)).padStart(2, '0')}`,
      doneText: `进展${i}`, nextSteps: i % 2 ? `下一步${i}` : null, problems: i % 4 ? null : '问题', supportNeeded: null, percent: i % 6 ? i : null, state: i % 9 ? 'submitted' : 'returned',
      officeComment: i % 9 ? null : '请补充', createdByName: `报送人${i % 4}`, version: 1 + (i % 3), createdAt: `2026-11-${String(1 + (i % 20)).padStart(2, '0')}T0${i % 2}:00:00.000Z`,
    }));
    await h.db.insertInto('progressUpdates').values([...updates, { ...updates[0]!, id: 'q1', taskId: 't2', reportedOn: '2026-11-30' }]).execute();
    const file = (id: string, ownerId: string, createdAt: string, more: Partial<{ ownerType: string; deletedAt: string }> = {}) => ({
      id, officeId: 'o1', ownerType: 'progress_update', ownerId, filename: `${id}.pdf`, mime: 'application/pdf', size: id.length * 1000, digest: 'x', content: Buffer.from('%PDF'), uploadedByName: null, deletedAt: null, createdAt, ...more,
    });
    await h.db.insertInto('files').values([
      file('f2', 'p019', '2026-11-20T05:00:00.000Z'), file('f1', 'p019', '2026-11-20T05:00:00.000Z'), file('f3', 'p039', '2026-11-20T06:00:00.000Z'),
      file('f4', 'p039', at, { deletedAt: at }), file('f5', 'p020', at), file('f6', 'p039', at, { ownerType: 'document' }), file('f7', 'q1', at),
    ]).execute();
    const audit = (seq: number, entityId: string, action: string) => ({ seq, id: `a${seq}`, at: `2026-11-${String(seq).padStart(2, '0')}T00:00:00.000Z`, actorAccountId: null, actorName: seq % 2 ? '主任' : null, actorPost: null, officeId: 'o1', action, entityType: 'task', entityId, before: null, after: null, requestId: null, ip: null, prevHash: '0', hash: String(seq) });
    await h.db.insertInto('auditLog').values([audit(3, 't1', 'task.update'), audit(1, 't1', 'task.create'), audit(2, 't2', 'task.create'), audit(4, 't1', 'task.progress'), { ...audit(5, 't1', 'meeting.create'), entityType: 'meeting' }]).execute();

    // What the tables hold, read separately and ordered here.
    const units = await h.db.selectFrom('units').selectAll().execute();
    const unit = (id: string | null) => units.find((u) => u.id === id) ?? null;
    const cmp = (...keys: Array<[string | number, string | number]>) => { for (const [a, b] of keys) if (a !== b) return a < b ? -1 : 1; return 0; };
    const latest = updates.sort((a, b) => cmp([b.reportedOn, a.reportedOn], [b.createdAt, a.createdAt], [b.id, a.id])).slice(0, 50);
    const files = await h.db.selectFrom('files').select(['id', 'ownerId', 'filename', 'mime', 'size', 'createdAt']).where('ownerType', '=', 'progress_update').where('deletedAt', 'is', null).execute();
    const want = {
      cooperatingUnits: ['u2', 'u4', 'u3'].map((id) => ({ id, name: unit(id)!.name })).sort((a, b) => cmp([unit(a.id)!.sortOrder, unit(b.id)!.sortOrder], [a.id, b.id])),
      milestones: (await h.db.selectFrom('taskMilestones').select(['id', 'title', 'dueDate', 'doneOn', 'sortOrder']).where('taskId', '=', 't1').execute())
        .sort((a, b) => cmp([a.sortOrder, b.sortOrder], [a.dueDate, b.dueDate], [a.id, b.id])).map(({ sortOrder: _, ...m }) => m),
      updates: latest.map((u) => ({
        ...u, unitName: unit(u.unitId)?.name ?? null,
        attachments: files.filter((f) => f.ownerId === u.id).sort((a, b) => cmp([a.createdAt, b.createdAt], [a.id, b.id])).map(({ createdAt: _, ownerId: __, ...f }) => ({ ...f, size: Number(f.size) })),
      })).map(({ officeId: _, ...u }) => u),
      history: [1, 3, 4].map((seq) => ({ at: `2026-11-0${seq}T00:00:00.000Z`, action: seq === 1 ? 'task.create' : seq === 3 ? 'task.update' : 'task.progress', actorName: seq % 2 ? '主任' : null })),
    };
    // the case has what it claims: ties, an update beyond the 50, files on it and deleted, two files of one update
    expect(updates.length - latest.length).toBe(7);
    expect(latest.some((u) => u.id === 'p020')).toBe(false);
    expect(want.updates.find((u) => u.id === 'p019')!.attachments.map((f) => f.id)).toEqual(['f1', 'f2']);
    expect(want.updates.find((u) => u.id === 'p039')!.attachments.map((f) => f.id)).toEqual(['f3']);

    const page = await repo.taskPage(h.db, 'o1', 't1', today);
    expect(page).toMatchObject({ id: 't1', leadUnitName: '单位u1', hasCountyCopies: expect.anything(), hasExtensions: expect.anything() });
    const { cooperatingUnits, milestones, updatesJson, history } = page!;
    const got = JSON.parse(updatesJson) as Array<Record<string, unknown>>;
    expect({ cooperatingUnits, milestones, updates: got, history }).toEqual(want);
    // The updates' text is sent as it is: each is ProgressUpdateSchema's shape, property for property.
    for (const u of got) expect(Object.keys(u).sort()).toEqual(Object.keys(ProgressUpdateSchema.shape).sort());
    expect(await repo.taskPage(h.db, 'o1', 'nope', today)).toBeUndefined();
    // A task with nothing: every part an empty array.
    const empty = await repo.taskPage(h.db, 'o1', 't3', today);
    expect({ ...empty, updates: JSON.parse(empty!.updatesJson) }).toMatchObject({ cooperatingUnits: [], milestones: [], updates: [], history: [] });
  });
});
