import { describe, expect, it } from 'vitest';
import { chineseDaysYears } from './chinese-days-seed.ts';
import { BadDate, CalendarYearMissing, createWorkingCalendar, nextYearCalendarWarning, quarterEnd, quarterlyReportDueDate, type CalendarData } from './working-days.ts';

function officialCalendar(): CalendarData {
  const years = chineseDaysYears();
  const days = new Map<string, { kind: 'holiday' | 'workday'; name: string }>();
  for (const list of years.values()) for (const d of list) days.set(d.date, { kind: d.kind, name: d.name });
  return { years: new Set(years.keys()), days };
}
const cal = createWorkingCalendar(officialCalendar());

describe('working-day calendar (A1-10)', () => {
  it('A1-10: adjusted Saturday 2026-10-10 is a working day; National Day 2026-10-01 is not; a plain Sunday is not', () => {
    expect(cal.isWorkingDay('2026-10-10')).toBe(true);
    expect(cal.describe('2026-10-10')).toMatchObject({ kind: 'workday' });
    expect(cal.isWorkingDay('2026-10-01')).toBe(false);
    expect(cal.describe('2026-10-01')).toMatchObject({ kind: 'holiday', name: '国庆节' });
    expect(cal.isWorkingDay('2026-11-29')).toBe(false);
    expect(cal.isWorkingDay('2026-11-30')).toBe(true);
  });

  it('A1-10: Q3 2026 report is due 2026-10-20 (National Day week off, Saturday 10-10 on)', () => {
    expect(cal.addWorkingDays('2026-09-30', 10)).toBe('2026-10-20');
    expect(quarterlyReportDueDate(cal, 2026, 3)).toBe('2026-10-20');
  });

  it('A1-10: Q3 2025 report across National Day + Mid-Autumn 2025 (10-01…10-08 off, 09-28 and 10-11 on)', () => {
    expect(cal.isWorkingDay('2025-09-28')).toBe(true);
    expect(cal.isWorkingDay('2025-10-08')).toBe(false);
    expect(cal.isWorkingDay('2025-10-11')).toBe(true);
    // 10-09 1, 10-10 2, 10-11 (Sat, on) 3, 10-13 4 … 10-17 8, 10-20 9, 10-21 10
    expect(quarterlyReportDueDate(cal, 2025, 3)).toBe('2025-10-21');
  });

  it('A1-10: Q4 2025 report across New Year 2026 (01-01…01-03 off, Sunday 01-04 on)', () => {
    expect(cal.isWorkingDay('2026-01-04')).toBe(true);
    // 01-04 1, 01-05 2 … 01-09 6, 01-12 7, 13 8, 14 9, 15 10
    expect(quarterlyReportDueDate(cal, 2025, 4)).toBe('2026-01-15');
  });

  it('A1-10: Spring Festival 2026 (02-15…02-23 off, 02-14 and 02-28 on) inside a count', () => {
    expect(cal.isWorkingDay('2026-02-14')).toBe(true);
    expect(cal.isWorkingDay('2026-02-23')).toBe(false);
    expect(cal.isWorkingDay('2026-02-28')).toBe(true);
    // from Friday 02-13: 02-14 (Sat, on) 1, 02-24 2, 25 3, 26 4, 27 5, 28 (Sat, on) 6, 03-02 7
    expect(cal.addWorkingDays('2026-02-13', 7)).toBe('2026-03-02');
    expect(cal.workingDaysBetween('2026-02-13', '2026-03-02')).toBe(7);
  });

  it('A1-10: Spring Festival 2025 (01-28…02-04 off, 01-26 and 02-08 on)', () => {
    expect(cal.isWorkingDay('2025-01-26')).toBe(true);
    expect(cal.isWorkingDay('2025-02-04')).toBe(false);
    expect(cal.isWorkingDay('2025-02-08')).toBe(true);
    expect(cal.addWorkingDays('2025-01-27', 1)).toBe('2025-02-05');
  });

  it('A1-10: a quarter that ends on a weekend — Q1 2029 would, Q2 2024 did (Sunday 2024-06-30)', () => {
    expect(quarterEnd(2024, 2)).toBe('2024-06-30');
    expect(cal.isWorkingDay('2024-06-30')).toBe(false);
    // the count starts the next day: 07-01 Mon is day 1 … 07-12 Fri is day 10
    expect(quarterlyReportDueDate(cal, 2024, 2)).toBe('2024-07-12');
  });

  it('A1-10: a year without data is never treated as plain weekdays', () => {
    expect(() => cal.isWorkingDay('2027-01-04')).toThrow(CalendarYearMissing);
    // Q4 2026 needs January 2027
    expect(() => quarterlyReportDueDate(cal, 2026, 4)).toThrow(/2027/);
    const e = (() => {
      try {
        quarterlyReportDueDate(cal, 2026, 4);
      } catch (err) {
        return err as CalendarYearMissing;
      }
    })();
    expect(e?.year).toBe(2027);
  });

  it('A1-10: bad dates are refused', () => {
    expect(() => cal.isWorkingDay('2026-02-30')).toThrow(BadDate);
    expect(() => cal.addWorkingDays('20261001', 1)).toThrow(BadDate);
  });

  it('A1-10: working days between two dates count (from, to]; late days of a submission', () => {
    expect(cal.workingDaysBetween('2026-10-20', '2026-10-20')).toBe(0);
    expect(cal.workingDaysBetween('2026-10-20', '2026-10-23')).toBe(3);
    expect(cal.workingDaysBetween('2026-09-30', '2026-10-09')).toBe(2);
    expect(cal.workingDaysBetween('2026-10-23', '2026-10-20')).toBe(0);
  });

  it('A1-10: the admin is warned from December when next year is missing', () => {
    expect(nextYearCalendarWarning(cal, '2026-11-30')).toBeNull();
    expect(nextYearCalendarWarning(cal, '2026-12-01')).toBe(2027);
    expect(nextYearCalendarWarning(cal, '2025-12-15')).toBeNull();
  });
});
