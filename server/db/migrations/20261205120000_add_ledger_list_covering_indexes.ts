// Frozen: never edit after it has landed. Imports only kysely.
import type { Kysely } from 'kysely';

/** Every column the derived status reads (ledger.repository.ts: statusSql), then the list's sort key. */
const STATUS_COLUMNS = ['cancelled_at', 'done_at', 'deadline', 'at_risk_from', 'percent', 'next_milestone_due', 'last_update_on'];

/**
 * The ledger list by unit (the tasks a unit leads, and the ones it cooperates on) reads indexes alone, not the task
 * rows (bench/'s 100,000-task prefecture, unit × status, 240 lists and counts on SQLite: 13.6 + 12.2 ms → 7.4 + 6.2):
 * - by id, for the cooperating branch, which reaches its tasks through task_cooperating_units;
 * - the lead unit's index gains the sort key and the id (it replaces tasks_office_lead_status_idx, its prefix, which
 *   the dashboard's figures by status and unit keep using as this one).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('tasks_id_status_idx').on('tasks').columns(['id', 'office_id', 'depth', ...STATUS_COLUMNS, 'code']).execute();
  await db.schema.createIndex('tasks_office_lead_list_idx').on('tasks').columns(['office_id', 'lead_unit_id', 'depth', ...STATUS_COLUMNS, 'code', 'id']).execute();
  await db.schema.dropIndex('tasks_office_lead_status_idx').execute();
}

export async function down(): Promise<void> {
  throw new Error('frozen migration: no down');
}
