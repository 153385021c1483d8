import type { Db, Tx } from '../../db/db.ts';
import type { CalendarYearPut } from '../../../shared/contracts/calendar.ts';
import type { RequestContext } from '../../platform/actor.ts';
import type { Audit } from '../../platform/audit.ts';
import { chinaDate, type Clock } from '../../platform/clock.ts';
import { AppError } from '../../platform/errors.ts';
import type { CalendarRepository } from './calendar.repository.ts';
import { chineseDaysYears } from './chinese-days-seed.ts';
import { BadDate, CalendarYearMissing, createWorkingCalendar, nextYearCalendarWarning, type DayKind, type WorkingCalendar } from './working-days.ts';

/** How long a process trusts its cached calendar before re-reading (another process may have edited it). */
const CACHE_MS = 30_000;

/** Turns the pure module's errors into the one API error. */
export function calendarError(err: unknown): never {
  if (err instanceof CalendarYearMissing) throw new AppError('CALENDAR_YEAR_MISSING', err.message, { year: err.year });
  if (err instanceof BadDate) throw new AppError('VALIDATION_FAILED', err.message);
  throw err;
}

/**
 * Data another module derives from the working calendar (the ledger's at-risk dates): brought in step inside the
 * transaction that changes the calendar, with the changed years and the calendar as it is after the change.
 */
export type CalendarDependent = (trx: Tx, cal: WorkingCalendar, years: number[], ctx: RequestContext) => Promise<void>;

export function createCalendarService(deps: { db: Db; repo: CalendarRepository; audit: Audit; clock: Clock; dependents?: CalendarDependent[] }) {
  const { db, repo, audit, clock } = deps;
  let cached: { cal: WorkingCalendar; at: number } | null = null;

  /** The calendar as `q` sees it (inside a transaction: with that transaction's own changes). */
  async function load(q: Db | Tx = db): Promise<WorkingCalendar> {
    const [years, days] = await Promise.all([repo.listYears(q), repo.listDays(q)]);
    return createWorkingCalendar({
      years: new Set(years.map((y) => y.year)),
      days: new Map(days.map((d) => [d.date, { kind: d.kind as DayKind, name: d.name }])),
    });
  }

  /** Brings what other modules derive from the calendar in step with the changed years, in the change's transaction. */
  async function changed(trx: Tx, years: number[], ctx: RequestContext) {
    if (!deps.dependents?.length) return;
    const cal = await load(trx);
    for (const dependent of deps.dependents) await dependent(trx, cal, years, ctx);
  }

  async function calendar(): Promise<WorkingCalendar> {
    const now = Date.now();
    if (!cached || now - cached.at > CACHE_MS) cached = { cal: await load(), at: now };
    return cached.cal;
  }

  /** Loads every year the chinese-days package knows and the database does not (admin edits are never overwritten). */
  async function seedFromPackage(): Promise<number[]> {
    const have = new Set((await repo.listYears(db)).map((y) => y.year));
    const added: number[] = [];
    const loadedAt = clock.now().toISOString();
    await db.transaction().execute(async (trx) => {
      for (const [year, days] of chineseDaysYears()) {
        if (have.has(year)) continue;
        if (await repo.replaceYear(trx, { year, source: 'chinese-days 1.5.7', note: null, loadedAt }, days, null)) added.push(year);
      }
      if (!added.length) return;
      const ctx = { actor: null, requestId: 'calendar-seed', ip: null };
      await audit.record(trx, ctx, { officeId: null, action: 'calendar.seed', entityType: 'calendar', entityId: null, after: { years: added } });
      await changed(trx, added, ctx);
    });
    cached = null;
    return added;
  }

  async function status() {
    const today = chinaDate(clock.now());
    const [years, counts, cal] = await Promise.all([repo.listYears(db), repo.countDaysByYear(db), calendar()]);
    const n = new Map(counts.map((c) => [c.year, Number(c.n)]));
    const missing = nextYearCalendarWarning(cal, today);
    return {
      today,
      years: years.map((y) => ({ year: y.year, source: y.source, loadedAt: y.loadedAt, days: n.get(y.year) ?? 0 })),
      warning: missing ? { year: missing, message: `${missing} 年节假日安排尚未导入，涉及 ${missing} 年的期限将无法计算 / the ${missing} calendar is not loaded; deadlines in ${missing} cannot be computed` } : null,
    };
  }

  async function getYear(year: number) {
    const y = await repo.findYear(db, year);
    const days = y ? await repo.listDays(db, year) : [];
    return {
      year,
      loaded: Boolean(y),
      source: y?.source ?? null,
      note: y?.note ?? null,
      loadedAt: y?.loadedAt ?? null,
      version: y?.version ?? 0,
      days: days.map((d) => ({ date: d.date, kind: d.kind as DayKind, name: d.name })),
    };
  }

  /** Replaces a year's schedule (the State Council notice typed in, or a year file). Version 0 creates the year. */
  async function putYear(year: number, input: CalendarYearPut, version: number, ctx: RequestContext) {
    const seen = new Set<string>();
    for (const [i, d] of input.days.entries()) {
      if (Number(d.date.slice(0, 4)) !== year) throw new AppError('VALIDATION_FAILED', `${d.date} 不在 ${year} 年 / not in ${year}`, { field: `days.${i}.date` });
      if (seen.has(d.date)) throw new AppError('VALIDATION_FAILED', `${d.date} 重复 / listed twice`, { field: `days.${i}.date` });
      seen.add(d.date);
      const dow = new Date(`${d.date}T00:00:00Z`).getUTCDay();
      if (d.kind === 'workday' && dow !== 0 && dow !== 6)
        throw new AppError('VALIDATION_FAILED', `${d.date} 是工作日，不能再设为调休上班日 / is a weekday already; an adjusted working day falls on a weekend`, { field: `days.${i}.kind` });
    }
    const before = await getYear(year);
    await db.transaction().execute(async (trx) => {
      const ok = await repo.replaceYear(trx, { year, source: input.source, note: input.note ?? null, loadedAt: clock.now().toISOString() }, input.days, version === 0 ? null : version);
      if (!ok) throw new AppError('VERSION_MISMATCH', undefined, { entity: 'calendar year' });
      await audit.record(trx, ctx, { officeId: null, action: 'calendar.year.replace', entityType: 'calendar_year', entityId: String(year), before: before.loaded ? { source: before.source, days: before.days } : null, after: { source: input.source, days: input.days } });
      await changed(trx, [year], ctx);
    });
    cached = null;
    return getYear(year);
  }

  async function deadline(after: string, workingDays: number) {
    const cal = await calendar();
    try {
      return { after, workingDays, date: cal.addWorkingDays(after, workingDays) };
    } catch (err) {
      return calendarError(err);
    }
  }

  async function isWorkday(date: string) {
    const cal = await calendar();
    try {
      return cal.describe(date);
    } catch (err) {
      return calendarError(err);
    }
  }

  return { calendar, seedFromPackage, status, getYear, putYear, deadline, isWorkday, invalidate: () => void (cached = null) };
}
export type CalendarService = ReturnType<typeof createCalendarService>;
