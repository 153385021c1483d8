import { createHash } from 'node:crypto';
import type { Db, Tx } from '../../db/db.ts';
import { lockResource } from '../../db/db.ts';
import { PostgresAdapter } from 'kysely';
import { LEDGER_CHANGE_KINDS, LEDGER_CHANGES_LIMIT, type LedgerChanges } from '../../../shared/contracts/ledger.ts';
import type { Dashboard, ExtensionCreate, ExtensionRequest, ProgressCreate, ProgressUpdate, TaskCreate, TaskCreateParsed, TaskDetail, TaskListQuery, TaskStatusName, TaskSummary, TaskUpdate } from '../../../shared/contracts/ledger.ts';
import { TaskCreateSchema } from '../../../shared/contracts/ledger.ts';
import type { Actor, RequestContext } from '../../platform/actor.ts';
import type { Audit } from '../../platform/audit.ts';
import { chinaDate, chinaDayStart, type Clock } from '../../platform/clock.ts';
import { addDays } from '../../../shared/dates.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { cleanFilename, MIME, sniffFileType } from '../../platform/uploads.ts';
import { JsonText, jsonTextWith } from '../../platform/serializer.ts';
import type { CalendarService } from '../calendar/calendar.service.ts';
import type { NotificationsService } from '../notifications/notifications.service.ts';
import type { CalendarDependent } from '../calendar/calendar.service.ts';
import type { WorkingCalendar } from '../calendar/working-days.ts';
import { OFFICE_ACTING_POSTS } from './ledger.policy.ts';
import type { LedgerRepository, TaskRow } from './ledger.repository.ts';
import type { LedgerImportJob, LedgerImportMode, LedgerImportReport } from '../../../shared/contracts/ledger.ts';
import type { LedgerExportTask, LedgerImportPlan, LedgerImportState } from './ledger-excel.ts';
/** The Excel side, loaded on first use (exceljs costs ~0.4 s and ~27 MB at start-up). */
const excel = () => import('./ledger-excel.ts');
import { AT_RISK_WORKING_DAYS, DUE_SOON_WORKING_DAYS, reminderFor, atRiskFromOrNull, calendarStatusDays, countsForFigure, deadlinesCoveredBy, figureBefore, overdueDayIn, extensionRequestProblem, figureAfterAdd, figureAfterReturn, inspectionPeriodStart, nextMilestoneDue, rollupPercent, searchTerms } from './ledger.rules.ts';

type Ctx = RequestContext & { actor: Actor };
type UpdateRow = NonNullable<Awaited<ReturnType<LedgerRepository['updateWithUnit']>>>;
type Q = Db | Tx;
type SummaryRow = Omit<Awaited<ReturnType<LedgerRepository['children']>>[number], 'weight' | 'cancelledAt'>;
/**
 * New tasks not written yet (writeNewTasks writes them, in bulk): the rows by id in creation order (parents first),
 * their milestones, search terms and cooperating units. One task and its county copies (createTask) or a whole file.
 */
interface NewTasks {
  tasks: Map<string, TaskRow>;
  milestones: Array<{ id: string; taskId: string; title: string; dueDate: string; doneOn: string | null; sortOrder: number }>;
  terms: Array<{ taskId: string; term: string }>;
  cooperating: Array<{ taskId: string; unitId: string }>;
}
const newTasks = (): NewTasks => ({ tasks: new Map(), milestones: [], terms: [], cooperating: [] });
/**
 * What a caller creating many tasks in one transaction (the import) read once instead of per task, and the batch it
 * writes at its end. Its codes were checked under its own lock: createTaskInTx does not check them again.
 */
interface KnownInTx extends NewTasks {
  unitIds: ReadonlySet<string>;
  childOfficeIds: ReadonlySet<string>;
}

const presentSummary = (r: SummaryRow): TaskSummary => ({
  id: r.id, officeId: r.officeId, parentId: r.parentId, originTaskId: r.originTaskId, depth: r.depth, code: r.code, title: r.title,
  leadUnitId: r.leadUnitId, leadUnitName: r.leadUnitName, deadline: r.deadline, keyTask: Boolean(r.keyTask), percent: r.percent,
  status: r.status as TaskStatusName, lastUpdateOn: r.lastUpdateOn, childCount: Number(r.childCount ?? 0), version: r.version,
});

/** A system actor for work no person started (imports run as the importer; this is for jobs). */
export interface LedgerServiceDeps {
  db: Db;
  repo: LedgerRepository;
  audit: Audit;
  clock: Clock;
  calendar: CalendarService;
  /** Extension requests tell the office, decisions tell the unit (optional: tests of other modules run without it). */
  notifications?: Pick<NotificationsService, 'notify' | 'holders' | 'holdersByUnit'>;
}

/**
 * A1-6: a calendar year loaded or amended moves the at-risk dates of the tasks whose deadlines it covers
 * (deadlinesCoveredBy). Recomputed in the calendar's own transaction (CalendarDependent), so no task keeps a date
 * from a schedule that no longer holds, nor stays without one (never at risk, "calendar not loaded" on its page) once
 * its year is there. Only dates that move are written, each with a version step; one audit row tells how many.
 */
export function riskDatesOnCalendarChange(deps: { repo: LedgerRepository; audit: Audit }): CalendarDependent {
  return async (trx, cal, years, ctx) => {
    const { from, to } = deadlinesCoveredBy(years);
    const memo = new Map<string, string | null>();
    const moves = new Map<string | null, string[]>();
    for (const t of await deps.repo.riskDatesBetween(trx, from, to)) {
      if (!memo.has(t.deadline)) memo.set(t.deadline, atRiskFromOrNull(cal, t.deadline));
      const next = memo.get(t.deadline)!;
      if (next === t.atRiskFrom) continue;
      if (!moves.has(next)) moves.set(next, []);
      moves.get(next)!.push(t.id);
    }
    let tasks = 0;
    for (const [atRiskFrom, ids] of moves) tasks += await deps.repo.setRiskDates(trx, ids, atRiskFrom);
    if (tasks) await deps.audit.record(trx, ctx, { officeId: null, action: 'task.risk_dates.recompute', entityType: 'calendar', entityId: years.join(','), after: { years, deadlines: { from, to }, tasks } });
  };
}

export function createLedgerService(deps: LedgerServiceDeps) {
  const { db, repo, audit, clock, calendar } = deps;
  const today = () => chinaDate(clock.now());
  const iso = () => clock.now().toISOString();
  const stale = () => new AppError('VERSION_MISMATCH', undefined, { entity: 'task' });
  const dialect = db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
  /**
   * Taken by whatever gives tasks codes (a creation, a change of code, the Excel import) before it checks or numbers
   * them: a task's code is unique in its office's ledger, and on PostgreSQL (read committed) writers side by side
   * numbered three tasks alike (ledger-codes.test.ts). SQLite's writers are serial already.
   * (roster import 720_101, audit 720_001, minutes numbers 720_501)
   */
  const TASK_CODES_LOCK_KEY = 720_201;


  const isOfficeActor = (actor: Actor, officeId: string) => actor.posts.some((p) => p.officeId === officeId && (OFFICE_ACTING_POSTS as readonly string[]).includes(p.post));
  const actorUnits = (actor: Actor, officeId: string) => actor.posts.filter((p) => p.officeId === officeId && (p.post === 'liaison_officer' || p.post === 'information_officer') && p.unitId).map((p) => p.unitId!);

  async function nextCode(q: Q, officeId: string, parent: { id: string; code: string } | null): Promise<string> {
    let n = (await repo.countChildren(q, parent?.id ?? null, officeId)) + 1;
    for (;;) {
      const code = parent ? `${parent.code}-${n}` : `${today().slice(0, 4)}-${String(n).padStart(2, '0')}`;
      if (!(await repo.codeExists(q, officeId, code))) return code;
      n++;
    }
  }

  /** Recomputes the roll-up of every ancestor of a task (children with no figure do not drag a parent down). */
  async function rollUpFrom(trx: Tx, parentId: string | null) {
    let id = parentId;
    for (let guard = 0; id && guard < 20; guard++) {
      await repo.lockTask(trx, id); // before its children's figures are read (a sibling's update waits, then is seen)
      const parent = await repo.findTaskAnyOffice(trx, id);
      if (!parent) return;
      const figures = await repo.childFigures(trx, id);
      const r = rollupPercent(figures.map((f) => ({ id: f.id, percent: f.percent, weight: f.weight, cancelled: Boolean(f.cancelledAt) })));
      if (r.percent !== parent.percent) await repo.setRolledPercent(trx, id, r.percent, iso());
      id = parent.parentId;
    }
  }

  /** Adds one task with its milestones and search terms to `batch` and records its audit row; returns the row. */
  async function writeTask(trx: Tx, officeId: string, input: TaskCreateParsed, ctx: RequestContext, cal: WorkingCalendar, batch: NewTasks, extra: { parent: TaskRow | null; origin?: string; leadUnitId: string | null; action?: string; auditAfter?: Record<string, unknown>; codeChecked?: boolean }): Promise<TaskRow> {
    const now = iso();
    const code = input.code ?? (await nextCode(trx, officeId, extra.parent));
    if (input.code && !extra.codeChecked && (await repo.codeExists(trx, officeId, input.code))) throw new AppError('CONFLICT', `任务编号 ${input.code} 已存在 / code exists`, { field: 'code' });
    const milestones = input.milestones.map((m, i) => ({ id: newId(), title: m.title, dueDate: m.dueDate, doneOn: m.doneOn ?? null, sortOrder: i }));
    const row: TaskRow = {
      id: newId(), officeId, parentId: extra.parent?.id ?? null, originTaskId: extra.origin ?? null, depth: extra.parent && !extra.origin ? extra.parent.depth + 1 : 0, // a pushed-down copy is top level in its county's ledger
      code, title: input.title, description: input.description ?? null, sourceType: input.source.type, sourceRef: input.source.ref ?? null, sourceLabel: input.source.label ?? null,
      leadUnitId: extra.leadUnitId, deadline: input.deadline, keyTask: input.keyTask ? 1 : 0, expectedResult: input.expectedResult ?? null, weight: input.weight,
      percent: null, lastUpdateOn: null, atRiskFrom: atRiskFromOrNull(cal, input.deadline), nextMilestoneDue: nextMilestoneDue(milestones),
      doneAt: null, doneByName: null, cancelledAt: null, cancelReason: null, sortOrder: 0, version: 1, createdAt: now, updatedAt: now,
    };
    batch.tasks.set(row.id, row);
    for (const m of milestones) batch.milestones.push({ ...m, taskId: row.id });
    for (const term of searchTerms(`${row.code} ${row.title} ${row.description ?? ''}`.slice(0, 600))) batch.terms.push({ taskId: row.id, term });
    await audit.record(trx, ctx, { officeId, action: extra.action ?? (extra.origin ? 'task.push_down' : 'task.create'), entityType: 'task', entityId: row.id, after: { code, title: row.title, leadUnitId: row.leadUnitId, deadline: row.deadline, keyTask: input.keyTask, source: input.source, origin: extra.origin ?? null, ...extra.auditAfter } });
    return row;
  }

  /** Writes a batch of new tasks: the tasks first (the rest refer to them; parents before children), inserts only. */
  async function writeNewTasks(trx: Tx, batch: NewTasks) {
    await repo.insertTasks(trx, [...batch.tasks.values()]);
    await repo.insertMilestoneRows(trx, batch.milestones);
    await repo.insertTermRows(trx, batch.terms);
    await repo.insertCooperatingRows(trx, batch.cooperating);
  }

  /**
   * Creates a task (A1-6: the division of tasks among units and counties). Counties named get a linked task in
   * their own ledger (push-down) whose progress rolls up into this one.
   */
  async function createTask(officeId: string, raw: TaskCreate, ctx: RequestContext): Promise<TaskDetail> {
    const input = TaskCreateSchema.parse(raw);
    const cal = await calendar.calendar();
    const row = await db.transaction().execute((trx) => createTaskInTx(trx, officeId, input, ctx, cal));
    return getTask(ctx.actor, officeId, row.id);
  }

  /**
   * createTask's work inside the caller's transaction; the Excel import creates its tasks through it too, so
   * push-down, codes, search terms and audit rows are the same. `action` replaces 'task.create' on the task's audit
   * row (the county copies stay 'task.push_down'); `rollUp: false` leaves the parent's roll-up to the caller (once).
   * With `known` (the import) it reads what that holds instead of querying, and leaves the rows in its batch for
   * the caller to write; without, it writes the task and its county copies before it returns. Returns the task's row.
   */
  async function createTaskInTx(trx: Tx, officeId: string, input: TaskCreateParsed, ctx: RequestContext, cal: WorkingCalendar, opts: { action?: string; auditAfter?: Record<string, unknown>; rollUp?: boolean; known?: KnownInTx } = {}): Promise<TaskRow> {
    const known = opts.known;
    // The import took the lock for all its tasks.
    if (!known) await lockResource(trx, dialect, TASK_CODES_LOCK_KEY);
    const parent = input.parentId ? (known?.tasks.get(input.parentId) ?? (await repo.findTask(trx, officeId, input.parentId))) : null;
    if (input.parentId && !parent) throw new AppError('UNPROCESSABLE', '上级任务不存在 / no such parent task', { field: 'parentId' });
    const coop = [...new Set(input.cooperatingUnitIds.filter((u) => u !== input.leadUnitId))];
    const inOffice = known ? known.unitIds : new Set(await repo.unitsInOffice(trx, officeId, [input.leadUnitId, ...coop]));
    if (!inOffice.has(input.leadUnitId)) throw new AppError('UNPROCESSABLE', '牵头单位不属于本办公室 / lead unit is not in this office', { field: 'leadUnitId' });
    if (coop.some((u) => !inOffice.has(u))) throw new AppError('UNPROCESSABLE', '配合单位不属于本办公室 / a cooperating unit is not in this office', { field: 'cooperatingUnitIds' });
    if (input.countyOfficeIds.length) {
      const children = known ? known.childOfficeIds : new Set((await repo.childOffices(trx, officeId)).map((o) => o.id));
      for (const c of input.countyOfficeIds) if (!children.has(c)) throw new AppError('UNPROCESSABLE', '只能分解到下级县市（园区） / only to child offices', { field: 'countyOfficeIds' });
    }
    const batch = known ?? newTasks();
    const me = await writeTask(trx, officeId, input, ctx, cal, batch, { parent: parent ?? null, leadUnitId: input.leadUnitId, action: opts.action, auditAfter: opts.auditAfter, codeChecked: Boolean(known) });
    for (const unitId of coop) batch.cooperating.push({ taskId: me.id, unitId });
    for (const countyId of [...new Set(input.countyOfficeIds)]) {
      // The county's own office assigns its lead unit; the copy keeps code, title, deadline and the key flag.
      await writeTask(trx, countyId, { ...input, code: me.code, cooperatingUnitIds: [], countyOfficeIds: [] }, ctx, cal, batch, { parent: me, origin: me.id, leadUnitId: null });
    }
    if (!known) await writeNewTasks(trx, batch);
    if (opts.rollUp !== false) await rollUpFrom(trx, parent?.id ?? null);
    return me;
  }

  async function updateTask(officeId: string, taskId: string, version: number, patch: TaskUpdate, ctx: Ctx) {
    const cal = await calendar.calendar();
    await db.transaction().execute(async (trx) => {
      const before = await repo.findTask(trx, officeId, taskId);
      if (!before) throw notFound('task');
      if (before.version !== version) throw stale();
      if (before.doneAt || before.cancelledAt) throw new AppError('INVALID_STATE_TRANSITION', '已销号或已取消的任务不能修改 / a done or cancelled task is frozen');
      if (patch.leadUnitId && (await repo.unitsInOffice(trx, officeId, [patch.leadUnitId])).length !== 1) throw new AppError('UNPROCESSABLE', '牵头单位不属于本办公室 / lead unit is not in this office', { field: 'leadUnitId' });
      if (patch.code && patch.code !== before.code) {
        await lockResource(trx, dialect, TASK_CODES_LOCK_KEY);
        if (await repo.codeExists(trx, officeId, patch.code)) throw new AppError('CONFLICT', '任务编号已存在 / code exists', { field: 'code' });
      }
      const set: Partial<TaskRow> = { updatedAt: iso() };
      for (const k of ['code', 'title', 'description', 'leadUnitId', 'deadline', 'expectedResult', 'weight'] as const) if (patch[k] !== undefined) (set as Record<string, unknown>)[k] = patch[k];
      if (patch.keyTask !== undefined) set.keyTask = patch.keyTask ? 1 : 0;
      if (patch.deadline) set.atRiskFrom = atRiskFromOrNull(cal, patch.deadline);
      if (patch.percent !== undefined) {
        if ((await repo.countChildren(trx, taskId, officeId)) > 0 || (await repo.childFigures(trx, taskId)).length > 0) throw new AppError('UNPROCESSABLE', '有子任务的任务完成度由子任务汇总 / a parent\'s percent is rolled up from its children', { field: 'percent' });
        set.percent = patch.percent;
      }
      if (patch.milestones) {
        const ms = patch.milestones.map((m, i) => ({ id: newId(), title: m.title, dueDate: m.dueDate, doneOn: m.doneOn ?? null, sortOrder: i }));
        await repo.setMilestones(trx, taskId, ms);
        set.nextMilestoneDue = nextMilestoneDue(ms);
      }
      // A new lead unit leaves the task's cooperating units before it leads (the database refuses a unit in both
      // roles); a new list of cooperating units is set after (it may name the old lead).
      const newLead = patch.leadUnitId && patch.leadUnitId !== before.leadUnitId ? patch.leadUnitId : null;
      const leftCooperating = newLead !== null && (await repo.dropCooperatingUnit(trx, taskId, newLead)) > 0 && !patch.cooperatingUnitIds;
      if ((await repo.updateTask(trx, taskId, version, set)) === 0) throw stale();
      if (patch.cooperatingUnitIds) {
        const coop = [...new Set(patch.cooperatingUnitIds.filter((u) => u !== (patch.leadUnitId ?? before.leadUnitId)))];
        if ((await repo.unitsInOffice(trx, officeId, coop)).length !== coop.length) throw new AppError('UNPROCESSABLE', '配合单位不属于本办公室 / a cooperating unit is not in this office', { field: 'cooperatingUnitIds' });
        await repo.setCooperatingUnits(trx, taskId, coop);
      }
      if (patch.title || patch.code || patch.description !== undefined) {
        const t = (await repo.findTask(trx, officeId, taskId))!;
        await repo.setTerms(trx, taskId, searchTerms(`${t.code} ${t.title} ${t.description ?? ''}`.slice(0, 600)));
      }
      if (patch.percent !== undefined || patch.weight !== undefined) await rollUpFrom(trx, before.parentId);
      await audit.record(trx, ctx, { officeId, action: 'task.update', entityType: 'task', entityId: taskId, before: pick(before, Object.keys(patch)), after: leftCooperating ? { ...patch, leftCooperatingUnitIds: [newLead] } : patch });
    });
    return getTask(ctx.actor, officeId, taskId);
  }

  const pick = (o: Record<string, unknown>, keys: string[]) => Object.fromEntries(keys.filter((k) => k in o).map((k) => [k, o[k]]));

  /** 销号: the office confirms the result. Cancellation needs a reason. Both are final. */
  async function close(officeId: string, taskId: string, version: number, kind: 'done' | 'cancel', note: string | null, ctx: Ctx) {
    await db.transaction().execute(async (trx) => {
      const t = await repo.findTask(trx, officeId, taskId);
      if (!t) throw notFound('task');
      if (t.version !== version) throw stale();
      if (t.doneAt || t.cancelledAt) throw new AppError('INVALID_STATE_TRANSITION', '任务已销号或已取消 / already done or cancelled');
      const now = iso();
      const set: Partial<TaskRow> = kind === 'done' ? { doneAt: now, doneByName: ctx.actor.displayName, updatedAt: now } : { cancelledAt: now, cancelReason: note, updatedAt: now };
      if ((await repo.updateTask(trx, taskId, version, set)) === 0) throw stale();
      await rollUpFrom(trx, t.parentId);
      await audit.record(trx, ctx, { officeId, action: kind === 'done' ? 'task.confirm_done' : 'task.cancel', entityType: 'task', entityId: taskId, before: { status: 'open' }, after: { status: kind === 'done' ? 'done' : 'cancelled', note } });
    });
    return getTask(ctx.actor, officeId, taskId);
  }

  async function bulkAssign(officeId: string, taskIds: string[], leadUnitId: string, ctx: Ctx) {
    return db.transaction().execute(async (trx) => {
      if ((await repo.unitsInOffice(trx, officeId, [leadUnitId])).length !== 1) throw new AppError('UNPROCESSABLE', '牵头单位不属于本办公室 / lead unit is not in this office', { field: 'leadUnitId' });
      let changed = 0;
      for (const id of [...new Set(taskIds)]) {
        const t = await repo.findTask(trx, officeId, id);
        if (!t) throw new AppError('UNPROCESSABLE', `任务不存在：${id} / no such task`, { field: 'taskIds', id });
        if (t.leadUnitId === leadUnitId) continue;
        // the new lead unit leaves the task's cooperating units (the database refuses a unit in both roles)
        const left = (await repo.dropCooperatingUnit(trx, id, leadUnitId)) > 0;
        await repo.updateTask(trx, id, t.version, { leadUnitId, updatedAt: iso() });
        await audit.record(trx, ctx, { officeId, action: 'task.assign', entityType: 'task', entityId: id, before: { leadUnitId: t.leadUnitId }, after: left ? { leadUnitId, leftCooperatingUnitIds: [leadUnitId] } : { leadUnitId } });
        changed++;
      }
      return { changed };
    });
  }

  // ---- progress updates ----
  /**
   * A progress update by the lead unit (or a cooperating unit for its part), or by the office. A unit that has
   * nothing to do with the task gets 404. The task's figure is the latest submitted update's percent; parents roll up.
   */
  async function addUpdate(officeId: string, taskId: string, input: ProgressCreate, ctx: Ctx): Promise<ProgressUpdate> {
    return db.transaction().execute(async (trx) => {
      await repo.lockTask(trx, taskId); // a concurrent update of the same task waits, then reads this one's figure
      const t = await repo.findTask(trx, officeId, taskId);
      if (!t) throw notFound('task');
      const office = isOfficeActor(ctx.actor, officeId);
      const role = await repo.unitRoleOnTask(trx, taskId, input.unitId ? [input.unitId].filter((u) => office || actorUnits(ctx.actor, officeId).includes(u)) : actorUnits(ctx.actor, officeId));
      if (!office && !role) throw notFound('task');
      if (t.doneAt || t.cancelledAt) throw new AppError('INVALID_STATE_TRANSITION', '已销号或已取消的任务不再报送进展 / the task is closed');
      const on = input.reportedOn ?? today();
      if (on > today()) throw new AppError('VALIDATION_FAILED', '进展日期不能晚于今天 / cannot report in the future', { field: 'reportedOn' });
      const hasChildren = (await repo.childFigures(trx, taskId)).length > 0;
      const row = {
        id: newId(), taskId, officeId, unitId: role?.unitId ?? input.unitId ?? null, reportedOn: on, doneText: input.doneText, nextSteps: input.nextSteps ?? null, problems: input.problems ?? null,
        supportNeeded: input.supportNeeded ?? null, percent: input.percent ?? null, state: 'submitted', officeComment: null, createdByName: ctx.actor.displayName, version: 1, createdAt: iso(),
      };
      // The figure is the latest counting update's (figureAfterAdd): read the one that gave it before this one.
      const counts = !hasChildren && countsForFigure(row, t.leadUnitId);
      const before = counts ? ((await repo.latestCountingUpdate(trx, taskId, t.leadUnitId)) ?? null) : null;
      await repo.insertUpdate(trx, row);
      const set: Partial<TaskRow> = { lastUpdateOn: t.lastUpdateOn && t.lastUpdateOn > on ? t.lastUpdateOn : on, updatedAt: iso() };
      if (counts) {
        const percent = figureAfterAdd(row, before, t.leadUnitId, t.percent);
        if (percent !== t.percent) set.percent = percent;
      }
      if ((await repo.updateTask(trx, taskId, t.version, set)) === 0) throw stale();
      if (set.percent !== undefined) await rollUpFrom(trx, t.parentId);
      await audit.record(trx, ctx, { officeId, action: 'task.progress', entityType: 'task', entityId: taskId, after: { updateId: row.id, reportedOn: on, percent: row.percent, unitId: row.unitId } });
      return getUpdate(trx, row.id);
    });
  }

  async function reviewUpdate(officeId: string, taskId: string, updateId: string, version: number, kind: 'comment' | 'return', comment: string, ctx: Ctx): Promise<ProgressUpdate> {
    return db.transaction().execute(async (trx) => {
      const t = await repo.findTask(trx, officeId, taskId);
      const u = t && (await repo.findUpdate(trx, taskId, updateId));
      if (!t || !u) throw notFound('progress update');
      if (u.version !== version) throw new AppError('VERSION_MISMATCH', undefined, { entity: 'progress update' });
      if (kind === 'return' && u.state === 'returned') throw new AppError('INVALID_STATE_TRANSITION', '已退回 / already returned');
      if ((await repo.setUpdateReview(trx, updateId, version, { ...(kind === 'return' ? { state: 'returned' } : {}), officeComment: comment })) === 0) throw new AppError('VERSION_MISMATCH');
      let figure: { percent: number | null; lastUpdateOn: string | null } | undefined;
      if (kind === 'return') {
        // A returned update no longer counts (figureAfterReturn: the figure falls back only if it was giving it).
        const hasChildren = (await repo.childFigures(trx, taskId)).length > 0;
        if (!hasChildren) {
          figure = figureAfterReturn(u, await repo.submittedUpdates(trx, taskId), t.leadUnitId, t.percent);
          await repo.updateTask(trx, taskId, t.version, { ...figure, updatedAt: iso() });
          if (figure.percent !== t.percent) await rollUpFrom(trx, t.parentId);
        }
      }
      await audit.record(trx, ctx, {
        officeId, action: kind === 'return' ? 'task.progress.return' : 'task.progress.comment', entityType: 'task', entityId: taskId,
        ...(figure ? { before: { percent: t.percent, lastUpdateOn: t.lastUpdateOn } } : {}),
        after: { updateId, comment, ...figure },
      });
      return getUpdate(trx, updateId);
    });
  }

  async function addUpdateAttachment(officeId: string, taskId: string, updateId: string, file: { filename: string; data: Buffer }, ctx: Ctx) {
    const type = sniffFileType(file.data, ['pdf', 'docx', 'xlsx']);
    return db.transaction().execute(async (trx) => {
      const u = await repo.findUpdate(trx, taskId, updateId);
      if (!u || u.officeId !== officeId) throw notFound('progress update');
      const mine = isOfficeActor(ctx.actor, officeId) || (u.unitId !== null && actorUnits(ctx.actor, officeId).includes(u.unitId));
      if (!mine) throw notFound('progress update');
      const id = newId();
      const filename = cleanFilename(file.filename);
      const digest = createHash('sm3').update(file.data).digest('hex');
      await repo.insertFile(trx, { id, officeId, ownerType: 'progress_update', ownerId: updateId, filename, mime: MIME[type], size: file.data.length, digest, content: file.data, uploadedByName: ctx.actor.displayName, deletedAt: null, createdAt: iso() });
      await audit.record(trx, ctx, { officeId, action: 'task.progress.attachment', entityType: 'task', entityId: taskId, after: { updateId, fileId: id, filename, digest } });
      return getUpdate(trx, updateId);
    });
  }

  async function getUpdateAttachment(officeId: string, taskId: string, updateId: string, fileId: string) {
    const u = await repo.findUpdate(db, taskId, updateId);
    if (!u || u.officeId !== officeId) throw notFound('attachment');
    const f = await repo.findUpdateAttachment(db, updateId, fileId);
    if (!f) throw notFound('attachment');
    return f;
  }

  /** The same file for a member unit, only when its unit leads or cooperates on the task (else 404, nothing revealed). */
  async function getMyUpdateAttachment(actor: Actor, officeId: string, taskId: string, updateId: string, fileId: string) {
    if (!isOfficeActor(actor, officeId) && !(await repo.unitRoleOnTask(db, taskId, actorUnits(actor, officeId)))) throw notFound('attachment');
    return getUpdateAttachment(officeId, taskId, updateId, fileId);
  }

  /**
   * The update a write answers with, by id, read inside the write's transaction: it need not be among the task's
   * latest updates (a late report, an old one reviewed), and on SQLite the read connection is cold after a write.
   */
  async function getUpdate(trx: Tx, id: string): Promise<ProgressUpdate> {
    return presentUpdate((await repo.updateWithUnit(trx, id))!, await repo.updateAttachments(trx, [id]));
  }

  const presentUpdate = (r: UpdateRow, files: Array<{ id: string; filename: string; mime: string; size: number }>): ProgressUpdate => ({
    id: r.id, taskId: r.taskId, unitId: r.unitId, unitName: r.unitName, reportedOn: r.reportedOn, doneText: r.doneText, nextSteps: r.nextSteps, problems: r.problems,
    supportNeeded: r.supportNeeded, percent: r.percent, state: r.state as 'submitted' | 'returned', officeComment: r.officeComment, createdByName: r.createdByName, createdAt: r.createdAt,
    attachments: files.map((f) => ({ id: f.id, filename: f.filename, mime: f.mime, size: f.size })),
    version: r.version,
  });

  // ---- reading ----
  /** "中文 / English": the web client shows the half of the user's language (localize). */
  const HISTORY_TITLES: Record<string, string> = {
    'task.create': '创建任务 / Task created', 'task.push_down': '分解至县市（园区） / Pushed down to counties', 'task.update': '修改任务 / Task edited',
    'task.assign': '调整牵头单位 / Lead unit changed', 'task.progress': '报送进展 / Progress reported', 'task.progress.return': '退回进展 / Update sent back',
    'task.progress.comment': '办公室批注 / Office comment', 'task.progress.attachment': '上传佐证材料 / Evidence uploaded', 'task.confirm_done': '办公室销号 / Confirmed done',
    'task.cancel': '取消任务 / Task cancelled', 'task.import': 'Excel 导入 / Imported from Excel',
    'task.extension.request': '申请延期 / Extension requested', 'task.extension.approve': '批准延期 / Extension approved', 'task.extension.reject': '不予延期 / Extension refused',
  };

  /** The audit trail's entries and, in their places, the days the task's status moved by the calendar alone (calendarStatusDays). */
  function withCalendarDays(entries: TaskDetail['history'], row: { deadline: string; atRiskFrom: string | null; doneAt: string | null; cancelledAt: string | null }, milestones: Array<{ title: string; dueDate: string; doneOn: string | null }>, today: string): TaskDetail['history'] {
    const since = entries[0] ? chinaDate(new Date(entries[0].at)) : null;
    const days = calendarStatusDays({ deadline: row.deadline, atRiskFrom: row.atRiskFrom, doneAt: row.doneAt, cancelledAt: row.cancelledAt, milestones }, since, today);
    if (!days.length) return entries;
    const title = (d: (typeof days)[number]) =>
      d.kind === 'due_soon' ? `进入期限前${AT_RISK_WORKING_DAYS}个工作日 / Within ${AT_RISK_WORKING_DAYS} working days of the deadline`
        : d.kind === 'overdue' ? '超过完成时限 / Deadline passed' : `里程碑未按期完成：${d.milestone} / Milestone missed: ${d.milestone}`;
    // A day the task was created on comes after its creation.
    const at = (on: string) => (entries[0] && chinaDayStart(on) < entries[0].at ? entries[0].at : chinaDayStart(on));
    const derived = days.map((d) => ({ at: at(d.on), action: `task.status.${d.kind}`, actorName: null, title: title(d) }));
    // Array.prototype.sort is stable: an action and a calendar day at the same instant keep the action first.
    return [...entries, ...derived].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  }

  /**
   * The task page with its latest updates as the JSON text the database wrote (ledger.repository.ts: taskPage), each
   * with its attachments, in TaskDetailSchema's shape: the GET route sends that text without parsing it into objects
   * and writing them again (taskPageJson); getTask parses it for the routes that answer a write.
   */
  async function taskDetail(actor: Actor | null, officeId: string, taskId: string): Promise<{ detail: Omit<TaskDetail, 'updates'>; updatesJson: string }> {
    const t = today();
    const row = await repo.taskPage(db, officeId, taskId, t);
    if (!row) throw notFound('task');
    // Children, county copies and extension requests only when the task has them (the row says).
    const none = Promise.resolve([]);
    const [children, counties, extensions] = await Promise.all([
      Number(row.childCount) > 0 ? repo.children(db, taskId, t) : none, row.hasCountyCopies ? repo.countyCopies(db, taskId, t) : none,
      row.hasExtensions ? repo.extensionsOfTask(db, taskId) : none,
    ]);
    const { cooperatingUnits: coop, milestones, history } = row;
    const rollup = children.length ? rollupPercent(children.map((w) => ({ id: w.id, percent: w.percent, weight: w.weight, cancelled: Boolean(w.cancelledAt) }))) : null;
    const office = actor ? isOfficeActor(actor, officeId) : false;
    const units = actor ? actorUnits(actor, officeId) : [];
    const related = units.length > 0 && (units.includes(row.leadUnitId ?? '') || coop.some((c) => units.includes(c.id)));
    const leads = units.includes(row.leadUnitId ?? '');
    const open = !row.doneAt && !row.cancelledAt;
    let deadlineProblem: string | null = null;
    if (!row.atRiskFrom) deadlineProblem = `${row.deadline.slice(0, 4)} 年（或前一年）节假日安排未导入，临近期限提醒暂不可用 / calendar not loaded for the deadline's year`;
    // One object literal, the summary's fields written out: with `...presentSummary(row)` spread into it, 17 % of the
    // young generation survived each scavenge under load (scavenges of 12.6 ms, median), 0.1 % without (0.8 ms):
    // `--trace-gc-nvp`, an in-process server under autocannon, 50 connections, one task's page.
    const detail: Omit<TaskDetail, 'updates'> = {
      id: row.id, officeId: row.officeId, parentId: row.parentId, originTaskId: row.originTaskId, depth: row.depth, code: row.code, title: row.title,
      leadUnitId: row.leadUnitId, leadUnitName: row.leadUnitName, deadline: row.deadline, keyTask: Boolean(row.keyTask), percent: row.percent,
      status: row.status as TaskStatusName, lastUpdateOn: row.lastUpdateOn, childCount: Number(row.childCount ?? 0), version: row.version,
      description: row.description, source: { type: row.sourceType as TaskDetail['source']['type'], ref: row.sourceRef, label: row.sourceLabel }, expectedResult: row.expectedResult, weight: row.weight,
      atRiskFrom: row.atRiskFrom, deadlineProblem, doneAt: row.doneAt, doneByName: row.doneByName, cancelledAt: row.cancelledAt, cancelReason: row.cancelReason,
      cooperatingUnits: coop, milestones: milestones.map((m) => ({ id: m.id, title: m.title, dueDate: m.dueDate, doneOn: m.doneOn, missed: !m.doneOn && m.dueDate < t })),
      children: children.map(presentSummary),
      counties: counties.map((c) => ({ officeId: c.officeId, officeName: c.officeName, taskId: c.id, percent: c.percent, status: c.status as TaskStatusName })),
      rollup,
      history: withCalendarDays(history.map((h) => ({ at: h.at, action: h.action, actorName: h.actorName, title: HISTORY_TITLES[h.action] ?? h.action })), row, milestones, t),
      extensions: extensions.map(presentExtension),
      abilities: [
        ...(office && open ? (['edit', 'confirm_done', 'cancel', 'review_updates'] as const) : []),
        ...((office || related) && open ? (['update'] as const) : []),
        ...(leads && !extensionRequestProblem({ deadline: row.deadline, open, pending: extensions.some((e) => e.state === 'pending') }, t) ? (['request_extension'] as const) : []),
        ...(office && open && extensions.some((e) => e.state === 'pending') ? (['decide_extension'] as const) : []),
      ],
    };
    return { detail, updatesJson: row.updatesJson };
  }

  async function getTask(actor: Actor | null, officeId: string, taskId: string): Promise<TaskDetail> {
    const { detail, updatesJson } = await taskDetail(actor, officeId, taskId);
    return { ...detail, updates: JSON.parse(updatesJson) as ProgressUpdate[] };
  }

  /**
   * The task page as its response's JSON text, the updates spliced in as the database wrote them (before, they were
   * parsed, copied twice and written again): in process, bench/'s data, 409 → 309 µs a page on SQLite, 423 → 330 µs
   * on PostgreSQL (README).
   */
  async function taskPageJson(actor: Actor | null, officeId: string, taskId: string): Promise<{ version: number; body: JsonText }> {
    const { detail, updatesJson } = await taskDetail(actor, officeId, taskId);
    return { version: detail.version, body: jsonTextWith(detail, 'updates', updatesJson) };
  }

  // ---- deadline extension requests ----
  const presentExtension = (r: Awaited<ReturnType<LedgerRepository['extensionsOfTask']>>[number]): ExtensionRequest => ({
    id: r.id, taskId: r.taskId, unitName: r.unitName, requestedByName: r.requestedByName, requestedAt: r.requestedAt, currentDeadline: r.currentDeadline, newDeadline: r.newDeadline,
    reason: r.reason, state: r.state as ExtensionRequest['state'], decidedByName: r.decidedByName, decidedAt: r.decidedAt, decisionNote: r.decisionNote, version: r.version,
  });

  /** The lead unit asks for a later deadline, before the current one passes, with a reason (one pending at a time). */
  async function requestExtension(officeId: string, taskId: string, input: ExtensionCreate, ctx: Ctx) {
    const send = await db.transaction().execute(async (trx) => {
      const t = await repo.findTask(trx, officeId, taskId);
      if (!t) throw notFound('task');
      const units = actorUnits(ctx.actor, officeId);
      if (!units.includes(t.leadUnitId ?? '')) throw new AppError('FORBIDDEN', 'A1-9：延期由牵头单位申请 / A1-9: the lead unit requests an extension', { rule: 'A1-9' });
      const problem = extensionRequestProblem({ deadline: t.deadline, open: !t.doneAt && !t.cancelledAt, pending: await repo.hasPendingExtension(trx, taskId) }, today(), input.newDeadline);
      if (problem) throw new AppError(problem.field === 'taskId' ? 'CONFLICT' : 'UNPROCESSABLE', problem.message, { field: problem.field });
      const id = newId();
      const row = { id, officeId, taskId, unitId: t.leadUnitId, requestedByName: ctx.actor.displayName, requestedAt: iso(), currentDeadline: t.deadline, newDeadline: input.newDeadline, reason: input.reason, state: 'pending', decidedByName: null, decidedAt: null, decisionNote: null, version: 1 };
      if ((await repo.insertExtension(trx, row)) === 0) throw new AppError('CONFLICT', '已有待审批的延期申请 / an extension request is already pending', { field: 'taskId' });
      await audit.record(trx, ctx, { officeId, action: 'task.extension.request', entityType: 'task', entityId: taskId, after: { requestId: id, from: t.deadline, to: input.newDeadline, reason: input.reason } });
      if (!deps.notifications) return null;
      const desk = await deps.notifications.holders(trx, officeId, OFFICE_ACTING_POSTS, today());
      return deps.notifications.notify(trx, desk.map((a) => ({ accountId: a.accountId, email: a.email, officeId, kind: 'task.extension.requested', title: `延期申请：${t.code} ${t.title}（${t.deadline} → ${input.newDeadline}）`, body: input.reason, link: `/offices/${officeId}/ledger/tasks/${taskId}` })));
    });
    await send?.();
    return getTask(ctx.actor, officeId, taskId);
  }

  /** The office approves (the task's deadline moves, its at-risk date with it) or rejects with a note. */
  async function decideExtension(officeId: string, taskId: string, requestId: string, version: number, approve: boolean, note: string | null, ctx: Ctx) {
    const cal = await calendar.calendar(); // before the transaction (SQLite: one connection)
    const send = await db.transaction().execute(async (trx) => {
      const t = await repo.findTask(trx, officeId, taskId);
      const r = await repo.findExtension(trx, taskId, requestId);
      if (!t || !r || r.officeId !== officeId) throw notFound('extension request');
      if (r.version !== version) throw new AppError('VERSION_MISMATCH', undefined, { entity: 'extension request' });
      if (r.state !== 'pending') throw new AppError('INVALID_STATE_TRANSITION', '该申请已处理 / this request was already decided', { state: r.state });
      const now = iso();
      if ((await repo.decideExtension(trx, r.id, version, { state: approve ? 'approved' : 'rejected', decidedByName: ctx.actor.displayName, decidedAt: now, decisionNote: note })) === 0) throw new AppError('VERSION_MISMATCH', undefined, { entity: 'extension request' });
      if (approve) {
        if (t.doneAt || t.cancelledAt) throw new AppError('INVALID_STATE_TRANSITION', '已销号或已取消的任务不能延期 / a done or cancelled task cannot be extended');
        if ((await repo.updateTask(trx, taskId, t.version, { deadline: r.newDeadline, atRiskFrom: atRiskFromOrNull(cal, r.newDeadline), updatedAt: now })) === 0) throw stale();
      }
      await audit.record(trx, ctx, { officeId, action: approve ? 'task.extension.approve' : 'task.extension.reject', entityType: 'task', entityId: taskId, before: { deadline: t.deadline }, after: { requestId, deadline: approve ? r.newDeadline : t.deadline, note } });
      if (!deps.notifications || !r.unitId) return null;
      const unit = await deps.notifications.holders(trx, officeId, ['liaison_officer', 'information_officer'], today(), [r.unitId]);
      const title = approve ? `延期已批准：${t.code} ${t.title}，完成时限改为 ${r.newDeadline}` : `不予延期：${t.code} ${t.title}，完成时限仍为 ${t.deadline}`;
      return deps.notifications.notify(trx, unit.map((a) => ({ accountId: a.accountId, email: a.email, officeId, kind: approve ? 'task.extension.approved' : 'task.extension.rejected', title, body: note ?? undefined, link: `/offices/${officeId}/my-tasks/${taskId}` })));
    });
    await send?.();
    return getTask(ctx.actor, officeId, taskId);
  }

  /** For other modules' links into the ledger: which of these tasks exist in the office, and which are done. */
  async function taskStates(officeId: string, ids: string[]) {
    const rows = await repo.taskStates(db, officeId, ids);
    return { exists: new Set(rows.map((r) => r.id)), done: new Set(rows.filter((r) => r.doneAt).map((r) => r.id)) };
  }

  async function listExtensions(officeId: string, state: ExtensionRequest['state'] | null) {
    const rows = await repo.extensionsOfOffice(db, officeId, state);
    return { items: rows.map((r) => ({ ...presentExtension(r), taskCode: r.taskCode, taskTitle: r.taskTitle })) };
  }

  async function listTasks(officeId: string, f: TaskListQuery) {
    // Only CJK bigrams go to the index; single characters and ASCII fragments are matched by the exact LIKE alone.
    const terms = f.q ? searchTerms(f.q).filter((x) => [...x].length === 2 && /[^\x00-\x7f]/.test(x)) : [];
    const t = today();
    // A status filter reads the kept statuses: first make them today's (once a day).
    if (f.status) await repo.statusesFor(db, t);
    const list = await repo.listTasks(db, officeId, f, t, terms);
    // A page the database wrote as JSON (a unit's tasks of one status, from the kept list rows) goes out as it is.
    if ('itemsJson' in list) return new JsonText(`{"items":${list.itemsJson},"total":${list.total}}`);
    return { items: list.items.map(presentSummary), total: list.total };
  }

  /** A liaison officer's own tasks: where one of their units leads or cooperates. Another unit's task is not found. */
  async function myTasks(actor: Actor, officeId: string) {
    const units = actorUnits(actor, officeId);
    const rows = isOfficeActor(actor, officeId) && units.length === 0 ? [] : await repo.tasksOfUnits(db, officeId, units, today());
    return { items: rows.map(presentSummary), total: rows.length };
  }

  async function getMyTask(actor: Actor, officeId: string, taskId: string) {
    const units = actorUnits(actor, officeId);
    if (!isOfficeActor(actor, officeId) && !(await repo.unitRoleOnTask(db, taskId, units))) throw notFound('task');
    return taskPageJson(actor, officeId, taskId);
  }

  /** Dashboard (A1-6, A2-5): completion by unit and by county, overdue and at-risk counts, key tasks, monthly trend. */
  async function dashboard(officeId: string): Promise<Dashboard> {
    const t = today();
    const counties = await repo.childOffices(db, officeId);
    const since = inspectionPeriodStart(t);
    const from = `${Number(t.slice(0, 4)) - 1}-${t.slice(5, 7)}-01`;
    // One pass over the top-level tasks gives the office's, its units' and its counties' figures (by the kept status).
    await repo.statusesFor(db, t);
    const [statusRows, keyTasks, updates, done] = await Promise.all([
      repo.statusByOfficeAndUnit(db, [officeId, ...counties.map((c) => c.id)]), repo.keyTasksWithoutUpdate(db, officeId, since), repo.updatesPerMonth(db, officeId, from), repo.donePerMonth(db, officeId, from),
    ]);
    const unitRows = statusRows.filter((r): r is typeof r & { leadUnitId: string } => r.officeId === officeId && r.leadUnitId !== null).sort((a, b) => (a.leadUnitId < b.leadUnitId ? -1 : a.leadUnitId > b.leadUnitId ? 1 : 0));
    const unitNames = new Map((await repo.unitNames(db, [...new Set(unitRows.map((r) => r.leadUnitId))])).map((u) => [u.id, u.name]));
    const agg = (rows: Array<{ status: string; n: number | string; percentSum: number | string | null; percentCount: number | string }>) => {
      const byStatus: Record<string, number> = {};
      let n = 0, sum = 0, cnt = 0;
      for (const r of rows) {
        byStatus[r.status] = (byStatus[r.status] ?? 0) + Number(r.n);
        n += Number(r.n);
        sum += Number(r.percentSum ?? 0);
        cnt += Number(r.percentCount);
      }
      return { byStatus, n, averagePercent: cnt ? Math.round(sum / cnt) : null };
    };
    const mine = agg(statusRows.filter((r) => r.officeId === officeId));
    const keyCount = await repo.countKeyTasks(db, officeId);
    const units = new Map<string, { unitId: string; unitName: string; rows: typeof unitRows }>();
    for (const r of unitRows) {
      const unitName = unitNames.get(r.leadUnitId);
      if (unitName === undefined) continue;
      if (!units.has(r.leadUnitId)) units.set(r.leadUnitId, { unitId: r.leadUnitId, unitName, rows: [] });
      units.get(r.leadUnitId)!.rows.push(r);
    }
    const months: string[] = [];
    for (let i = 11; i >= 0; i--) {
      const d = new Date(Date.UTC(Number(t.slice(0, 4)), Number(t.slice(5, 7)) - 1 - i, 1));
      months.push(d.toISOString().slice(0, 7));
    }
    return {
      asOf: t,
      totals: { tasks: mine.n, keyTasks: keyCount, byStatus: mine.byStatus, averagePercent: mine.averagePercent },
      byUnit: [...units.values()].map((u) => {
        const a = agg(u.rows);
        return { unitId: u.unitId, unitName: u.unitName, tasks: a.n, done: a.byStatus.done ?? 0, overdue: a.byStatus.overdue ?? 0, atRisk: a.byStatus.at_risk ?? 0, averagePercent: a.averagePercent };
      }),
      byCounty: counties.map((c) => {
        const a = agg(statusRows.filter((r) => r.officeId === c.id));
        return { officeId: c.id, officeName: c.name, tasks: a.n, done: a.byStatus.done ?? 0, overdue: a.byStatus.overdue ?? 0, atRisk: a.byStatus.at_risk ?? 0, averagePercent: a.averagePercent };
      }),
      keyTasksWithoutUpdate: keyTasks,
      trend: months.map((m) => ({ month: m, updates: Number(updates.find((u) => u.month === m)?.n ?? 0), done: Number(done.find((d) => d.month === m)?.n ?? 0) })),
    };
  }

  /**
   * 本期变化 — what changed in the office's ledger between two days, both included ("what changed since last month",
   * a baseline users of such systems ask for): tasks created, reported on, extended, become overdue, done or
   * cancelled, each with the day, and the figure before the period beside the figure now. Every level of task.
   */
  async function changes(officeId: string, query: { from: string; to?: string }): Promise<LedgerChanges> {
    const asOf = today();
    const { from } = query;
    const to = query.to ?? asOf;
    if (from > asOf) throw new AppError('VALIDATION_FAILED', '开始日期不能晚于今天 / the period cannot begin after today', { field: 'from' });
    if (to < from) throw new AppError('VALIDATION_FAILED', '结束日期不能早于开始日期 / the period ends before it begins', { field: 'to' });
    if (to > addDays(from, 366)) throw new AppError('VALIDATION_FAILED', '期间最长一年 / a period of at most one year', { field: 'to' });
    const [start, end] = [chinaDayStart(from), chinaDayStart(addDays(to, 1))];
    const [closed, progress, extensions, deadlines] = await Promise.all([
      repo.createdOrClosedIn(db, officeId, start, end), repo.progressIn(db, officeId, from, to), repo.extensionsApprovedIn(db, officeId, start, end),
      repo.deadlinesIn(db, officeId, addDays(from, -1), addDays(to, -1)),
    ]);
    type Change = LedgerChanges['items'][number]['changes'][number];
    const byTask = new Map<string, Change[]>();
    const add = (taskId: string, c: Change) => {
      if (!byTask.has(taskId)) byTask.set(taskId, []);
      byTask.get(taskId)!.push(c);
    };
    const within = (at: string | null): at is string => at !== null && at >= start && at < end;
    const day = (at: string) => chinaDate(new Date(at));
    for (const t of closed) {
      if (within(t.createdAt)) add(t.id, { kind: 'created', on: day(t.createdAt), n: null, note: null });
      if (within(t.doneAt)) add(t.id, { kind: 'done', on: day(t.doneAt), n: null, note: null });
      if (within(t.cancelledAt)) add(t.id, { kind: 'cancelled', on: day(t.cancelledAt), n: null, note: null });
    }
    for (const p of progress) add(p.taskId, { kind: 'progress', on: String(p.last), n: Number(p.n), note: null });
    for (const e of extensions) add(e.taskId, { kind: 'extended', on: day(e.decidedAt!), n: null, note: `${e.currentDeadline} → ${e.newDeadline}` });
    for (const t of deadlines) {
      const d = overdueDayIn(t, from, to, asOf);
      if (d) add(t.id, { kind: 'overdue', on: d, n: null, note: null });
    }
    const counts = Object.fromEntries(LEDGER_CHANGE_KINDS.map((k) => [k, 0])) as LedgerChanges['counts'];
    for (const list of byTask.values()) for (const k of new Set(list.map((c) => c.kind))) counts[k]++;
    // By code (then id), the first LEDGER_CHANGES_LIMIT; their rows and the figures before the period.
    const order = (await repo.codesOf(db, officeId, [...byTask.keys()])).sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const shown = order.slice(0, LEDGER_CHANGES_LIMIT).map((r) => r.id);
    const rows = new Map((await repo.summaries(db, officeId, shown, asOf)).map((r) => [r.id, r]));
    const leaves = shown.filter((id) => Number(rows.get(id)?.childCount ?? 0) === 0);
    const before = new Map<string, Array<{ unitId: string | null; percent: number | null; reportedOn: string; createdAt: string }>>();
    for (const u of await repo.figureUpdatesBefore(db, leaves, from)) {
      if (!before.has(u.taskId)) before.set(u.taskId, []);
      before.get(u.taskId)!.push(u);
    }
    const kindOrder = new Map(LEDGER_CHANGE_KINDS.map((k, i) => [k, i]));
    const items = shown.flatMap((id) => {
      const r = rows.get(id);
      if (!r) return [];
      const leaf = Number(r.childCount ?? 0) === 0;
      return [{
        taskId: id, code: r.code, title: r.title, depth: r.depth, leadUnitName: r.leadUnitName, status: r.status as TaskStatusName,
        percentBefore: leaf ? figureBefore(before.get(id) ?? [], r.leadUnitId, from) : null, percentNow: r.percent,
        changes: byTask.get(id)!.sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : kindOrder.get(a.kind)! - kindOrder.get(b.kind)!)),
      }];
    });
    return { from, to, asOf, counts, items, truncated: order.length > shown.length };
  }

  /**
   * The daily reminder (job ledger.remind; supervision practice, reminderFor): to each lead unit's liaison officers,
   * one digest — tasks within DUE_SOON_WORKING_DAYS working days of their deadline and tasks overdue for under
   * NEWLY_OVERDUE_DAYS days every day, the longer-overdue ones on Mondays — never one notice per task (a unit can lead
   * thousands). One audit row per digest. Returns the notices sent.
   */
  /** The nightly job: the kept statuses become the new day's before anyone reads them (a list would do it otherwise). */
  async function keepStatusesForToday(): Promise<string> {
    const t = today();
    await repo.statusesFor(db, t);
    return t;
  }

  async function remindDue(): Promise<number> {
    if (!deps.notifications) return 0;
    const notifications = deps.notifications;
    const t = today();
    const cal = await calendar.calendar();
    const monday = new Date(`${t}T00:00:00Z`).getUTCDay() === 1;
    type Due = Awaited<ReturnType<LedgerRepository['openTasksDueBy']>>[number];
    type UnitDue = { officeId: string; unitId: string; due_soon: Due[]; overdue: Due[]; still_overdue: Due[] };
    const units = new Map<string, UnitDue>();
    for (const task of await repo.openTasksDueBy(db, addDays(t, 20))) {
      const kind = reminderFor(task.deadline, t, cal);
      if (!kind) continue;
      const key = `${task.officeId}|${task.leadUnitId}`;
      if (!units.has(key)) units.set(key, { officeId: task.officeId, unitId: task.leadUnitId!, due_soon: [], overdue: [], still_overdue: [] });
      units.get(key)![kind].push(task);
    }
    let sent = 0;
    const ctx = { actor: null, requestId: 'job:ledger.remind', ip: null };
    // One transaction and one query for the liaison officers per office: a transaction and a query per unit made the
    // bench data set's 1,152 notices take 22 s on SQLite (the holders query was two thirds of it in a profile).
    const byOffice = new Map<string, UnitDue[]>();
    for (const u of units.values()) {
      if (!byOffice.has(u.officeId)) byOffice.set(u.officeId, []);
      byOffice.get(u.officeId)!.push(u);
    }
    for (const [officeId, list] of byOffice) {
      const send = await db.transaction().execute(async (trx) => {
        const sends: Array<() => Promise<void>> = [];
        const liaisons = await notifications.holdersByUnit(trx, officeId, ['liaison_officer'], t, list.map((u) => u.unitId));
        for (const u of list) {
          const still = monday ? u.still_overdue : [];
          if (!u.due_soon.length && !u.overdue.length && !still.length) continue;
          const to = liaisons.get(u.unitId) ?? [];
          if (!to.length) continue;
          const late = u.overdue.length + still.length;
          const title = [`任务提醒：`, u.due_soon.length ? `${u.due_soon.length} 项 ${DUE_SOON_WORKING_DAYS} 个工作日内到期` : '', u.due_soon.length && late ? '，' : '', late ? `${late} 项已逾期` : ''].join('');
          const line = (x: Due) => `${x.code} ${x.title}（完成时限 ${x.deadline}）`;
          const body = [
            ...(u.due_soon.length ? ['即将到期：', ...u.due_soon.slice(0, 10).map(line)] : []),
            ...(late ? ['已逾期：', ...[...u.overdue, ...still].slice(0, 10).map(line)] : []),
            ...(u.due_soon.length > 10 || late > 10 ? ['……详见“我的任务”。'] : []),
          ].join('\n');
          await audit.record(trx, ctx, { officeId, action: 'task.remind', entityType: 'unit', entityId: u.unitId, after: { dueSoon: u.due_soon.length, overdue: u.overdue.length, stillOverdue: still.length, accounts: to.length } });
          sent += to.length;
          sends.push(await notifications.notify(trx, to.map((a) => ({ accountId: a.accountId, email: a.email, officeId, kind: 'task.reminder', title, body, link: `/offices/${officeId}/my-tasks` }))));
        }
        return sends;
      });
      for (const f of send) await f();
    }
    return sent;
  }

  // ---- plans (改革实施方案 / 任务分工方案) and saved views ----
  async function listPlans(officeId: string) {
    const plans = await repo.listPlans(db, officeId);
    const clauses = await repo.planClauses(db, plans.map((p) => p.id));
    return plans.map((p) => ({ id: p.id, kind: p.kind as 'implementation_plan' | 'task_division', title: p.title, docNumber: p.docNumber, adoptedOn: p.adoptedOn, version: p.version, clauses: clauses.filter((c) => c.planId === p.id).map((c) => ({ id: c.id, code: c.code, text: c.text })) }));
  }

  async function createPlan(officeId: string, input: { kind: 'implementation_plan' | 'task_division'; title: string; docNumber?: string | null; adoptedOn?: string | null; clauses: Array<{ code: string; text: string }> }, ctx: Ctx) {
    const id = newId();
    const now = iso();
    await db.transaction().execute(async (trx) => {
      await repo.insertPlan(trx, { id, officeId, kind: input.kind, title: input.title, docNumber: input.docNumber ?? null, adoptedOn: input.adoptedOn ?? null, version: 1, createdAt: now, updatedAt: now });
      await repo.insertClauses(trx, input.clauses.map((c, i) => ({ id: newId(), planId: id, officeId, code: c.code, text: c.text, sortOrder: i })));
      await audit.record(trx, ctx, { officeId, action: 'plan.create', entityType: 'plan', entityId: id, after: { kind: input.kind, title: input.title, clauses: input.clauses.length } });
    });
    return (await listPlans(officeId)).find((p) => p.id === id)!;
  }

  const listViews = async (actor: Actor, officeId: string) =>
    (await repo.listViews(db, actor.accountId, officeId)).map((v) => ({ id: v.id, name: v.name, filters: JSON.parse(v.filters) as Record<string, unknown>, createdAt: v.createdAt }));
  async function saveView(actor: Actor, officeId: string, name: string, filters: Record<string, unknown>) {
    const row = { id: newId(), accountId: actor.accountId, officeId, name, filters: JSON.stringify(filters), createdAt: iso() };
    await repo.insertView(db, row);
    return { id: row.id, name, filters, createdAt: row.createdAt };
  }
  async function deleteView(actor: Actor, viewId: string) {
    if ((await repo.deleteView(db, actor.accountId, viewId)) === 0) throw notFound('view');
  }

  // ---- Excel: import an office's existing ledger, export it in the same layout (ledger-excel.ts) ----
  const IMPORT_KIND = 'ledger.tasks';
  /** A job still 'running' with no sign of life for this long died with its process (its transaction rolled back). */
  const STALE_IMPORT_MS = 15 * 60_000;
  type ImportJobRow = NonNullable<Awaited<ReturnType<LedgerRepository['findImportJob']>>>;

  async function importState(officeId: string): Promise<LedgerImportState> {
    const [units, counties, codes, top] = await Promise.all([repo.unitsForImport(db, officeId), repo.childOffices(db, officeId), repo.taskCodes(db, officeId), repo.countChildren(db, null, officeId)]);
    return {
      units: units.map((u) => ({ id: u.id, name: u.name, shortName: u.shortName, isHost: Boolean(u.isHost), active: Boolean(u.active) })),
      counties, existingCodes: new Set(codes), topLevelCount: top, today: today(),
    };
  }

  const presentImportJob = (j: ImportJobRow, withReport = j.state !== 'running'): LedgerImportJob => {
    const dead = j.state === 'running' && clock.now().getTime() - Date.parse(j.updatedAt) > STALE_IMPORT_MS;
    return {
      id: j.id, state: dead ? 'failed' : (j.state as LedgerImportJob['state']), done: j.done, total: j.total, report: withReport || dead ? (JSON.parse(j.report ?? 'null') as LedgerImportReport) : null,
      error: dead ? '导入已中断（服务重启），未写入任何数据，请重新导入 / the import was interrupted; nothing was written, import again' : j.error,
      fileName: j.fileName, createdAt: j.createdAt, finishedAt: j.finishedAt,
    };
  };

  /**
   * Imports a ledger workbook. dry-run: every row's problems, nothing written. commit: the same check (422 with the
   * report when any row has an error), then a job — state in import_jobs, so any app process can report it — that
   * creates every task in one transaction through createTaskInTx (all or nothing), one 'task.import' audit row each.
   */
  async function importLedger(officeId: string, upload: { filename: string; data: Buffer }, mode: LedgerImportMode, ctx: Ctx, log: (err: unknown) => void = () => undefined): Promise<{ report: LedgerImportReport } | { job: LedgerImportJob }> {
    const fileName = cleanFilename(upload.filename);
    const { parseLedgerWorkbook, planLedgerImport, ledgerReportOf } = await excel();
    const parsed = await parseLedgerWorkbook(upload.data);
    const plan = planLedgerImport(parsed, await importState(officeId), { fileName });
    if (mode === 'dry-run') return { report: ledgerReportOf(plan, 'dry-run') };
    const report = ledgerReportOf(plan, 'commit');
    if (report.errorCount > 0) throw new AppError('UNPROCESSABLE', `导入文件有 ${report.errorCount} 处错误，未写入任何数据 / ${report.errorCount} error(s) in the file; nothing was written`, report);
    const now = iso();
    const row = {
      id: newId(), officeId, kind: IMPORT_KIND, state: 'running', done: 0, total: plan.rows.length, report: JSON.stringify(report), error: null, fileName,
      fileSha256: createHash('sha256').update(upload.data).digest('hex'), createdByAccountId: ctx.actor.accountId, createdByName: ctx.actor.displayName, createdAt: now, updatedAt: now, finishedAt: null,
    };
    await repo.insertImportJob(db, row);
    void runImport(row.id, officeId, plan, ctx, { name: fileName, sha256: row.fileSha256 }, log);
    return { job: presentImportJob(row, true) };
  }

  /** The job's work, after the POST has answered; `log` reports what the job cannot tell its client (a 5xx cause). */
  async function runImport(jobId: string, officeId: string, plan: LedgerImportPlan, ctx: Ctx, file: { name: string; sha256: string }, log: (err: unknown) => void): Promise<void> {
    // Progress is written outside the import's transaction and never awaited by it: live on PostgreSQL; on SQLite
    // (one connection, held by the transaction) the write waits for the commit. One write in flight at a time.
    let writing = false;
    let last = 0;
    const progress = (done: number) => {
      if (writing || performance.now() - last < 250) return;
      writing = true;
      last = performance.now();
      void repo.setImportJobProgress(db, jobId, done, iso()).catch(() => undefined).finally(() => { writing = false; });
    };
    try {
      const cal = await calendar.calendar();
      const on = today();
      const ids = await db.transaction().execute(async (trx) => {
        // Imports into one database run one at a time (a double click); the codes are checked again under the lock.
        await lockResource(trx, dialect, TASK_CODES_LOCK_KEY);
        const taken = new Set(await repo.taskCodes(trx, officeId));
        const clash = plan.rows.find((r) => taken.has(r.input!.code!));
        if (clash) throw new AppError('CONFLICT', `任务编号 ${clash.input!.code!} 已存在（台账在预检后有变化），未写入任何数据，请重新导入 / code ${clash.input!.code!} was taken since the check; nothing was written, import again`);
        // Its 5,000-odd audit rows written together at the end (one round trip each cost PostgreSQL ~1.9 s).
        return audit.inBatch(trx, async () => {
          const ids = new Map<number, string>();
          const parents = new Set<string>();
          // Read once for the whole file instead of per task (createTaskInTx: known); the codes were checked just above.
          const updates: Parameters<LedgerRepository['insertUpdates']>[1] = [];
          const known: KnownInTx = {
            unitIds: new Set((await repo.unitsForImport(trx, officeId)).map((u) => u.id)), childOfficeIds: new Set((await repo.childOffices(trx, officeId)).map((o) => o.id)), ...newTasks() };
          for (const [i, r] of plan.rows.entries()) {
            const input = { ...r.input!, parentId: r.parentRow === null ? null : ids.get(r.parentRow)! };
            // As addUpdate: a task with subtasks or county copies has a rolled-up figure; the update still records its own.
            const figure = r.hasChildren ? null : r.percent;
            const updateId = r.progress ? newId() : null;
            const after = { import: { jobId, file: file.name, sha256: file.sha256, row: r.row }, ...(updateId ? { progress: { updateId, reportedOn: on, percent: r.percent } } : {}), ...(figure !== null ? { percent: figure } : {}) };
            const created = await createTaskInTx(trx, officeId, input, ctx, cal, { action: 'task.import', auditAfter: after, rollUp: false, known });
            const id = created.id;
            ids.set(r.row, id);
            if (input.parentId) parents.add(input.parentId);
            if (updateId) {
              updates.push({
                id: updateId, taskId: id, officeId, unitId: input.leadUnitId, reportedOn: on, doneText: r.progress!, nextSteps: null, problems: null, supportNeeded: null,
                percent: r.percent, state: 'submitted', officeComment: null, createdByName: ctx.actor.displayName, version: 1, createdAt: iso(),
              });
            }
            // The row is written below, with its figure and the day of its first report.
            if (figure !== null) created.percent = figure;
            if (updateId) created.lastUpdateOn = on;
            progress(i + 1);
          }
          await writeNewTasks(trx, known);
          await repo.insertUpdates(trx, updates);
          for (const p of parents) await rollUpFrom(trx, p);
          return ids;
        });
      });
      await repo.finishImportJob(db, jobId, { state: 'succeeded', done: plan.rows.length, report: JSON.stringify((await excel()).ledgerReportOf(plan, 'commit', ids)), updatedAt: iso(), finishedAt: iso() });
    } catch (err) {
      // The ledger changed since the check (a code now taken …): a client error says why; anything else stays generic.
      const known = err instanceof AppError && err.status < 500;
      if (!known) log(err);
      const error = known ? err.message : '导入失败，未写入任何数据 / the import failed; nothing was written';
      await repo.finishImportJob(db, jobId, { state: 'failed', error, updatedAt: iso(), finishedAt: iso() }).catch(log);
    }
  }

  async function getImportJob(officeId: string, jobId: string): Promise<LedgerImportJob> {
    const j = await repo.findImportJob(db, officeId, jobId);
    if (!j || j.kind !== IMPORT_KIND) throw notFound('import job');
    return presentImportJob(j);
  }

  /** The ledger as a workbook in the import layout (export → import round-trips), with 状态 and 完成进度. */
  async function exportLedger(officeId: string, ctx: Ctx) {
    const t = today();
    const office = await repo.officeForExport(db, officeId);
    if (!office) throw notFound('office');
    const [tasks, coop, copies] = await Promise.all([repo.exportTasks(db, officeId, t), repo.exportCooperatingUnits(db, officeId), repo.exportCountyCopies(db, officeId)]);
    const group = <T, V>(rows: T[], key: (r: T) => string | null, val: (r: T) => V) => {
      const m = new Map<string, V[]>();
      for (const r of rows) {
        const k = key(r);
        if (k !== null) m.set(k, [...(m.get(k) ?? []), val(r)]);
      }
      return m;
    };
    const coopOf = group(coop, (r) => r.taskId, (r) => r.name);
    const countiesOf = group(copies, (r) => r.originTaskId, (r) => r.shortName);
    const byCode = new Intl.Collator('zh-CN', { numeric: true }).compare;
    const mine = new Set(tasks.map((x) => x.id));
    // A county's pushed-down copy points at the prefecture's task: top level here.
    const kids = group(tasks.filter((x) => x.parentId && mine.has(x.parentId)), (x) => x.parentId, (x) => x);
    const present = (x: (typeof tasks)[number]): LedgerExportTask => ({
      code: x.code, title: x.title, description: x.description, leadUnitName: x.leadUnitName, cooperatingUnitNames: coopOf.get(x.id) ?? [], countyNames: countiesOf.get(x.id) ?? [],
      deadline: x.deadline, keyTask: Boolean(x.keyTask), progress: x.progress ?? null, percent: x.percent, status: x.status as TaskStatusName,
    });
    // Deeper levels are listed under their top-level task, depth first.
    const descendants = (id: string): Array<(typeof tasks)[number]> => (kids.get(id) ?? []).sort((a, b) => byCode(a.code, b.code)).flatMap((c) => [c, ...descendants(c.id)]);
    const top = tasks.filter((x) => !x.parentId || !mine.has(x.parentId)).sort((a, b) => byCode(a.code, b.code));
    const buffer = await (await excel()).buildLedgerWorkbook({ officeName: office.name, asOf: t, generatedAt: clock.now(), tasks: top.map((x) => ({ ...present(x), children: descendants(x.id).map(present) })) });
    await db.transaction().execute((trx) => audit.record(trx, ctx, { officeId, action: 'ledger.export', entityType: 'office', entityId: officeId, after: { asOf: t, tasks: tasks.length, bytes: buffer.length } }));
    return { buffer, filename: `${office.shortName}改革任务台账-${t}.xlsx`, asciiFilename: `ledger-${t}.xlsx` };
  }

  return {
    listPlans, createPlan, listViews, saveView, deleteView,
    createTask, updateTask, bulkAssign, addUpdate, reviewUpdate, addUpdateAttachment, getUpdateAttachment, getMyUpdateAttachment, requestExtension, decideExtension, listExtensions, taskStates,
    confirmDone: (officeId: string, taskId: string, version: number, note: string | null, ctx: Ctx) => close(officeId, taskId, version, 'done', note, ctx),
    cancel: (officeId: string, taskId: string, version: number, reason: string, ctx: Ctx) => close(officeId, taskId, version, 'cancel', reason, ctx),
    getTask, taskPageJson, getMyTask, listTasks, myTasks, dashboard, changes, remindDue, keepStatusesForToday,
    importLedger, getImportJob, exportLedger,
  };
}
export type LedgerService = ReturnType<typeof createLedgerService>;
