// A1-10 as named functions over data: due dates, lateness and the status lights.
import { quarterlyReportDueDate, type WorkingCalendar } from '../calendar/working-days.ts';
import type { ReportRules, ReportStatus } from '../../../shared/contracts/reports.ts';

export const DEFAULT_REPORT_RULES: ReportRules = { dueWorkingDays: 10, yellowWorkingDays: 3 };

/** A1-10: due `dueWorkingDays` working days after the quarter ends. Throws CalendarYearMissing when the year is not loaded. */
export const reportDueDate = (cal: WorkingCalendar, year: number, quarter: number, rules: ReportRules) => quarterlyReportDueDate(cal, year, quarter, rules.dueWorkingDays);

/** A1-10: working days late of a submission made on `submittedOn` (a China calendar date); 0 when on time. */
export const workingDaysLate = (cal: WorkingCalendar, dueDate: string, submittedOn: string) => (submittedOn <= dueDate ? 0 : cal.workingDaysBetween(dueDate, submittedOn));

export type Light = 'green' | 'yellow' | 'red' | 'none';

/**
 * A1-10 status light of one unit's report: green once submitted; otherwise red after the deadline,
 * yellow within `yellowWorkingDays` working days of it, none before that. A returned report is "not submitted"
 * again until the unit resubmits.
 */
export function reportLight(input: { status: ReportStatus | 'missing'; dueDate: string | null; today: string; cal: WorkingCalendar; rules: ReportRules }): Light {
  if (input.status === 'submitted' || input.status === 'accepted') return 'green';
  if (!input.dueDate) return 'none';
  if (input.today > input.dueDate) return 'red';
  const left = input.cal.workingDaysBetween(input.today, input.dueDate);
  return left <= input.rules.yellowWorkingDays ? 'yellow' : 'none';
}

/** The quarter that ended most recently before `today` (the one whose reports are being collected). */
export function lastEndedQuarter(today: string): { year: number; quarter: number } {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  const q = Math.floor((m - 1) / 3) + 1;
  return q === 1 ? { year: y - 1, quarter: 4 } : { year: y, quarter: q - 1 };
}
