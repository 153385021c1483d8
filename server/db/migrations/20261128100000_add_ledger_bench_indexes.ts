// Frozen: never edit after it has landed. Imports only kysely.
import type { Kysely } from 'kysely';

/**
 * Indexes found by bench/ (200,000 tasks, one prefecture with 100,000):
 * - the lead unit and every column of the derived status, so the ledger list's count and the dashboard's status and
 *   unit figures read the index alone (it replaces tasks_office_lead_idx, its prefix);
 * - key tasks per office (the dashboard's key-task count, the list filtered by key tasks);
 * - completion dates per office (the dashboard's monthly "done" trend).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('tasks_office_lead_status_idx')
    .on('tasks')
    .columns(['office_id', 'lead_unit_id', 'depth', 'cancelled_at', 'done_at', 'deadline', 'at_risk_from', 'percent', 'next_milestone_due', 'last_update_on'])
    .execute();
  await db.schema.dropIndex('tasks_office_lead_idx').execute();
  await db.schema.createIndex('tasks_office_key_idx').on('tasks').columns(['office_id', 'key_task', 'depth', 'code']).execute();
  await db.schema.createIndex('tasks_office_done_idx').on('tasks').columns(['office_id', 'done_at']).execute();
}

export async function down(): Promise<void> {
  throw new Error('frozen migration: no down');
}
