// The official working-day calendar (A1-10) as a pure module: no database, no clock.
// A year is either loaded (every exception of that year known) or not; a year that is not loaded is never
// treated as plain weekdays — asking about it throws CalendarYearMissing.

export type DayKind = 'holiday' | 'workday';

export interface CalendarData {
  /** Years whose official schedule is loaded. */
  years: ReadonlySet<number>;
  /** Exceptions: statutory holidays (off) and adjusted working days (调休上班日, on). */
  days: ReadonlyMap<string, { kind: DayKind; name: string }>;
}

export class CalendarYearMissing extends Error {
  readonly year: number;
  constructor(year: number) {
    super(`${year} 年节假日安排未导入 / calendar for ${year} not loaded`);
    this.year = year;
  }
}

export class BadDate extends Error {
  constructor(value: string) {
    super(`不是有效日期 / not a valid date (YYYY-MM-DD): ${value}`);
  }
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function parseDate(value: string): { y: number; m: number; d: number } {
  const m = DATE_RE.exec(value);
  if (!m) throw new BadDate(value);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dt = new Date(Date.UTC(y, mo - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d) throw new BadDate(value);
  return { y, m: mo, d };
}

function shift(date: string, days: number): string {
  const { y, m, d } = parseDate(date);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

export interface WorkingCalendar {
  isWorkingDay(date: string): boolean;
  /** What the day is and why. */
  describe(date: string): { date: string; working: boolean; kind: 'weekday' | 'weekend' | DayKind; name: string | null };
  /** The Nth working day strictly after `date` (n ≥ 1); n = 0 returns `date` itself. */
  addWorkingDays(date: string, n: number): string;
  /** Working days in (from, to]: 0 when to ≤ from. The days late of a submission on `to` against deadline `from`. */
  workingDaysBetween(from: string, to: string): number;
  hasYear(year: number): boolean;
}

export function createWorkingCalendar(data: CalendarData): WorkingCalendar {
  function describe(date: string) {
    const { y, m, d } = parseDate(date);
    if (!data.years.has(y)) throw new CalendarYearMissing(y);
    const special = data.days.get(date);
    if (special) return { date, working: special.kind === 'workday', kind: special.kind, name: special.name };
    const dow = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
    const weekend = dow === 0 || dow === 6;
    return { date, working: !weekend, kind: weekend ? ('weekend' as const) : ('weekday' as const), name: null };
  }
  const isWorkingDay = (date: string) => describe(date).working;
  return {
    isWorkingDay,
    describe,
    addWorkingDays(date, n) {
      if (!Number.isInteger(n) || n < 0 || n > 3660) throw new RangeError('working days must be an integer from 0 to 3660');
      parseDate(date);
      let cur = date;
      let left = n;
      while (left > 0) {
        cur = shift(cur, 1);
        if (isWorkingDay(cur)) left--;
      }
      return cur;
    },
    workingDaysBetween(from, to) {
      parseDate(from);
      parseDate(to);
      let count = 0;
      for (let cur = shift(from, 1); cur <= to; cur = shift(cur, 1)) if (isWorkingDay(cur)) count++;
      return count;
    },
    hasYear: (year) => data.years.has(year),
  };
}

/** The last day of a quarter (1–4) of a year. */
export function quarterEnd(year: number, quarter: number): string {
  if (![1, 2, 3, 4].includes(quarter)) throw new RangeError('quarter must be 1–4');
  return new Date(Date.UTC(year, quarter * 3, 0)).toISOString().slice(0, 10);
}
export const quarterStart = (year: number, quarter: number) => `${year}-${String((quarter - 1) * 3 + 1).padStart(2, '0')}-01`;

/** A1-10: a quarterly written report is due `workingDays` (10) working days after the quarter ends. */
export function quarterlyReportDueDate(cal: WorkingCalendar, year: number, quarter: number, workingDays = 10): string {
  return cal.addWorkingDays(quarterEnd(year, quarter), workingDays);
}

/** Should the admin be warned that next year's calendar is missing? From 1 December on (A1-10 deadlines need it). */
export function nextYearCalendarWarning(cal: WorkingCalendar, today: string): number | null {
  const { y, m } = parseDate(today);
  return m === 12 && !cal.hasYear(y + 1) ? y + 1 : null;
}
