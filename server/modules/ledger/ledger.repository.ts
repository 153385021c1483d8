import { PostgresAdapter, sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import { inChunks } from '../../db/chunks.ts';
import { compiledOnce, compiledOnceFirst, shapeCache } from '../../db/compiled.ts';
import type { Db, Tx } from '../../db/db.ts';
import type { DB, ProgressUpdatesTable, TaskExtensionRequestsTable, TasksTable } from '../../db/schema.ts';
import { TaskSummarySchema, type TaskListQuery } from '../../../shared/contracts/ledger.ts';
import { AT_RISK_PERCENT } from './ledger.rules.ts';

type Q = Db | Tx;
type Insert<T> = { [K in keyof T]: T[K] extends import('kysely').Generated<infer U> ? U : T[K] };
export type TaskRow = Omit<Insert<TasksTable>, 'status'>;

/** The SQL twin of deriveTaskStatus (ledger.rules.ts); the rules test and the API tests keep them equal. */
export const statusSql = (today: string, t = 'tasks') =>
  sql<string>`case
    when ${sql.ref(`${t}.cancelled_at`)} is not null then 'cancelled'
    when ${sql.ref(`${t}.done_at`)} is not null then 'done'
    when ${sql.ref(`${t}.deadline`)} < ${today} then 'overdue'
    when (${sql.ref(`${t}.at_risk_from`)} <= ${today} and coalesce(${sql.ref(`${t}.percent`)}, 0) < ${sql.lit(AT_RISK_PERCENT)})
      or ${sql.ref(`${t}.next_milestone_due`)} < ${today} then 'at_risk'
    when coalesce(${sql.ref(`${t}.percent`)}, 0) = 0 and ${sql.ref(`${t}.last_update_on`)} is null then 'not_started'
    else 'on_track' end`;

/** The day the kept statuses (tasks.status) were last derived on, as this process saw it, per database handle. */
const statusDays = new WeakMap<object, string>();

/**
 * Task summaries written as JSON by SQLite from kept list rows `r` (task_list_rows, migration 20261206170000): one
 * property for each of TaskSummarySchema's, in its order, from the column of the same name (id: task_id).
 */
const SUMMARY_JSON_SQLITE = `json_group_array(json_object(${Object.keys(TaskSummarySchema.shape).map((key) =>
  `'${key}', ${key === 'keyTask' ? "json(case when r.key_task <> 0 then 'true' else 'false' end)" : `r.${key === 'id' ? 'task_id' : key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}`}`).join(', ')}) order by r.code, r.task_id)`;

/** How many of a task's latest progress updates its page shows. */
const TASK_PAGE_UPDATES = 50;

/**
 * The task page's parts from the JSON the database wrote (PostgreSQL's driver has parsed it already, SQLite's sends
 * text). The updates stay text: the page sends them as the database wrote them (ledger.service.ts: taskPageJson).
 */
function taskPageParts(row: { coop: unknown; milestones: unknown; history: unknown }) {
  const parse = <T>(v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v) as T[];
  return {
    cooperatingUnits: parse<{ id: string; name: string }>(row.coop),
    milestones: parse<{ id: string; title: string; dueDate: string; doneOn: string | null }>(row.milestones),
    history: parse<{ at: string; action: string; actorName: string | null }>(row.history),
  };
}

export function createLedgerRepository() {
  const listShapes = shapeCache();
  const attachmentShapes = shapeCache();
  const summary = (q: Q, today: string) =>
    q
      .selectFrom('tasks')
      .leftJoin('units as lu', 'lu.id', 'tasks.leadUnitId')
      .select([
        'tasks.id',
        'tasks.officeId',
        'tasks.parentId',
        'tasks.originTaskId',
        'tasks.depth',
        'tasks.code',
        'tasks.title',
        'tasks.leadUnitId',
        'lu.name as leadUnitName',
        'tasks.deadline',
        'tasks.keyTask',
        'tasks.percent',
        'tasks.lastUpdateOn',
        'tasks.version',
        statusSql(today).as('status'),
        (eb) => eb.selectFrom('tasks as c').select((e) => e.fn.countAll<number>().as('n')).whereRef('c.parentId', '=', 'tasks.id').as('childCount'),
      ]);

  const insertMilestoneRows = async (q: Q, rows: Array<{ id: string; taskId: string; title: string; dueDate: string; doneOn: string | null; sortOrder: number }>) => {
    await inChunks(rows, 1000, async (c) => void (await q.insertInto('taskMilestones').values(c).execute()));
  };
  /** Search terms of new tasks (nothing to replace): 5,000 rows a statement, within both databases' parameter limits. */
  const insertTermRows = async (q: Q, rows: Array<{ taskId: string; term: string }>) => {
    await inChunks(rows, 5000, async (c) => void (await q.insertInto('taskTerms').values(c).execute()));
  };
  /** Cooperating units of new tasks (the database fills each row's copies of its task's columns). */
  const insertCooperatingRows = async (q: Q, rows: Array<{ taskId: string; unitId: string }>) => {
    await inChunks(rows, 5000, async (c) => void (await q.insertInto('taskCooperatingUnits').values(c).execute()));
  };
  /** Progress updates, with the per-day counts the dashboard reads (one count per office and day). */
  const insertUpdates = async (q: Q, rows: Array<Insert<ProgressUpdatesTable>>) => {
    await inChunks(rows, 1000, async (c) => void (await q.insertInto('progressUpdates').values(c).execute()));
    const days = new Map<string, { officeId: string; reportedOn: string; n: number }>();
    for (const r of rows) {
      const k = `${r.officeId}|${r.reportedOn}`;
      const d = days.get(k) ?? { officeId: r.officeId, reportedOn: r.reportedOn, n: 0 };
      d.n++;
      days.set(k, d);
    }
    for (const d of days.values()) {
      await q.insertInto('progressUpdateDays').values(d)
        .onConflict((oc) => oc.columns(['officeId', 'reportedOn']).doUpdateSet({ n: sql<number>`progress_update_days.n + ${d.n}` })).execute();
    }
  };
  const taskById = compiledOnceFirst((q, id: string) => q.selectFrom('tasks').selectAll().where('id', '=', id));
  /**
   * A page of a unit's top-level tasks of one status, in code order, from the kept list rows (migration
   * 20261206170000): one range of them. SQLite writes the page's items as JSON and the total comes from the kept
   * counts. PostgreSQL sends the rows (its JSON functions cost more than they save: bench/'s 100,000-task prefecture,
   * round trips in process, json_build_object 1.5 ms a page, json_agg of the rows 0.87, the rows 0.55) and counts
   * the range (counters written by concurrent writers in different orders would deadlock there: the migration).
   */
  const keptShapes = shapeCache();
  const keptRange = (q: Q, unitId: string, officeId: string, status: string) =>
    q.selectFrom('taskListRows as r').where('r.unitId', '=', unitId).where('r.officeId', '=', officeId).where('r.depth', '=', sql.lit(0)).where('r.status', '=', status);
  const listKept = async (q: Q, officeId: string, unitId: string, status: string, limit: number, offset: number) => {
    const pg = q.getExecutor().adapter instanceof PostgresAdapter;
    const page = [unitId, officeId, status, limit, offset];
    const count = keptShapes(q, 'count', [unitId, officeId, status], ([u, o, st]) =>
      pg
        ? keptRange(q, u!, o!, st!).select((eb) => eb.fn.countAll<number>().as('n'))
        : q.selectFrom('taskListCounts').select(sql<number>`coalesce(sum(n), 0)`.as('n')).where('unitId', '=', u!).where('officeId', '=', o!).where('depth', '=', sql.lit(0)).where('status', '=', st!),
    ).then((r) => Number(r[0]?.n ?? 0));
    if (pg) {
      const [items, total] = await Promise.all([
        keptShapes(q, 'rows', page, ([u, o, st, l, off]) =>
          keptRange(q, u!, o!, st!)
            .select(['r.taskId as id', 'r.officeId', 'r.parentId', 'r.originTaskId', 'r.depth', 'r.code', 'r.title', 'r.leadUnitId', 'r.leadUnitName', 'r.deadline', 'r.keyTask', 'r.percent', 'r.lastUpdateOn', 'r.version', 'r.status', 'r.childCount'])
            .orderBy('r.code').orderBy('r.taskId').limit(l as unknown as number).offset(off as unknown as number)),
        count,
      ]);
      return { items, total };
    }
    const [json, total] = await Promise.all([
      keptShapes(q, 'json', page, ([u, o, st, l, off]) =>
        q.selectFrom(keptRange(q, u!, o!, st!).selectAll('r').orderBy('r.code').orderBy('r.taskId').limit(l as unknown as number).offset(off as unknown as number).as('r'))
          .select(sql<string>`${sql.raw(SUMMARY_JSON_SQLITE)}`.as('items'))),
      count,
    ]);
    return { itemsJson: json[0]!.items, total };
  };
  const updatesWithUnit = (q: Q) => q.selectFrom('progressUpdates').leftJoin('units', 'units.id', 'progressUpdates.unitId').selectAll('progressUpdates').select('units.name as unitName');
  /**
   * The task page's row with its parts as JSON arrays written by the database (PostgreSQL json_agg of
   * json_build_object, SQLite json_group_array of json_object), keyed as the service reads them. Every part has a
   * total order (ties broken by id), so the page is the same whichever plan the database takes. The latest updates are
   * read once (`latest`, materialized) and their files grouped once (`att`), joined to them: each update carries its
   * attachments. A probe of the files per update instead cost PostgreSQL's backend 20–30 µs more a page (bench/'s
   * data, serial, 287–313 against 240 µs), a second run of the latest-updates subquery for the files as much. The
   * limit is written into the SQL: SQLite took 301–314 µs for the statement with `limit ?`, 145 with `limit 50`.
   */
  const taskPageRow = compiledOnceFirst((q: Q, officeId: string, id: string, today: string) => {
    const pg = q.getExecutor().adapter instanceof PostgresAdapter;
    const arrayText = (fields: Record<string, string>, orderBy: string, from: string) =>
      `(select coalesce(${pg ? 'json_agg' : 'json_group_array'}(${pg ? 'json_build_object' : 'json_object'}(${Object.entries(fields).map(([k, v]) => `'${k}', ${v}`).join(', ')}) order by ${orderBy}), '[]') ${from})`;
    const array = (fields: Record<string, string>, orderBy: string, from: string) => sql<unknown>`${sql.raw(arrayText(fields, orderBy, from))}`;
    const updates = arrayText(
      {
        id: 'p.id', taskId: 'p.task_id', unitId: 'p.unit_id', unitName: '(select name from units where id = p.unit_id)', reportedOn: 'p.reported_on', doneText: 'p.done_text',
        nextSteps: 'p.next_steps', problems: 'p.problems', supportNeeded: 'p.support_needed', percent: 'p.percent', state: 'p.state', officeComment: 'p.office_comment',
        // SQLite: json() keeps the grouped files an array, not a string.
        createdByName: 'p.created_by_name', createdAt: 'p.created_at', attachments: pg ? "coalesce(att.a, '[]'::json)" : "json(coalesce(att.a, '[]'))", version: 'p.version',
      },
      'p.reported_on desc, p.created_at desc, p.id desc',
      'from latest p left join att on att.owner_id = p.id',
    );
    const withParts = q
      .with((cte) => cte('latest').materialized(), (w) =>
        w.selectFrom('progressUpdates').selectAll().where('taskId', '=', id).orderBy('reportedOn', 'desc').orderBy('createdAt', 'desc').orderBy('id', 'desc').limit(sql.lit(TASK_PAGE_UPDATES)))
      .with('att', (w) =>
        w.selectFrom('files as f')
          .select(['f.ownerId', sql<string>`${sql.raw(`${pg ? 'json_agg(json_build_object' : 'json_group_array(json_object'}('id', f.id, 'filename', f.filename, 'mime', f.mime, 'size', f.size) order by f.created_at, f.id)`)}`.as('a')])
          .where('f.ownerType', '=', 'progress_update').where('f.ownerId', 'in', (eb) => eb.selectFrom('latest').select('latest.id')).where('f.deletedAt', 'is', null)
          .groupBy('f.ownerId'));
    // The CTEs are only named in the parts' SQL: the row is built as any other read of the tasks.
    return summary(withParts as unknown as Q, today)
      .select(['tasks.description', 'tasks.sourceType', 'tasks.sourceRef', 'tasks.sourceLabel', 'tasks.expectedResult', 'tasks.weight', 'tasks.atRiskFrom', 'tasks.doneAt', 'tasks.doneByName', 'tasks.cancelledAt', 'tasks.cancelReason'])
      .select((eb) => [
        eb.exists(eb.selectFrom('tasks as ct').select('ct.id').whereRef('ct.originTaskId', '=', 'tasks.id')).as('hasCountyCopies'),
        eb.exists(eb.selectFrom('taskExtensionRequests as x').select('x.id').whereRef('x.taskId', '=', 'tasks.id')).as('hasExtensions'),
        array({ id: 'u.id', name: 'u.name' }, 'u.sort_order, u.id', 'from task_cooperating_units cu join units u on u.id = cu.unit_id where cu.task_id = tasks.id').as('coop'),
        array({ id: 'm.id', title: 'm.title', dueDate: 'm.due_date', doneOn: 'm.done_on' }, 'm.sort_order, m.due_date, m.id', 'from task_milestones m where m.task_id = tasks.id').as('milestones'),
        // As text on both databases (PostgreSQL's driver would parse json): the page sends it as it is.
        sql<string>`${sql.raw(pg ? `${updates}::text` : updates)}`.as('updatesJson'),
        array({ at: 'a.at', action: 'a.action', actorName: 'a.actor_name' }, 'a.seq', "from audit_log a where a.entity_type = 'task' and a.entity_id = tasks.id").as('history'),
      ])
      .where('tasks.officeId', '=', officeId)
      .where('tasks.id', '=', id);
  });

  return {
    statusSql,

    /**
     * Makes the kept statuses (tasks.status and its copies) those of `today` (A1-6: overdue and at risk move with the
     * day). Triggers derive a task's status on task_status_day's day whenever it is written; on a new day this moves
     * the day and derives every open task's status again, in one transaction. bench/'s 200,000 tasks, one day on:
     * SQLite 0.25 s (1.5 s with the file not yet in memory), PostgreSQL 0.23–0.68 s; a month on (many statuses change)
     * 1.2–1.6 s and about 3 s. On PostgreSQL the tasks are locked against writes meanwhile, so no write derives on the
     * old day after the change. The midnight job (platform/jobs.ts) does it before anyone reads; a read checks the day
     * once a day per process and database.
     */
    statusesFor: async (db: Db, today: string) => {
      if (statusDays.get(db) === today) return;
      const day = async (q: Q) => (await q.selectFrom('taskStatusDay').select('day').where('id', '=', 1).executeTakeFirstOrThrow()).day;
      if ((await day(db)) !== today) {
        await db.transaction().execute(async (trx) => {
          if (trx.getExecutor().adapter instanceof PostgresAdapter) await sql`lock table tasks in share row exclusive mode`.execute(trx);
          if ((await day(trx)) === today) return;
          await trx.updateTable('taskStatusDay').set({ day: today }).where('id', '=', 1).execute();
          await sql`update tasks set status = ${statusSql(today)} where cancelled_at is null and done_at is null and status <> ${statusSql(today)}`.execute(trx);
        });
      }
      statusDays.set(db, today);
    },

    /**
     * The ledger list: filters, Chinese search (bigram index, then exact LIKE), paging. Which filters are present,
     * the sort and the number of search terms shape the SQL (one compiled query per shape); the rest are parameters.
     */
    listTasks: async (q: Q, officeId: string, f: TaskListQuery, today: string, terms: string[]) => {
      const v = {
        officeId,
        today,
        parentId: f.parentId || null,
        unitId: f.unitId || null,
        countyOfficeId: f.countyOfficeId || null,
        keyTask: f.keyTask ? (f.keyTask === 'true' ? 1 : 0) : null,
        deadlineFrom: f.deadlineFrom || null,
        deadlineTo: f.deadlineTo || null,
        status: f.status || null,
        like: f.q ? `%${f.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%` : null,
      };
      const names = (Object.keys(v) as Array<keyof typeof v>).filter((k) => v[k] !== null);
      const status = f.status ?? null;
      // A unit's top-level tasks of one status in code order (and no other filter): a range of the kept list rows.
      const onlyUnitAndStatus = names.every((k) => k === 'officeId' || k === 'today' || k === 'unitId' || k === 'status');
      if (v.unitId && status && onlyUnitAndStatus && f.level === 'top' && f.sort === 'code') return listKept(q, officeId, v.unitId, status, f.limit, f.offset);
      const shape = `${names.join(',')}|${f.parentId ? '' : f.level}|${f.sort}|${terms.length}|${status ?? ''}`;
      const values = [...names.map((k) => v[k]), ...terms];
      /**
       * Every filter but the unit's. The office, level, deadline and status filters read table `t`: the tasks, or a
       * unit's cooperating rows (task_cooperating_units), which carry copies of those columns; the others read `tasks`,
       * which the caller then joins. The status filter comes with the index range its status implies.
       */
      const conditions = (s: string[], t: 'tasks' | 'cu' = 'tasks') => {
        const a = Object.fromEntries(names.map((k, i) => [k, s[i]])) as Record<keyof typeof v, string>;
        const ts = s.slice(names.length);
        const col = (c: string) => sql.ref(`${t}.${c}`);
        return (eb: ExpressionBuilder<DB, 'tasks'>): Expression<SqlBool> => {
          const c: Expression<SqlBool>[] = [sql<SqlBool>`${col('office_id')} = ${a.officeId}`];
          if (v.parentId) c.push(eb('tasks.parentId', '=', a.parentId));
          else if (f.level === 'top') c.push(sql<SqlBool>`${col('depth')} = ${0}`);
          if (v.countyOfficeId) c.push(eb.exists(eb.selectFrom('tasks as ct').select('ct.id').whereRef('ct.originTaskId', '=', 'tasks.id').where('ct.officeId', '=', a.countyOfficeId)));
          if (v.keyTask !== null) c.push(eb('tasks.keyTask', '=', a.keyTask as unknown as number));
          if (v.deadlineFrom) c.push(sql<SqlBool>`${col('deadline')} >= ${a.deadlineFrom}`);
          if (v.deadlineTo) c.push(sql<SqlBool>`${col('deadline')} <= ${a.deadlineTo}`);
          // The kept status (migration 20261206150000), derived on today by the time the list runs (statusesFor).
          if (status) c.push(sql<SqlBool>`${col('status')} = ${a.status}`);
          if (v.like) {
            if (ts.length) {
              c.push(eb('tasks.id', 'in', eb.selectFrom('taskTerms').select('taskTerms.taskId').where('taskTerms.term', 'in', ts).groupBy('taskTerms.taskId')
                .having((h) => h.fn.count('taskTerms.term').distinct(), '=', ts.length)));
            }
            const like = a.like;
            c.push(eb.or([sql<SqlBool>`tasks.title like ${like} escape '\\'`, sql<SqlBool>`tasks.code like ${like} escape '\\'`, sql<SqlBool>`coalesce(tasks.description, '') like ${like} escape '\\'`]));
          }
          return eb.and(c);
        };
      };
      const order = { code: 'tasks.code', deadline: 'tasks.deadline', percent: 'tasks.percent', updated: 'tasks.updatedAt' } as const;
      const dir = f.sort === 'updated' ? 'desc' : 'asc';
      /** The cooperating rows alone answer the filters they carry copies of; any other filter or sort needs the task. */
      const coopNeedsTask = Boolean(v.parentId || v.countyOfficeId || v.keyTask !== null || v.like || f.sort === 'updated');
      /**
       * With a unit: the tasks it leads (the office's lead-unit index holds every column the status needs) and the
       * ones it cooperates on (the cooperating rows' copies and their index), added up as ids and the sort key,
       * paged before the summary's columns are read. Measured in process on the full-scale SQLite set, page and count
       * together, a list by unit and status: see migration 20261206120000 and BENCHMARKS.md.
       */
      const matching = (s: string[], first?: number) => {
        const unitId = s[names.indexOf('unitId')]!;
        const lead = q.selectFrom('tasks').select(['tasks.id', `${order[f.sort]} as k`]).where('tasks.leadUnitId', '=', unitId).where(conditions(s));
        const coop = coopNeedsTask
          ? q.selectFrom('taskCooperatingUnits as cu').innerJoin('tasks', 'tasks.id', 'cu.taskId').select(['tasks.id', `${order[f.sort]} as k`]).where('cu.unitId', '=', unitId).where(conditions(s, 'cu'))
          : q.selectFrom('taskCooperatingUnits as cu').select(['cu.taskId as id', sql.ref<string>(`cu.${order[f.sort].slice('tasks.'.length)}`).as('k')]).where('cu.unitId', '=', unitId)
            .where(conditions(s, 'cu') as never);
        // No task is on both sides: a lead unit is never one of the task's cooperating units (the database refuses it).
        if (first === undefined) return lead.unionAll(coop as unknown as typeof lead);
        // For a page: each side's first rows in the page's order (limit + offset of them hold the page). PostgreSQL 15
        // sorts a UNION ALL as a whole (it read and sorted all 2,658 entries of a unit's on-track tasks for 50, 2.4 ms);
        // a side of its own is read in its index's order, 50 entries.
        const firstOf = <T extends typeof lead>(side: T, name: string) => q.selectFrom(side.orderBy('k', dir).orderBy('id').limit(first).as(name)).select([`${name}.id`, `${name}.k`]);
        return firstOf(lead, 'l').unionAll(firstOf(coop as unknown as typeof lead, 'c') as unknown as ReturnType<typeof firstOf>);
      };
      const [items, total] = await Promise.all([
        listShapes(q, `page|${shape}`, [...values, f.limit, f.offset, f.limit + f.offset], (s) => {
          const [limit, offset, first] = [values.length, values.length + 1, values.length + 2].map((i) => s[i] as unknown as number) as [number, number, number];
          const filters = s.slice(0, values.length); // the search terms end where limit and offset begin
          const rows = summary(q, s[names.indexOf('today')]!);
          if (!v.unitId) return rows.where(conditions(filters)).orderBy(order[f.sort], dir).orderBy('tasks.id').limit(limit).offset(offset);
          const page = matching(filters, first).orderBy('k', dir).orderBy('id').limit(limit).offset(offset).as('page');
          return rows.innerJoin(page, 'page.id', 'tasks.id').orderBy('page.k', dir).orderBy('page.id');
        }),
        listShapes(q, `count|${shape}`, values, (s) =>
          v.unitId
            ? q.selectFrom(matching(s).as('m')).select((eb) => eb.fn.countAll<number>().as('n'))
            : q.selectFrom('tasks').where(conditions(s)).select((eb) => eb.fn.countAll<number>().as('n')),
        ),
      ]);
      return { items, total: Number(total[0]!.n) };
    },

    /**
     * The task if it is the office's. Looked up by id alone, the office compared here: with `office_id = ? and id = ?`
     * PostgreSQL without statistics yet (a new installation importing its first ledger, in one transaction) planned
     * the lookup through the lead-unit index, which holds both, reading all the office's entries each time (a 5,000-row
     * import: 5,390 lookups 4.1 s).
     */
    findTask: async (q: Q, officeId: string, id: string) => {
      const t = await taskById(q, id);
      return t?.officeId === officeId ? t : undefined;
    },
    /** Of these tasks of the office, the ones that exist, and whether each is done (销号): one query for the lot. */
    taskStates: (q: Q, officeId: string, ids: string[]) =>
      ids.length ? q.selectFrom('tasks').select(['id', 'doneAt']).where('officeId', '=', officeId).where('id', 'in', ids).execute() : Promise.resolve([]),
    /**
     * Holds the task's row until the transaction ends (PostgreSQL: FOR NO KEY UPDATE), before a write that reads it
     * (its version, its children's figures): two concurrent progress updates of one task, or of two sub-tasks of one
     * parent, each read the row before the other's write and one figure was lost. SQLite's transactions already run
     * one at a time.
     */
    lockTask: async (q: Q, id: string) => {
      if (q.getExecutor().adapter instanceof PostgresAdapter) await sql`select id from tasks where id = ${id} for no key update`.execute(q);
    },
    findTaskAnyOffice: (q: Q, id: string) => q.selectFrom('tasks').selectAll().where('id', '=', id).executeTakeFirst(),
    /**
     * The task page in one statement: the task's row (summary, other columns, whether it has county copies and
     * extension requests) and, as JSON arrays the database writes (taskPageParts), its cooperating units, milestones,
     * latest 50 progress updates, their attachments and its audit trail. PostgreSQL: one round trip instead of four to
     * seven (bench/'s 100,000-task prefecture, 50 pages at once on a pool of 10, no HTTP: 1,625–2,398 → ~4,000 pages/s,
     * node 278–362 → 120–126 µs a page). Children, county copies and extension requests (14 %, 0.4 % and 0 % of
     * tasks there) are read after it when the row says the task has them.
     */
    taskPage: async (q: Q, officeId: string, id: string, today: string) => {
      const row = await taskPageRow(q, officeId, id, today);
      if (!row) return undefined;
      // The parts parsed onto the row itself: copying its forty-odd properties into a new object twice (rest and
      // spread) was a large part of what a page allocated.
      return Object.assign(row, taskPageParts(row));
    },
    /** The children's summaries, with what the parent's roll-up reads (weight, cancelled). */
    children: compiledOnce((q, parentId: string, today: string) => summary(q, today).select(['tasks.weight', 'tasks.cancelledAt']).where('tasks.parentId', '=', parentId).orderBy('tasks.code')),
    childFigures: compiledOnce((q, parentId: string) => q.selectFrom('tasks').select(['id', 'percent', 'weight', 'cancelledAt']).where('parentId', '=', parentId)),
    countChildren: async (q: Q, parentId: string | null, officeId: string) => {
      let query = q.selectFrom('tasks').select((eb) => eb.fn.countAll<number>().as('n')).where('officeId', '=', officeId);
      query = parentId ? query.where('parentId', '=', parentId) : query.where('parentId', 'is', null);
      return Number((await query.executeTakeFirstOrThrow()).n);
    },
    /**
     * Selects the code, not the id: with the id, SQLite without statistics (a new or freshly imported ledger) read it
     * from the lead-unit index, which holds office, code and id, scanning the whole office for each code (an import
     * of 5,000 rows 6.4 → 8.7 s); with the code both indexes answer and it takes the (office, code) one.
     */
    codeExists: async (q: Q, officeId: string, code: string) => Boolean(await q.selectFrom('tasks').select('code').where('officeId', '=', officeId).where('code', '=', code).executeTakeFirst()),
    /** New tasks in order (parents before their children), 500 rows a statement. */
    insertTasks: async (q: Q, rows: TaskRow[]) => {
      await inChunks(rows, 500, async (c) => void (await q.insertInto('tasks').values(c).execute()));
    },
    insertMilestoneRows,
    updateTask: async (q: Q, id: string, version: number, patch: Partial<TaskRow>) =>
      Number((await q.updateTable('tasks').set({ ...patch, version: version + 1 }).where('id', '=', id).where('version', '=', version).executeTakeFirst()).numUpdatedRows),
    /** Tasks with a deadline in [from, to] and their at-risk date (a calendar change recomputes them). */
    riskDatesBetween: (q: Q, from: string, to: string) =>
      q.selectFrom('tasks').select(['id', 'deadline', 'atRiskFrom']).where('deadline', '>=', from).where('deadline', '<=', to).execute(),
    /** Sets these tasks' at-risk date; a system-side change, so the version moves (a stale edit then fails). */
    setRiskDates: async (q: Q, ids: string[], atRiskFrom: string | null) => {
      const counts = await inChunks(ids, 500, async (c) => [Number((await q.updateTable('tasks').set((eb) => ({ atRiskFrom, version: eb('version', '+', 1) })).where('id', 'in', c).executeTakeFirst()).numUpdatedRows)]);
      return counts.reduce((a, b) => a + b, 0);
    },
    /** A system-side figure change (roll-up): bumps the version so a concurrent editor's stale write still fails. */
    setRolledPercent: (q: Q, id: string, percent: number | null, now: string) =>
      q.updateTable('tasks').set((eb) => ({ percent, updatedAt: now, version: eb('version', '+', 1) })).where('id', '=', id).execute(),

    countyCopies: compiledOnce((q, originId: string, today: string) =>
      q
        .selectFrom('tasks')
        .innerJoin('offices', 'offices.id', 'tasks.officeId')
        .select(['tasks.id', 'tasks.officeId', 'offices.name as officeName', 'tasks.percent', statusSql(today).as('status')])
        .where('tasks.originTaskId', '=', originId)
        .orderBy('offices.sortOrder'),
    ),

    /** The unit no longer cooperates on the task (it becomes its lead); how many rows went (0 or 1). */
    dropCooperatingUnit: async (q: Q, taskId: string, unitId: string) =>
      Number((await q.deleteFrom('taskCooperatingUnits').where('taskId', '=', taskId).where('unitId', '=', unitId).executeTakeFirst()).numDeletedRows),
    setCooperatingUnits: async (q: Q, taskId: string, unitIds: string[]) => {
      await q.deleteFrom('taskCooperatingUnits').where('taskId', '=', taskId).execute();
      await insertCooperatingRows(q, unitIds.map((unitId) => ({ taskId, unitId })));
    },
    // ---- deadline extension requests
    extensionsOfTask: compiledOnce((q, taskId: string) =>
      q.selectFrom('taskExtensionRequests').leftJoin('units', 'units.id', 'taskExtensionRequests.unitId').selectAll('taskExtensionRequests').select('units.name as unitName')
        .where('taskExtensionRequests.taskId', '=', taskId).orderBy('taskExtensionRequests.requestedAt', 'desc').orderBy('taskExtensionRequests.id', 'desc'),
    ),
    extensionsOfOffice: (q: Q, officeId: string, state: string | null) => {
      let s = q.selectFrom('taskExtensionRequests').innerJoin('tasks', 'tasks.id', 'taskExtensionRequests.taskId').leftJoin('units', 'units.id', 'taskExtensionRequests.unitId')
        .selectAll('taskExtensionRequests').select(['units.name as unitName', 'tasks.code as taskCode', 'tasks.title as taskTitle'])
        .where('taskExtensionRequests.officeId', '=', officeId);
      if (state) s = s.where('taskExtensionRequests.state', '=', state);
      return s.orderBy('taskExtensionRequests.requestedAt', 'desc').limit(500).execute();
    },
    findExtension: (q: Q, taskId: string, id: string) => q.selectFrom('taskExtensionRequests').selectAll().where('taskId', '=', taskId).where('id', '=', id).executeTakeFirst(),
    hasPendingExtension: async (q: Q, taskId: string) => Boolean(await q.selectFrom('taskExtensionRequests').select('id').where('taskId', '=', taskId).where('state', '=', 'pending').executeTakeFirst()),
    /** 0 when another request of the task is pending (the partial unique index decides, also under a race). */
    insertExtension: async (q: Q, row: Insert<TaskExtensionRequestsTable>) =>
      Number((await q.insertInto('taskExtensionRequests').values(row).onConflict((oc) => oc.column('taskId').where('state', '=', sql.lit('pending')).doNothing()).executeTakeFirst()).numInsertedOrUpdatedRows ?? 0),
    decideExtension: async (q: Q, id: string, version: number, set: { state: string; decidedByName: string; decidedAt: string; decisionNote: string | null }) =>
      Number((await q.updateTable('taskExtensionRequests').set({ ...set, version: version + 1 }).where('id', '=', id).where('version', '=', version).where('state', '=', 'pending').executeTakeFirst()).numUpdatedRows),

    setMilestones: async (q: Q, taskId: string, rows: Array<{ id: string; title: string; dueDate: string; doneOn: string | null; sortOrder: number }>) => {
      await q.deleteFrom('taskMilestones').where('taskId', '=', taskId).execute();
      await insertMilestoneRows(q, rows.map((r) => ({ ...r, taskId })));
    },
    setTerms: async (q: Q, taskId: string, terms: string[]) => {
      await q.deleteFrom('taskTerms').where('taskId', '=', taskId).execute();
      await insertTermRows(q, terms.map((term) => ({ taskId, term })));
    },
    unitsInOffice: async (q: Q, officeId: string, ids: string[]) =>
      ids.length ? (await q.selectFrom('units').select('id').where('officeId', '=', officeId).where('id', 'in', ids).execute()).map((r) => r.id) : [],
    unitsByName: (q: Q, officeId: string) => q.selectFrom('units').select(['id', 'name', 'shortName']).where('officeId', '=', officeId).execute(),
    childOffices: (q: Q, officeId: string) => q.selectFrom('offices').select(['id', 'name', 'shortName']).where('parentId', '=', officeId).orderBy('sortOrder').execute(),

    /** The update and its day's count (progress_update_days, the dashboard's trend), in the caller's transaction. */
    insertUpdate: (q: Q, row: Insert<ProgressUpdatesTable>) => insertUpdates(q, [row]),
    insertUpdates,
    findUpdate: (q: Q, taskId: string, id: string) => q.selectFrom('progressUpdates').selectAll().where('taskId', '=', taskId).where('id', '=', id).executeTakeFirst(),
    setUpdateReview: async (q: Q, id: string, version: number, patch: { state?: string; officeComment: string }) =>
      Number((await q.updateTable('progressUpdates').set({ ...patch, version: version + 1 }).where('id', '=', id).where('version', '=', version).executeTakeFirst()).numUpdatedRows),
    /** The task's updates that still count (not sent back), as the figure's rules need them. */
    submittedUpdates: (q: Q, taskId: string) =>
      q.selectFrom('progressUpdates').select(['unitId', 'percent', 'reportedOn', 'createdAt']).where('taskId', '=', taskId).where('state', '=', 'submitted').execute(),
    /** The latest update that counts for the figure (countsForFigure, in SQL): submitted, with a percent, the lead unit's or the office's own. */
    latestCountingUpdate: compiledOnceFirst((q, taskId: string, leadUnitId: string | null) =>
      q.selectFrom('progressUpdates').select(['unitId', 'percent', 'reportedOn', 'createdAt'])
        .where('taskId', '=', taskId).where('state', '=', 'submitted').where('percent', 'is not', null)
        .where((eb) => eb.or([eb('unitId', 'is', null), eb('unitId', '=', leadUnitId)]))
        .orderBy('reportedOn', 'desc').orderBy('createdAt', 'desc').limit(1),
    ),
    /** One update with its unit's name, as the task page has it. */
    updateWithUnit: compiledOnceFirst((q, id: string) => updatesWithUnit(q).where('progressUpdates.id', '=', id)),
    /** One shape per number of updates (a task page asks for at most 50). */
    updateAttachments: (q: Q, updateIds: string[]) =>
      updateIds.length
        ? attachmentShapes(q, String(updateIds.length), updateIds, (ids) =>
            q.selectFrom('files').select(['id', 'ownerId', 'filename', 'mime', 'size']).where('ownerType', '=', 'progress_update').where('ownerId', 'in', ids).where('deletedAt', 'is', null),
          )
        : Promise.resolve([]),
    findUpdateAttachment: (q: Q, updateId: string, fileId: string) =>
      q.selectFrom('files').selectAll().where('ownerType', '=', 'progress_update').where('ownerId', '=', updateId).where('id', '=', fileId).where('deletedAt', 'is', null).executeTakeFirst(),
    insertFile: (q: Q, row: { id: string; officeId: string; ownerType: string; ownerId: string; filename: string; mime: string; size: number; digest: string; content: Buffer; uploadedByName: string | null; deletedAt: null; createdAt: string }) =>
      q.insertInto('files').values(row).execute(),

    // ---- what changed in a period (本期变化); `start`/`end` are instants (ISO, UTC), the other days China dates ----
    /** Tasks created, done or cancelled in [start, end). */
    createdOrClosedIn: (q: Q, officeId: string, start: string, end: string) =>
      q.selectFrom('tasks').select(['id', 'createdAt', 'doneAt', 'cancelledAt']).where('officeId', '=', officeId)
        .where((eb) => eb.or([
          eb.and([eb('createdAt', '>=', start), eb('createdAt', '<', end)]),
          eb.and([eb('doneAt', '>=', start), eb('doneAt', '<', end)]),
          eb.and([eb('cancelledAt', '>=', start), eb('cancelledAt', '<', end)]),
        ]))
        .execute(),
    /** Tasks with a deadline in [first, last] (overdueDayIn decides which became overdue). */
    deadlinesIn: (q: Q, officeId: string, first: string, last: string) =>
      q.selectFrom('tasks').select(['id', 'deadline', 'doneAt', 'cancelledAt']).where('officeId', '=', officeId).where('deadline', '>=', first).where('deadline', '<=', last).execute(),
    /** Submitted progress updates reported in [from, to], per task: how many and the last day. */
    progressIn: (q: Q, officeId: string, from: string, to: string) =>
      q.selectFrom('progressUpdates').select(['taskId', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.max('reportedOn').as('last')])
        .where('officeId', '=', officeId).where('state', '=', 'submitted').where('reportedOn', '>=', from).where('reportedOn', '<=', to)
        .groupBy('taskId').execute(),
    /** Deadline extensions approved in [start, end). */
    extensionsApprovedIn: (q: Q, officeId: string, start: string, end: string) =>
      q.selectFrom('taskExtensionRequests').select(['taskId', 'currentDeadline', 'newDeadline', 'decidedAt']).where('officeId', '=', officeId).where('state', '=', 'approved')
        .where('decidedAt', '>=', start).where('decidedAt', '<', end).execute(),
    /** The codes of these tasks of the office (the covering index by id holds them). */
    codesOf: (q: Q, officeId: string, ids: string[]) =>
      inChunks(ids, 500, (c) => q.selectFrom('tasks').select(['id', 'code']).where('officeId', '=', officeId).where('id', 'in', c).execute()),
    /** These tasks' list rows (summary: status, lead unit's name, child count). */
    summaries: (q: Q, officeId: string, ids: string[], today: string) =>
      inChunks(ids, 500, (c) => summary(q, today).where('tasks.officeId', '=', officeId).where('tasks.id', 'in', c).execute()),
    /** Submitted updates with a percent reported before `day`, of these tasks (figureBefore picks the one that counted). */
    figureUpdatesBefore: (q: Q, ids: string[], day: string) =>
      inChunks(ids, 500, (c) => q.selectFrom('progressUpdates').select(['taskId', 'unitId', 'percent', 'reportedOn', 'createdAt']).where('taskId', 'in', c)
        .where('state', '=', 'submitted').where('percent', 'is not', null).where('reportedOn', '<', day).execute()),

    /** Open tasks with a lead unit due by `horizon` (overdue ones included), by office, unit, deadline: the reminder job's. */
    openTasksDueBy: (q: Q, horizon: string) =>
      q.selectFrom('tasks').select(['id', 'officeId', 'leadUnitId', 'code', 'title', 'deadline'])
        .where('doneAt', 'is', null).where('cancelledAt', 'is', null).where('leadUnitId', 'is not', null).where('deadline', '<=', horizon)
        .orderBy('officeId').orderBy('leadUnitId').orderBy('deadline').orderBy('code').execute(),

    /** Tasks where one of the units is lead or cooperating ("my tasks" of a liaison officer). */
    tasksOfUnits: (q: Q, officeId: string, unitIds: string[], today: string) =>
      unitIds.length
        ? summary(q, today)
            .where('tasks.officeId', '=', officeId)
            .where((eb) => eb.or([eb('tasks.leadUnitId', 'in', unitIds), eb.exists(eb.selectFrom('taskCooperatingUnits as cu').select('cu.taskId').whereRef('cu.taskId', '=', 'tasks.id').where('cu.unitId', 'in', unitIds))]))
            .where('tasks.cancelledAt', 'is', null)
            .orderBy('tasks.deadline')
            .limit(500)
            .execute()
        : Promise.resolve([]),
    unitRoleOnTask: async (q: Q, taskId: string, unitIds: string[]) => {
      if (!unitIds.length) return null;
      const t = await q.selectFrom('tasks').select('leadUnitId').where('id', '=', taskId).executeTakeFirst();
      if (t?.leadUnitId && unitIds.includes(t.leadUnitId)) return { role: 'lead' as const, unitId: t.leadUnitId };
      const c = await q.selectFrom('taskCooperatingUnits').select('unitId').where('taskId', '=', taskId).where('unitId', 'in', unitIds).executeTakeFirst();
      return c ? { role: 'cooperating' as const, unitId: c.unitId } : null;
    },

    // ---- dashboard ----
    /**
     * Status figures of top-level tasks by office and lead unit, in one pass (the dashboard's office, unit and county
     * figures), by the kept status (the caller makes it today's first: statusesFor), from the lead unit's index alone.
     */
    statusByOfficeAndUnit: (q: Q, officeIds: string[]) =>
      q
        .selectFrom('tasks')
        .select(['tasks.officeId', 'tasks.leadUnitId', 'tasks.status', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.sum<number>('tasks.percent').as('percentSum'), (eb) => eb.fn.count<number>('tasks.percent').as('percentCount')])
        .where('tasks.officeId', 'in', officeIds)
        .where('tasks.depth', '=', 0)
        .groupBy(['tasks.officeId', 'tasks.leadUnitId', 'tasks.status'])
        .execute(),
    /** Top-level key tasks of an office (what the list filtered by key tasks counts), from the index alone. */
    countKeyTasks: async (q: Q, officeId: string) =>
      Number((await q.selectFrom('tasks').select((eb) => eb.fn.countAll<number>().as('n')).where('officeId', '=', officeId).where('keyTask', '=', 1).where('depth', '=', 0).executeTakeFirstOrThrow()).n),
    unitNames: (q: Q, ids: string[]) => (ids.length ? q.selectFrom('units').select(['id', 'name']).where('id', 'in', ids).execute() : Promise.resolve([])),
    keyTasksWithoutUpdate: (q: Q, officeId: string, since: string) =>
      q
        .selectFrom('tasks')
        .leftJoin('units', 'units.id', 'tasks.leadUnitId')
        .select(['tasks.id', 'tasks.code', 'tasks.title', 'units.name as leadUnitName', 'tasks.lastUpdateOn'])
        .where('tasks.officeId', '=', officeId)
        // Written as the partial index's condition (tasks_office_key_open_idx), so that both databases see it holds.
        .where(sql<SqlBool>`tasks.key_task = 1 and tasks.done_at is null and tasks.cancelled_at is null`)
        .where((eb) => eb.or([eb('tasks.lastUpdateOn', 'is', null), eb('tasks.lastUpdateOn', '<', since)]))
        .orderBy('tasks.code')
        .limit(sql.lit(200)) // a literal: with `limit ?` SQLite sorted the rows of tasks_office_done_idx instead of reading this index in order
        .execute(),
    /** Summed from the per-day counts kept on insert (at most 366 rows), per month here. */
    updatesPerMonth: async (q: Q, officeId: string, from: string) => {
      const days = await q.selectFrom('progressUpdateDays').select(['reportedOn', 'n']).where('officeId', '=', officeId).where('reportedOn', '>=', from).execute();
      const months = new Map<string, number>();
      for (const d of days) months.set(d.reportedOn.slice(0, 7), (months.get(d.reportedOn.slice(0, 7)) ?? 0) + Number(d.n));
      return [...months].map(([month, n]) => ({ month, n }));
    },
    donePerMonth: (q: Q, officeId: string, from: string) =>
      q.selectFrom('tasks').select([sql<string>`substr(done_at, 1, 7)`.as('month'), (eb) => eb.fn.countAll<number>().as('n')]).where('officeId', '=', officeId).where('doneAt', '>=', from).groupBy(sql`substr(done_at, 1, 7)`).execute(),

    // ---- plans ----
    listPlans: (q: Q, officeId: string) => q.selectFrom('ledgerPlans').selectAll().where('officeId', '=', officeId).orderBy('createdAt', 'desc').execute(),
    planClauses: (q: Q, planIds: string[]) => (planIds.length ? q.selectFrom('ledgerPlanClauses').selectAll().where('planId', 'in', planIds).orderBy('sortOrder').execute() : Promise.resolve([])),
    insertPlan: (q: Q, row: { id: string; officeId: string; kind: string; title: string; docNumber: string | null; adoptedOn: string | null; version: number; createdAt: string; updatedAt: string }) => q.insertInto('ledgerPlans').values(row).execute(),
    insertClauses: (q: Q, rows: Array<{ id: string; planId: string; officeId: string; code: string; text: string; sortOrder: number }>) => (rows.length ? q.insertInto('ledgerPlanClauses').values(rows).execute() : Promise.resolve([])),
    findClause: (q: Q, officeId: string, id: string) => q.selectFrom('ledgerPlanClauses').selectAll().where('officeId', '=', officeId).where('id', '=', id).executeTakeFirst(),

    // ---- saved views ----
    listViews: (q: Q, accountId: string, officeId: string) => q.selectFrom('savedViews').selectAll().where('accountId', '=', accountId).where('officeId', '=', officeId).orderBy('createdAt').execute(),
    insertView: (q: Q, row: { id: string; accountId: string; officeId: string; name: string; filters: string; createdAt: string }) => q.insertInto('savedViews').values(row).execute(),
    deleteView: async (q: Q, accountId: string, id: string) => Number((await q.deleteFrom('savedViews').where('accountId', '=', accountId).where('id', '=', id).executeTakeFirst()).numDeletedRows),

    // ---- Excel import / export (ledger-excel.ts) and import jobs ----
    officeForExport: (q: Q, officeId: string) => q.selectFrom('offices').select(['id', 'name', 'shortName']).where('id', '=', officeId).executeTakeFirst(),
    unitsForImport: (q: Q, officeId: string) =>
      q.selectFrom('units').select(['id', 'name', 'shortName', 'isHost', 'active']).where('officeId', '=', officeId).orderBy('sortOrder').execute(),
    insertTermRows,
    insertCooperatingRows,
    taskCodes: async (q: Q, officeId: string) => (await q.selectFrom('tasks').select('code').where('officeId', '=', officeId).execute()).map((r) => r.code),
    /** The whole ledger of an office in one pass (export): tasks with status and the latest submitted update's text; names in bulk below. */
    exportTasks: (q: Q, officeId: string, today: string) =>
      q
        .selectFrom('tasks')
        .leftJoin('units as lu', 'lu.id', 'tasks.leadUnitId')
        .select(['tasks.id', 'tasks.parentId', 'tasks.depth', 'tasks.code', 'tasks.title', 'tasks.description', 'lu.name as leadUnitName', 'tasks.deadline', 'tasks.keyTask', 'tasks.percent', statusSql(today).as('status')])
        .select((eb) =>
          eb
            .selectFrom('progressUpdates as pu')
            .select('pu.doneText')
            .whereRef('pu.taskId', '=', 'tasks.id')
            .where('pu.state', '=', 'submitted')
            .orderBy('pu.reportedOn', 'desc')
            .orderBy('pu.createdAt', 'desc')
            .limit(1)
            .as('progress'),
        )
        .where('tasks.officeId', '=', officeId)
        .execute(),
    exportCooperatingUnits: (q: Q, officeId: string) =>
      q
        .selectFrom('taskCooperatingUnits as cu')
        .innerJoin('tasks', 'tasks.id', 'cu.taskId')
        .innerJoin('units', 'units.id', 'cu.unitId')
        .select(['cu.taskId', 'units.name'])
        .where('tasks.officeId', '=', officeId)
        .orderBy('units.sortOrder')
        .execute(),
    exportCountyCopies: (q: Q, officeId: string) =>
      q
        .selectFrom('tasks as c')
        .innerJoin('tasks as o', 'o.id', 'c.originTaskId')
        .innerJoin('offices', 'offices.id', 'c.officeId')
        .select(['c.originTaskId', 'offices.shortName'])
        .where('o.officeId', '=', officeId)
        .orderBy('offices.sortOrder')
        .execute(),
    insertImportJob: (q: Q, row: { id: string; officeId: string; kind: string; state: string; done: number; total: number; report: string; error: null; fileName: string | null; fileSha256: string; createdByAccountId: string | null; createdByName: string | null; createdAt: string; updatedAt: string; finishedAt: null }) =>
      q.insertInto('importJobs').values(row).execute(),
    findImportJob: (q: Q, officeId: string, id: string) => q.selectFrom('importJobs').selectAll().where('officeId', '=', officeId).where('id', '=', id).executeTakeFirst(),
    /** Progress of a running job; never moves a finished job back or its count down. */
    setImportJobProgress: (q: Q, id: string, done: number, now: string) =>
      q.updateTable('importJobs').set({ done, updatedAt: now }).where('id', '=', id).where('state', '=', 'running').where('done', '<', done).execute(),
    finishImportJob: (q: Q, id: string, set: { state: 'succeeded' | 'failed'; done?: number; report?: string; error?: string | null; updatedAt: string; finishedAt: string }) =>
      q.updateTable('importJobs').set(set).where('id', '=', id).where('state', '=', 'running').execute(),
  };
}
export type LedgerRepository = ReturnType<typeof createLedgerRepository>;
