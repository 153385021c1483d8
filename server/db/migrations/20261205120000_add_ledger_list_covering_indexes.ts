// Frozen: never edit after it has landed. Imports only kysely.
import type { Kysely } from 'kysely';

/**
 * The ledger list by unit reaches the tasks a unit cooperates on through task_cooperating_units, one task by id at a
 * time: this index answers those lookups with every column the derived status reads (ledger.repository.ts:
 * statusSql) and the list's sort key, without reading the task rows. bench/'s 100,000-task prefecture, unit × status,
 * 240 lists and counts in process on SQLite: 13.6 + 12.2 ms → 9.2 + 7.9 ms.
 *
 * Not added: the lead unit's index with the sort key and id as well (SQLite 7.4 + 6.2 ms with both). On PostgreSQL it
 * made the generic plan of the prepared list statement join the cooperating tasks against every task of the office
 * (3.2 s a count instead of 39 ms; EXPLAIN ANALYZE with plan_cache_mode = force_generic_plan); with this index alone
 * the generic plan looks each cooperating task up by id.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('tasks_id_status_idx')
    .on('tasks')
    .columns(['id', 'office_id', 'depth', 'cancelled_at', 'done_at', 'deadline', 'at_risk_from', 'percent', 'next_milestone_due', 'last_update_on', 'code'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('frozen migration: no down');
}
