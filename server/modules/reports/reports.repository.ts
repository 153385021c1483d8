import { sql } from 'kysely';
import type { Db, Tx } from '../../db/db.ts';
import type { ReportCyclesTable, ReportsTable } from '../../db/schema.ts';

type Q = Db | Tx;
type Insert<T> = { [K in keyof T]: T[K] extends import('kysely').Generated<infer U> ? U : T[K] };

export const RULES_KEY = 'reports.quarterly';

export function createReportsRepository() {
  const reportWithContext = (q: Q) =>
    q
      .selectFrom('reports')
      .innerJoin('reportCycles', 'reportCycles.id', 'reports.cycleId')
      .innerJoin('units', 'units.id', 'reports.unitId')
      .selectAll('reports')
      .select(['units.name as unitName', 'reportCycles.year', 'reportCycles.quarter', 'reportCycles.dueDate']);

  return {
    listOfficeIds: (q: Q) => q.selectFrom('offices').select(['id']).execute(),
    findOffice: (q: Q, officeId: string) => q.selectFrom('offices').select(['id', 'name', 'shortName']).where('id', '=', officeId).executeTakeFirst(),
    listChildOffices: (q: Q, officeId: string) => q.selectFrom('offices').select(['id', 'name', 'shortName']).where('parentId', '=', officeId).orderBy('sortOrder').orderBy('name').execute(),

    insertCycle: async (q: Q, row: Insert<ReportCyclesTable>) => {
      const r = await q.insertInto('reportCycles').values(row).onConflict((oc) => oc.columns(['officeId', 'year', 'quarter']).doNothing()).executeTakeFirst();
      return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
    },
    setCycleDueDate: (q: Q, id: string, dueDate: string) => q.updateTable('reportCycles').set({ dueDate }).where('id', '=', id).where('dueDate', 'is', null).execute(),
    updateCycleDeadline: async (q: Q, id: string, version: number, set: { dueWorkingDays: number; dueDate: string | null }) =>
      Number((await q.updateTable('reportCycles').set({ ...set, version: version + 1 }).where('id', '=', id).where('version', '=', version).executeTakeFirst()).numUpdatedRows),
    /** Lateness is derived from the deadline; re-judging it is not an edit of the report (its version stays). */
    setLateWorkingDays: (q: Q, id: string, lateWorkingDays: number | null) => q.updateTable('reports').set({ lateWorkingDays }).where('id', '=', id).execute(),
    findCycle: (q: Q, officeId: string, id: string) => q.selectFrom('reportCycles').selectAll().where('officeId', '=', officeId).where('id', '=', id).executeTakeFirst(),
    findCycleByPeriod: (q: Q, officeId: string, year: number, quarter: number) =>
      q.selectFrom('reportCycles').selectAll().where('officeId', '=', officeId).where('year', '=', year).where('quarter', '=', quarter).executeTakeFirst(),
    listCycles: (q: Q, officeId: string) => q.selectFrom('reportCycles').selectAll().where('officeId', '=', officeId).orderBy('year', 'desc').orderBy('quarter', 'desc').execute(),
    listOpenCyclesWithDueDate: (q: Q) => q.selectFrom('reportCycles').selectAll().where('dueDate', 'is not', null).execute(),

    /** Active member units owing a report, with their current liaison officer's name. */
    listOwingUnits: (q: Q, officeId: string, today: string) =>
      q
        .selectFrom('units')
        .leftJoin(
          (eb) =>
            eb
              .selectFrom('appointments')
              .innerJoin('people', 'people.id', 'appointments.personId')
              .select(['appointments.unitId', sql<string>`min(people.name)`.as('liaisonName')])
              .where('appointments.post', '=', 'liaison_officer')
              .where('appointments.startDate', '<=', today)
              .where((w) => w.or([w('appointments.endDate', 'is', null), w('appointments.endDate', '>=', today)]))
              .groupBy('appointments.unitId')
              .as('l'),
          (join) => join.onRef('l.unitId', '=', 'units.id'),
        )
        .select(['units.id', 'units.name', 'l.liaisonName'])
        .where('units.officeId', '=', officeId)
        .where('units.isMember', '=', 1)
        .where('units.active', '=', 1)
        .orderBy('units.sortOrder')
        .orderBy('units.name')
        .execute(),
    unitInOffice: async (q: Q, officeId: string, unitId: string) =>
      Boolean(await q.selectFrom('units').select('id').where('officeId', '=', officeId).where('id', '=', unitId).where('isMember', '=', 1).executeTakeFirst()),

    listCycleReports: (q: Q, cycleId: string) =>
      q.selectFrom('reports').select(['id', 'unitId', 'status', 'firstSubmittedAt', 'submittedAt', 'lateWorkingDays']).where('cycleId', '=', cycleId).execute(),
    cycleCounts: (q: Q, cycleIds: string[]) =>
      cycleIds.length
        ? q.selectFrom('reports').select(['cycleId', 'status', 'lateWorkingDays', (eb) => eb.fn.countAll().as('n')]).where('cycleId', 'in', cycleIds).groupBy(['cycleId', 'status', 'lateWorkingDays']).execute()
        : Promise.resolve([]),
    countMemberUnits: async (q: Q, officeIds: string[]) =>
      officeIds.length
        ? q.selectFrom('units').select(['officeId', (eb) => eb.fn.countAll().as('n')]).where('officeId', 'in', officeIds).where('isMember', '=', 1).where('active', '=', 1).groupBy('officeId').execute()
        : [],

    findReport: (q: Q, officeId: string, id: string) => reportWithContext(q).where('reports.officeId', '=', officeId).where('reports.id', '=', id).executeTakeFirst(),
    findReportByUnit: (q: Q, cycleId: string, unitId: string) => reportWithContext(q).where('reports.cycleId', '=', cycleId).where('reports.unitId', '=', unitId).executeTakeFirst(),
    listUnitReports: (q: Q, officeId: string, unitIds: string[]) =>
      unitIds.length ? reportWithContext(q).where('reports.officeId', '=', officeId).where('reports.unitId', 'in', unitIds).execute() : Promise.resolve([]),
    listAcceptedReports: (q: Q, cycleId: string) =>
      reportWithContext(q).where('reports.cycleId', '=', cycleId).where('reports.status', '=', 'accepted').orderBy('units.sortOrder').orderBy('units.name').execute(),
    insertReport: (q: Q, row: Insert<ReportsTable>) => q.insertInto('reports').values(row).execute(),
    updateReport: async (q: Q, id: string, version: number, patch: Partial<Insert<ReportsTable>>) =>
      Number((await q.updateTable('reports').set({ ...patch, version: version + 1 }).where('id', '=', id).where('version', '=', version).executeTakeFirst()).numUpdatedRows),
    insertEvent: (q: Q, row: { id: string; reportId: string; action: string; revision: number; at: string; actorName: string | null; reason: string | null; snapshot: string | null }) =>
      q.insertInto('reportEvents').values(row).execute(),
    listEvents: (q: Q, reportId: string) => q.selectFrom('reportEvents').select(['id', 'action', 'revision', 'at', 'actorName', 'reason']).where('reportId', '=', reportId).orderBy('at').orderBy('id').execute(),

    listAttachments: (q: Q, ownerIds: string[]) =>
      ownerIds.length
        ? q.selectFrom('files').select(['id', 'ownerId', 'filename', 'mime', 'size', 'digest', 'createdAt']).where('ownerType', '=', 'report').where('ownerId', 'in', ownerIds).where('deletedAt', 'is', null).orderBy('createdAt').execute()
        : Promise.resolve([]),
    findAttachment: (q: Q, reportId: string, fileId: string) =>
      q.selectFrom('files').selectAll().where('ownerType', '=', 'report').where('ownerId', '=', reportId).where('id', '=', fileId).where('deletedAt', 'is', null).executeTakeFirst(),
    insertFile: (q: Q, row: { id: string; officeId: string; ownerType: string; ownerId: string; filename: string; mime: string; size: number; digest: string; content: Buffer; uploadedByName: string | null; deletedAt: null; createdAt: string }) =>
      q.insertInto('files').values(row).execute(),
    markFileDeleted: (q: Q, id: string, now: string) => q.updateTable('files').set({ deletedAt: now }).where('id', '=', id).execute(),

    /** Accounts of the current liaison officers of the given units (for reminders). */
    liaisonAccounts: (q: Q, officeId: string, unitIds: string[], today: string) =>
      unitIds.length
        ? q
            .selectFrom('appointments')
            .innerJoin('accounts', 'accounts.personId', 'appointments.personId')
            .innerJoin('people', 'people.id', 'appointments.personId')
            .select(['accounts.id as accountId', 'appointments.unitId', 'people.email', 'people.name'])
            .where('appointments.officeId', '=', officeId)
            .where('appointments.post', '=', 'liaison_officer')
            .where('appointments.unitId', 'in', unitIds)
            .where('appointments.startDate', '<=', today)
            .where((w) => w.or([w('appointments.endDate', 'is', null), w('appointments.endDate', '>=', today)]))
            .where('accounts.disabled', '=', 0)
            .execute()
        : Promise.resolve([]),
    /** The units whose liaison officer this account is, per office (for the ICS feed and "my reports"). */
    liaisonUnitsOfAccount: (q: Q, accountId: string, today: string) =>
      q
        .selectFrom('accounts')
        .innerJoin('appointments', 'appointments.personId', 'accounts.personId')
        .select(['appointments.officeId', 'appointments.unitId'])
        .where('accounts.id', '=', accountId)
        .where('appointments.post', '=', 'liaison_officer')
        .where('appointments.startDate', '<=', today)
        .where((w) => w.or([w('appointments.endDate', 'is', null), w('appointments.endDate', '>=', today)]))
        .execute(),
  };
}
export type ReportsRepository = ReturnType<typeof createReportsRepository>;
