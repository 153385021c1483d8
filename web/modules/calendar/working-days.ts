// Counting working days on the loaded official calendar, for display only ("还有 N 个工作日"): the server decides
// deadlines and lateness. Same rule as the server's calendar: weekdays work, weekends rest, unless the year's
// schedule says otherwise (节假日 off, 调休上班日 on).
import { addDays } from '../../../shared/dates.ts';
import type { CalendarYear } from './api.ts';

/** Working days in (from, to]; null when a year in between is not loaded. */
export function workingDaysBetween(from: string, to: string, years: readonly CalendarYear[]): number | null {
  const loaded = new Map(years.filter((y) => y.loaded).map((y) => [y.year, new Map(y.days.map((d) => [d.date, d.kind]))]));
  let n = 0;
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) {
    const days = loaded.get(Number(d.slice(0, 4)));
    if (!days) return null;
    const kind = days.get(d);
    const dow = new Date(`${d}T00:00:00Z`).getUTCDay();
    if (kind === 'workday' || (kind !== 'holiday' && dow !== 0 && dow !== 6)) n++;
  }
  return n;
}

/** The years a count from `from` to `to` needs. */
export const yearsBetween = (from: string, to: string) => {
  const out: number[] = [];
  for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y++) out.push(y);
  return out;
};
