// Frozen: never edit after it has landed. Imports only kysely.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('ledger_plans')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('office_id', 'text', (c) => c.notNull().references('offices.id'))
    .addColumn('kind', 'text', (c) => c.notNull()) // implementation_plan | task_division
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('doc_number', 'text')
    .addColumn('adopted_on', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('ledger_plan_clauses')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('plan_id', 'text', (c) => c.notNull().references('ledger_plans.id'))
    .addColumn('office_id', 'text', (c) => c.notNull().references('offices.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('ledger_plan_clauses_plan_idx').on('ledger_plan_clauses').columns(['plan_id', 'sort_order']).execute();

  await db.schema
    .createTable('tasks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('office_id', 'text', (c) => c.notNull().references('offices.id'))
    .addColumn('parent_id', 'text', (c) => c.references('tasks.id'))
    .addColumn('origin_task_id', 'text', (c) => c.references('tasks.id'))
    .addColumn('depth', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('source_type', 'text', (c) => c.notNull())
    .addColumn('source_ref', 'text')
    .addColumn('source_label', 'text')
    .addColumn('lead_unit_id', 'text', (c) => c.references('units.id'))
    .addColumn('deadline', 'text', (c) => c.notNull())
    .addColumn('key_task', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('expected_result', 'text')
    .addColumn('weight', 'real', (c) => c.notNull().defaultTo(1))
    .addColumn('percent', 'integer')
    .addColumn('last_update_on', 'text')
    .addColumn('at_risk_from', 'text')
    .addColumn('next_milestone_due', 'text')
    .addColumn('done_at', 'text')
    .addColumn('done_by_name', 'text')
    .addColumn('cancelled_at', 'text')
    .addColumn('cancel_reason', 'text')
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('tasks_office_deadline_idx').on('tasks').columns(['office_id', 'deadline']).execute();
  await db.schema.createIndex('tasks_office_lead_idx').on('tasks').columns(['office_id', 'lead_unit_id']).execute();
  await db.schema.createIndex('tasks_parent_idx').on('tasks').column('parent_id').execute();
  await db.schema.createIndex('tasks_origin_idx').on('tasks').column('origin_task_id').execute();
  await db.schema.createIndex('tasks_office_code_idx').on('tasks').columns(['office_id', 'code']).execute();

  await db.schema
    .createTable('task_cooperating_units')
    .addColumn('task_id', 'text', (c) => c.notNull().references('tasks.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addPrimaryKeyConstraint('task_cooperating_units_pk', ['task_id', 'unit_id'])
    .execute();
  await db.schema.createIndex('task_cooperating_units_unit_idx').on('task_cooperating_units').columns(['unit_id', 'task_id']).execute();

  await db.schema
    .createTable('task_milestones')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('task_id', 'text', (c) => c.notNull().references('tasks.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('done_on', 'text')
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('task_milestones_task_idx').on('task_milestones').column('task_id').execute();

  await db.schema
    .createTable('progress_updates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('task_id', 'text', (c) => c.notNull().references('tasks.id'))
    .addColumn('office_id', 'text', (c) => c.notNull().references('offices.id'))
    .addColumn('unit_id', 'text', (c) => c.references('units.id'))
    .addColumn('reported_on', 'text', (c) => c.notNull())
    .addColumn('done_text', 'text', (c) => c.notNull())
    .addColumn('next_steps', 'text')
    .addColumn('problems', 'text')
    .addColumn('support_needed', 'text')
    .addColumn('percent', 'integer')
    .addColumn('state', 'text', (c) => c.notNull()) // submitted | returned
    .addColumn('office_comment', 'text')
    .addColumn('created_by_name', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('progress_updates_task_idx').on('progress_updates').columns(['task_id', 'reported_on']).execute();
  await db.schema.createIndex('progress_updates_office_idx').on('progress_updates').columns(['office_id', 'reported_on']).execute();

  // Chinese text search on both databases: character bigrams of code, title and description, then an exact LIKE.
  await db.schema
    .createTable('task_terms')
    .addColumn('term', 'text', (c) => c.notNull())
    .addColumn('task_id', 'text', (c) => c.notNull().references('tasks.id'))
    .addPrimaryKeyConstraint('task_terms_pk', ['term', 'task_id'])
    .execute();
  await db.schema.createIndex('task_terms_task_idx').on('task_terms').column('task_id').execute();

  await db.schema
    .createTable('saved_views')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('office_id', 'text', (c) => c.notNull().references('offices.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('filters', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('saved_views_account_idx').on('saved_views').columns(['account_id', 'office_id']).execute();
}

export async function down(): Promise<void> {
  throw new Error('frozen migration: no down');
}
