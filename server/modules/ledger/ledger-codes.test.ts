import { afterAll, beforeAll, expect, it } from 'vitest';
import type { TaskCreate } from '../../../shared/contracts/ledger.ts';
import { toErrorBody } from '../../platform/http.ts';
import { createTestContext, describeEachDb, login, meetingPoint, type TestContext } from '../../test/harness.ts';
import { createLedgerRepository } from './ledger.repository.ts';
import { createLedgerService } from './ledger.service.ts';

/**
 * A task's code is unique in its office's ledger: the service checks a given code, or numbers the next one, and then
 * inserts. Here every insert waits until all three requests have passed that point (or 300 ms: SQLite runs the
 * transactions one after another, and so does PostgreSQL once the creation takes the task codes' lock). Without the
 * lock PostgreSQL (read committed) numbered three tasks alike and wrote a given code three times.
 */
describeEachDb('task codes under concurrent creation (A1-6)', (dialect) => {
  let t: TestContext;
  let officeId: string;
  let racing: ReturnType<typeof createLedgerService>;
  let task: (title: string, extra?: Partial<TaskCreate>) => TaskCreate;
  const ctx = { actor: null, requestId: 'test', ip: null };

  beforeAll(async () => {
    t = await createTestContext(dialect, { now: '2026-09-01T02:00:00.000Z' });
    officeId = t.offices['昌吉州']!;
    const director = await login(t.app, 'cj.director');
    const leadUnitId = (await director.get(`/api/v1/organization/offices/${officeId}/units`)).json().items[0].id as string;
    task = (title, extra = {}) => ({ title, leadUnitId, deadline: '2026-12-31', source: { type: 'plan_clause', label: '实施方案' }, ...extra });
    const repo = createLedgerRepository();
    const allPassed = meetingPoint(3);
    racing = createLedgerService({
      db: t.handle.db, audit: t.services.audit, clock: t.clock, calendar: t.services.calendar,
      repo: { ...repo, insertTasks: async (q, rows) => { await allPassed(); return repo.insertTasks(q, rows); } },
    });
  });
  afterAll(() => t.close());

  const codesIn = async () => (await t.handle.db.selectFrom('tasks').select('code').where('officeId', '=', officeId).orderBy('code').execute()).map((r) => r.code);

  it('A1-6: three tasks numbered at once get three codes, each once', async () => {
    const made = await Promise.all([1, 2, 3].map((n) => racing.createTask(officeId, task(`并发编号${n}`), ctx)));
    expect(made.map((m) => m.code).sort()).toEqual(['2026-01', '2026-02', '2026-03']);
    expect(await codesIn()).toEqual(['2026-01', '2026-02', '2026-03']);
    // Sub-tasks of one parent too.
    const subs = await Promise.all([1, 2, 3].map((n) => racing.createTask(officeId, task(`并发子任务${n}`, { parentId: made[0]!.id }), ctx)));
    expect(subs.map((s) => s.code).sort()).toEqual([1, 2, 3].map((n) => `${made[0]!.code}-${n}`));
  });

  it('A1-6: one code given to three tasks at once: one task, the others 409 naming the code', async () => {
    const settled = await Promise.allSettled([1, 2, 3].map((n) => racing.createTask(officeId, task(`同号${n}`, { code: '2026-99' }), ctx)));
    expect(settled.filter((s) => s.status === 'fulfilled')).toHaveLength(1);
    const refused = settled.flatMap((s) => (s.status === 'rejected' ? [toErrorBody(s.reason).error] : []));
    expect(refused).toEqual([0, 1].map(() => expect.objectContaining({ code: 'CONFLICT', details: { field: 'code' } })));
    expect((await codesIn()).filter((c) => c === '2026-99')).toHaveLength(1);
  });
});
