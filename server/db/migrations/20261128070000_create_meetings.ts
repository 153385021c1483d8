// Frozen: never edit after it has landed. Imports only kysely.
import { PostgresAdapter, sql, type Kysely } from 'kysely';

const isPg = (db: Kysely<any>) => db.getExecutor().adapter instanceof PostgresAdapter;

/**
 * Meetings and minutes (A1-8, A2-6). Archived minutes (存档备查) are frozen by the database itself: no UPDATE or
 * DELETE of an archived minutes row, its topics, speakers' points, decisions, archive entry or attached files, and no
 * INSERT under it — whatever client writes to the database, not only through the API.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('meetings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('office_id', 'text', (c) => c.notNull().references('offices.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text')
    .addColumn('place', 'text', (c) => c.notNull())
    .addColumn('convener_person_id', 'text', (c) => c.references('people.id'))
    .addColumn('proposed_by_person_id', 'text', (c) => c.references('people.id'))
    .addColumn('extra', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('chair_person_id', 'text', (c) => c.references('people.id'))
    .addColumn('chair_via', 'text')
    .addColumn('chair_delegation_id', 'text')
    .addColumn('chair_on_behalf_of', 'text')
    .addColumn('material_cutoff', 'text')
    .addColumn('note', 'text')
    .addColumn('notice_sent_at', 'text')
    .addColumn('notice_sequence', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('held_at', 'text')
    .addColumn('cancelled_at', 'text')
    .addColumn('cancel_reason', 'text')
    .addColumn('postponements', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by_name', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('meetings_office_idx').on('meetings').columns(['office_id', 'starts_at']).execute();

  await db.schema
    .createTable('meeting_agenda_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
    .addColumn('office_id', 'text', (c) => c.notNull().references('offices.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('presenter_unit_id', 'text', (c) => c.references('units.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('proposed_by_unit_id', 'text', (c) => c.references('units.id'))
    .addColumn('proposed_by_name', 'text')
    .addColumn('reject_reason', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('meeting_agenda_items_meeting_idx').on('meeting_agenda_items').columns(['meeting_id', 'seq']).execute();

  await db.schema
    .createTable('meeting_attendees')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
    .addColumn('office_id', 'text', (c) => c.notNull().references('offices.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.references('people.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.references('units.id'))
    .addColumn('title', 'text')
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('response', 'text', (c) => c.notNull())
    .addColumn('substitute_name', 'text')
    .addColumn('leave_reason', 'text')
    .addColumn('responded_at', 'text')
    .addColumn('signed_in_at', 'text')
    .addColumn('signed_in_by', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('meeting_attendees_person_unique', ['meeting_id', 'person_id'])
    .execute();
  await db.schema.createIndex('meeting_attendees_person_idx').on('meeting_attendees').column('person_id').execute();

  await db.schema
    .createTable('meeting_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
    .addColumn('office_id', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_name', 'text')
    .addColumn('reason', 'text')
    .addColumn('detail', 'text')
    .execute();
  await db.schema.createIndex('meeting_events_meeting_idx').on('meeting_events').columns(['meeting_id', 'at']).execute();

  await db.schema
    .createTable('minutes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
    .addColumn('office_id', 'text', (c) => c.notNull().references('offices.id'))
    .addColumn('kind', 'text', (c) => c.notNull()) // original | correction
    .addColumn('corrects_minutes_id', 'text', (c) => c.references('minutes.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('series', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('number', 'integer')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('meeting_title', 'text', (c) => c.notNull())
    .addColumn('meeting_kind', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text')
    .addColumn('place', 'text', (c) => c.notNull())
    .addColumn('chair_person_id', 'text')
    .addColumn('chair_name', 'text')
    .addColumn('recorder_name', 'text')
    .addColumn('opening', 'text', (c) => c.notNull())
    .addColumn('attendance', 'text', (c) => c.notNull())
    .addColumn('correction_reason', 'text')
    .addColumn('reviewed_at', 'text')
    .addColumn('reviewed_by_name', 'text')
    .addColumn('return_reason', 'text')
    .addColumn('archived_at', 'text')
    .addColumn('archived_by_name', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await sql`create unique index minutes_original_unique on minutes (meeting_id) where kind = 'original'`.execute(db);
  await sql`create unique index minutes_number_unique on minutes (office_id, series, year, number) where number is not null`.execute(db);
  await db.schema.createIndex('minutes_corrects_idx').on('minutes').column('corrects_minutes_id').execute();

  await db.schema
    .createTable('minutes_topics')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('minutes_id', 'text', (c) => c.notNull().references('minutes.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('agenda_item_id', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('presenter_unit_name', 'text')
    .addColumn('summary', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('minutes_topics_minutes_idx').on('minutes_topics').columns(['minutes_id', 'seq']).execute();
  await db.schema
    .createTable('minutes_speaker_points')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('minutes_id', 'text', (c) => c.notNull().references('minutes.id'))
    .addColumn('topic_id', 'text', (c) => c.notNull().references('minutes_topics.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('speaker_name', 'text', (c) => c.notNull())
    .addColumn('speaker_person_id', 'text')
    .addColumn('unit_name', 'text')
    .addColumn('points', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('minutes_speaker_points_minutes_idx').on('minutes_speaker_points').columns(['minutes_id', 'topic_id', 'seq']).execute();
  await db.schema
    .createTable('minutes_decisions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('minutes_id', 'text', (c) => c.notNull().references('minutes.id'))
    .addColumn('topic_id', 'text', (c) => c.notNull().references('minutes_topics.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('owner_unit_id', 'text')
    .addColumn('owner_unit_name', 'text')
    .addColumn('deadline', 'text')
    .addColumn('supersedes_decision_id', 'text')
    .execute();
  await db.schema.createIndex('minutes_decisions_minutes_idx').on('minutes_decisions').columns(['minutes_id', 'topic_id', 'seq']).execute();

  // The archive entry: the SM3 digest of the canonical minutes JSON (which lists the attachments' digests).
  await db.schema
    .createTable('minutes_archives')
    .addColumn('minutes_id', 'text', (c) => c.primaryKey().references('minutes.id'))
    .addColumn('office_id', 'text', (c) => c.notNull())
    .addColumn('digest', 'text', (c) => c.notNull())
    .addColumn('canonical', 'text', (c) => c.notNull())
    .addColumn('archived_at', 'text', (c) => c.notNull())
    .addColumn('archived_by_name', 'text')
    .execute();

  // What happened to a decision afterwards (a ledger task, done): outside the frozen record, so it may change.
  await db.schema
    .createTable('meeting_decision_follow_ups')
    .addColumn('decision_id', 'text', (c) => c.primaryKey().references('minutes_decisions.id'))
    .addColumn('office_id', 'text', (c) => c.notNull())
    .addColumn('minutes_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('task_id', 'text')
    .addColumn('handed_off_at', 'text')
    .addColumn('handed_off_by_name', 'text')
    .addColumn('done_on', 'text')
    .addColumn('done_by_name', 'text')
    .addColumn('note', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  // A1-8 "in principle": a period without its meeting can be explained, never hidden.
  await db.schema
    .createTable('meeting_cadence_notes')
    .addColumn('office_id', 'text', (c) => c.notNull().references('offices.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('created_by_name', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('meeting_cadence_notes_pk', ['office_id', 'kind', 'period'])
    .execute();

  const frozen = '存档纪要不可更改（存档备查） / archived minutes are frozen';
  const archived = (alias: string) => sql.raw(`exists (select 1 from minutes m where m.id = ${alias}.minutes_id and m.status = 'archived')`);
  const children = ['minutes_topics', 'minutes_speaker_points', 'minutes_decisions'];

  if (isPg(db)) {
    await sql`create function minutes_frozen() returns trigger language plpgsql as $$
      begin raise exception '%', ${sql.lit(frozen)}; end $$`.execute(db);
    // minutes: an archived row neither changes nor goes; a draft may become archived (its last change).
    await sql`create trigger minutes_no_change before update or delete on minutes for each row when (old.status = 'archived') execute function minutes_frozen()`.execute(db);
    await sql`create function minutes_child_frozen() returns trigger language plpgsql as $$
      begin
        if tg_op in ('UPDATE', 'DELETE') and exists (select 1 from minutes m where m.id = old.minutes_id and m.status = 'archived') then
          raise exception '%', ${sql.lit(frozen)};
        end if;
        if tg_op in ('INSERT', 'UPDATE') and exists (select 1 from minutes m where m.id = new.minutes_id and m.status = 'archived') then
          raise exception '%', ${sql.lit(frozen)};
        end if;
        if tg_op = 'DELETE' then return old; end if;
        return new;
      end $$`.execute(db);
    for (const t of children) {
      await sql`create trigger ${sql.raw(`${t}_frozen`)} before insert or update or delete on ${sql.raw(t)} for each row execute function minutes_child_frozen()`.execute(db);
    }
    await sql`create trigger minutes_archives_no_change before update or delete on minutes_archives for each row execute function minutes_frozen()`.execute(db);
    await sql`create trigger minutes_archives_no_truncate before truncate on minutes_archives for each statement execute function minutes_frozen()`.execute(db);
    await sql`create function minutes_files_frozen() returns trigger language plpgsql as $$
      begin
        if old.owner_type = 'minutes' and exists (select 1 from minutes m where m.id = old.owner_id and m.status = 'archived') then
          raise exception '%', ${sql.lit(frozen)};
        end if;
        if old.owner_type = 'meeting_material' and exists (select 1 from meeting_agenda_items i join minutes m on m.meeting_id = i.meeting_id where i.id = old.owner_id and m.kind = 'original' and m.status = 'archived') then
          raise exception '%', ${sql.lit(frozen)};
        end if;
        if tg_op = 'DELETE' then return old; end if;
        return new;
      end $$`.execute(db);
    await sql`create trigger files_minutes_frozen before update or delete on files for each row when (old.owner_type in ('minutes', 'meeting_material')) execute function minutes_files_frozen()`.execute(db);
    return;
  }

  // SQLite. Also closes REPLACE conflict resolution, which deletes the conflicting row without firing delete
  // triggers: an insert or update that would collide with an archived row is refused first.
  const abort = sql.raw(`select raise(abort, '${frozen}');`);
  await sql`create trigger minutes_no_update before update on minutes
    when old.status = 'archived' or new.id <> old.id
      or (new.number is not null and exists (select 1 from minutes x where x.id <> old.id and x.status = 'archived' and x.office_id = new.office_id and x.series = new.series and x.year = new.year and x.number = new.number))
    begin ${abort} end`.execute(db);
  await sql`create trigger minutes_no_delete before delete on minutes when old.status = 'archived' begin ${abort} end`.execute(db);
  await sql`create trigger minutes_no_replace before insert on minutes
    when exists (select 1 from minutes x where x.id = new.id and x.status = 'archived')
      or (new.number is not null and exists (select 1 from minutes x where x.status = 'archived' and x.office_id = new.office_id and x.series = new.series and x.year = new.year and x.number = new.number))
      or (new.kind = 'original' and exists (select 1 from minutes x where x.meeting_id = new.meeting_id and x.kind = 'original' and x.status = 'archived'))
    begin ${abort} end`.execute(db);
  for (const t of children) {
    const T = sql.raw(t);
    await sql`create trigger ${sql.raw(`${t}_no_insert`)} before insert on ${T}
      when ${archived('new')} or exists (select 1 from ${T} x join minutes m on m.id = x.minutes_id where x.id = new.id and m.status = 'archived')
      begin ${abort} end`.execute(db);
    await sql`create trigger ${sql.raw(`${t}_no_update`)} before update on ${T} when ${archived('old')} or ${archived('new')} or new.id <> old.id begin ${abort} end`.execute(db);
    await sql`create trigger ${sql.raw(`${t}_no_delete`)} before delete on ${T} when ${archived('old')} begin ${abort} end`.execute(db);
  }
  await sql`create trigger minutes_archives_no_update before update on minutes_archives begin ${abort} end`.execute(db);
  await sql`create trigger minutes_archives_no_delete before delete on minutes_archives begin ${abort} end`.execute(db);
  await sql`create trigger minutes_archives_no_replace before insert on minutes_archives when exists (select 1 from minutes_archives x where x.minutes_id = new.minutes_id) begin ${abort} end`.execute(db);
  const frozenFile = (alias: string) =>
    sql.raw(
      `(${alias}.owner_type = 'minutes' and exists (select 1 from minutes m where m.id = ${alias}.owner_id and m.status = 'archived'))` +
        ` or (${alias}.owner_type = 'meeting_material' and exists (select 1 from meeting_agenda_items i join minutes m on m.meeting_id = i.meeting_id where i.id = ${alias}.owner_id and m.kind = 'original' and m.status = 'archived'))`,
    );
  await sql`create trigger files_minutes_no_update before update on files when ${frozenFile('old')} begin ${abort} end`.execute(db);
  await sql`create trigger files_minutes_no_delete before delete on files when ${frozenFile('old')} begin ${abort} end`.execute(db);
  await sql`create trigger files_minutes_no_replace before insert on files when exists (select 1 from files f where f.id = new.id and (${frozenFile('f')})) begin ${abort} end`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('frozen migration: no down');
}
