// Frozen: never edit after it has landed. Imports only kysely.
import { sql, type Kysely } from 'kysely';

/**
 * Deadline extension requests of ledger tasks (supervision practice: filed before the deadline with a reason and a
 * new date, approved or rejected by the office). One pending request per task at a time.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('task_extension_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('office_id', 'text', (c) => c.notNull().references('offices.id'))
    .addColumn('task_id', 'text', (c) => c.notNull().references('tasks.id'))
    .addColumn('unit_id', 'text', (c) => c.references('units.id'))
    .addColumn('requested_by_name', 'text', (c) => c.notNull())
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('current_deadline', 'text', (c) => c.notNull())
    .addColumn('new_deadline', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull()) // pending | approved | rejected
    .addColumn('decided_by_name', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('decision_note', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('task_extension_requests_task_idx').on('task_extension_requests').columns(['task_id', 'requested_at']).execute();
  await db.schema.createIndex('task_extension_requests_office_state_idx').on('task_extension_requests').columns(['office_id', 'state']).execute();
  // At most one pending request per task, on both databases (a partial unique index).
  await db.schema.createIndex('task_extension_requests_one_pending').on('task_extension_requests').column('task_id').unique().where(sql.ref('state'), '=', 'pending').execute();
}

export async function down(): Promise<void> {
  throw new Error('frozen migration: no down');
}
