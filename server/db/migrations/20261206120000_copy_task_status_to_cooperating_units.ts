// Frozen: never edit after it has landed. Imports only kysely.
import { PostgresAdapter, sql, type Kysely } from 'kysely';

const isPg = (db: Kysely<any>) => db.getExecutor().adapter instanceof PostgresAdapter;

/** The task columns the ledger list by unit reads for a cooperating unit: the office, the level, every column of the derived status, the sort keys. */
const NOT_LEAD = "a task's lead unit cannot also be one of its cooperating units";
const COLUMNS = ['office_id', 'depth', 'cancelled_at', 'done_at', 'deadline', 'at_risk_from', 'percent', 'next_milestone_due', 'last_update_on', 'code'];

/**
 * The ledger list by unit reads the tasks a unit cooperates on. Until now it found them in task_cooperating_units and
 * looked each one up by id (tasks_id_status_idx) to read its status: bench/'s 100,000-task prefecture has 1,865
 * cooperating tasks a unit, about 7.6 of the 8.6 ms of a list by unit and status on SQLite, done twice (page and
 * count). Here each cooperating row carries a copy of the task's status columns, kept by the database itself
 * (triggers: a row added takes the task's values; a task's change reaches its rows in the same statement), so the
 * list reads the unit's cooperating tasks from one index range. The unit index it replaces goes.
 * tasks_id_status_idx stays: what changed in a period (changes report) reads tasks' codes by id from it. Without it,
 * on SQLite, `office_id = ? and id in (…500 ids)` took the lead-unit index below (it holds the office and now the id)
 * and read all the office's 100,000 entries per chunk: one month of the 100,000-task prefecture 695 → 3,618 ms.
 *
 * Measured in process on bench/'s full-scale set, the 100,000-task prefecture, 10 units × 6 statuses, page and count
 * (ledger.repository.ts: listTasks, with statusRangeSql): SQLite 10.8–17.8 → 0.8–2.7 ms a list (1.1–8.7 ms with the
 * copies but the old lead index); PostgreSQL 1.3–5.3 ms, the same with plan_cache_mode = force_generic_plan. The
 * typical prefecture 0.26–0.41 → 0.19–0.35 ms. This migration took 4.7–4.9 s there (SQLite).
 */
export async function up(db: Kysely<any>): Promise<void> {
  // A task's lead unit does not also cooperate on it (the service has always dropped it from a new task's cooperating
  // units; a later change of lead did not): the list by unit then adds the two sides without looking for the same
  // task in both. Rows left by such changes go, and the database refuses new ones (below).
  await sql`delete from task_cooperating_units where exists
    (select 1 from tasks t where t.id = task_cooperating_units.task_id and t.lead_unit_id = task_cooperating_units.unit_id)`.execute(db);

  const types: Record<string, 'text' | 'integer'> = { depth: 'integer', percent: 'integer' };
  for (const c of COLUMNS) await db.schema.alterTable('task_cooperating_units').addColumn(c, types[c] ?? 'text').execute();
  const cols = sql.raw(COLUMNS.join(', '));
  const fromTask = sql.raw(COLUMNS.map((c) => `t.${c}`).join(', '));
  await sql`update task_cooperating_units set (${cols}) = (select ${fromTask} from tasks t where t.id = task_cooperating_units.task_id)`.execute(db);

  const setFromNew = sql.raw(COLUMNS.map((c) => `${c} = new.${c}`).join(', '));
  const changed = sql.raw(COLUMNS.map((c) => `old.${c} is distinct from new.${c}`).join(' or '));
  const of = sql.raw(COLUMNS.join(', '));
  if (isPg(db)) {
    const into = sql.raw(COLUMNS.map((c) => `new.${c}`).join(', '));
    await sql`create function task_cooperating_units_copy() returns trigger language plpgsql as $$
      begin select ${fromTask} into ${into} from tasks t where t.id = new.task_id; return new; end $$`.execute(db);
    await sql`create trigger task_cooperating_units_copy before insert or update of task_id on task_cooperating_units
      for each row execute function task_cooperating_units_copy()`.execute(db);
    await sql`create function tasks_copy_to_cooperating_units() returns trigger language plpgsql as $$
      begin update task_cooperating_units set ${setFromNew} where task_id = new.id; return null; end $$`.execute(db);
    await sql`create trigger tasks_copy_to_cooperating_units after update of ${of} on tasks
      for each row when (${changed}) execute function tasks_copy_to_cooperating_units()`.execute(db);
    await sql`create function task_cooperating_units_not_lead() returns trigger language plpgsql as $$
      begin
        if exists (select 1 from tasks t where t.id = new.task_id and t.lead_unit_id = new.unit_id) then raise exception ${sql.lit(NOT_LEAD)}; end if;
        return new;
      end $$`.execute(db);
    await sql`create trigger task_cooperating_units_not_lead before insert or update of task_id, unit_id on task_cooperating_units
      for each row execute function task_cooperating_units_not_lead()`.execute(db);
    await sql`create function tasks_lead_not_cooperating() returns trigger language plpgsql as $$
      begin
        if exists (select 1 from task_cooperating_units cu where cu.task_id = new.id and cu.unit_id = new.lead_unit_id) then raise exception ${sql.lit(NOT_LEAD)}; end if;
        return new;
      end $$`.execute(db);
    await sql`create trigger tasks_lead_not_cooperating before update of lead_unit_id on tasks
      for each row when (old.lead_unit_id is distinct from new.lead_unit_id) execute function tasks_lead_not_cooperating()`.execute(db);
  } else {
    // SQLite: "is not" is its null-safe inequality.
    const changedSqlite = sql.raw(COLUMNS.map((c) => `old.${c} is not new.${c}`).join(' or '));
    await sql`create trigger task_cooperating_units_copy after insert on task_cooperating_units begin
      update task_cooperating_units set (${cols}) = (select ${fromTask} from tasks t where t.id = new.task_id)
        where task_id = new.task_id and unit_id = new.unit_id; end`.execute(db);
    await sql`create trigger task_cooperating_units_copy_moved after update of task_id on task_cooperating_units begin
      update task_cooperating_units set (${cols}) = (select ${fromTask} from tasks t where t.id = new.task_id)
        where task_id = new.task_id and unit_id = new.unit_id; end`.execute(db);
    await sql`create trigger tasks_copy_to_cooperating_units after update of ${of} on tasks when ${changedSqlite} begin
      update task_cooperating_units set ${setFromNew} where task_id = new.id; end`.execute(db);
    const refuse = sql.raw(`select raise(abort, '${NOT_LEAD.replaceAll("'", "''")}');`);
    for (const [name, event] of [['task_cooperating_units_not_lead', 'insert'], ['task_cooperating_units_not_lead_moved', 'update of task_id, unit_id']] as const) {
      await sql`create trigger ${sql.raw(name)} before ${sql.raw(event)} on task_cooperating_units
        when exists (select 1 from tasks t where t.id = new.task_id and t.lead_unit_id = new.unit_id) begin ${refuse} end`.execute(db);
    }
    await sql`create trigger tasks_lead_not_cooperating before update of lead_unit_id on tasks
      when exists (select 1 from task_cooperating_units cu where cu.task_id = new.id and cu.unit_id = new.lead_unit_id) begin ${refuse} end`.execute(db);
  }

  await db.schema
    .createIndex('task_cooperating_units_unit_status_idx')
    .on('task_cooperating_units')
    .columns(['unit_id', ...COLUMNS, 'task_id'])
    .execute();
  await db.schema.dropIndex('task_cooperating_units_unit_idx').execute();
  // The lead unit's side with the list's sort key (code) and the id: a page by unit and status is then read from the
  // index alone (each of the 3,000 tasks a unit had done was looked up for its code before).
  await db.schema.dropIndex('tasks_office_lead_status_idx').execute();
  await db.schema
    .createIndex('tasks_office_lead_status_idx')
    .on('tasks')
    .columns(['office_id', 'lead_unit_id', 'depth', 'cancelled_at', 'done_at', 'deadline', 'at_risk_from', 'percent', 'next_milestone_due', 'last_update_on', 'code', 'id'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('frozen migration: no down');
}
