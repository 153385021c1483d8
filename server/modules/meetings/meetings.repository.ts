import { sql } from 'kysely';
import type { Db, Tx } from '../../db/db.ts';
import type {
  FilesTable,
  MeetingAgendaItemsTable,
  MeetingAttendeesTable,
  MeetingDecisionFollowUpsTable,
  MeetingEventsTable,
  MeetingsTable,
  MinutesArchivesTable,
  MinutesDecisionsTable,
  MinutesSpeakerPointsTable,
  MinutesTable,
  MinutesTopicsTable,
} from '../../db/schema.ts';

type Q = Db | Tx;
type Insert<T> = { [K in keyof T]: T[K] extends import('kysely').Generated<infer U> ? U : T[K] };

export const RULES_KEY = 'meetings.kinds';
export const MATERIAL_OWNER = 'meeting_material';
export const MINUTES_OWNER = 'minutes';

/** All queries of the meetings module. Every lookup is scoped to one office. */
export function createMeetingsRepository() {
  const meetingWithNames = (q: Q) =>
    q
      .selectFrom('meetings')
      .leftJoin('people as convener', 'convener.id', 'meetings.convenerPersonId')
      .leftJoin('people as proposer', 'proposer.id', 'meetings.proposedByPersonId')
      .leftJoin('people as chair', 'chair.id', 'meetings.chairPersonId')
      .leftJoin('people as principal', 'principal.id', 'meetings.chairOnBehalfOf')
      .leftJoin('minutes', (j) => j.onRef('minutes.meetingId', '=', 'meetings.id').on('minutes.kind', '=', 'original'))
      .selectAll('meetings')
      .select(['convener.name as convenerName', 'proposer.name as proposerName', 'chair.name as chairName', 'principal.name as onBehalfOfName', 'minutes.id as minutesId', 'minutes.status as minutesStatus']);

  const onDate = (date: string) => (eb: any) => eb.and([eb('appointments.startDate', '<=', date), eb.or([eb('appointments.endDate', 'is', null), eb('appointments.endDate', '>=', date)])]);

  return {
    findOffice: (q: Q, officeId: string) => q.selectFrom('offices').select(['id', 'name', 'shortName', 'path']).where('id', '=', officeId).executeTakeFirst(),

    // ---- the roster as meetings need it ----
    /** The posts a person holds in the office on a date. */
    postsOn: async (q: Q, officeId: string, personId: string, date: string) =>
      (await q.selectFrom('appointments').select('post').where('officeId', '=', officeId).where('personId', '=', personId).where(onDate(date)).execute()).map((r) => r.post),
    /** Holders of the posts on a date, in post order, with their unit. */
    holdersOn: (q: Q, officeId: string, posts: readonly string[], date: string) =>
      posts.length
        ? q
            .selectFrom('appointments')
            .innerJoin('people', 'people.id', 'appointments.personId')
            .leftJoin('units', 'units.id', 'appointments.unitId')
            .select(['appointments.post', 'appointments.personId', 'people.name', 'people.title', 'appointments.unitId', 'units.name as unitName', 'units.sortOrder'])
            .where('appointments.officeId', '=', officeId)
            .where('appointments.post', 'in', [...posts])
            .where(onDate(date))
            .orderBy('units.sortOrder')
            .orderBy('people.name')
            .execute()
        : Promise.resolve([]),
    findPerson: (q: Q, officeId: string, personId: string) =>
      q
        .selectFrom('people')
        .leftJoin('units', 'units.id', 'people.unitId')
        .select(['people.id', 'people.name', 'people.title', 'people.unitId', 'units.name as unitName', 'people.email'])
        .where('people.officeId', '=', officeId)
        .where('people.id', '=', personId)
        .executeTakeFirst(),
    findUnit: (q: Q, officeId: string, unitId: string) => q.selectFrom('units').select(['id', 'name']).where('officeId', '=', officeId).where('id', '=', unitId).executeTakeFirst(),
    /** Accounts (and e-mail) of people, for notices. */
    accountsOfPeople: (q: Q, personIds: string[]) =>
      personIds.length
        ? q
            .selectFrom('accounts')
            .innerJoin('people', 'people.id', 'accounts.personId')
            .select(['accounts.id as accountId', 'accounts.personId', 'people.email'])
            .where('accounts.personId', 'in', personIds)
            .where('accounts.disabled', '=', 0)
            .execute()
        : Promise.resolve([]),
    /** The current liaison officers of units (materials reminders). */
    liaisonsOf: (q: Q, officeId: string, unitIds: string[], date: string) =>
      unitIds.length
        ? q
            .selectFrom('appointments')
            .innerJoin('people', 'people.id', 'appointments.personId')
            .select(['appointments.unitId', 'appointments.personId', 'people.name'])
            .where('appointments.officeId', '=', officeId)
            .where('appointments.post', '=', 'liaison_officer')
            .where('appointments.unitId', 'in', unitIds)
            .where(onDate(date))
            .execute()
        : Promise.resolve([]),
    personOfAccount: async (q: Q, accountId: string) => (await q.selectFrom('accounts').select('personId').where('id', '=', accountId).executeTakeFirst())?.personId ?? null,

    // ---- meetings ----
    insertMeeting: (q: Q, row: Insert<MeetingsTable>) => q.insertInto('meetings').values(row).execute(),
    findMeeting: (q: Q, officeId: string, id: string) => meetingWithNames(q).where('meetings.officeId', '=', officeId).where('meetings.id', '=', id).executeTakeFirst(),
    listMeetings: (q: Q, officeId: string, f: { from?: string; to?: string; kind?: string; status?: string } = {}) => {
      let query = meetingWithNames(q).where('meetings.officeId', '=', officeId);
      if (f.from) query = query.where('meetings.startsAt', '>=', f.from);
      if (f.to) query = query.where('meetings.startsAt', '<', f.to);
      if (f.kind) query = query.where('meetings.kind', '=', f.kind);
      if (f.status) query = query.where('meetings.status', '=', f.status);
      return query.orderBy('meetings.startsAt', 'desc').orderBy('meetings.id', 'desc').execute();
    },
    /** Optimistic update: 0 rows when the version moved on. */
    updateMeeting: async (q: Q, id: string, version: number, patch: Partial<Insert<MeetingsTable>>) =>
      Number((await q.updateTable('meetings').set({ ...patch, version: version + 1 }).where('id', '=', id).where('version', '=', version).executeTakeFirst()).numUpdatedRows),
    /** Meetings of the people (invited, chairing or convening), for their ICS feed. */
    meetingsOfPerson: (q: Q, personId: string, fromIso: string) =>
      q
        .selectFrom('meetings')
        .select(['meetings.id', 'meetings.officeId', 'meetings.kind', 'meetings.title', 'meetings.status', 'meetings.startsAt', 'meetings.endsAt', 'meetings.place', 'meetings.noticeSequence'])
        .where('meetings.startsAt', '>=', fromIso)
        .where('meetings.status', '!=', 'cancelled')
        .where((eb) =>
          eb.or([
            eb('meetings.chairPersonId', '=', personId),
            eb('meetings.convenerPersonId', '=', personId),
            eb.exists(eb.selectFrom('meetingAttendees as a').select('a.id').whereRef('a.meetingId', '=', 'meetings.id').where('a.personId', '=', personId)),
          ]),
        )
        .orderBy('meetings.startsAt')
        .limit(500)
        .execute(),
    insertEvent: (q: Q, row: MeetingEventsTable) => q.insertInto('meetingEvents').values(row).execute(),
    listEvents: (q: Q, meetingId: string) => q.selectFrom('meetingEvents').selectAll().where('meetingId', '=', meetingId).orderBy('at').orderBy('id').execute(),

    // ---- agenda ----
    listAgenda: (q: Q, meetingId: string) =>
      q
        .selectFrom('meetingAgendaItems as i')
        .leftJoin('units as pu', 'pu.id', 'i.presenterUnitId')
        .leftJoin('units as bu', 'bu.id', 'i.proposedByUnitId')
        .selectAll('i')
        .select(['pu.name as presenterUnitName', 'bu.name as proposedByUnitName'])
        .where('i.meetingId', '=', meetingId)
        .orderBy('i.seq')
        .orderBy('i.id')
        .execute(),
    findAgendaItem: (q: Q, meetingId: string, id: string) =>
      q
        .selectFrom('meetingAgendaItems as i')
        .leftJoin('units as pu', 'pu.id', 'i.presenterUnitId')
        .leftJoin('units as bu', 'bu.id', 'i.proposedByUnitId')
        .selectAll('i')
        .select(['pu.name as presenterUnitName', 'bu.name as proposedByUnitName'])
        .where('i.meetingId', '=', meetingId)
        .where('i.id', '=', id)
        .executeTakeFirst(),
    insertAgendaItem: (q: Q, row: Insert<MeetingAgendaItemsTable>) => q.insertInto('meetingAgendaItems').values(row).execute(),
    updateAgendaItem: async (q: Q, id: string, version: number, patch: Partial<Insert<MeetingAgendaItemsTable>>) =>
      Number((await q.updateTable('meetingAgendaItems').set({ ...patch, version: version + 1 }).where('id', '=', id).where('version', '=', version).executeTakeFirst()).numUpdatedRows),
    setAgendaSeq: (q: Q, id: string, seq: number, now: string) => q.updateTable('meetingAgendaItems').set((eb) => ({ seq, updatedAt: now, version: eb('version', '+', 1) })).where('id', '=', id).execute(),
    maxAgendaSeq: async (q: Q, meetingId: string) => Number((await q.selectFrom('meetingAgendaItems').select((eb) => eb.fn.max('seq').as('m')).where('meetingId', '=', meetingId).executeTakeFirst())?.m ?? 0),

    // ---- files (materials of agenda items, attachments of minutes) ----
    listFiles: (q: Q, ownerType: string, ownerIds: string[]) =>
      ownerIds.length
        ? q
            .selectFrom('files')
            .select(['id', 'ownerId', 'filename', 'mime', 'size', 'digest', 'uploadedByName', 'createdAt'])
            .where('ownerType', '=', ownerType)
            .where('ownerId', 'in', ownerIds)
            .where('deletedAt', 'is', null)
            .orderBy('createdAt')
            .orderBy('id')
            .execute()
        : Promise.resolve([]),
    /** With content: the meeting pack, digest verification. */
    listFilesWithContent: (q: Q, ownerType: string, ownerIds: string[]) =>
      ownerIds.length ? q.selectFrom('files').selectAll().where('ownerType', '=', ownerType).where('ownerId', 'in', ownerIds).where('deletedAt', 'is', null).orderBy('createdAt').orderBy('id').execute() : Promise.resolve([]),
    findFile: (q: Q, ownerType: string, ownerId: string, fileId: string) =>
      q.selectFrom('files').selectAll().where('ownerType', '=', ownerType).where('ownerId', '=', ownerId).where('id', '=', fileId).where('deletedAt', 'is', null).executeTakeFirst(),
    insertFile: (q: Q, row: Insert<FilesTable>) => q.insertInto('files').values(row).execute(),
    markFileDeleted: (q: Q, id: string, now: string) => q.updateTable('files').set({ deletedAt: now }).where('id', '=', id).execute(),

    // ---- attendance ----
    listAttendees: (q: Q, meetingId: string) =>
      q.selectFrom('meetingAttendees as a').leftJoin('units as u', 'u.id', 'a.unitId').selectAll('a').select('u.name as unitName').where('a.meetingId', '=', meetingId).orderBy('a.seq').orderBy('a.id').execute(),
    findAttendee: (q: Q, meetingId: string, id: string) =>
      q.selectFrom('meetingAttendees as a').leftJoin('units as u', 'u.id', 'a.unitId').selectAll('a').select('u.name as unitName').where('a.meetingId', '=', meetingId).where('a.id', '=', id).executeTakeFirst(),
    findAttendeeByPerson: (q: Q, meetingId: string, personId: string) =>
      q.selectFrom('meetingAttendees as a').leftJoin('units as u', 'u.id', 'a.unitId').selectAll('a').select('u.name as unitName').where('a.meetingId', '=', meetingId).where('a.personId', '=', personId).executeTakeFirst(),
    insertAttendee: (q: Q, row: Insert<MeetingAttendeesTable>) => q.insertInto('meetingAttendees').values(row).execute(),
    updateAttendee: async (q: Q, id: string, version: number, patch: Partial<Insert<MeetingAttendeesTable>>) =>
      Number((await q.updateTable('meetingAttendees').set({ ...patch, version: version + 1 }).where('id', '=', id).where('version', '=', version).executeTakeFirst()).numUpdatedRows),
    deleteAttendee: (q: Q, id: string) => q.deleteFrom('meetingAttendees').where('id', '=', id).execute(),
    maxAttendeeSeq: async (q: Q, meetingId: string) => Number((await q.selectFrom('meetingAttendees').select((eb) => eb.fn.max('seq').as('m')).where('meetingId', '=', meetingId).executeTakeFirst())?.m ?? 0),

    // ---- minutes ----
    insertMinutes: (q: Q, row: Insert<MinutesTable>) => q.insertInto('minutes').values(row).execute(),
    findMinutes: (q: Q, officeId: string, id: string) => q.selectFrom('minutes').selectAll().where('officeId', '=', officeId).where('id', '=', id).executeTakeFirst(),
    findMinutesAnyOffice: (q: Q, id: string) => q.selectFrom('minutes').selectAll().where('id', '=', id).executeTakeFirst(),
    findOriginalMinutes: (q: Q, meetingId: string) => q.selectFrom('minutes').selectAll().where('meetingId', '=', meetingId).where('kind', '=', 'original').executeTakeFirst(),
    listCorrections: (q: Q, minutesId: string) =>
      q.selectFrom('minutes').select(['id', 'status', 'correctionReason', 'createdAt', 'archivedAt']).where('correctsMinutesId', '=', minutesId).orderBy('createdAt').orderBy('id').execute(),
    updateMinutes: async (q: Q, id: string, version: number, patch: Partial<Insert<MinutesTable>>) =>
      Number((await q.updateTable('minutes').set({ ...patch, version: version + 1 }).where('id', '=', id).where('version', '=', version).executeTakeFirst()).numUpdatedRows),
    listTopics: (q: Q, minutesId: string) => q.selectFrom('minutesTopics').selectAll().where('minutesId', '=', minutesId).orderBy('seq').orderBy('id').execute(),
    listPoints: (q: Q, minutesId: string) => q.selectFrom('minutesSpeakerPoints').selectAll().where('minutesId', '=', minutesId).orderBy('seq').orderBy('id').execute(),
    listDecisions: (q: Q, minutesId: string) =>
      q
        .selectFrom('minutesDecisions as d')
        .innerJoin('minutesTopics as t', 't.id', 'd.topicId')
        .selectAll('d')
        .where('d.minutesId', '=', minutesId)
        .orderBy('t.seq')
        .orderBy('d.seq')
        .orderBy('d.id')
        .execute(),
    /** Replaces a draft's topics, speakers' points and decisions (the database refuses it for archived minutes). */
    replaceContent: async (q: Q, minutesId: string, topics: MinutesTopicsTable[], points: MinutesSpeakerPointsTable[], decisions: MinutesDecisionsTable[]) => {
      await q.deleteFrom('minutesSpeakerPoints').where('minutesId', '=', minutesId).execute();
      await q.deleteFrom('minutesDecisions').where('minutesId', '=', minutesId).execute();
      await q.deleteFrom('minutesTopics').where('minutesId', '=', minutesId).execute();
      if (topics.length) await q.insertInto('minutesTopics').values(topics).execute();
      if (points.length) await q.insertInto('minutesSpeakerPoints').values(points).execute();
      if (decisions.length) await q.insertInto('minutesDecisions').values(decisions).execute();
    },
    nextMinutesNumber: async (q: Q, officeId: string, series: string, year: number) =>
      Number((await q.selectFrom('minutes').select((eb) => eb.fn.max('number').as('m')).where('officeId', '=', officeId).where('series', '=', series).where('year', '=', year).executeTakeFirst())?.m ?? 0) + 1,
    insertArchive: (q: Q, row: MinutesArchivesTable) => q.insertInto('minutesArchives').values(row).execute(),
    findArchive: (q: Q, minutesId: string) => q.selectFrom('minutesArchives').selectAll().where('minutesId', '=', minutesId).executeTakeFirst(),

    // ---- decisions and their follow-up ----
    findDecision: (q: Q, officeId: string, decisionId: string) =>
      q
        .selectFrom('minutesDecisions as d')
        .innerJoin('minutes as m', 'm.id', 'd.minutesId')
        .selectAll('d')
        .select(['m.officeId', 'm.meetingId', 'm.status as minutesStatus', 'm.meetingTitle', 'm.number as minutesNumber', 'm.title as minutesTitle', 'm.kind as minutesKind'])
        .where('m.officeId', '=', officeId)
        .where('d.id', '=', decisionId)
        .executeTakeFirst(),
    listFollowUps: (q: Q, decisionIds: string[]) => (decisionIds.length ? q.selectFrom('meetingDecisionFollowUps').selectAll().where('decisionId', 'in', decisionIds).execute() : Promise.resolve([])),
    /** Claims the hand-off of a decision: false when one exists already (the primary key decides a race). */
    insertFollowUp: async (q: Q, row: Insert<MeetingDecisionFollowUpsTable>) => {
      const r = await q.insertInto('meetingDecisionFollowUps').values(row).onConflict((oc) => oc.column('decisionId').doNothing()).executeTakeFirst();
      return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
    },
    updateFollowUp: (q: Q, decisionId: string, patch: Partial<Insert<MeetingDecisionFollowUpsTable>>) =>
      q.updateTable('meetingDecisionFollowUps').set((eb) => ({ ...patch, version: eb('version', '+', 1) })).where('decisionId', '=', decisionId).execute(),
    deleteFollowUp: (q: Q, decisionId: string) => q.deleteFrom('meetingDecisionFollowUps').where('decisionId', '=', decisionId).execute(),
    /** Decisions of archived minutes with a deadline, for the overdue list. */
    listArchivedDecisions: (q: Q, officeId: string) =>
      q
        .selectFrom('minutesDecisions as d')
        .innerJoin('minutes as m', 'm.id', 'd.minutesId')
        .innerJoin('minutesTopics as t', 't.id', 'd.topicId')
        .leftJoin('meetingDecisionFollowUps as f', 'f.decisionId', 'd.id')
        .select([
          'd.id', 'd.minutesId', 'd.text', 'd.ownerUnitName', 'd.deadline', 'd.seq', 't.seq as topicSeq', 'm.meetingId', 'm.meetingTitle', 'm.startsAt',
          'f.status as followUpStatus', 'f.taskId', 'f.handedOffAt', 'f.handedOffByName', 'f.doneOn', 'f.note',
        ])
        .where('m.officeId', '=', officeId)
        .where('m.status', '=', 'archived')
        .where('d.deadline', 'is not', null)
        .orderBy('d.deadline')
        .execute(),
    /** Decisions superseded by archived corrections (they no longer count as open). */
    listSupersededIds: async (q: Q, officeId: string) =>
      (
        await q
          .selectFrom('minutesDecisions as d')
          .innerJoin('minutes as m', 'm.id', 'd.minutesId')
          .select('d.supersedesDecisionId')
          .where('m.officeId', '=', officeId)
          .where('m.status', '=', 'archived')
          .where('d.supersedesDecisionId', 'is not', null)
          .execute()
      ).map((r) => r.supersedesDecisionId!),

    // ---- cadence notes ----
    listNotes: (q: Q, officeId: string, year: number) =>
      q.selectFrom('meetingCadenceNotes').selectAll().where('officeId', '=', officeId).where(sql<string>`substr(period, 1, 4)`, '=', String(year)).execute(),
    upsertNote: (q: Q, row: { officeId: string; kind: string; period: string; note: string; createdByName: string | null; updatedAt: string }) =>
      q
        .insertInto('meetingCadenceNotes')
        .values({ ...row, version: 1 })
        .onConflict((oc) => oc.columns(['officeId', 'kind', 'period']).doUpdateSet((eb) => ({ note: eb.ref('excluded.note'), createdByName: eb.ref('excluded.createdByName'), updatedAt: eb.ref('excluded.updatedAt'), version: sql<number>`meeting_cadence_notes.version + 1` })))
        .execute(),
  };
}
export type MeetingsRepository = ReturnType<typeof createMeetingsRepository>;
