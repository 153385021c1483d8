// Incoming documents and major-matter reports (A2-11, A2-12): member units and child offices submit for approval
// (报批) or filing (报备) or report a major matter; the office registers each under its own incoming number with a
// time limit in working days, forwards (呈批) — major matters to the leader — and the instruction (批示) goes back
// to the submitter. An instruction may later become a ledger task: `linkTask` stores the link (the ledger hook).
import type { Db, Tx } from '../../db/db.ts';
import {
  INCOMING_CATEGORY_LABELS,
  INCOMING_STATUS_LABELS,
  type IncomingCategory,
  type IncomingItem,
  type IncomingStatus,
  type InstructionTask,
  type Submission,
} from '../../../shared/contracts/documents.ts';
import type { Actor, RequestContext } from '../../platform/actor.ts';
import type { Audit } from '../../platform/audit.ts';
import { chinaDate, type Clock } from '../../platform/clock.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { cleanFilename, MIME, sniffFileType } from '../../platform/uploads.ts';
import type { CalendarService } from '../calendar/calendar.service.ts';
import { CalendarYearMissing, type WorkingCalendar } from '../calendar/working-days.ts';
import type { NotificationInput, NotificationsService } from '../notifications/notifications.service.ts';
import type { DocumentsRepository, IncomingRow } from './documents.repository.ts';
import { forwardAllowed, formatIncomingNumber, incomingDueDate, incomingLight, incomingScope, sm3 } from './documents.rules.ts';
import type { DocumentsService } from './documents.service.ts';
import { nextIncomingStatus, type IncomingAction } from './documents.state.ts';

type Ctx = RequestContext & { actor: Actor };

export interface IncomingServiceDeps {
  db: Db;
  repo: DocumentsRepository;
  audit: Audit;
  clock: Clock;
  calendar: CalendarService;
  notifications: NotificationsService;
  /** The office's rules (time limits) live with the documents' rules. */
  rules: DocumentsService['rules'];
  /** Where an instruction goes to be supervised (the ledger); injected from app.ts. */
  taskSink?: InstructionTaskSink;
}

/** The ledger as seen from here: make a task from an instruction, and tell whether a task exists in an office. */
export interface InstructionTaskSink {
  createTask(input: { officeId: string; itemId: string; title: string; description: string; leadUnitId: string; deadline: string; keyTask: boolean; label: string }, ctx: Ctx): Promise<{ taskId: string }>;
  taskExists(officeId: string, taskId: string, ctx: Ctx): Promise<boolean>;
}

const OFFICE_DESK = ['director', 'deputy_director', 'office_staff'];

export function createIncomingService(deps: IncomingServiceDeps) {
  const { db, repo, audit, clock, calendar } = deps;
  const today = () => chinaDate(clock.now());
  const iso = () => clock.now().toISOString();
  const stale = () => new AppError('VERSION_MISMATCH', undefined, { entity: 'incoming' });
  const event = (q: Db | Tx, itemId: string, action: string, ctx: RequestContext, detail?: Record<string, unknown>) =>
    repo.insertIncomingEvent(q, { id: newId(), itemId, action, at: iso(), actorName: ctx.actor?.displayName ?? null, detail: detail ? JSON.stringify(detail) : null });

  // ---------------------------------------------------------------- presenting

  /** The due date: stored at registration; while the calendar year was missing, computed again when it is loaded. */
  function due(row: IncomingRow, cal: WorkingCalendar): { dueDate: string | null; problem: string | null } {
    if (row.dueDate || !row.registeredOn || !row.timeLimitWorkingDays) return { dueDate: row.dueDate, problem: null };
    try {
      return { dueDate: incomingDueDate(cal, row.registeredOn, row.timeLimitWorkingDays), problem: null };
    } catch (err) {
      if (err instanceof CalendarYearMissing) return { dueDate: null, problem: `工作日历未载入：${err.message} / calendar not loaded` };
      throw err;
    }
  }

  async function present(rows: IncomingRow[], officeIdForRules?: string): Promise<IncomingItem[]> {
    if (!rows.length) return [];
    const cal = await calendar.calendar();
    const t = today();
    const events = await repo.listIncomingEvents(db, rows.map((r) => r.id));
    const yellowByOffice = new Map<string, number>();
    const out: IncomingItem[] = [];
    for (const row of rows) {
      const officeId = officeIdForRules ?? row.officeId;
      if (!yellowByOffice.has(officeId)) yellowByOffice.set(officeId, (await deps.rules(officeId)).rules.yellowWorkingDays);
      const d = due(row, cal);
      const l = incomingLight({ status: row.status, dueDate: d.dueDate, today: t, cal, yellow: yellowByOffice.get(officeId)! });
      const files = await repo.listFiles(db, 'incoming', row.id);
      const status = row.status as IncomingStatus;
      const category = row.category as IncomingCategory;
      out.push({
        id: row.id, officeId: row.officeId, category, categoryLabel: INCOMING_CATEGORY_LABELS[category], sourceType: row.sourceType as 'unit' | 'office', sourceName: row.sourceName,
        submittedByName: row.submittedByName, submittedAt: row.submittedAt, title: row.title, theirNumber: row.theirNumber, summary: row.summary,
        matter: row.matterWhat ? { what: row.matterWhat, whyUrgent: row.matterWhyUrgent ?? '', request: row.matterRequest ?? '' } : null,
        status, statusLabel: INCOMING_STATUS_LABELS[status], incomingNumber: row.incomingNumber, registeredAt: row.registeredAt, registeredOn: row.registeredOn, registeredByName: row.registeredByName,
        timeLimitWorkingDays: row.timeLimitWorkingDays, dueDate: d.dueDate, dueDateProblem: d.problem, workingDaysLeft: l.workingDaysLeft, light: l.light,
        batchId: row.batchId, forwardedTo: row.forwardedTo as 'leader' | 'director' | null, forwardedAt: row.forwardedAt, forwardNote: row.forwardNote,
        instruction: row.instruction, instructedByName: row.instructedByName, instructedAt: row.instructedAt, closedAt: row.closedAt, rejectReason: row.rejectReason, taskId: row.taskId,
        files: files.map((f) => ({ id: f.id, filename: f.filename, mime: f.mime, size: f.size, digest: f.digest, createdAt: f.createdAt })),
        route: events.filter((e) => e.itemId === row.id).map((e) => ({ id: e.id, action: e.action, at: e.at, actorName: e.actorName, detail: e.detail ? (JSON.parse(e.detail) as Record<string, unknown>) : null })),
        version: row.version,
      });
    }
    return out;
  }
  const presentOne = async (row: IncomingRow) => (await present([row]))[0]!;

  // ---------------------------------------------------------------- the submitter's side

  /**
   * Where the actor submits from: a member unit's liaison officer to the office the unit belongs to; a child office's
   * desk (director, deputy director, staff) to the parent office (A2-12: 统一由领导小组办公室呈批).
   */
  async function source(actor: Actor, officeId: string, unitId?: string) {
    const units = actor.posts.filter((p) => p.officeId === officeId && p.post === 'liaison_officer' && p.unitId).map((p) => p.unitId!);
    if (units.length && (!unitId || units.includes(unitId))) {
      const u = (await repo.findUnit(db, officeId, unitId ?? units[0]!))!;
      return { targetOfficeId: officeId, sourceType: 'unit' as const, sourceUnitId: u.id, sourceOfficeId: null, sourceName: u.name };
    }
    if (unitId) throw notFound('unit');
    if (actor.posts.some((p) => p.officeId === officeId && OFFICE_DESK.includes(p.post))) {
      const office = (await repo.findOffice(db, officeId))!;
      if (!office.parentId) throw new AppError('UNPROCESSABLE', '本办公室没有上级办公室 / this office has no parent office to submit to');
      return { targetOfficeId: office.parentId, sourceType: 'office' as const, sourceUnitId: null, sourceOfficeId: officeId, sourceName: `${office.name}工程建设项目审批制度改革领导小组办公室` };
    }
    throw new AppError('FORBIDDEN', '联络员代表成员单位报送，下级办公室由其办公室报送 / a liaison officer submits for a unit, an office desk for its office');
  }

  async function submit(officeId: string, input: Submission, ctx: Ctx) {
    const src = await source(ctx.actor, officeId, input.unitId);
    const now = iso();
    const row = {
      id: newId(), officeId: src.targetOfficeId, category: input.category, sourceType: src.sourceType, sourceUnitId: src.sourceUnitId, sourceOfficeId: src.sourceOfficeId, sourceName: src.sourceName,
      submittedByAccountId: ctx.actor.accountId, submittedByName: ctx.actor.displayName, submittedAt: now, title: input.title, theirNumber: input.theirNumber, summary: input.summary,
      matterWhat: input.matter?.what ?? null, matterWhyUrgent: input.matter?.whyUrgent ?? null, matterRequest: input.matter?.request ?? null, status: 'submitted',
      incomingYear: null, incomingSerial: null, incomingNumber: null, registeredAt: null, registeredOn: null, registeredByName: null, timeLimitWorkingDays: null, dueDate: null,
      batchId: null, forwardedTo: null, forwardedAt: null, forwardedByName: null, forwardNote: null, instruction: null, instructedByName: null, instructedAt: null,
      closedAt: null, closedByName: null, rejectReason: null, taskId: null, version: 1, createdAt: now, updatedAt: now,
    };
    const send = await db.transaction().execute(async (trx) => {
      await repo.insertIncoming(trx, row);
      await event(trx, row.id, 'submit', ctx, { source: src.sourceName, category: input.category });
      await audit.record(trx, ctx, { officeId: src.targetOfficeId, action: 'incoming.submit', entityType: 'incoming', entityId: row.id, after: { title: row.title, category: row.category, source: src.sourceName } });
      const desk = await deps.notifications.holders(trx, src.targetOfficeId, ['office_staff'], today());
      return deps.notifications.notify(trx, desk.map((a) => ({ accountId: a.accountId, email: a.email, officeId: src.targetOfficeId, kind: 'incoming.submitted', title: `${INCOMING_CATEGORY_LABELS[input.category]}：${src.sourceName}《${input.title}》待登记`, link: `/offices/${src.targetOfficeId}/documents/incoming` })));
    });
    await send();
    return presentOne((await repo.findIncomingById(db, row.id))!);
  }

  /** The items the actor's unit(s) (liaison) or office (desk) submitted, with where each stands and its instruction. */
  async function mySubmissions(actor: Actor, officeId: string) {
    const units = actor.posts.filter((p) => p.officeId === officeId && p.post === 'liaison_officer' && p.unitId).map((p) => p.unitId!);
    const desk = actor.posts.some((p) => p.officeId === officeId && OFFICE_DESK.includes(p.post));
    return { items: await present(await repo.listSubmitted(db, { unitIds: units, officeId: desk ? officeId : null })) };
  }

  async function ownSubmission(actor: Actor, officeId: string, itemId: string) {
    const row = await repo.findIncomingById(db, itemId);
    const units = actor.posts.filter((p) => p.officeId === officeId && p.post === 'liaison_officer' && p.unitId).map((p) => p.unitId!);
    const desk = actor.posts.some((p) => p.officeId === officeId && OFFICE_DESK.includes(p.post));
    if (!row || !((row.sourceUnitId && units.includes(row.sourceUnitId)) || (desk && row.sourceOfficeId === officeId))) throw notFound('submission');
    return row;
  }
  const getSubmission = async (actor: Actor, officeId: string, itemId: string) => presentOne(await ownSubmission(actor, officeId, itemId));

  async function addSubmissionFile(actor: Actor, officeId: string, itemId: string, file: { filename: string; data: Buffer }, ctx: Ctx) {
    const type = sniffFileType(file.data, ['docx', 'pdf', 'xlsx']);
    const row = await ownSubmission(actor, officeId, itemId);
    await db.transaction().execute(async (trx) => {
      const fresh = (await repo.findIncomingById(trx, row.id))!;
      if (fresh.status !== 'submitted') throw new AppError('INVALID_STATE_TRANSITION', '登记后不能再添加附件 / attachments are frozen once registered', { status: fresh.status });
      const id = newId();
      const filename = cleanFilename(file.filename);
      const digest = sm3(file.data);
      await repo.insertFile(trx, { id, officeId: row.officeId, ownerType: 'incoming', ownerId: row.id, filename, mime: MIME[type], size: file.data.length, digest, content: file.data, uploadedByName: actor.displayName, deletedAt: null, createdAt: iso() });
      await event(trx, row.id, 'attachment.add', ctx, { filename });
      await audit.record(trx, ctx, { officeId: row.officeId, action: 'incoming.attachment.add', entityType: 'incoming', entityId: row.id, after: { fileId: id, filename, digest } });
    });
    return presentOne((await repo.findIncomingById(db, row.id))!);
  }

  async function getSubmissionFile(actor: Actor, officeId: string, itemId: string, fileId: string) {
    const row = await ownSubmission(actor, officeId, itemId);
    const f = await repo.findFile(db, 'incoming', row.id, fileId);
    if (!f) throw notFound('attachment');
    return f;
  }

  // ---------------------------------------------------------------- the office's side

  async function itemOrThrow(q: Db | Tx, officeId: string, itemId: string) {
    const row = await repo.findIncoming(q, officeId, itemId);
    if (!row) throw notFound('incoming item');
    return row;
  }

  async function inbox(officeId: string, f: { status?: IncomingStatus; category?: IncomingCategory }) {
    return { items: await present(await repo.listIncoming(db, officeId, f), officeId) };
  }
  const getItem = async (officeId: string, itemId: string) => presentOne(await itemOrThrow(db, officeId, itemId));

  async function getItemFile(officeId: string, itemId: string, fileId: string) {
    await itemOrThrow(db, officeId, itemId);
    const f = await repo.findFile(db, 'incoming', itemId, fileId);
    if (!f) throw notFound('attachment');
    return f;
  }

  /** One audited move of one item. */
  async function move(
    officeId: string,
    itemId: string,
    version: number,
    action: IncomingAction,
    ctx: Ctx,
    decide: (row: IncomingRow, trx: Tx) => Promise<{ patch?: Record<string, unknown>; detail?: Record<string, unknown>; notify?: NotificationInput[] }>,
  ) {
    const send = await db.transaction().execute(async (trx) => {
      const row = await itemOrThrow(trx, officeId, itemId);
      if (row.version !== version) throw stale();
      const to = nextIncomingStatus(row.status as IncomingStatus, action);
      const d = await decide(row, trx);
      if ((await repo.updateIncoming(trx, itemId, version, { ...d.patch, status: to, updatedAt: iso() })) === 0) throw stale();
      await event(trx, itemId, action, ctx, { from: row.status, to, ...d.detail });
      await audit.record(trx, ctx, { officeId, action: `incoming.${action}`, entityType: 'incoming', entityId: itemId, before: { status: row.status }, after: { status: to, ...d.detail } });
      return deps.notifications.notify(trx, d.notify ?? []);
    });
    await send();
    return getItem(officeId, itemId);
  }

  /** 登记: the office's own gap-free incoming number (收文〔2026〕12号) and the time limit in working days. */
  async function register(officeId: string, itemId: string, version: number, ctx: Ctx) {
    // Read before the transaction (SQLite has one connection): the limits and the calendar.
    const limits = (await deps.rules(officeId)).rules.incomingWorkingDays;
    const cal = await calendar.calendar();
    return move(officeId, itemId, version, 'register', ctx, async (row, trx) => {
      const on = today();
      const year = Number(on.slice(0, 4));
      const serial = await repo.nextSerial(trx, incomingScope(officeId), year);
      const days = limits[row.category as IncomingCategory];
      let dueDate: string | null = null;
      try {
        dueDate = incomingDueDate(cal, on, days);
      } catch (err) {
        if (!(err instanceof CalendarYearMissing)) throw err; // no guess: the inbox shows "calendar not loaded"
      }
      const number = formatIncomingNumber(year, serial);
      return { patch: { incomingYear: year, incomingSerial: serial, incomingNumber: number, registeredAt: iso(), registeredOn: on, registeredByName: ctx.actor.displayName, timeLimitWorkingDays: days, dueDate }, detail: { number, dueDate, workingDays: days } };
    });
  }

  const submitterNote = (row: IncomingRow, title: string): NotificationInput[] =>
    row.submittedByAccountId ? [{ accountId: row.submittedByAccountId, officeId: row.sourceOfficeId ?? row.officeId, kind: 'incoming.returned', title, link: `/offices/${row.sourceOfficeId ?? row.officeId}/documents/submissions/${row.id}` }] : [];

  const reject = (officeId: string, itemId: string, version: number, reason: string, ctx: Ctx) =>
    move(officeId, itemId, version, 'reject', ctx, async (row) => ({ patch: { rejectReason: reason, closedAt: iso(), closedByName: ctx.actor.displayName }, detail: { reason }, notify: submitterNote(row, `《${row.title}》已退回：${reason}`) }));

  const fileItem = (officeId: string, itemId: string, version: number, ctx: Ctx) =>
    move(officeId, itemId, version, 'file', ctx, async (row) => {
      if (row.category !== 'filing') throw new AppError('UNPROCESSABLE', '只有报备件可以直接备案 / only a filing can be filed', { category: row.category });
      return { patch: { closedAt: iso(), closedByName: ctx.actor.displayName }, notify: submitterNote(row, `《${row.title}》已备案`) };
    });

  /** 汇总呈报 / 呈批: registered items go together (one batch) to the leader or the director; major matters to the leader only. */
  async function forward(officeId: string, itemIds: string[], to: 'leader' | 'director', note: string | undefined, ctx: Ctx) {
    const batchId = newId();
    const send = await db.transaction().execute(async (trx) => {
      const rows: IncomingRow[] = [];
      for (const id of [...new Set(itemIds)]) {
        const row = await itemOrThrow(trx, officeId, id);
        nextIncomingStatus(row.status as IncomingStatus, 'forward');
        if (!forwardAllowed(row.category as IncomingCategory, to))
          throw new AppError('UNPROCESSABLE', 'A2-12：重大事项报领导小组组长审阅 / A2-12: major matters go to the leader', { rule: 'A2-12', itemId: id });
        rows.push(row);
      }
      const at = iso();
      for (const row of rows) {
        if ((await repo.updateIncoming(trx, row.id, row.version, { status: 'forwarded', batchId, forwardedTo: to, forwardedAt: at, forwardedByName: ctx.actor.displayName, forwardNote: note ?? null, updatedAt: at })) === 0) throw stale();
        await event(trx, row.id, 'forward', ctx, { from: row.status, to: 'forwarded', forwardedTo: to, batchId, items: rows.length, note: note ?? null });
      }
      await audit.record(trx, ctx, { officeId, action: 'incoming.forward', entityType: 'incoming_batch', entityId: batchId, after: { to, items: rows.map((r) => r.incomingNumber) } });
      const accounts = await deps.notifications.holders(trx, officeId, [to], today());
      return deps.notifications.notify(trx, accounts.map((a) => ({ accountId: a.accountId, email: a.email, officeId, kind: 'incoming.forwarded', title: `呈批：${rows.length} 件来文待批示${rows.some((r) => r.category === 'major_matter') ? '（含重大事项）' : ''}`, link: `/offices/${officeId}/documents/incoming/batches/${batchId}` })));
    });
    await send();
    return batch(officeId, batchId);
  }

  async function batch(officeId: string, batchId: string) {
    const rows = await repo.listIncoming(db, officeId, { batchId });
    if (!rows.length) throw notFound('batch');
    const first = rows[0]!;
    return { batchId, to: first.forwardedTo as 'leader' | 'director', forwardedAt: first.forwardedAt!, forwardedByName: first.forwardedByName, note: first.forwardNote, items: await present(rows, officeId) };
  }

  /** 批示 by the person holding the post the item was forwarded to; it goes back to the submitter. */
  const instruct = (officeId: string, itemId: string, version: number, instruction: string, ctx: Ctx) =>
    move(officeId, itemId, version, 'instruct', ctx, async (row) => {
      const post = row.forwardedTo as 'leader' | 'director';
      if (!ctx.actor.posts.some((p) => p.officeId === officeId && p.post === post))
        throw new AppError('FORBIDDEN', `A2-12：此件呈${post === 'leader' ? '组长' : '办公室主任'}批示 / A2-12: this item was forwarded to the ${post}`, { rule: 'A2-12', forwardedTo: post });
      return {
        patch: { instruction, instructedByName: ctx.actor.displayName, instructedAt: iso() },
        detail: { instruction, returnedTo: row.sourceName },
        notify: submitterNote(row, `《${row.title}》已批示：${instruction.slice(0, 60)}`),
      };
    });

  const close = (officeId: string, itemId: string, version: number, ctx: Ctx) =>
    move(officeId, itemId, version, 'close', ctx, async () => ({ patch: { closedAt: iso(), closedByName: ctx.actor.displayName } }));

  /**
   * The ledger hook: an instruction that becomes a task keeps the task's id (the ledger module creates the task and
   * calls this; nothing here depends on the ledger). Null removes the link.
   */
  async function linkTask(officeId: string, itemId: string, taskId: string | null, ctx: Ctx) {
    if (taskId && deps.taskSink && !(await deps.taskSink.taskExists(officeId, taskId, ctx))) throw notFound('task');
    await db.transaction().execute(async (trx) => {
      const row = await itemOrThrow(trx, officeId, itemId);
      if (!['instructed', 'closed'].includes(row.status)) throw new AppError('INVALID_STATE_TRANSITION', '批示后才能转为台账任务 / only an instructed item becomes a task', { status: row.status });
      if ((await repo.updateIncoming(trx, itemId, row.version, { taskId, updatedAt: iso() })) === 0) throw stale();
      await event(trx, itemId, taskId ? 'task.link' : 'task.unlink', ctx, { taskId });
      await audit.record(trx, ctx, { officeId, action: 'incoming.task.link', entityType: 'incoming', entityId: itemId, before: { taskId: row.taskId }, after: { taskId } });
    });
    return getItem(officeId, itemId);
  }

  /**
   * A2-11: the instruction becomes a ledger task (source: the instruction, linked back to this item). The task is
   * created first, then linked under the version the office read; a lost race leaves the task in the ledger with its
   * source naming this item, and the 412 tells the office to look again.
   */
  async function createTask(officeId: string, itemId: string, version: number, input: InstructionTask, ctx: Ctx) {
    if (!deps.taskSink) throw new AppError('UNPROCESSABLE', '工作台账未启用 / no ledger connected');
    const row = await itemOrThrow(db, officeId, itemId);
    if (row.version !== version) throw stale();
    if (!['instructed', 'closed'].includes(row.status) || !row.instruction) throw new AppError('INVALID_STATE_TRANSITION', '批示后才能转为台账任务 / only an instructed item becomes a task', { status: row.status });
    if (row.taskId) throw new AppError('CONFLICT', '该批示已转为台账任务 / this instruction already has a ledger task', { taskId: row.taskId });
    const label = `${row.incomingNumber ?? row.title} 领导批示`;
    const description = [`批示：${row.instruction}（${row.instructedByName ?? ''}，${row.instructedAt ? chinaDate(new Date(row.instructedAt)) : ''}）`, `来文：${row.sourceName}《${row.title}》${row.incomingNumber ? `，${row.incomingNumber}` : ''}`, row.summary].filter(Boolean).join('\n');
    const { taskId } = await deps.taskSink.createTask({ officeId, itemId, title: input.title ?? row.title.slice(0, 200), description: description.slice(0, 5000), leadUnitId: input.leadUnitId, deadline: input.deadline, keyTask: input.keyTask ?? false, label }, ctx);
    await db.transaction().execute(async (trx) => {
      if ((await repo.updateIncoming(trx, itemId, version, { taskId, updatedAt: iso() })) === 0) throw stale();
      await event(trx, itemId, 'task.create', ctx, { taskId });
      await audit.record(trx, ctx, { officeId, action: 'incoming.task.create', entityType: 'incoming', entityId: itemId, before: { taskId: null }, after: { taskId, leadUnitId: input.leadUnitId, deadline: input.deadline } });
    });
    return getItem(officeId, itemId);
  }

  return { submit, mySubmissions, getSubmission, addSubmissionFile, getSubmissionFile, inbox, getItem, getItemFile, register, reject, fileItem, forward, batch, instruct, close, linkTask, createTask };
}
export type IncomingService = ReturnType<typeof createIncomingService>;
