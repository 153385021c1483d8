// Frozen: never edit after it has landed. Imports only kysely.
import { PostgresAdapter, sql, type Kysely } from 'kysely';

const isPg = (db: Kysely<any>) => db.getExecutor().adapter instanceof PostgresAdapter;

/** The columns a task's derived status reads (ledger.rules.ts: deriveTaskStatus), and the status itself. */
const INPUTS = ['cancelled_at', 'done_at', 'deadline', 'at_risk_from', 'percent', 'next_milestone_due', 'last_update_on'];
/** What task_cooperating_units copies of its task (migration 20261206120000), now with the status. */
const COPIED = ['office_id', 'depth', ...INPUTS, 'code', 'status'];

/** deriveTaskStatus in SQL over a row `r` (new, or a table) on `day`; the rules test compares the two. */
const statusOf = (r: string, day: string) => `case
    when ${r}.cancelled_at is not null then 'cancelled'
    when ${r}.done_at is not null then 'done'
    when ${r}.deadline < ${day} then 'overdue'
    when (${r}.at_risk_from <= ${day} and coalesce(${r}.percent, 0) < 80) or ${r}.next_milestone_due < ${day} then 'at_risk'
    when coalesce(${r}.percent, 0) = 0 and ${r}.last_update_on is null then 'not_started'
    else 'on_track' end`;

/**
 * A task's status is derived from its columns and today (A1-6), never typed. The ledger list by unit and status
 * evaluated it over every open task of the unit that was not yet due — in bench/'s 100,000-task prefecture about 3,400
 * index entries a unit, for the page and again for the count: 522 req/s at 50 connections on SQLite, 565 on
 * PostgreSQL, against a target of 2,000 / 1,500, and the bare handler running the same SQL no faster (BENCHMARKS.md).
 *
 * Here the database keeps each task's status as derived on one day, task_status_day.day: triggers derive it whenever
 * a task is written (and copy it to the task's cooperating rows, as they copy the other columns), and on the first
 * read of a new day the application moves the day and derives the open tasks' statuses again (ledger.repository.ts:
 * statusesFor). The list by status then reads one index range, in code order. The derived status stays what decides:
 * everything else still derives it from the columns, and the rules test checks the kept one against deriveTaskStatus
 * on both databases, across a change of day.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const pg = isPg(db);
  // China's date now (UTC+8, no daylight saving): the first read of a later day derives the statuses again.
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  await db.schema.createTable('task_status_day').addColumn('id', 'integer', (c) => c.primaryKey()).addColumn('day', 'text', (c) => c.notNull()).execute();
  await db.insertInto('task_status_day').values({ id: 1, day: today }).execute();
  await db.schema.alterTable('tasks').addColumn('status', 'text').execute();
  await db.schema.alterTable('task_cooperating_units').addColumn('status', 'text').execute();

  const day = '(select d.day from task_status_day d where d.id = 1)';
  const inputs = sql.raw(INPUTS.join(', '));
  const copied = sql.raw(COPIED.join(', '));
  const fromTask = sql.raw(COPIED.map((c) => `t.${c}`).join(', '));
  const setFromNew = sql.raw(COPIED.map((c) => `${c} = new.${c}`).join(', '));
  // The copy triggers of migration 20261206120000 are replaced by ones that copy the status too.
  if (pg) {
    await sql`drop trigger tasks_copy_to_cooperating_units on tasks`.execute(db);
    await sql`drop trigger task_cooperating_units_copy on task_cooperating_units`.execute(db);
    await sql`drop function tasks_copy_to_cooperating_units()`.execute(db);
    await sql`drop function task_cooperating_units_copy()`.execute(db);
    // The day read once into a variable: the status is then a plain expression, not one with a subquery for each
    // comparison. bench/'s progress updates with the subqueries 196 req/s (173–205; the bare handler, through the same
    // trigger, 276), after 241 (201–278; bare 333) — a targeted run on fresh data after a full one, not side by side.
    // What the kept status costs writes in all: 306 req/s before it (BENCHMARKS.md).
    await sql`create function tasks_status() returns trigger language plpgsql as $$
      declare d text;
      begin select t.day into d from task_status_day t where t.id = 1; new.status := ${sql.raw(statusOf('new', 'd'))}; return new; end $$`.execute(db);
    // Also on a write of the status itself: nothing but the derivation sets it.
    await sql`create trigger tasks_status before insert or update of ${inputs}, status on tasks
      for each row execute function tasks_status()`.execute(db);
    const into = sql.raw(COPIED.map((c) => `new.${c}`).join(', '));
    await sql`create function task_cooperating_units_copy() returns trigger language plpgsql as $$
      begin select ${fromTask} into ${into} from tasks t where t.id = new.task_id; return new; end $$`.execute(db);
    await sql`create trigger task_cooperating_units_copy before insert or update of task_id on task_cooperating_units
      for each row execute function task_cooperating_units_copy()`.execute(db);
    await sql`create function tasks_copy_to_cooperating_units() returns trigger language plpgsql as $$
      begin update task_cooperating_units set ${setFromNew} where task_id = new.id; return null; end $$`.execute(db);
    const changed = sql.raw(COPIED.map((c) => `old.${c} is distinct from new.${c}`).join(' or '));
    await sql`create trigger tasks_copy_to_cooperating_units after update of ${copied} on tasks
      for each row when (${changed}) execute function tasks_copy_to_cooperating_units()`.execute(db);
  } else {
    for (const t of ['tasks_copy_to_cooperating_units', 'task_cooperating_units_copy', 'task_cooperating_units_copy_moved']) await sql`drop trigger ${sql.raw(t)}`.execute(db);
    // SQLite: a BEFORE trigger cannot change the new row, so an AFTER trigger writes the status into it (when it
    // differs); that write fires the copy trigger below. "is not" is SQLite's null-safe inequality.
    // By rowid: one seek instead of the id's index and then the row.
    await sql`create trigger tasks_status_new after insert on tasks begin
      update tasks set status = ${sql.raw(statusOf('new', day))} where rowid = new.rowid; end`.execute(db);
    await sql`create trigger tasks_status after update of ${inputs}, status on tasks begin
      update tasks set status = ${sql.raw(statusOf('new', day))} where rowid = new.rowid and status is not ${sql.raw(statusOf('new', day))}; end`.execute(db);
    const copy = sql`update task_cooperating_units set (${copied}) = (select ${fromTask} from tasks t where t.id = new.task_id)
        where task_id = new.task_id and unit_id = new.unit_id;`;
    await sql`create trigger task_cooperating_units_copy after insert on task_cooperating_units begin ${copy} end`.execute(db);
    await sql`create trigger task_cooperating_units_copy_moved after update of task_id on task_cooperating_units begin ${copy} end`.execute(db);
    const changed = sql.raw(COPIED.map((c) => `old.${c} is not new.${c}`).join(' or '));
    await sql`create trigger tasks_copy_to_cooperating_units after update of ${copied} on tasks when ${changed} begin
      update task_cooperating_units set ${setFromNew} where task_id = new.id; end`.execute(db);
  }
  // Every task's status on the migration's day; the copies follow through the trigger.
  await sql`update tasks set status = ${sql.raw(statusOf('tasks', day))}`.execute(db);

  // The list by unit and status, in code order: the tasks a unit leads, and those it cooperates on (their rows carry
  // copies). These replace the indexes holding every column of the status; the office's own list by status gets one.
  // The lead unit's keeps the percent: the dashboard's figures by unit and status read it from there.
  await db.schema.dropIndex('tasks_office_lead_status_idx').execute();
  await db.schema.createIndex('tasks_office_lead_status_idx').on('tasks').columns(['office_id', 'lead_unit_id', 'depth', 'status', 'code', 'id', 'percent']).execute();
  await db.schema.createIndex('tasks_office_status_idx').on('tasks').columns(['office_id', 'depth', 'status', 'code', 'id']).execute();
  // The dashboard's open key tasks without an update this month (A1-6 inspection), in code order: it read all 10,000
  // key tasks of the 100,000-task prefecture, and their rows, to give 200 (SQLite 38–48 → 0.6–1.4 ms, in process).
  await db.schema.createIndex('tasks_office_key_open_idx').on('tasks').columns(['office_id', 'code', 'last_update_on'])
    .where(sql.raw<boolean>('key_task = 1 and done_at is null and cancelled_at is null')).execute();
  await db.schema.dropIndex('task_cooperating_units_unit_status_idx').execute();
  await db.schema.createIndex('task_cooperating_units_unit_status_idx').on('task_cooperating_units').columns(['unit_id', 'office_id', 'depth', 'status', 'code', 'task_id']).execute();
}

export async function down(): Promise<void> {
  throw new Error('frozen migration: no down');
}
