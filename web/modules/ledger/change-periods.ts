import { addDays } from '../../../shared/dates.ts';

/** The periods the 本期变化 card offers, by the dashboard's own date (a China date, YYYY-MM-DD). */
export type PeriodChoice = 'this' | 'last' | '30';

/** First and last day (both included) of this month so far, the whole of last month, or the last 30 days. */
export function changePeriod(choice: PeriodChoice, asOf: string): { from: string; to: string } {
  const [y, mo] = [Number(asOf.slice(0, 4)), Number(asOf.slice(5, 7))];
  const day = (d: Date) => d.toISOString().slice(0, 10);
  // Date.UTC carries month -1 into December of the year before, and day 0 to the last day of the month before.
  if (choice === 'last') return { from: day(new Date(Date.UTC(y, mo - 2, 1))), to: day(new Date(Date.UTC(y, mo - 1, 0))) };
  if (choice === '30') return { from: addDays(asOf, -29), to: asOf };
  return { from: `${asOf.slice(0, 8)}01`, to: asOf };
}
