// Frozen: never edit after it has landed. Imports only kysely.
import { PostgresAdapter, sql, type Kysely } from 'kysely';

const isPg = (db: Kysely<any>) => db.getExecutor().adapter instanceof PostgresAdapter;

/** The row's key: the list by unit, level and status reads one range of it, in code order. */
const KEY = ['unit_id', 'office_id', 'depth', 'status', 'code', 'task_id'];
/** The task's columns the list's row shows besides its key; a change of one is written into the task's rows in place. */
const SHOWN = ['parent_id', 'origin_task_id', 'title', 'deadline', 'key_task', 'percent', 'last_update_on', 'version'];
/** A change of one of these moves the task's rows to other places in the key (or to another lead unit): they are written again. */
const PLACED = ['lead_unit_id', 'office_id', 'depth', 'status', 'code'];
const COLUMNS = [...KEY, 'lead', ...SHOWN, 'lead_unit_id', 'lead_unit_name', 'child_count'];

/** A row of task `t` (new, or a table alias) for unit `unit`; `lead` is 1 for its lead unit, 0 for a cooperating one. */
const rowOf = (t: string, unit: string, lead: 0 | 1) =>
  `${unit}, ${t}.office_id, ${t}.depth, ${t}.status, ${t}.code, ${t}.id, ${lead}, ${SHOWN.map((c) => `${t}.${c}`).join(', ')}, ${t}.lead_unit_id,
   (select u.name from units u where u.id = ${t}.lead_unit_id), (select count(*) from tasks c where c.parent_id = ${t}.id)`;
const columns = COLUMNS.join(', ');
/** Writes the rows of task `new` (in a trigger), or of every task (`all`): its lead unit's and one for each cooperating unit. */
const insertRows = (t: 'new' | 'all') => {
  const r = t === 'all' ? 't' : 'new';
  return [
    `insert into task_list_rows (${columns}) select ${rowOf(r, `${r}.lead_unit_id`, 1)} ${t === 'all' ? 'from tasks t' : ''} where ${r}.lead_unit_id is not null and ${r}.status is not null;`,
    `insert into task_list_rows (${columns}) select ${rowOf(r, 'cu.unit_id', 0)} from task_cooperating_units cu ${t === 'all' ? 'join tasks t on t.id = cu.task_id where' : 'where cu.task_id = new.id and'} ${r}.status is not null;`,
  ];
};
const childCount = (parent: string) => `update task_list_rows set child_count = (select count(*) from tasks c where c.parent_id = ${parent}) where task_id = ${parent};`;

/**
 * The ledger list's rows, kept by the database: one for each task and unit that leads or cooperates on it, with what
 * the list shows of the task (its summary: code, title, lead unit and its name, deadline, key task, percent, status,
 * last update, version, number of sub-tasks), stored in the order the list by unit, level and status reads them.
 *
 * Why: a page of that list on bench/'s 100,000-task prefecture read its 50 tasks' rows one by one from the tasks
 * table (by id, then the lead unit's name, then the sub-task count): 540–620 µs of SQLite for the page and 124–148 µs
 * for the count, in process, against a 2,000 req/s target (0.5 ms for the whole request); the bare handler running
 * the same SQL did 722 req/s in BENCHMARKS.md's run of 09:40 UTC and 635–884 in a targeted run of this session. From
 * one range of these rows, the same page took 195 µs with its JSON built by SQLite (measured on a prototype of this
 * table, `.probe`-style, the same 600 lists).
 *
 * SQLite stores the table in its key's order (WITHOUT ROWID): a page is a few adjacent pages of the file. It also
 * keeps the number of rows for each unit, office, level and status (task_list_counts), which the list's total reads
 * (a count of a big unit's range read 3,000 rows). PostgreSQL counts its index range instead: counters updated by
 * concurrent writers in different orders (a task turning at risk while another turns on track) would deadlock.
 *
 * Triggers keep both: a task written (its rows written again when it moves in the key or changes lead unit, else its
 * shown columns set in place), a cooperating unit added or removed, a sub-task added, moved or removed (the parent's
 * count), a unit renamed. The rules test compares every row with the tasks after each kind of write.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const pg = isPg(db);
  const text = ['unit_id', 'office_id', 'status', 'code', 'task_id', 'title', 'deadline'];
  let table = db.schema.createTable('task_list_rows');
  for (const c of COLUMNS) {
    const type = ['depth', 'lead', 'key_task', 'percent', 'version', 'child_count'].includes(c) ? 'integer' : 'text';
    table = table.addColumn(c, type, (col) => (text.includes(c) || ['depth', 'lead', 'key_task', 'version', 'child_count'].includes(c) ? col.notNull() : col));
  }
  table = table.addPrimaryKeyConstraint('task_list_rows_pkey', KEY as never);
  await (pg ? table : table.modifyEnd(sql`without rowid`)).execute();
  await db.schema.createIndex('task_list_rows_task_idx').on('task_list_rows').column('task_id').execute();

  const placed = (op: string, or: string) => PLACED.map((c) => `old.${c} ${op} new.${c}`).join(or);
  const shownChanged = (op: string) => SHOWN.map((c) => `old.${c} ${op} new.${c}`).join(' or ');
  const setShown = SHOWN.map((c) => `${c} = new.${c}`).join(', ');
  if (pg) {
    await sql`create function task_list_rows_of_task() returns trigger language plpgsql as $$
      begin
        if tg_op = 'DELETE' then
          delete from task_list_rows where task_id = old.id;
          ${sql.raw(childCount('old.parent_id'))}
          return null;
        end if;
        if tg_op = 'INSERT' or ${sql.raw(placed('is distinct from', ' or '))} then
          delete from task_list_rows where task_id = new.id;
          ${sql.raw(insertRows('new').join('\n'))}
        elsif ${sql.raw(shownChanged('is distinct from'))} then
          update task_list_rows set ${sql.raw(setShown)} where task_id = new.id;
        end if;
        if tg_op = 'INSERT' then
          ${sql.raw(childCount('new.parent_id'))}
        elsif old.parent_id is distinct from new.parent_id then
          ${sql.raw(childCount('old.parent_id'))}
          ${sql.raw(childCount('new.parent_id'))}
        end if;
        return null;
      end $$`.execute(db);
    await sql`create trigger task_list_rows_of_task after insert or delete on tasks for each row execute function task_list_rows_of_task()`.execute(db);
    // Only when a column the rows hold changed (the status is set by a BEFORE trigger: WHEN sees it, UPDATE OF would not).
    await sql`create trigger task_list_rows_of_task_changed after update on tasks for each row
      when (${sql.raw(placed('is distinct from', ' or '))} or ${sql.raw(shownChanged('is distinct from'))}) execute function task_list_rows_of_task()`.execute(db);
    await sql`create function task_list_rows_of_cooperating() returns trigger language plpgsql as $$
      begin
        if tg_op in ('DELETE', 'UPDATE') then delete from task_list_rows where task_id = old.task_id and unit_id = old.unit_id; end if;
        if tg_op in ('INSERT', 'UPDATE') then
          insert into task_list_rows (${sql.raw(columns)}) select ${sql.raw(rowOf('t', 'new.unit_id', 0))} from tasks t where t.id = new.task_id and t.status is not null;
        end if;
        return null;
      end $$`.execute(db);
    await sql`create trigger task_list_rows_of_cooperating after insert or delete or update of task_id, unit_id on task_cooperating_units
      for each row execute function task_list_rows_of_cooperating()`.execute(db);
    await sql`create function task_list_rows_unit_name() returns trigger language plpgsql as $$
      begin update task_list_rows set lead_unit_name = new.name where task_id in (select t.id from tasks t where t.lead_unit_id = new.id); return null; end $$`.execute(db);
    await sql`create trigger task_list_rows_unit_name after update of name on units for each row when (old.name is distinct from new.name)
      execute function task_list_rows_unit_name()`.execute(db);
  } else {
    // SQLite: "is not" is its null-safe inequality. A new task gets its rows when its status is written (the status
    // trigger of migration 20261206150000 writes it right after the insert), or at once if it came with one.
    await sql`create trigger task_list_rows_task_new after insert on tasks begin
      ${sql.raw(insertRows('new').join('\n'))}
      ${sql.raw(childCount('new.parent_id'))} end`.execute(db);
    await sql`create trigger task_list_rows_task_placed after update of ${sql.raw(PLACED.join(', '))} on tasks
      when ${sql.raw(placed('is not', ' or '))} begin
      delete from task_list_rows where task_id = new.id;
      ${sql.raw(insertRows('new').join('\n'))} end`.execute(db);
    await sql`create trigger task_list_rows_task_shown after update of ${sql.raw(SHOWN.join(', '))} on tasks
      when not (${sql.raw(placed('is not', ' or '))}) and (${sql.raw(shownChanged('is not'))}) begin
      update task_list_rows set ${sql.raw(setShown)} where task_id = new.id; end`.execute(db);
    await sql`create trigger task_list_rows_task_moved after update of parent_id on tasks when old.parent_id is not new.parent_id begin
      ${sql.raw(childCount('old.parent_id'))}
      ${sql.raw(childCount('new.parent_id'))} end`.execute(db);
    await sql`create trigger task_list_rows_task_gone after delete on tasks begin
      delete from task_list_rows where task_id = old.id;
      ${sql.raw(childCount('old.parent_id'))} end`.execute(db);
    const cooperating = `insert into task_list_rows (${columns}) select ${rowOf('t', 'new.unit_id', 0)} from tasks t where t.id = new.task_id and t.status is not null;`;
    await sql`create trigger task_list_rows_cooperating_new after insert on task_cooperating_units begin ${sql.raw(cooperating)} end`.execute(db);
    await sql`create trigger task_list_rows_cooperating_gone after delete on task_cooperating_units begin
      delete from task_list_rows where task_id = old.task_id and unit_id = old.unit_id; end`.execute(db);
    await sql`create trigger task_list_rows_cooperating_moved after update of task_id, unit_id on task_cooperating_units begin
      delete from task_list_rows where task_id = old.task_id and unit_id = old.unit_id;
      ${sql.raw(cooperating)} end`.execute(db);
    await sql`create trigger task_list_rows_unit_name after update of name on units when old.name is not new.name begin
      update task_list_rows set lead_unit_name = new.name where task_id in (select t.id from tasks t where t.lead_unit_id = new.id); end`.execute(db);

    // The number of rows for each unit, office, level and status: the list's total.
    await db.schema.createTable('task_list_counts')
      .addColumn('unit_id', 'text', (c) => c.notNull()).addColumn('office_id', 'text', (c) => c.notNull())
      .addColumn('depth', 'integer', (c) => c.notNull()).addColumn('status', 'text', (c) => c.notNull())
      .addColumn('n', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('task_list_counts_pkey', ['unit_id', 'office_id', 'depth', 'status'] as never)
      .modifyEnd(sql`without rowid`).execute();
    const add = (r: 'new' | 'old', d: 1 | -1) => `insert into task_list_counts (unit_id, office_id, depth, status, n) values (${r}.unit_id, ${r}.office_id, ${r}.depth, ${r}.status, ${d})
      on conflict (unit_id, office_id, depth, status) do update set n = n + ${d};`;
    await sql`create trigger task_list_counts_new after insert on task_list_rows begin ${sql.raw(add('new', 1))} end`.execute(db);
    await sql`create trigger task_list_counts_gone after delete on task_list_rows begin ${sql.raw(add('old', -1))} end`.execute(db);
    await sql`create trigger task_list_counts_moved after update of unit_id, office_id, depth, status on task_list_rows begin
      ${sql.raw(add('old', -1))} ${sql.raw(add('new', 1))} end`.execute(db);
  }

  // Every task's rows as they stand (the counts follow through their trigger on SQLite).
  for (const statement of insertRows('all')) await sql.raw(statement).execute(db);
}

export async function down(): Promise<void> {
  throw new Error('frozen migration: no down');
}
