import { createHash } from 'node:crypto';
import { lockResource, type Db, type Dialect, type Tx } from '../../db/db.ts';
import type { Actor, RequestContext } from '../../platform/actor.ts';
import type { Audit } from '../../platform/audit.ts';
import { abilitiesFor, type Grants } from '../../platform/authorize.ts';
import { chinaDate, type Clock } from '../../platform/clock.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { addDays } from '../../../shared/dates.ts';
import type { Warning } from '../../../shared/contracts/common.ts';
import type { AppointmentCreate, DelegationCreate, PersonCreate, PersonUpdate, Roster, RosterImportMode, RosterImportReport, UnitCreate, UnitUpdate } from '../../../shared/contracts/organization.ts';
import { POST_LABELS, SINGLE_HOLDER_POSTS, UNIT_BOUND_POSTS, UNIT_POSTS, type DelegablePower, type Post } from '../../../shared/roles.ts';
import type { OrganizationRepository } from './organization.repository.ts';
import { presentAppointment, presentDelegation, presentOffice, presentPerson, presentUnit } from './organization.presenter.ts';
import { appointmentCovers, canExercisePower, checkDelegation, checkRosterRules, type RuleAppointment, type RuleDelegation } from './organization.rules.ts';
import type { ImportOp, ImportState, RosterContact } from './roster-excel.ts';
/** The Excel side, loaded on first use (exceljs costs ~0.4 s and ~27 MB at start-up). */
const excel = () => import('./roster-excel.ts');

/** Serializes roster imports of all offices, and appointments with them and with each other (PostgreSQL advisory lock key). */
const ROSTER_IMPORT_LOCK_KEY = 720_101;

export interface OrganizationServiceDeps {
  db: Db;
  repo: OrganizationRepository;
  audit: Audit;
  clock: Clock;
  grants: Grants;
  /** Lets a roster import lock out concurrent imports on PostgreSQL (SQLite writers are serial already). */
  dialect?: Dialect;
}

type Ctx = RequestContext & { actor: Actor };

export function createOrganizationService({ db, repo, audit, clock, grants, dialect }: OrganizationServiceDeps) {
  const today = () => chinaDate(clock.now());
  const iso = () => clock.now().toISOString();
  const stale = (what: string) => new AppError('VERSION_MISMATCH', undefined, { entity: what });

  async function officeOrThrow(officeId: string) {
    const o = await repo.findOffice(db, officeId);
    if (!o) throw notFound('office');
    return o;
  }

  /** Offices the actor may open: where it holds posts and everything below them, each with its abilities. */
  async function listVisibleOffices(actor: Actor) {
    const roots = [...new Set(actor.posts.map((p) => p.officePath))];
    const rows = await repo.listOfficesUnder(db, roots);
    return rows.map((o) => ({ ...presentOffice(o), abilities: abilitiesFor(grants, actor, { id: o.id, path: o.path }) }));
  }

  async function ruleData(officeId: string) {
    const [office, units, people, appointments] = await Promise.all([
      officeOrThrow(officeId),
      repo.listUnits(db, officeId),
      repo.listPeople(db, officeId),
      repo.listAppointments(db, officeId),
    ]);
    return { office, units, people, appointments };
  }

  async function warnings(officeId: string, date = today()): Promise<Warning[]> {
    const d = await ruleData(officeId);
    return checkRosterRules({
      office: d.office,
      appointments: d.appointments as RuleAppointment[],
      units: d.units.map((u) => ({ ...u, isMember: Boolean(u.isMember), isHost: Boolean(u.isHost), active: Boolean(u.active) })),
      people: d.people,
      date,
    });
  }

  async function roster(officeId: string, date = today()): Promise<Roster> {
    const d = await ruleData(officeId);
    const units = d.units.map(presentUnit);
    const current = d.appointments.filter((a) => appointmentCovers(a, date));
    const people = new Map(d.people.map((p) => [p.id, p]));
    const pick = (post: Post, unitId?: string | null) =>
      current
        .filter((a) => a.post === post && (unitId === undefined || a.unitId === unitId))
        .map((a) => ({ appointmentId: a.id, personId: a.personId, name: a.personName, title: people.get(a.personId)?.title ?? null, unitId: a.unitId, unitName: a.unitName, startDate: a.startDate }));
    return {
      office: presentOffice(d.office),
      asOf: date,
      leadingGroup: { leader: pick('leader'), deputyLeaders: pick('deputy_leader'), members: pick('group_member') },
      officePosts: { director: pick('director'), deputyDirectors: pick('deputy_director'), staff: pick('office_staff'), informationOfficers: pick('information_officer', null) },
      units: units.filter((u) => u.isMember).map((unit) => ({ unit, liaisonOfficers: pick('liaison_officer', unit.id), informationOfficers: pick('information_officer', unit.id) })),
      warnings: checkRosterRules({ office: d.office, appointments: d.appointments as RuleAppointment[], units, people: d.people, date }),
    };
  }

  /** A2-7: every member unit's liaison and information officer with contact fields. */
  async function directory(officeId: string) {
    const d = await ruleData(officeId);
    const date = today();
    const people = new Map(d.people.map((p) => [p.id, p]));
    const contact = (post: Post, unitId: string) => {
      const a = d.appointments.find((x) => x.post === post && x.unitId === unitId && appointmentCovers(x, date));
      const p = a && people.get(a.personId);
      return p ? { personId: p.id, name: p.name, title: p.title, phone: p.phone, mobile: p.mobile, email: p.email } : null;
    };
    return d.units
      .filter((u) => u.isMember && u.active)
      .map((u) => ({ unitId: u.id, unitName: u.name, responsibleBody: u.responsibleBody, liaisonOfficer: contact('liaison_officer', u.id), informationOfficer: contact('information_officer', u.id) }));
  }

  // ---- units ----
  async function createUnit(officeId: string, input: UnitCreate, ctx: Ctx) {
    const now = iso();
    return db.transaction().execute(async (trx) => {
      if (await repo.findUnitByName(trx, officeId, input.name)) throw new AppError('CONFLICT', '同名单位已存在 / a unit with this name exists', { field: 'name' });
      const row = {
        id: newId(),
        officeId,
        name: input.name,
        shortName: input.shortName ?? null,
        isMember: input.isMember ? 1 : 0,
        isHost: input.isHost ? 1 : 0,
        responsibleBody: input.responsibleBody ?? null,
        phone: input.phone ?? null,
        address: input.address ?? null,
        sortOrder: input.sortOrder ?? (await repo.maxUnitSortOrder(trx, officeId)) + 10,
        active: 1,
        version: 1,
        createdAt: now,
        updatedAt: now,
      };
      await repo.insertUnit(trx, row);
      const item = presentUnit(row);
      await audit.record(trx, ctx, { officeId, action: 'unit.create', entityType: 'unit', entityId: row.id, after: item });
      return item;
    });
  }

  async function updateUnit(officeId: string, unitId: string, version: number, patch: UnitUpdate, ctx: Ctx) {
    return db.transaction().execute(async (trx) => {
      const before = await repo.findUnit(trx, officeId, unitId);
      if (!before) throw notFound('unit');
      if (before.version !== version) throw stale('unit');
      if (patch.name && patch.name !== before.name && (await repo.findUnitByName(trx, officeId, patch.name)))
        throw new AppError('CONFLICT', '同名单位已存在 / a unit with this name exists', { field: 'name' });
      const { isMember, isHost, active, ...rest } = patch;
      const flag = (b: boolean | undefined) => (b === undefined ? undefined : b ? 1 : 0);
      const set = { ...rest, isMember: flag(isMember), isHost: flag(isHost), active: flag(active), updatedAt: iso() };
      if ((await repo.updateUnit(trx, unitId, version, set)) === 0) throw stale('unit');
      const after = (await repo.findUnit(trx, officeId, unitId))!;
      await audit.record(trx, ctx, { officeId, action: 'unit.update', entityType: 'unit', entityId: unitId, before: presentUnit(before), after: presentUnit(after) });
      return presentUnit(after);
    });
  }

  // ---- people ----
  async function assertUnitInOffice(q: Db | Tx, officeId: string, unitId: string | null | undefined, field: string) {
    if (unitId && !(await repo.findUnit(q, officeId, unitId))) throw new AppError('UNPROCESSABLE', '单位不属于本办公室 / unit is not in this office', { field });
  }

  async function createPerson(officeId: string, input: PersonCreate, ctx: Ctx) {
    const now = iso();
    return db.transaction().execute(async (trx) => {
      await assertUnitInOffice(trx, officeId, input.unitId, 'unitId');
      const row = { id: newId(), officeId, unitId: input.unitId ?? null, name: input.name, title: input.title ?? null, phone: input.phone ?? null, mobile: input.mobile ?? null, email: input.email ?? null, version: 1, createdAt: now, updatedAt: now };
      await repo.insertPerson(trx, row);
      const item = presentPerson({ ...row, unitName: null });
      await audit.record(trx, ctx, { officeId, action: 'person.create', entityType: 'person', entityId: row.id, after: item });
      return (await repo.findPerson(trx, officeId, row.id).then((p) => p && presentPerson(p)))!;
    });
  }

  async function updatePerson(officeId: string, personId: string, version: number, patch: PersonUpdate, ctx: Ctx) {
    return db.transaction().execute(async (trx) => {
      const before = await repo.findPerson(trx, officeId, personId);
      if (!before) throw notFound('person');
      if (before.version !== version) throw stale('person');
      await assertUnitInOffice(trx, officeId, patch.unitId, 'unitId');
      if ((await repo.updatePerson(trx, personId, version, { ...patch, updatedAt: iso() })) === 0) throw stale('person');
      const after = presentPerson((await repo.findPerson(trx, officeId, personId))!);
      await audit.record(trx, ctx, { officeId, action: 'person.update', entityType: 'person', entityId: personId, before: presentPerson(before), after });
      return after;
    });
  }

  // ---- appointments ----
  async function listAppointments(officeId: string, f: { scope: 'current' | 'all'; post?: Post; personId?: string; unitId?: string }) {
    const date = today();
    const rows = await repo.listAppointments(db, officeId, { post: f.post, personId: f.personId, unitId: f.unitId, coveringDate: f.scope === 'current' ? date : undefined });
    return rows.map((r) => presentAppointment(r, date));
  }

  /**
   * Appoints a person to a post from startDate. For a single-holder post (leader, director, a unit's liaison officer)
   * `replaceCurrent` ends the holder's appointment the day before; without it a second holder is recorded and the
   * roster warning (A1-2, A1-3, A2-2) says so.
   */
  async function appoint(officeId: string, input: AppointmentCreate, ctx: Ctx) {
    const now = iso();
    const item = await db.transaction().execute(async (trx) => {
      // Appointments are checked against the holders, then written: one at a time (with roster imports), or two
      // requests on PostgreSQL both found the person not yet holding the post and both appointed them.
      if (dialect) await lockResource(trx, dialect, ROSTER_IMPORT_LOCK_KEY);
      const person = await repo.findPerson(trx, officeId, input.personId);
      if (!person) throw new AppError('UNPROCESSABLE', '人员不属于本办公室 / person is not in this office', { field: 'personId' });
      const unitId = input.unitId ?? null;
      if (UNIT_BOUND_POSTS.includes(input.post) && !unitId && !(input.post === 'information_officer'))
        throw new AppError('VALIDATION_FAILED', '联络员须指定成员单位 / a liaison officer needs a member unit', { field: 'unitId', rule: 'A2-2' });
      if (unitId && !(await repo.findUnit(trx, officeId, unitId))) throw new AppError('UNPROCESSABLE', '单位不属于本办公室 / unit is not in this office', { field: 'unitId' });
      const sameUnit = UNIT_BOUND_POSTS.includes(input.post);
      const holders = (await repo.listAppointments(trx, officeId, { post: input.post, coveringDate: input.startDate })).filter((a) => !sameUnit || a.unitId === unitId);
      if (holders.some((h) => h.personId === input.personId))
        throw new AppError('CONFLICT', '此人已担任该职务 / this person already holds the post', { field: 'personId' });
      if (input.replaceCurrent && SINGLE_HOLDER_POSTS.includes(input.post)) {
        for (const h of holders) {
          const endDate = addDays(input.startDate, -1);
          if (endDate < h.startDate) throw new AppError('UNPROCESSABLE', '新任职日期早于现任者任职日期 / starts before the current holder started', { field: 'startDate' });
          if ((await repo.endAppointment(trx, h.id, h.version, endDate, h.note, now)) === 0) throw stale('appointment');
          await audit.record(trx, ctx, { officeId, action: 'appointment.end', entityType: 'appointment', entityId: h.id, before: { endDate: h.endDate }, after: { endDate, replacedBy: input.personId } });
        }
      }
      const row = { id: newId(), officeId, post: input.post, personId: input.personId, unitId, startDate: input.startDate, endDate: null, note: input.note ?? null, version: 1, createdAt: now, updatedAt: now };
      await repo.insertAppointment(trx, row);
      const created = presentAppointment((await repo.findAppointment(trx, officeId, row.id))!, today());
      await audit.record(trx, ctx, { officeId, action: 'appointment.create', entityType: 'appointment', entityId: row.id, after: created });
      return created;
    });
    return { item, warnings: await warnings(officeId) };
  }

  async function endAppointment(officeId: string, appointmentId: string, version: number, input: { endDate: string; note?: string | null }, ctx: Ctx) {
    const item = await db.transaction().execute(async (trx) => {
      const a = await repo.findAppointment(trx, officeId, appointmentId);
      if (!a) throw notFound('appointment');
      if (a.version !== version) throw stale('appointment');
      if (a.endDate !== null) throw new AppError('INVALID_STATE_TRANSITION', '该任职已结束 / the appointment has ended', { endDate: a.endDate });
      if (input.endDate < addDays(a.startDate, -1)) throw new AppError('VALIDATION_FAILED', '结束日期早于任职日期 / ends before it starts', { field: 'endDate' });
      if ((await repo.endAppointment(trx, a.id, version, input.endDate, input.note, iso())) === 0) throw stale('appointment');
      const after = presentAppointment((await repo.findAppointment(trx, officeId, a.id))!, today());
      await audit.record(trx, ctx, { officeId, action: 'appointment.end', entityType: 'appointment', entityId: a.id, before: presentAppointment(a, today()), after });
      return after;
    });
    return { item, warnings: await warnings(officeId) };
  }

  // ---- delegations ----
  async function listDelegations(officeId: string) {
    const date = today();
    return (await repo.listDelegations(db, officeId)).map((d) => presentDelegation(d, date));
  }

  async function delegate(officeId: string, input: DelegationCreate, ctx: Ctx) {
    const now = iso();
    return db.transaction().execute(async (trx) => {
      const appointments = (await repo.listAppointments(trx, officeId)) as RuleAppointment[];
      const problem = checkDelegation({ ...input, appointments });
      if (problem) throw new AppError('UNPROCESSABLE', problem, { rule: problem.split(/[：:]/)[0] });
      const row = { id: newId(), officeId, power: input.power, fromPersonId: input.fromPersonId, toPersonId: input.toPersonId, startDate: input.startDate, endDate: input.endDate, reason: input.reason ?? null, revokedAt: null, version: 1, createdAt: now, updatedAt: now };
      await repo.insertDelegation(trx, row);
      const item = presentDelegation((await repo.findDelegation(trx, officeId, row.id))!, today());
      await audit.record(trx, ctx, { officeId, action: 'delegation.create', entityType: 'delegation', entityId: row.id, after: item });
      return item;
    });
  }

  async function revokeDelegation(officeId: string, delegationId: string, version: number, ctx: Ctx) {
    return db.transaction().execute(async (trx) => {
      const d = await repo.findDelegation(trx, officeId, delegationId);
      if (!d) throw notFound('delegation');
      if (d.version !== version) throw stale('delegation');
      if (d.revokedAt) throw new AppError('INVALID_STATE_TRANSITION', '委托已撤销 / already revoked');
      if ((await repo.revokeDelegation(trx, d.id, version, iso())) === 0) throw stale('delegation');
      const after = presentDelegation((await repo.findDelegation(trx, officeId, d.id))!, today());
      await audit.record(trx, ctx, { officeId, action: 'delegation.revoke', entityType: 'delegation', entityId: d.id, before: presentDelegation(d, today()), after });
      return after;
    });
  }

  // ---- roster workbook (Excel) ----
  /** The roster as the workbook offices keep (领导小组, 办公室, 成员单位 with the A2-7 contacts, 任职记录). The export is audited: it carries personal contacts. */
  async function exportRoster(officeId: string, ctx: Ctx) {
    const d = await ruleData(officeId);
    const date = today();
    const people = new Map(d.people.map((p) => [p.id, p]));
    const unitOrder = new Map(d.units.map((u) => [u.id, u.sortOrder]));
    const current = d.appointments.filter((a) => appointmentCovers(a, date));
    const postRows = (posts: readonly Post[], keep: (a: (typeof current)[number]) => boolean = () => true) =>
      current
        .filter((a) => posts.includes(a.post as Post) && keep(a))
        .sort((a, b) => posts.indexOf(a.post as Post) - posts.indexOf(b.post as Post) || (unitOrder.get(a.unitId ?? '') ?? -1) - (unitOrder.get(b.unitId ?? '') ?? -1) || a.startDate.localeCompare(b.startDate))
        .map((a) => ({ post: POST_LABELS[a.post as Post].zh, name: a.personName, unitName: a.unitName, title: people.get(a.personId)?.title ?? null, startDate: a.startDate }));
    const contacts = (post: Post, unitId: string): RosterContact[] =>
      current
        .filter((a) => a.post === post && a.unitId === unitId)
        .sort((a, b) => a.startDate.localeCompare(b.startDate))
        .map((a) => {
          const p = people.get(a.personId);
          return { name: a.personName, title: p?.title ?? null, mobile: p?.mobile ?? null, phone: p?.phone ?? null, email: p?.email ?? null };
        });
    const buffer = await (await excel()).buildRosterWorkbook({
      officeName: d.office.name,
      asOf: date,
      generatedAt: clock.now(),
      leadingGroup: postRows(['leader', 'deputy_leader', 'group_member']),
      officePosts: postRows(['director', 'deputy_director', 'office_staff', 'information_officer'], (a) => a.post !== 'information_officer' || a.unitId === null),
      units: d.units
        .filter((u) => u.isMember && u.active)
        .map((u) => ({ name: u.name, responsibleBody: u.responsibleBody, liaisonOfficers: contacts('liaison_officer', u.id), informationOfficers: contacts('information_officer', u.id) })),
      history: [...d.appointments]
        .sort((a, b) => a.startDate.localeCompare(b.startDate) || a.id.localeCompare(b.id))
        .map((a) => ({ post: POST_LABELS[a.post as Post].zh, name: a.personName, unitName: a.unitName, startDate: a.startDate, endDate: a.endDate })),
    });
    await db.transaction().execute((trx) => audit.record(trx, ctx, { officeId, action: 'roster.export', entityType: 'office', entityId: officeId, after: { asOf: date, bytes: buffer.length } }));
    return { buffer, filename: `${d.office.shortName}审改领导小组名册-${date}.xlsx`, asciiFilename: `roster-${date}.xlsx` };
  }

  async function importState(q: Db | Tx, officeId: string, date: string): Promise<ImportState> {
    const [units, people, holders] = await Promise.all([repo.listUnits(q, officeId), repo.listPeople(q, officeId), repo.listAppointments(q, officeId, { coveringDate: date })]);
    return {
      units: units.map((u) => ({ id: u.id, name: u.name, responsibleBody: u.responsibleBody, isMember: Boolean(u.isMember), active: Boolean(u.active), sortOrder: u.sortOrder, version: u.version })),
      people,
      holders: holders.filter((a) => (UNIT_POSTS as readonly string[]).includes(a.post)),
    };
  }

  async function applyImportOp(trx: Tx, officeId: string, op: ImportOp, ctx: Ctx) {
    const now = iso();
    switch (op.kind) {
      case 'unit.create':
        await repo.insertUnit(trx, op.row);
        return audit.record(trx, ctx, { officeId, action: 'unit.create', entityType: 'unit', entityId: op.row.id, after: presentUnit(op.row) });
      case 'unit.update': {
        const before = await repo.findUnit(trx, officeId, op.unitId);
        if (!before || (await repo.updateUnit(trx, op.unitId, op.version, { ...op.patch, updatedAt: now })) === 0) throw stale('unit');
        const after = (await repo.findUnit(trx, officeId, op.unitId))!;
        return audit.record(trx, ctx, { officeId, action: 'unit.update', entityType: 'unit', entityId: op.unitId, before: presentUnit(before), after: presentUnit(after) });
      }
      case 'person.create': {
        await repo.insertPerson(trx, op.row);
        const after = presentPerson((await repo.findPerson(trx, officeId, op.row.id))!);
        return audit.record(trx, ctx, { officeId, action: 'person.create', entityType: 'person', entityId: op.row.id, after });
      }
      case 'person.update': {
        const before = await repo.findPerson(trx, officeId, op.personId);
        if (!before || (await repo.updatePerson(trx, op.personId, op.version, { ...op.patch, updatedAt: now })) === 0) throw stale('person');
        const after = presentPerson((await repo.findPerson(trx, officeId, op.personId))!);
        return audit.record(trx, ctx, { officeId, action: 'person.update', entityType: 'person', entityId: op.personId, before: presentPerson(before), after });
      }
      case 'appointment.end':
        if ((await repo.endAppointment(trx, op.appointmentId, op.version, op.endDate, undefined, now)) === 0) throw stale('appointment');
        return audit.record(trx, ctx, { officeId, action: 'appointment.end', entityType: 'appointment', entityId: op.appointmentId, before: { endDate: null }, after: { endDate: op.endDate, replacedBy: op.replacedBy } });
      case 'appointment.create': {
        await repo.insertAppointment(trx, op.row);
        const after = presentAppointment((await repo.findAppointment(trx, officeId, op.row.id))!, today());
        return audit.record(trx, ctx, { officeId, action: 'appointment.create', entityType: 'appointment', entityId: op.row.id, after });
      }
    }
  }

  /**
   * Imports the 成员单位 sheet of a roster workbook (A1-4 responsible bodies, A2-2 liaison officers, A2-7 contacts).
   * dry-run: the preview, nothing written. commit: any row error → 422 with the report and nothing written;
   * otherwise every change in one transaction, one audit row per change plus one for the import.
   */
  async function importRoster(officeId: string, upload: { buffer: Buffer; filename: string | null }, mode: RosterImportMode, ctx: Ctx): Promise<RosterImportReport> {
    await officeOrThrow(officeId);
    const { parseRosterWorkbook, planRosterImport, reportOf } = await excel();
    const parsed = await parseRosterWorkbook(upload.buffer);
    const date = today();
    const plan = async (q: Db | Tx) => planRosterImport(parsed, await importState(q, officeId, date), { officeId, date, now: iso(), newId: () => newId() });
    if (mode === 'dry-run') return reportOf(await plan(db), 'dry-run');
    const report = await db.transaction().execute(async (trx) => {
      if (dialect) await lockResource(trx, dialect, ROSTER_IMPORT_LOCK_KEY);
      const p = await plan(trx);
      const r = reportOf(p, 'commit');
      if (r.errorCount > 0) throw new AppError('UNPROCESSABLE', `导入文件有 ${r.errorCount} 处错误，未写入任何数据 / ${r.errorCount} error(s) in the file; nothing was written`, r);
      for (const row of p.rows) for (const op of row.ops) await applyImportOp(trx, officeId, op, ctx);
      await audit.record(trx, ctx, {
        officeId,
        action: 'roster.import',
        entityType: 'office',
        entityId: officeId,
        after: { file: upload.filename, sha256: createHash('sha256').update(upload.buffer).digest('hex'), sheet: r.sheet, summary: r.summary },
      });
      return r;
    });
    return { ...report, warnings: await warnings(officeId) };
  }

  /** For later modules (chairing, signing): may this person exercise the power in this office on that date? */
  async function checkPower(officeId: string, power: DelegablePower, personId: string, date = today()) {
    const [appointments, delegations] = await Promise.all([repo.listAppointments(db, officeId), repo.listDelegations(db, officeId)]);
    return canExercisePower({ power, personId, date, appointments: appointments as RuleAppointment[], delegations: delegations as RuleDelegation[] });
  }

  /** The actor's current posts with office and unit names (for the session and the office switcher). */
  async function describePosts(actor: Actor) {
    const rows = await repo.findAppointmentsByIds(db, actor.posts.map((p) => p.appointmentId));
    return rows.map((a) => ({ post: a.post as Post, officeId: a.officeId, officeName: '', unitId: a.unitId, unitName: a.unitName }));
  }

  return {
    listVisibleOffices,
    describePosts,
    getOffice: async (id: string) => presentOffice(await officeOrThrow(id)),
    roster,
    warnings,
    directory,
    exportRoster,
    importRoster,
    listUnits: async (officeId: string) => (await repo.listUnits(db, officeId)).map(presentUnit),
    getUnit: async (officeId: string, unitId: string) => {
      const u = await repo.findUnit(db, officeId, unitId);
      if (!u) throw notFound('unit');
      return presentUnit(u);
    },
    createUnit,
    updateUnit,
    listPeople: async (officeId: string) => (await repo.listPeople(db, officeId)).map(presentPerson),
    getPerson: async (officeId: string, personId: string) => {
      const p = await repo.findPerson(db, officeId, personId);
      if (!p) throw notFound('person');
      return presentPerson(p);
    },
    createPerson,
    updatePerson,
    listAppointments,
    appoint,
    endAppointment,
    listDelegations,
    delegate,
    revokeDelegation,
    checkPower,
  };
}

export type OrganizationService = ReturnType<typeof createOrganizationService>;
