// Frozen: never edit after it has landed. Imports only kysely.
import { PostgresAdapter, sql, type Kysely } from 'kysely';

const isPg = (db: Kysely<any>) => db.getExecutor().adapter instanceof PostgresAdapter;

/**
 * Official documents (A2-12): outgoing documents with their 核稿 rounds, sign-off, numbering (a counter per issuer
 * code and year, a register with a UNIQUE backstop), distribution with read receipts; incoming documents and
 * major-matter reports (A2-11) with their own incoming numbers. An issued document is frozen by triggers.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('documents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('office_id', 'text', (c) => c.notNull().references('offices.id'))
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('issuer_code', 'text')
    .addColumn('issuer_name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('addressees', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('attachments', 'text', (c) => c.notNull())
    .addColumn('copy_to', 'text', (c) => c.notNull())
    .addColumn('classification', 'text')
    .addColumn('secrecy_period', 'text')
    .addColumn('urgency', 'text')
    .addColumn('disclosure', 'text', (c) => c.notNull())
    .addColumn('disclosure_reason', 'text')
    .addColumn('note', 'text')
    .addColumn('sealed_on_behalf', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('signature_name', 'text', (c) => c.notNull())
    .addColumn('printed_by', 'text', (c) => c.notNull())
    .addColumn('printed_on', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('review_round', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('signed_by_person_id', 'text')
    .addColumn('signed_by_name', 'text')
    .addColumn('signed_at', 'text')
    .addColumn('signed_on', 'text')
    .addColumn('sign_via', 'text')
    .addColumn('delegation_id', 'text')
    .addColumn('on_behalf_of_person_id', 'text')
    .addColumn('on_behalf_of_name', 'text')
    .addColumn('sign_opinion', 'text')
    .addColumn('doc_year', 'integer')
    .addColumn('doc_serial', 'integer')
    .addColumn('doc_number', 'text')
    .addColumn('numbered_at', 'text')
    .addColumn('numbered_by_name', 'text')
    .addColumn('issued_at', 'text')
    .addColumn('issued_by_name', 'text')
    .addColumn('digest', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('close_reason', 'text')
    .addColumn('created_by_name', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('documents_office_idx').on('documents').columns(['office_id', 'status']).execute();

  await db.schema
    .createTable('document_reviews')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('document_id', 'text', (c) => c.notNull().references('documents.id'))
    .addColumn('round', 'integer', (c) => c.notNull())
    .addColumn('step', 'integer', (c) => c.notNull())
    .addColumn('reviewer_person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('reviewer_name', 'text', (c) => c.notNull())
    .addColumn('decision', 'text')
    .addColumn('comment', 'text')
    .addColumn('decided_at', 'text')
    .addUniqueConstraint('document_reviews_step_unique', ['document_id', 'round', 'step'])
    .execute();

  await db.schema
    .createTable('document_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('document_id', 'text', (c) => c.notNull().references('documents.id'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_name', 'text')
    .addColumn('detail', 'text')
    .execute();
  await db.schema.createIndex('document_events_document_idx').on('document_events').columns(['document_id', 'at']).execute();

  // One counter row per issuer code (or incoming scope) and year, incremented inside the numbering transaction.
  await db.schema
    .createTable('document_counters')
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('last_serial', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('document_counters_pk', ['scope', 'year'])
    .execute();

  // The register of document numbers: every number ever given, voided ones kept with their reason.
  await db.schema
    .createTable('document_numbers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('issuer_code', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('serial', 'integer', (c) => c.notNull())
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('document_id', 'text', (c) => c.notNull().unique().references('documents.id'))
    .addColumn('office_id', 'text', (c) => c.notNull().references('offices.id'))
    .addColumn('assigned_at', 'text', (c) => c.notNull())
    .addColumn('assigned_by_name', 'text')
    .addColumn('voided_at', 'text')
    .addColumn('void_reason', 'text')
    .addUniqueConstraint('document_numbers_unique', ['issuer_code', 'year', 'serial'])
    .execute();

  await db.schema
    .createTable('document_distributions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('document_id', 'text', (c) => c.notNull().references('documents.id'))
    .addColumn('office_id', 'text', (c) => c.notNull().references('offices.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('recipient_type', 'text', (c) => c.notNull())
    .addColumn('recipient_id', 'text', (c) => c.notNull())
    .addColumn('recipient_office_id', 'text', (c) => c.notNull().references('offices.id'))
    .addColumn('recipient_name', 'text', (c) => c.notNull())
    .addColumn('distributed_at', 'text', (c) => c.notNull())
    .addColumn('distributed_by_name', 'text')
    .addUniqueConstraint('document_distributions_unique', ['document_id', 'recipient_type', 'recipient_id'])
    .execute();
  await db.schema.createIndex('document_distributions_recipient_idx').on('document_distributions').columns(['recipient_office_id', 'recipient_type', 'recipient_id']).execute();

  await db.schema
    .createTable('document_receipts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('distribution_id', 'text', (c) => c.notNull().references('document_distributions.id'))
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('reader_name', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('document_receipts_unique', ['distribution_id', 'account_id'])
    .execute();

  // 收文 and major-matter reports (A2-11, A2-12): submitted by a member unit or a child office to this office.
  await db.schema
    .createTable('incoming_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('office_id', 'text', (c) => c.notNull().references('offices.id'))
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('source_type', 'text', (c) => c.notNull())
    .addColumn('source_unit_id', 'text', (c) => c.references('units.id'))
    .addColumn('source_office_id', 'text', (c) => c.references('offices.id'))
    .addColumn('source_name', 'text', (c) => c.notNull())
    .addColumn('submitted_by_account_id', 'text', (c) => c.references('accounts.id'))
    .addColumn('submitted_by_name', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('their_number', 'text')
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('matter_what', 'text')
    .addColumn('matter_why_urgent', 'text')
    .addColumn('matter_request', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('incoming_year', 'integer')
    .addColumn('incoming_serial', 'integer')
    .addColumn('incoming_number', 'text')
    .addColumn('registered_at', 'text')
    .addColumn('registered_on', 'text')
    .addColumn('registered_by_name', 'text')
    .addColumn('time_limit_working_days', 'integer')
    .addColumn('due_date', 'text')
    .addColumn('batch_id', 'text')
    .addColumn('forwarded_to', 'text')
    .addColumn('forwarded_at', 'text')
    .addColumn('forwarded_by_name', 'text')
    .addColumn('forward_note', 'text')
    .addColumn('instruction', 'text')
    .addColumn('instructed_by_name', 'text')
    .addColumn('instructed_at', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('closed_by_name', 'text')
    .addColumn('reject_reason', 'text')
    .addColumn('task_id', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('incoming_items_number_unique', ['office_id', 'incoming_year', 'incoming_serial'])
    .execute();
  await db.schema.createIndex('incoming_items_office_idx').on('incoming_items').columns(['office_id', 'status']).execute();

  await db.schema
    .createTable('incoming_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('item_id', 'text', (c) => c.notNull().references('incoming_items.id'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_name', 'text')
    .addColumn('detail', 'text')
    .execute();
  await db.schema.createIndex('incoming_events_item_idx').on('incoming_events').columns(['item_id', 'at']).execute();

  // An issued document is archived: no UPDATE, no DELETE, and its attachment files stay as they are.
  if (isPg(db)) {
    await sql`create function documents_issued_frozen() returns trigger language plpgsql as $$
      begin
        raise exception 'issued document % is archived and cannot be changed', old.id using errcode = 'check_violation';
      end $$`.execute(db);
    await sql`create trigger documents_no_update_issued before update on documents
      for each row when (old.status = 'issued') execute function documents_issued_frozen()`.execute(db);
    await sql`create trigger documents_no_delete_issued before delete on documents
      for each row when (old.status = 'issued') execute function documents_issued_frozen()`.execute(db);
    await sql`create function document_files_frozen() returns trigger language plpgsql as $$
      begin
        if exists (select 1 from documents d where d.id = old.owner_id and d.status = 'issued') then
          raise exception 'attachment % of an issued document cannot be changed', old.id using errcode = 'check_violation';
        end if;
        if tg_op = 'DELETE' then return old; end if;
        return new;
      end $$`.execute(db);
    await sql`create trigger files_document_frozen before update or delete on files
      for each row when (old.owner_type = 'document') execute function document_files_frozen()`.execute(db);
  } else {
    await sql`create trigger documents_no_update_issued before update on documents
      when old.status = 'issued'
      begin select raise(abort, 'issued document is archived and cannot be changed'); end`.execute(db);
    await sql`create trigger documents_no_delete_issued before delete on documents
      when old.status = 'issued'
      begin select raise(abort, 'issued document is archived and cannot be changed'); end`.execute(db);
    // INSERT OR REPLACE deletes without firing delete triggers: refuse a replacing insert of an issued document's id.
    await sql`create trigger documents_no_replace_issued before insert on documents
      when exists (select 1 from documents where id = new.id and status = 'issued')
      begin select raise(abort, 'issued document is archived and cannot be changed'); end`.execute(db);
    await sql`create trigger files_document_no_update before update on files
      when old.owner_type = 'document' and exists (select 1 from documents d where d.id = old.owner_id and d.status = 'issued')
      begin select raise(abort, 'attachment of an issued document cannot be changed'); end`.execute(db);
    await sql`create trigger files_document_no_delete before delete on files
      when old.owner_type = 'document' and exists (select 1 from documents d where d.id = old.owner_id and d.status = 'issued')
      begin select raise(abort, 'attachment of an issued document cannot be changed'); end`.execute(db);
  }
}

export async function down(): Promise<void> {
  throw new Error('frozen migration: no down');
}
