// Frozen: never edit after it has landed. Imports only kysely.
import type { Kysely } from 'kysely';

/**
 * One account per person, kept by the database: the accounts service checks before it inserts, but two requests on
 * PostgreSQL (read committed) can both pass that check and both insert. The unique index refuses the second (the error
 * handler answers 409 naming personId). Accounts without a person (the system duties) have a null person_id, which a
 * unique index admits any number of times on both databases. It is also the index the lookups by person lacked (the
 * creation's own check, meeting notices to people's accounts, people listed with their accounts).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('accounts_person_unique').on('accounts').column('person_id').unique().execute();
}

export async function down(): Promise<void> {
  throw new Error('frozen migration: no down');
}
