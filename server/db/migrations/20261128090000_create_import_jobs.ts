// Frozen: never edit after it has landed. Imports only kysely.
import type { Kysely } from 'kysely';

/**
 * Long imports (the ledger workbook first) run as jobs whose state lives here, so any app process can answer
 * "how far is it?" for a job another process runs. `kind` names the importer (ledger.tasks …); `report` is JSON text.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('import_jobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('office_id', 'text', (c) => c.notNull().references('offices.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull()) // running | succeeded | failed
    .addColumn('done', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('total', 'integer', (c) => c.notNull())
    .addColumn('report', 'text')
    .addColumn('error', 'text')
    .addColumn('file_name', 'text')
    .addColumn('file_sha256', 'text')
    .addColumn('created_by_account_id', 'text', (c) => c.references('accounts.id'))
    .addColumn('created_by_name', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .execute();
  await db.schema.createIndex('import_jobs_office_idx').on('import_jobs').columns(['office_id', 'created_at']).execute();
}

export async function down(): Promise<void> {
  throw new Error('frozen migration: no down');
}
