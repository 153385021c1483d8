import type { Db, Tx } from '../../db/db.ts';
import type { Cycle, CycleDeadline, Report, ReportDraft, ReportRules, ReportStatus, StatusTable } from '../../../shared/contracts/reports.ts';
import { ReportRulesSchema } from '../../../shared/contracts/reports.ts';
import type { Actor, RequestContext } from '../../platform/actor.ts';
import type { Audit } from '../../platform/audit.ts';
import type { Grants } from '../../platform/authorize.ts';
import { chinaDate, type Clock } from '../../platform/clock.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { createOfficeRule } from '../../platform/office-rules.ts';
import { cleanFilename, MIME, sniffFileType } from '../../platform/uploads.ts';
import { createHash } from 'node:crypto';
import type { CalendarService } from '../calendar/calendar.service.ts';
import type { IcsEvent } from '../calendar/ics.ts';
import { CalendarYearMissing, quarterEnd, quarterStart, type WorkingCalendar } from '../calendar/working-days.ts';
import type { NotificationsService } from '../notifications/notifications.service.ts';
/** The exports, loaded on first use (exceljs and docx cost ~0.8 s and ~30 MB at start-up). */
const exporters = () => import('./reports-export.ts');
import { isUnitSubmitter } from './reports.policy.ts';
import { RULES_KEY, type ReportsRepository } from './reports.repository.ts';
import { DEFAULT_REPORT_RULES, lastEndedQuarter, reportDueDate, reportLight, workingDaysLate } from './reports.rules.ts';
import { EDITABLE_STATUSES, nextReportStatus, type ReportAction } from './reports.state.ts';

type Ctx = RequestContext & { actor: Actor };
type ReportRow = NonNullable<Awaited<ReturnType<ReportsRepository['findReport']>>>;
type CycleRow = NonNullable<Awaited<ReturnType<ReportsRepository['findCycle']>>>;

export interface ReportsServiceDeps {
  db: Db;
  repo: ReportsRepository;
  audit: Audit;
  clock: Clock;
  calendar: CalendarService;
  notifications: NotificationsService;
  grants: Grants;
}

export function createReportsService(deps: ReportsServiceDeps) {
  const { db, repo, audit, clock, calendar } = deps;
  const today = () => chinaDate(clock.now());
  const iso = () => clock.now().toISOString();
  const stale = () => new AppError('VERSION_MISMATCH', undefined, { entity: 'report' });

  // ---- rules (A1-16: a county inherits the prefecture's rules until it adapts them) ----
  const reportRules = createOfficeRule({ db, audit, clock }, RULES_KEY, ReportRulesSchema, DEFAULT_REPORT_RULES);
  const rules = reportRules.get;
  const setRules = (officeId: string, value: ReportRules, version: number, ctx: Ctx) => reportRules.set(officeId, value, version, ctx);

  // ---- cycles ----
  function computeDue(cal: WorkingCalendar, year: number, quarter: number, r: ReportRules): { dueDate: string | null; problem: string | null } {
    try {
      return { dueDate: reportDueDate(cal, year, quarter, r), problem: null };
    } catch (err) {
      if (err instanceof CalendarYearMissing) return { dueDate: null, problem: err.message };
      throw err;
    }
  }

  /** A cycle whose deadline could not be computed gets it once the calendar year is loaded. */
  async function withDueDate(c: CycleRow, on: { executor: Db | Tx; cal: WorkingCalendar } | null = null): Promise<CycleRow & { dueDateProblem: string | null }> {
    if (c.dueDate) return { ...c, dueDateProblem: null };
    const due = computeDue(on?.cal ?? (await calendar.calendar()), c.year, c.quarter, { ...DEFAULT_REPORT_RULES, dueWorkingDays: c.dueWorkingDays });
    if (due.dueDate) await repo.setCycleDueDate(on?.executor ?? db, c.id, due.dueDate);
    return { ...c, dueDate: due.dueDate, dueDateProblem: due.problem };
  }

  async function ensureCycle(officeId: string, year: number, quarter: number, ctx: RequestContext): Promise<{ created: boolean; cycleId: string }> {
    const existing = await repo.findCycleByPeriod(db, officeId, year, quarter);
    if (existing) return { created: false, cycleId: existing.id };
    const r = (await rules(officeId)).rules;
    const due = computeDue(await calendar.calendar(), year, quarter, r);
    const row = { id: newId(), officeId, year, quarter, periodStart: quarterStart(year, quarter), periodEnd: quarterEnd(year, quarter), dueWorkingDays: r.dueWorkingDays, dueDate: due.dueDate, openedAt: iso(), version: 1 };
    const created = await db.transaction().execute(async (trx) => {
      const ok = await repo.insertCycle(trx, row);
      if (ok) await audit.record(trx, ctx, { officeId, action: 'report.cycle.open', entityType: 'report_cycle', entityId: row.id, after: { year, quarter, dueDate: due.dueDate } });
      return ok;
    });
    if (!created) return { created: false, cycleId: (await repo.findCycleByPeriod(db, officeId, year, quarter))!.id };
    return { created: true, cycleId: row.id };
  }

  async function openCycle(officeId: string, year: number, quarter: number, ctx: Ctx) {
    if (quarterEnd(year, quarter) >= today()) throw new AppError('UNPROCESSABLE', 'A1-10：季度结束后才能开启汇报周期 / A1-10: a cycle opens after its quarter ends', { field: 'quarter', rule: 'A1-10' });
    const r = await ensureCycle(officeId, year, quarter, ctx);
    if (!r.created) throw new AppError('CONFLICT', '该季度汇报周期已开启 / the cycle is already open', { cycleId: r.cycleId });
    return getCycle(officeId, r.cycleId);
  }

  function summarize(units: number, counts: Array<{ status: string; lateWorkingDays: number | null; n: number | string | bigint }>): Cycle['summary'] {
    const s = { units, submitted: 0, onTime: 0, late: 0, returned: 0, accepted: 0, missing: 0 };
    let started = 0;
    for (const c of counts) {
      const n = Number(c.n);
      started += n;
      if (c.status === 'submitted' || c.status === 'accepted') s.submitted += n;
      if (c.status === 'accepted') s.accepted += n;
      if (c.status === 'returned') s.returned += n;
      if (c.lateWorkingDays !== null && c.status !== 'draft') {
        if (c.lateWorkingDays > 0) s.late += n;
        else s.onTime += n;
      }
    }
    const drafts = counts.filter((c) => c.status === 'draft').reduce((a, c) => a + Number(c.n), 0);
    s.missing = Math.max(0, units - started) + drafts;
    return s;
  }

  async function presentCycles(officeId: string, rows: CycleRow[]): Promise<Cycle[]> {
    const [counts, units] = await Promise.all([repo.cycleCounts(db, rows.map((r) => r.id)), repo.countMemberUnits(db, [officeId])]);
    const n = Number(units[0]?.n ?? 0);
    const out: Cycle[] = [];
    for (const row of rows) {
      const c = await withDueDate(row);
      out.push({ id: c.id, officeId: c.officeId, year: c.year, quarter: c.quarter, periodStart: c.periodStart, periodEnd: c.periodEnd, dueWorkingDays: c.dueWorkingDays, dueDate: c.dueDate, dueDateProblem: c.dueDateProblem, openedAt: c.openedAt, version: c.version, summary: summarize(n, counts.filter((x) => x.cycleId === c.id)) });
    }
    return out;
  }

  const listCycles = async (officeId: string) => presentCycles(officeId, await repo.listCycles(db, officeId));

  async function cycleOrThrow(officeId: string, cycleId: string) {
    const c = await repo.findCycle(db, officeId, cycleId);
    if (!c) throw notFound('report cycle');
    return c;
  }
  const getCycle = async (officeId: string, cycleId: string) => (await presentCycles(officeId, [await cycleOrThrow(officeId, cycleId)]))[0]!;

  /**
   * A1-10, A1-16: the office extends an open cycle's deadline (never shortens it: units planned by the old one). The
   * reports already submitted are judged again against the new deadline, in the same transaction.
   */
  async function extendDeadline(officeId: string, cycleId: string, version: number, input: CycleDeadline, ctx: Ctx) {
    const cal = await calendar.calendar(); // before the transaction (SQLite: one connection)
    await db.transaction().execute(async (trx) => {
      const c = await repo.findCycle(trx, officeId, cycleId);
      if (!c) throw notFound('report cycle');
      if (c.version !== version) throw new AppError('VERSION_MISMATCH', undefined, { entity: 'report cycle' });
      if (input.dueWorkingDays <= c.dueWorkingDays)
        throw new AppError('UNPROCESSABLE', `A1-10：报送期限只能延长（现为季度结束后 ${c.dueWorkingDays} 个工作日） / A1-10: a deadline can only be extended (now ${c.dueWorkingDays} working days)`, { rule: 'A1-10', field: 'dueWorkingDays' });
      const due = computeDue(cal, c.year, c.quarter, { ...DEFAULT_REPORT_RULES, dueWorkingDays: input.dueWorkingDays });
      if ((await repo.updateCycleDeadline(trx, c.id, version, { dueWorkingDays: input.dueWorkingDays, dueDate: due.dueDate })) === 0) throw new AppError('VERSION_MISMATCH', undefined, { entity: 'report cycle' });
      let rejudged = 0;
      for (const r of await repo.listCycleReports(trx, c.id)) {
        if (!r.firstSubmittedAt) continue;
        let late: number | null = null;
        if (due.dueDate) {
          try {
            late = workingDaysLate(cal, due.dueDate, chinaDate(new Date(r.firstSubmittedAt)));
          } catch (err) {
            if (!(err instanceof CalendarYearMissing)) throw err;
          }
        }
        if (late !== r.lateWorkingDays) {
          await repo.setLateWorkingDays(trx, r.id, late);
          rejudged++;
        }
      }
      await audit.record(trx, ctx, { officeId, action: 'report.cycle.deadline', entityType: 'report_cycle', entityId: c.id, before: { dueWorkingDays: c.dueWorkingDays, dueDate: c.dueDate }, after: { dueWorkingDays: input.dueWorkingDays, dueDate: due.dueDate, reason: input.reason, reportsRejudged: rejudged } });
    });
    return getCycle(officeId, cycleId);
  }

  /** A1-10: per unit — submitted on time / late / returned / missing, with red and yellow lights. */
  async function statusTable(officeId: string, cycleId: string): Promise<StatusTable> {
    const cycle = await getCycle(officeId, cycleId);
    const t = today();
    const [units, reports, cal, r] = await Promise.all([repo.listOwingUnits(db, officeId, t), repo.listCycleReports(db, cycleId), calendar.calendar(), rules(officeId)]);
    const byUnit = new Map(reports.map((x) => [x.unitId, x]));
    let workingDaysLeft: number | null = null;
    try {
      if (cycle.dueDate && t <= cycle.dueDate) workingDaysLeft = cal.workingDaysBetween(t, cycle.dueDate);
    } catch {
      workingDaysLeft = null;
    }
    const lightCal = safeCalendar(cal);
    return {
      cycle,
      today: t,
      workingDaysLeft,
      rows: units.map((u) => {
        const rep = byUnit.get(u.id);
        const status = (rep?.status ?? 'missing') as ReportStatus | 'missing';
        const submittedOnce = rep?.firstSubmittedAt != null;
        return {
          unitId: u.id,
          unitName: u.name,
          reportId: rep?.id ?? null,
          status,
          timeliness: submittedOnce && rep?.lateWorkingDays != null ? (rep.lateWorkingDays > 0 ? ('late' as const) : ('on_time' as const)) : null,
          lateWorkingDays: rep?.lateWorkingDays ?? null,
          submittedAt: rep?.submittedAt ?? null,
          light: reportLight({ status, dueDate: cycle.dueDate, today: t, cal: lightCal, rules: r.rules }),
          liaisonName: u.liaisonName ?? null,
        };
      }),
    };
  }

  /** Lights must not fail for a missing year: treat the count as "far" (none) rather than guess. */
  function safeCalendar(cal: WorkingCalendar): WorkingCalendar {
    return { ...cal, workingDaysBetween: (a, b) => { try { return cal.workingDaysBetween(a, b); } catch { return Number.POSITIVE_INFINITY; } } };
  }

  /** A1-16: the parent office sees its counties' completion, read-only. */
  async function childrenSummary(officeId: string, year: number, quarter: number) {
    const children = await repo.listChildOffices(db, officeId);
    const units = await repo.countMemberUnits(db, children.map((c) => c.id));
    const items = [];
    for (const c of children) {
      const n = Number(units.find((u) => u.officeId === c.id)?.n ?? 0);
      const cycle = await repo.findCycleByPeriod(db, c.id, year, quarter);
      if (!cycle) {
        items.push({ officeId: c.id, officeName: c.name, cycleOpened: false, dueDate: null, units: n, submitted: 0, onTime: 0, missing: n, completionRate: null });
        continue;
      }
      const [pc] = await presentCycles(c.id, [cycle]);
      const s = pc!.summary;
      items.push({ officeId: c.id, officeName: c.name, cycleOpened: true, dueDate: pc!.dueDate, units: n, submitted: s.submitted, onTime: s.onTime, missing: s.missing, completionRate: n ? Math.round((s.submitted / n) * 1000) / 10 : null });
    }
    return { items };
  }

  // ---- reports ----
  function abilities(actor: Actor, r: { officeId: string; unitId: string; status: string }): Report['abilities'] {
    const out: Report['abilities'] = [];
    if (isUnitSubmitter(actor, r.officeId, r.unitId) && EDITABLE_STATUSES.includes(r.status as ReportStatus)) out.push('edit', 'submit');
    const reviewer = actor.posts.some((p) => p.officeId === r.officeId && (deps.grants['report.review'] ?? []).includes(p.post));
    if (reviewer && r.status === 'submitted') out.push('accept', 'return');
    return out;
  }

  async function present(actor: Actor, row: ReportRow): Promise<Report> {
    const files = await repo.listAttachments(db, [row.id]);
    return {
      id: row.id, cycleId: row.cycleId, officeId: row.officeId, unitId: row.unitId, unitName: row.unitName, year: row.year, quarter: row.quarter, dueDate: row.dueDate,
      status: row.status as ReportStatus, title: row.title, body: row.body, revision: row.revision, firstSubmittedAt: row.firstSubmittedAt, submittedAt: row.submittedAt,
      submittedByName: row.submittedByName, lateWorkingDays: row.lateWorkingDays, reviewedAt: row.reviewedAt, reviewedByName: row.reviewedByName, returnReason: row.returnReason,
      attachments: files.map((f) => ({ id: f.id, filename: f.filename, mime: f.mime, size: f.size, digest: f.digest, createdAt: f.createdAt })),
      version: row.version,
      abilities: abilities(actor, row),
    };
  }

  /** Office readers (report.read, authorized by the route, also from a parent office). */
  async function officeReport(officeId: string, reportId: string) {
    const row = await repo.findReport(db, officeId, reportId);
    if (!row) throw notFound('report');
    return row;
  }

  /** The unit's own liaison officer: another unit's report is simply not found. */
  async function ownReport(actor: Actor, officeId: string, reportId: string) {
    const row = await repo.findReport(db, officeId, reportId);
    if (!row || !isUnitSubmitter(actor, officeId, row.unitId)) throw notFound('report');
    return row;
  }

  const getReport = async (actor: Actor, officeId: string, reportId: string) => present(actor, await officeReport(officeId, reportId));
  const getMyReport = async (actor: Actor, officeId: string, reportId: string) => present(actor, await ownReport(actor, officeId, reportId));

  /** The liaison officer's own unit(s): every cycle of the office with its report (or none yet). */
  async function myReports(actor: Actor, officeId: string) {
    const unitIds = actor.posts.filter((p) => p.post === 'liaison_officer' && p.officeId === officeId && p.unitId).map((p) => p.unitId!);
    const [cycles, reports] = await Promise.all([listCycles(officeId), repo.listUnitReports(db, officeId, unitIds)]);
    const items = [];
    for (const c of cycles) {
      for (const unitId of unitIds) {
        const r = reports.find((x) => x.cycleId === c.id && x.unitId === unitId);
        items.push({ cycle: c, unitId, report: r ? await present(actor, r) : null });
      }
    }
    return { items };
  }

  async function saveDraft(officeId: string, cycleId: string, unitId: string, input: ReportDraft, version: number | null, ctx: Ctx) {
    // Another unit is not found: a liaison officer drafts only for the unit named in the post (A2-2).
    if (!isUnitSubmitter(ctx.actor, officeId, unitId) || !(await repo.unitInOffice(db, officeId, unitId))) throw notFound('unit');
    await cycleOrThrow(officeId, cycleId);
    const id = await db.transaction().execute(async (trx) => {
      const existing = await repo.findReportByUnit(trx, cycleId, unitId);
      const now = iso();
      if (!existing) {
        if (version !== null && version !== 0) throw stale();
        const row = { id: newId(), cycleId, officeId, unitId, status: 'draft', title: input.title, body: input.body, revision: 0, firstSubmittedAt: null, submittedAt: null, submittedByName: null, submittedOn: null, lateWorkingDays: null, reviewedAt: null, reviewedByName: null, returnReason: null, version: 1, createdAt: now, updatedAt: now };
        await repo.insertReport(trx, row);
        await audit.record(trx, ctx, { officeId, action: 'report.draft.create', entityType: 'report', entityId: row.id, after: { title: input.title, unitId } });
        return row.id;
      }
      if (version === null) throw new AppError('PRECONDITION_REQUIRED');
      if (!EDITABLE_STATUSES.includes(existing.status as ReportStatus)) throw new AppError('INVALID_STATE_TRANSITION', '已提交的报告不能修改 / a submitted report cannot be edited', { status: existing.status });
      if ((await repo.updateReport(trx, existing.id, version, { title: input.title, body: input.body, updatedAt: now })) === 0) throw stale();
      await audit.record(trx, ctx, { officeId, action: 'report.draft.update', entityType: 'report', entityId: existing.id, before: { title: existing.title, bodyLength: existing.body.length }, after: { title: input.title, bodyLength: input.body.length } });
      return existing.id;
    });
    return present(ctx.actor, (await repo.findReport(db, officeId, id))!);
  }

  async function transition(officeId: string, reportId: string, version: number, action: ReportAction, ctx: Ctx, reason?: string) {
    // Read before the transaction: on SQLite the transaction holds the one connection, and a read through `db` inside
    // it (the calendar cache refreshing) would wait for the transaction forever.
    const cal = await calendar.calendar();
    const id = await db.transaction().execute(async (trx) => {
      const r = await repo.findReport(trx, officeId, reportId);
      if (!r || (action === 'submit' && !isUnitSubmitter(ctx.actor, officeId, r.unitId))) throw notFound('report');
      if (r.version !== version) throw stale();
      const to = nextReportStatus(r.status as ReportStatus, action);
      const now = iso();
      const patch: Parameters<ReportsRepository['updateReport']>[3] = { status: to, updatedAt: now };
      if (action === 'submit') {
        if (!r.body.trim() && (await repo.listAttachments(trx, [r.id])).length === 0) throw new AppError('VALIDATION_FAILED', '报告正文或附件不能为空 / the report needs a body or an attachment', { field: 'body' });
        const on = today();
        patch.submittedAt = now;
        patch.submittedOn = on;
        patch.submittedByName = ctx.actor.displayName;
        patch.revision = r.revision + 1;
        patch.returnReason = null;
        if (!r.firstSubmittedAt) {
          // A1-10: lateness is judged by the first submission, in working days after the deadline.
          patch.firstSubmittedAt = now;
          const cycle = await withDueDate((await repo.findCycle(trx, officeId, r.cycleId))!, { executor: trx, cal });
          if (cycle.dueDate) {
            try {
              patch.lateWorkingDays = workingDaysLate(cal, cycle.dueDate, on);
            } catch (err) {
              if (!(err instanceof CalendarYearMissing)) throw err;
            }
          }
        }
      } else {
        patch.reviewedAt = now;
        patch.reviewedByName = ctx.actor.displayName;
        if (action === 'return') patch.returnReason = reason ?? null;
      }
      if ((await repo.updateReport(trx, r.id, version, patch)) === 0) throw stale();
      await repo.insertEvent(trx, { id: newId(), reportId: r.id, action, revision: patch.revision ?? r.revision, at: now, actorName: ctx.actor.displayName, reason: reason ?? null, snapshot: action === 'submit' ? JSON.stringify({ title: r.title, body: r.body }) : null });
      await audit.record(trx, ctx, { officeId, action: `report.${action}`, entityType: 'report', entityId: r.id, before: { status: r.status }, after: { status: to, lateWorkingDays: patch.lateWorkingDays ?? r.lateWorkingDays, reason: reason ?? null } });
      return r.id;
    });
    return present(ctx.actor, (await repo.findReport(db, officeId, id))!);
  }

  async function history(actor: Actor, officeId: string, reportId: string, own: boolean) {
    await (own ? ownReport(actor, officeId, reportId) : officeReport(officeId, reportId));
    return { items: await repo.listEvents(db, reportId) };
  }

  // ---- attachments (docx/pdf/xlsx, judged by content; Chinese names kept) ----
  async function addAttachment(officeId: string, reportId: string, file: { filename: string; data: Buffer }, ctx: Ctx) {
    const type = sniffFileType(file.data, ['docx', 'pdf', 'xlsx']);
    const id = newId();
    await db.transaction().execute(async (trx) => {
      const r = await repo.findReport(trx, officeId, reportId);
      if (!r || !isUnitSubmitter(ctx.actor, officeId, r.unitId)) throw notFound('report');
      if (!EDITABLE_STATUSES.includes(r.status as ReportStatus)) throw new AppError('INVALID_STATE_TRANSITION', '已提交的报告不能修改附件 / attachments of a submitted report are frozen');
      const digest = createHash('sm3').update(file.data).digest('hex');
      const filename = cleanFilename(file.filename);
      await repo.insertFile(trx, { id, officeId, ownerType: 'report', ownerId: r.id, filename, mime: MIME[type], size: file.data.length, digest, content: file.data, uploadedByName: ctx.actor.displayName, deletedAt: null, createdAt: iso() });
      await audit.record(trx, ctx, { officeId, action: 'report.attachment.add', entityType: 'report', entityId: r.id, after: { fileId: id, filename, size: file.data.length, digest } });
    });
    return present(ctx.actor, (await repo.findReport(db, officeId, reportId))!);
  }

  async function removeAttachment(officeId: string, reportId: string, fileId: string, ctx: Ctx) {
    await db.transaction().execute(async (trx) => {
      const r = await repo.findReport(trx, officeId, reportId);
      if (!r || !isUnitSubmitter(ctx.actor, officeId, r.unitId)) throw notFound('report');
      if (!EDITABLE_STATUSES.includes(r.status as ReportStatus)) throw new AppError('INVALID_STATE_TRANSITION', '已提交的报告不能修改附件 / attachments of a submitted report are frozen');
      const f = await repo.findAttachment(trx, reportId, fileId);
      if (!f) throw notFound('attachment');
      await repo.markFileDeleted(trx, fileId, iso());
      await audit.record(trx, ctx, { officeId, action: 'report.attachment.remove', entityType: 'report', entityId: r.id, before: { fileId, filename: f.filename } });
    });
    return present(ctx.actor, (await repo.findReport(db, officeId, reportId))!);
  }

  async function getAttachment(actor: Actor, officeId: string, reportId: string, fileId: string, own: boolean) {
    await (own ? ownReport(actor, officeId, reportId) : officeReport(officeId, reportId));
    const f = await repo.findAttachment(db, reportId, fileId);
    if (!f) throw notFound('attachment');
    return f;
  }

  // ---- reminders ----
  /** Reminds the liaison officers of units that have not submitted (in-app; e-mail when SMTP is configured). */
  async function remind(officeId: string, cycleId: string, unitIds: string[] | undefined, ctx: RequestContext) {
    const table = await statusTable(officeId, cycleId);
    const pending = table.rows.filter((r) => ['missing', 'draft', 'returned'].includes(r.status) && (!unitIds || unitIds.includes(r.unitId)));
    const recipients = await repo.liaisonAccounts(db, officeId, pending.map((p) => p.unitId), table.today);
    const c = table.cycle;
    const due = c.dueDate ?? '（期限待定 / deadline pending calendar）';
    const send = await db.transaction().execute(async (trx) => {
      const after = await deps.notifications.notify(
        trx,
        recipients.map((r) => ({
          accountId: r.accountId,
          email: r.email,
          officeId,
          kind: 'report.reminder',
          title: `请于 ${due} 前报送 ${c.year} 年第 ${c.quarter} 季度改革工作书面汇报`,
          body: `A1-10：每季度结束后 10 个工作日内，成员单位向领导小组书面汇报本领域改革工作推进落实情况。${pending.find((p) => p.unitId === r.unitId)?.status === 'returned' ? '报告已退回修改，请修改后重新提交。' : ''}`,
          link: `/offices/${officeId}/reports/my`,
        })),
      );
      await audit.record(trx, ctx, { officeId, action: 'report.remind', entityType: 'report_cycle', entityId: cycleId, after: { units: pending.map((p) => p.unitName), recipients: recipients.length } });
      return after;
    });
    await send();
    return { reminded: recipients.length, units: pending.length };
  }

  // ---- exports (A1-10): the status table as a workbook, the accepted reports compiled into one DOCX ----
  async function officeName(officeId: string) {
    const o = await repo.findOffice(db, officeId);
    if (!o) throw notFound('office');
    return o.name;
  }

  async function exportStatusWorkbook(officeId: string, cycleId: string) {
    const table = await statusTable(officeId, cycleId);
    const { buildStatusWorkbook, periodLabel } = await exporters();
    const buffer = await buildStatusWorkbook({ officeName: await officeName(officeId), table, generatedAt: clock.now() });
    return { buffer, mime: MIME.xlsx, filename: `${periodLabel(table.cycle.year, table.cycle.quarter)}报送情况.xlsx` };
  }

  async function exportCompilation(officeId: string, cycleId: string) {
    const cycle = await cycleOrThrow(officeId, cycleId);
    const reports = await repo.listAcceptedReports(db, cycle.id);
    const files = await repo.listAttachments(db, reports.map((r) => r.id));
    const { buildCompilationDocx, compilationTitle } = await exporters();
    const buffer = await buildCompilationDocx({
      officeName: await officeName(officeId),
      year: cycle.year,
      quarter: cycle.quarter,
      date: today(),
      reports: reports.map((r) => ({ unitName: r.unitName, title: r.title, body: r.body, attachments: files.filter((f) => f.ownerId === r.id).map((f) => f.filename) })),
    });
    return { buffer, mime: MIME.docx, filename: `${compilationTitle(cycle.year, cycle.quarter)}.docx` };
  }

  // ---- scheduled work ----
  /** Opens the cycle of the quarter just ended for every office (idempotent: one cycle per office and quarter). */
  async function openDueCycles() {
    const q = lastEndedQuarter(today());
    let opened = 0;
    for (const o of await repo.listOfficeIds(db)) {
      if ((await ensureCycle(o.id, q.year, q.quarter, { actor: null, requestId: 'job:reports.open-cycles', ip: null })).created) opened++;
    }
    return opened;
  }

  /** Daily: reminds units whose deadline is within the yellow window or past (once a day, by the job's slot). */
  async function remindDue() {
    const t = today();
    const cal = safeCalendar(await calendar.calendar());
    let total = 0;
    for (const c of await repo.listOpenCyclesWithDueDate(db)) {
      const r = (await rules(c.officeId)).rules;
      const inWindow = c.dueDate! < t || cal.workingDaysBetween(t, c.dueDate!) <= r.yellowWorkingDays;
      const recent = c.dueDate! >= t || cal.workingDaysBetween(c.dueDate!, t) <= 20; // stop nagging a month after
      if (inWindow && recent) total += (await remind(c.officeId, c.id, undefined, { actor: null, requestId: 'job:reports.remind', ip: null })).reminded;
    }
    return total;
  }

  /** ICS: the liaison officer's report deadlines. */
  async function deadlinesFor(accountId: string): Promise<IcsEvent[]> {
    const units = await repo.liaisonUnitsOfAccount(db, accountId, today());
    const events: IcsEvent[] = [];
    for (const u of units) {
      for (const c of await repo.listCycles(db, u.officeId)) {
        const cycle = await withDueDate(c);
        if (!cycle.dueDate) continue;
        events.push({ uid: `report-${c.id}-${u.unitId}@reform-office`, date: cycle.dueDate, summary: `${c.year}年第${c.quarter}季度改革工作书面汇报截止`, description: 'A1-10：季度结束后 10 个工作日内书面汇报', categories: ['报告期限'] });
      }
    }
    return events;
  }

  return {
    rules, setRules, openCycle, ensureCycle, listCycles, getCycle, extendDeadline, statusTable, childrenSummary,
    getReport, getMyReport, myReports, saveDraft, history,
    submit: (officeId: string, reportId: string, version: number, ctx: Ctx) => transition(officeId, reportId, version, 'submit', ctx),
    accept: (officeId: string, reportId: string, version: number, ctx: Ctx) => transition(officeId, reportId, version, 'accept', ctx),
    returnForRevision: (officeId: string, reportId: string, version: number, reason: string, ctx: Ctx) => transition(officeId, reportId, version, 'return', ctx, reason),
    addAttachment, removeAttachment, getAttachment, remind, openDueCycles, remindDue, deadlinesFor,
    acceptedReports: (cycleId: string) => repo.listAcceptedReports(db, cycleId),
    exportStatusWorkbook, exportCompilation,
  };
}
export type ReportsService = ReturnType<typeof createReportsService>;
