import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import type { Db } from './db.ts';
import * as m20261128041000 from './migrations/20261128041000_create_platform.ts';
import * as m20261128050000 from './migrations/20261128050000_create_calendar_reports.ts';
import * as m20261128055000 from './migrations/20261128055000_guard_audit_log_replace.ts';
import * as m20261128060000 from './migrations/20261128060000_create_ledger.ts';
import * as m20261128070000 from './migrations/20261128070000_create_meetings.ts';
import * as m20261128080000 from './migrations/20261128080000_create_documents.ts';
import * as m20261128090000 from './migrations/20261128090000_create_import_jobs.ts';
import * as m20261128100000 from './migrations/20261128100000_add_ledger_bench_indexes.ts';
import * as m20261128110000 from './migrations/20261128110000_create_task_extensions.ts';
import * as m20261205090000 from './migrations/20261205090000_create_update_day_counts.ts';
import * as m20261205120000 from './migrations/20261205120000_add_ledger_list_covering_indexes.ts';
import * as m20261206100000 from './migrations/20261206100000_widen_progress_updates_office_index.ts';
import * as m20261206120000 from './migrations/20261206120000_copy_task_status_to_cooperating_units.ts';
import * as m20261206150000 from './migrations/20261206150000_keep_task_status_for_the_day.ts';
import * as m20261206170000 from './migrations/20261206170000_keep_ledger_list_rows.ts';
import * as m20261206200000 from './migrations/20261206200000_one_account_per_person.ts';

/** The frozen list, in order. A new migration is a new file and one new line here. */
const MIGRATIONS: Record<string, Migration> = {
  '20261128041000_create_platform': m20261128041000,
  '20261128050000_create_calendar_reports': m20261128050000,
  '20261128055000_guard_audit_log_replace': m20261128055000,
  '20261128060000_create_ledger': m20261128060000,
  '20261128070000_create_meetings': m20261128070000,
  '20261128080000_create_documents': m20261128080000,
  '20261128090000_create_import_jobs': m20261128090000,
  '20261128100000_add_ledger_bench_indexes': m20261128100000,
  '20261128110000_create_task_extensions': m20261128110000,
  '20261205090000_create_update_day_counts': m20261205090000,
  '20261205120000_add_ledger_list_covering_indexes': m20261205120000,
  '20261206100000_widen_progress_updates_office_index': m20261206100000,
  '20261206120000_copy_task_status_to_cooperating_units': m20261206120000,
  '20261206150000_keep_task_status_for_the_day': m20261206150000,
  '20261206170000_keep_ledger_list_rows': m20261206170000,
  '20261206200000_one_account_per_person': m20261206200000,
};

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
