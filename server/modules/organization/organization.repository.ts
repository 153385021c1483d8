import { sql } from 'kysely';
import { compiledOnceFirst } from '../../db/compiled.ts';
import type { Db, Tx } from '../../db/db.ts';
import type { AppointmentsTable, DelegationsTable, OfficesTable, PeopleTable, UnitsTable } from '../../db/schema.ts';
import type { Post } from '../../../shared/roles.ts';

type Q = Db | Tx;
type Insert<T> = { [K in keyof T]: T[K] extends import('kysely').Generated<infer U> ? U : T[K] };

/** All queries of the organization module. Every list is scoped to one office. */
export function createOrganizationRepository() {
  const appointmentsWithNames = (q: Q) =>
    q
      .selectFrom('appointments')
      .innerJoin('people', 'people.id', 'appointments.personId')
      .leftJoin('units', 'units.id', 'appointments.unitId')
      .select([
        'appointments.id',
        'appointments.officeId',
        'appointments.post',
        'appointments.personId',
        'people.name as personName',
        'people.title as personTitle',
        'appointments.unitId',
        'units.name as unitName',
        'appointments.startDate',
        'appointments.endDate',
        'appointments.note',
        'appointments.version',
      ]);

  return {
    findOffice: compiledOnceFirst((q, id: string) => q.selectFrom('offices').selectAll().where('id', '=', id)),
    findOfficeByPath: (q: Q, path: string) => q.selectFrom('offices').selectAll().where('path', '=', path).executeTakeFirst(),
    /** Offices whose path starts with one of the given paths (an office and its descendants). */
    listOfficesUnder: (q: Q, paths: string[]) =>
      paths.length === 0
        ? Promise.resolve([])
        : q
            .selectFrom('offices')
            .selectAll()
            .where((eb) => eb.or(paths.map((p) => eb(sql<string>`substr(path, 1, ${p.length})`, '=', p))))
            .orderBy('path')
            .execute(),
    listAllOffices: (q: Q) => q.selectFrom('offices').selectAll().orderBy('path').execute(),
    countOffices: async (q: Q) => Number((await q.selectFrom('offices').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
    insertOffice: (q: Q, row: Insert<OfficesTable>) => q.insertInto('offices').values(row).execute(),

    listUnits: (q: Q, officeId: string) => q.selectFrom('units').selectAll().where('officeId', '=', officeId).orderBy('sortOrder').orderBy('name').execute(),
    findUnit: (q: Q, officeId: string, id: string) => q.selectFrom('units').selectAll().where('officeId', '=', officeId).where('id', '=', id).executeTakeFirst(),
    findUnitByName: (q: Q, officeId: string, name: string) => q.selectFrom('units').selectAll().where('officeId', '=', officeId).where('name', '=', name).executeTakeFirst(),
    insertUnit: (q: Q, row: Insert<UnitsTable>) => q.insertInto('units').values(row).execute(),
    /** Optimistic update: 0 rows when the version moved on. */
    updateUnit: async (q: Q, id: string, version: number, patch: Partial<Insert<UnitsTable>>) =>
      Number((await q.updateTable('units').set({ ...patch, version: version + 1 }).where('id', '=', id).where('version', '=', version).executeTakeFirst()).numUpdatedRows),
    maxUnitSortOrder: async (q: Q, officeId: string) =>
      Number((await q.selectFrom('units').select((eb) => eb.fn.max('sortOrder').as('m')).where('officeId', '=', officeId).executeTakeFirst())?.m ?? 0),

    listPeople: (q: Q, officeId: string) =>
      q
        .selectFrom('people')
        .leftJoin('units', 'units.id', 'people.unitId')
        .selectAll('people')
        .select('units.name as unitName')
        .where('people.officeId', '=', officeId)
        .orderBy('people.name')
        .execute(),
    findPerson: (q: Q, officeId: string, id: string) =>
      q
        .selectFrom('people')
        .leftJoin('units', 'units.id', 'people.unitId')
        .selectAll('people')
        .select('units.name as unitName')
        .where('people.officeId', '=', officeId)
        .where('people.id', '=', id)
        .executeTakeFirst(),
    insertPerson: (q: Q, row: Insert<PeopleTable>) => q.insertInto('people').values(row).execute(),
    updatePerson: async (q: Q, id: string, version: number, patch: Partial<Insert<PeopleTable>>) =>
      Number((await q.updateTable('people').set({ ...patch, version: version + 1 }).where('id', '=', id).where('version', '=', version).executeTakeFirst()).numUpdatedRows),

    listAppointments: (q: Q, officeId: string, f: { post?: Post; personId?: string; unitId?: string; coveringDate?: string } = {}) => {
      let query = appointmentsWithNames(q).where('appointments.officeId', '=', officeId);
      if (f.post) query = query.where('appointments.post', '=', f.post);
      if (f.personId) query = query.where('appointments.personId', '=', f.personId);
      if (f.unitId) query = query.where('appointments.unitId', '=', f.unitId);
      if (f.coveringDate) {
        const d = f.coveringDate;
        query = query.where('appointments.startDate', '<=', d).where((eb) => eb.or([eb('appointments.endDate', 'is', null), eb('appointments.endDate', '>=', d)]));
      }
      return query.orderBy('appointments.startDate', 'desc').orderBy('appointments.id', 'desc').execute();
    },
    findAppointmentsByIds: (q: Q, ids: string[]) => (ids.length ? appointmentsWithNames(q).where('appointments.id', 'in', ids).execute() : Promise.resolve([])),
    findAppointment: (q: Q, officeId: string, id: string) =>
      appointmentsWithNames(q).where('appointments.officeId', '=', officeId).where('appointments.id', '=', id).executeTakeFirst(),
    insertAppointment: (q: Q, row: Insert<AppointmentsTable>) => q.insertInto('appointments').values(row).execute(),
    endAppointment: async (q: Q, id: string, version: number, endDate: string, note: string | null | undefined, now: string) =>
      Number(
        (
          await q
            .updateTable('appointments')
            .set({ endDate, ...(note !== undefined ? { note } : {}), updatedAt: now, version: version + 1 })
            .where('id', '=', id)
            .where('version', '=', version)
            .executeTakeFirst()
        ).numUpdatedRows,
      ),

    listDelegations: (q: Q, officeId: string) =>
      q
        .selectFrom('delegations')
        .innerJoin('people as f', 'f.id', 'delegations.fromPersonId')
        .innerJoin('people as t', 't.id', 'delegations.toPersonId')
        .selectAll('delegations')
        .select(['f.name as fromPersonName', 't.name as toPersonName'])
        .where('delegations.officeId', '=', officeId)
        .orderBy('delegations.startDate', 'desc')
        .orderBy('delegations.id', 'desc')
        .execute(),
    findDelegation: (q: Q, officeId: string, id: string) =>
      q
        .selectFrom('delegations')
        .innerJoin('people as f', 'f.id', 'delegations.fromPersonId')
        .innerJoin('people as t', 't.id', 'delegations.toPersonId')
        .selectAll('delegations')
        .select(['f.name as fromPersonName', 't.name as toPersonName'])
        .where('delegations.officeId', '=', officeId)
        .where('delegations.id', '=', id)
        .executeTakeFirst(),
    insertDelegation: (q: Q, row: Insert<DelegationsTable>) => q.insertInto('delegations').values(row).execute(),
    revokeDelegation: async (q: Q, id: string, version: number, now: string) =>
      Number(
        (await q.updateTable('delegations').set({ revokedAt: now, updatedAt: now, version: version + 1 }).where('id', '=', id).where('version', '=', version).where('revokedAt', 'is', null).executeTakeFirst())
          .numUpdatedRows,
      ),
  };
}

export type OrganizationRepository = ReturnType<typeof createOrganizationRepository>;
