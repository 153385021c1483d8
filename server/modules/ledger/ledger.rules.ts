// The ledger's rules (A1-6, A1-7, A2-4, A2-5) as named functions over data.
import { addDays } from '../../../shared/dates.ts';
import { chinaDayStart } from '../../platform/clock.ts';
import { CalendarYearMissing, type WorkingCalendar } from '../calendar/working-days.ts';

export const TASK_STATUSES = ['not_started', 'on_track', 'at_risk', 'overdue', 'done', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** At risk: the deadline is within this many working days and the task is under AT_RISK_PERCENT done. */
export const AT_RISK_WORKING_DAYS = 10;
export const AT_RISK_PERCENT = 80;

export interface StatusInput {
  cancelledAt: string | null;
  doneAt: string | null;
  deadline: string;
  percent: number | null;
  lastUpdateOn: string | null;
  /** The first day on which the deadline is within AT_RISK_WORKING_DAYS working days (null: calendar not loaded). */
  atRiskFrom: string | null;
  /** The earliest due date of a milestone not yet done. */
  nextMilestoneDue: string | null;
}

/**
 * A1-6 status, derived, never typed: cancelled, done (the office confirmed the result: 销号), overdue (deadline
 * passed), at risk (deadline within 10 working days and < 80 % done, or a milestone missed), not started (no
 * progress reported), otherwise on track. The list query computes the same thing in SQL (ledger.repository.ts).
 */
export function deriveTaskStatus(t: StatusInput, today: string): TaskStatus {
  if (t.cancelledAt) return 'cancelled';
  if (t.doneAt) return 'done';
  if (t.deadline < today) return 'overdue';
  if ((t.atRiskFrom !== null && t.atRiskFrom <= today && (t.percent ?? 0) < AT_RISK_PERCENT) || (t.nextMilestoneDue !== null && t.nextMilestoneDue < today)) return 'at_risk';
  if ((t.percent ?? 0) === 0 && t.lastUpdateOn === null) return 'not_started';
  return 'on_track';
}

/**
 * A1-6: the first date from which `deadline` is within `n` working days, i.e. the (n+1)-th working day counting
 * back from the deadline (inclusive). Throws CalendarYearMissing when the calendar does not cover the span.
 */
export function atRiskFromDate(cal: WorkingCalendar, deadline: string, n = AT_RISK_WORKING_DAYS): string {
  let count = 0;
  let cur = deadline;
  for (let guard = 0; guard < 400; guard++) {
    if (cal.isWorkingDay(cur)) {
      count++;
      if (count === n + 1) return cur;
    }
    const d = new Date(`${cur}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() - 1);
    cur = d.toISOString().slice(0, 10);
  }
  return cur;
}

/**
 * Weighted roll-up of children's percent complete. A child with no figure yet is left out (it must not drag the
 * parent towards zero); cancelled children are left out. The weights used are returned so anyone can redo the sum.
 */
export function rollupPercent(children: Array<{ id: string; percent: number | null; weight: number; cancelled?: boolean }>): { percent: number | null; used: Array<{ id: string; percent: number; weight: number }> } {
  const used = children.filter((c) => !c.cancelled && c.percent !== null && c.weight > 0).map((c) => ({ id: c.id, percent: c.percent!, weight: c.weight }));
  const total = used.reduce((a, c) => a + c.weight, 0);
  if (total === 0) return { percent: null, used };
  return { percent: Math.round(used.reduce((a, c) => a + c.percent * c.weight, 0) / total), used };
}

/** A progress update as the task's figure sees it. */
export interface FigureUpdate {
  unitId: string | null;
  percent: number | null;
  reportedOn: string;
  createdAt: string;
}

/**
 * A1-9: whose percent is the task's figure. The lead unit's, or the office's own (an update for no unit); a
 * cooperating unit reports its part, and its percent is its part's; an update without a percent says nothing about
 * the figure.
 */
export const countsForFigure = (u: Pick<FigureUpdate, 'unitId' | 'percent'>, leadUnitId: string | null) => u.percent !== null && (u.unitId === null || u.unitId === leadUnitId);

/** Later by report date, then by entry (two reports of one day: the one entered last). */
const later = (a: FigureUpdate, b: FigureUpdate) => a.reportedOn > b.reportedOn || (a.reportedOn === b.reportedOn && a.createdAt > b.createdAt);

/**
 * A1-9: the task's figure and last-update date after the office sends an update back. A returned update no longer
 * counts. If it was the one giving the figure (the latest that counts), the figure falls back to the latest remaining
 * one that counts, or to none; an update that was not giving it (a cooperating unit's, one without a percent, a late
 * report older than the figure's) leaves the figure as it is. The date is the latest remaining update's, of any unit.
 */
export function figureAfterReturn(returned: FigureUpdate, remaining: FigureUpdate[], leadUnitId: string | null, current: number | null): { percent: number | null; lastUpdateOn: string | null } {
  const pick = (list: FigureUpdate[]) => list.reduce<FigureUpdate | null>((best, u) => (!best || later(u, best) ? u : best), null);
  const lastUpdateOn = pick(remaining)?.reportedOn ?? null;
  const counting = remaining.filter((u) => countsForFigure(u, leadUnitId));
  const latest = pick(counting);
  const wasGiving = countsForFigure(returned, leadUnitId) && (!latest || later(returned, latest));
  return { percent: wasGiving ? (latest?.percent ?? null) : current, lastUpdateOn };
}

/**
 * A1-9: the task's figure after an update is added — the same rule as figureAfterReturn, seen from the other side:
 * the figure is the latest counting update's. An added update gives it when it counts and is later than the latest
 * one that counted before it (by report date, then by entry); otherwise (a cooperating unit's part, no percent, a
 * late report older than the figure's) the figure stays. Which unit reported last does not matter: a lead unit's late
 * report dated after a cooperating unit's newer one but after its own last one still gives the figure.
 */
export function figureAfterAdd(added: FigureUpdate, latestCounting: FigureUpdate | null, leadUnitId: string | null, current: number | null): number | null {
  if (!countsForFigure(added, leadUnitId)) return current;
  return !latestCounting || later(added, latestCounting) ? added.percent : current;
}

/** A1-6: at_risk_from from the official calendar, or null (never a guess) when the calendar lacks a year it needs. */
export function atRiskFromOrNull(cal: WorkingCalendar, deadline: string): string | null {
  try {
    return atRiskFromDate(cal, deadline);
  } catch (err) {
    if (err instanceof CalendarYearMissing) return null;
    throw err;
  }
}

/**
 * A1-6: the deadlines whose at-risk date a change to these calendar years can move: those in the years themselves
 * and in each following year (counting working days back from an early-January deadline reaches into the year
 * before). A superset is harmless: a recomputed date that does not move is not written.
 */
export function deadlinesCoveredBy(years: number[]): { from: string; to: string } {
  return { from: `${Math.min(...years)}-01-01`, to: `${Math.max(...years) + 1}-12-31` };
}

/**
 * A1-9: the task's figure as it stood before a day — the latest update reported before it that counts
 * (countsForFigure, later by report date then by entry); null when none did. A figure typed in by an edit, or a
 * parent's roll-up, is not replayed: this is the figure the updates gave.
 */
export function figureBefore(updates: FigureUpdate[], leadUnitId: string | null, day: string): number | null {
  let best: FigureUpdate | null = null;
  for (const u of updates) if (u.reportedOn < day && countsForFigure(u, leadUnitId) && (!best || later(u, best))) best = u;
  return best?.percent ?? null;
}

/** A1-6: the day a task still open after its deadline is first overdue (status is overdue once the deadline is past). */
export const overdueFrom = (deadline: string) => addDays(deadline, 1);


/**
 * A1-6: the day within [from, to] (and not after today) on which the task became overdue, or null: the day after its
 * deadline, if it was neither done nor cancelled before that day began.
 */
export function overdueDayIn(t: { deadline: string; doneAt: string | null; cancelledAt: string | null }, from: string, to: string, today: string): string | null {
  const day = overdueFrom(t.deadline);
  if (day < from || day > to || day > today) return null;
  const start = chinaDayStart(day);
  if ((t.doneAt !== null && t.doneAt < start) || (t.cancelledAt !== null && t.cancelledAt < start)) return null;
  return day;
}

/**
 * "Status changes belong in the timeline" (USERS-ASK.md): the days a task's derived status moved by the calendar
 * alone, which no one's action records — its deadline's last AT_RISK_WORKING_DAYS working days began (at_risk_from),
 * a milestone was missed (the day after its due date, not done by then), the deadline passed (overdueFrom) — each
 * only while the task was open, not before `since` (its creation, when known) and not after today.
 */
export function calendarStatusDays(
  t: { deadline: string; atRiskFrom: string | null; doneAt: string | null; cancelledAt: string | null; milestones: Array<{ title: string; dueDate: string; doneOn: string | null }> },
  since: string | null,
  today: string,
): Array<{ on: string; kind: 'due_soon' | 'milestone_missed' | 'overdue'; milestone: string | null }> {
  const closedAt = t.doneAt ?? t.cancelledAt;
  const open = (day: string) => closedAt === null || closedAt >= chinaDayStart(day);
  const days: Array<{ on: string; kind: 'due_soon' | 'milestone_missed' | 'overdue'; milestone: string | null }> = [];
  if (t.atRiskFrom !== null) days.push({ on: t.atRiskFrom, kind: 'due_soon', milestone: null });
  for (const m of t.milestones) if (m.doneOn === null || m.doneOn > m.dueDate) days.push({ on: addDays(m.dueDate, 1), kind: 'milestone_missed', milestone: m.title });
  days.push({ on: overdueFrom(t.deadline), kind: 'overdue', milestone: null });
  const order = { due_soon: 0, milestone_missed: 1, overdue: 2 };
  return days.filter((d) => d.on <= today && (since === null || d.on >= since) && open(d.on)).sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : order[a.kind] - order[b.kind]));
}

/** Supervision practice: the yellow light, in working days before the deadline (USERS-ASK: "at 3 days"). */
export const DUE_SOON_WORKING_DAYS = 3;
/** Days after the deadline passed during which a unit is urged daily; weekly (Mondays) afterwards. */
export const NEWLY_OVERDUE_DAYS = 7;

/**
 * Supervision practice (USERS-ASK: "remind before the deadline — yellow light at 3 days, red when overdue — urge when
 * overdue"): the reminder an open task is owed today. 'due_soon' within DUE_SOON_WORKING_DAYS working days of its
 * deadline (the deadline day included), 'overdue' in the first NEWLY_OVERDUE_DAYS days after it passed, then
 * 'still_overdue'; null otherwise, and null (never a guess) when the calendar lacks a year it needs.
 */
export function reminderFor(deadline: string, today: string, cal: WorkingCalendar): 'due_soon' | 'overdue' | 'still_overdue' | null {
  if (deadline >= today) {
    try {
      return cal.workingDaysBetween(today, deadline) <= DUE_SOON_WORKING_DAYS ? 'due_soon' : null;
    } catch (err) {
      if (err instanceof CalendarYearMissing) return null;
      throw err;
    }
  }
  return overdueFrom(deadline) > addDays(today, -NEWLY_OVERDUE_DAYS) ? 'overdue' : 'still_overdue';
}

/** The earliest due date among milestones not yet done (drives the "milestone missed" part of at risk). */
export const nextMilestoneDue = (milestones: Array<{ dueDate: string; doneOn: string | null }>) =>
  milestones.filter((m) => !m.doneOn).map((m) => m.dueDate).sort()[0] ?? null;

/** A1-6: key tasks are inspected monthly — the first day of the month being inspected. */
export const inspectionPeriodStart = (today: string) => `${today.slice(0, 7)}-01`;

/** Character bigrams (and single CJK characters) for Chinese search; ASCII words as whole lower-case tokens. */
export function searchTerms(text: string): string[] {
  const out = new Set<string>();
  for (const chunk of text.toLowerCase().split(/[\s,，。、；;：:（）()《》“”"'·\-—/]+/)) {
    if (!chunk) continue;
    const chars = [...chunk];
    if (/^[\x20-\x7e]+$/.test(chunk)) {
      out.add(chunk);
      continue;
    }
    if (chars.length === 1) out.add(chars[0]!);
    for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i]! + chars[i + 1]!);
  }
  return [...out];
}

/**
 * Whether a deadline extension may be requested (supervision practice: "extension requests filed before the deadline
 * with reason and new date, approved by a supervisor"; A1-9: the lead unit, accountable for the task, asks). Null when
 * it may; otherwise why not, with the field to point at. Without `newDeadline`: whether a request may be filed at all.
 */
export function extensionRequestProblem(t: { deadline: string; open: boolean; pending: boolean }, today: string, newDeadline?: string): { message: string; field: string } | null {
  if (!t.open) return { message: '已销号或已取消的任务不能申请延期 / a done or cancelled task cannot be extended', field: 'taskId' };
  if (t.pending) return { message: '已有待审批的延期申请 / an extension request is already pending', field: 'taskId' };
  if (today > t.deadline) return { message: `延期申请须在完成时限（${t.deadline}）前提出 / an extension must be requested before the deadline (${t.deadline})`, field: 'newDeadline' };
  if (newDeadline !== undefined && newDeadline <= t.deadline) return { message: `新的完成时限须晚于 ${t.deadline} / the new deadline must be after ${t.deadline}`, field: 'newDeadline' };
  return null;
}
