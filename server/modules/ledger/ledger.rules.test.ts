import { describe, expect, it } from 'vitest';
import { chineseDaysYears } from '../calendar/chinese-days-seed.ts';
import { createWorkingCalendar } from '../calendar/working-days.ts';
import { addDays } from '../../../shared/dates.ts';
import { chinaDayStart } from '../../platform/clock.ts';
import { atRiskFromDate, calendarStatusDays, reminderFor, atRiskFromOrNull, countsForFigure, deadlinesCoveredBy, figureBefore, overdueDayIn, overdueFrom, deriveTaskStatus, extensionRequestProblem, figureAfterAdd, figureAfterReturn, inspectionPeriodStart, nextMilestoneDue, rollupPercent, searchTerms, type StatusInput } from './ledger.rules.ts';

const years = chineseDaysYears();
const days = new Map<string, { kind: 'holiday' | 'workday'; name: string }>();
for (const list of years.values()) for (const d of list) days.set(d.date, { kind: d.kind, name: d.name });
const cal = createWorkingCalendar({ years: new Set(years.keys()), days });

const base: StatusInput = { cancelledAt: null, doneAt: null, deadline: '2026-10-20', percent: null, lastUpdateOn: null, atRiskFrom: '2026-09-30', nextMilestoneDue: null };

describe('ledger rules', () => {
  it('A1-9: the figure is the lead unit\'s or the office\'s own percent; a cooperating unit\'s part and a text-only update do not set it', () => {
    expect(countsForFigure({ unitId: 'lead', percent: 40 }, 'lead')).toBe(true);
    expect(countsForFigure({ unitId: null, percent: 40 }, 'lead')).toBe(true);
    expect(countsForFigure({ unitId: 'coop', percent: 90 }, 'lead')).toBe(false);
    expect(countsForFigure({ unitId: 'lead', percent: null }, 'lead')).toBe(false);
    expect(countsForFigure({ unitId: null, percent: 0 }, 'lead')).toBe(true);
  });

  it('A1-9: after an update is sent back, the figure falls back only if that update was giving it', () => {
    const u = (unitId: string | null, percent: number | null, reportedOn: string, createdAt = `${reportedOn}T02:00:00Z`) => ({ unitId, percent, reportedOn, createdAt });
    const lead30 = u('lead', 30, '2026-10-01');
    const leadText = u('lead', null, '2026-10-10');
    const coop90 = u('coop', 90, '2026-10-15');
    const lead70 = u('lead', 70, '2026-10-20');
    // the latest that counts goes back: the figure is the latest remaining one that counts (not the text-only, not the cooperating unit's)
    expect(figureAfterReturn(lead70, [lead30, leadText, coop90], 'lead', 70)).toEqual({ percent: 30, lastUpdateOn: '2026-10-15' });
    // nothing that counts remains: no figure
    expect(figureAfterReturn(lead70, [leadText, coop90], 'lead', 70)).toEqual({ percent: null, lastUpdateOn: '2026-10-15' });
    expect(figureAfterReturn(lead70, [], 'lead', 70)).toEqual({ percent: null, lastUpdateOn: null });
    // updates that were not giving the figure leave it as it is (even one set by an edit)
    expect(figureAfterReturn(coop90, [lead30, leadText, lead70], 'lead', 70)).toEqual({ percent: 70, lastUpdateOn: '2026-10-20' });
    expect(figureAfterReturn(leadText, [lead30, coop90, lead70], 'lead', 65)).toEqual({ percent: 65, lastUpdateOn: '2026-10-20' });
    expect(figureAfterReturn(lead30, [leadText, coop90, lead70], 'lead', 70)).toEqual({ percent: 70, lastUpdateOn: '2026-10-20' }); // a late report
    // two reports of one day: the one entered last gives the figure
    const am = u('lead', 40, '2026-10-20', '2026-10-20T01:00:00Z');
    const pm = u(null, 50, '2026-10-20', '2026-10-20T08:00:00Z');
    expect(figureAfterReturn(pm, [am], 'lead', 50)).toEqual({ percent: 40, lastUpdateOn: '2026-10-20' });
    expect(figureAfterReturn(am, [pm], 'lead', 50)).toEqual({ percent: 50, lastUpdateOn: '2026-10-20' });
  });

  it('A1-9: an added update gives the figure when it counts and is later than the latest that counted; other units\' newer reports do not matter', () => {
    const u = (unitId: string | null, percent: number | null, reportedOn: string, createdAt = `${reportedOn}T02:00:00Z`) => ({ unitId, percent, reportedOn, createdAt });
    const lead30 = u('lead', 30, '2026-10-01');
    // the first counting update gives it; a cooperating unit's part and a text-only update never do
    expect(figureAfterAdd(lead30, null, 'lead', null)).toBe(30);
    expect(figureAfterAdd(u('coop', 90, '2026-10-15'), lead30, 'lead', 30)).toBe(30);
    expect(figureAfterAdd(u('lead', null, '2026-10-16'), lead30, 'lead', 30)).toBe(30);
    // a late report (补报) dated after the figure's update gives it, however many newer reports other units made
    expect(figureAfterAdd(u('lead', 50, '2026-10-10', '2026-10-20T02:00:00Z'), lead30, 'lead', 30)).toBe(50);
    // one dated before the figure's leaves it; the office's own (no unit) counts like the lead unit's
    expect(figureAfterAdd(u('lead', 20, '2026-09-20', '2026-10-20T02:00:00Z'), lead30, 'lead', 30)).toBe(30);
    expect(figureAfterAdd(u(null, 45, '2026-10-02'), lead30, 'lead', 30)).toBe(45);
    // two reports of one day: the one entered last gives it
    expect(figureAfterAdd(u('lead', 35, '2026-10-01', '2026-10-01T05:00:00Z'), lead30, 'lead', 30)).toBe(35);
    // agrees with figureAfterReturn: add then send back the same update, and the figure is where it was
    const late = u('lead', 50, '2026-10-10', '2026-10-20T02:00:00Z');
    const coop = u('coop', 90, '2026-10-15');
    const added = figureAfterAdd(late, lead30, 'lead', 30);
    expect(figureAfterReturn(late, [lead30, coop], 'lead', added)).toEqual({ percent: 30, lastUpdateOn: '2026-10-15' });
  });

  it('A1-6: at risk from the 11th working day back: deadline 2026-10-20 is within 10 working days from 2026-09-30 (National Day skipped)', () => {
    expect(atRiskFromDate(cal, '2026-10-20')).toBe('2026-09-30');
    expect(cal.workingDaysBetween('2026-09-30', '2026-10-20')).toBe(10);
    expect(cal.workingDaysBetween('2026-09-29', '2026-10-20')).toBe(11);
  });

  it('A1-6: the at-risk date is null, never a guess, without the calendar; a changed year covers its own deadlines and the next year\'s', () => {
    expect(atRiskFromOrNull(cal, '2026-10-20')).toBe('2026-09-30');
    expect(atRiskFromOrNull(cal, '2031-06-13')).toBeNull(); // no 2031 schedule
    const only2026 = createWorkingCalendar({ years: new Set([2026]), days });
    expect(atRiskFromOrNull(only2026, '2026-01-06')).toBeNull(); // counting back needs 2025
    expect(atRiskFromOrNull(only2026, '2026-03-02')).not.toBeNull();
    expect(deadlinesCoveredBy([2027])).toEqual({ from: '2027-01-01', to: '2028-12-31' });
    expect(deadlinesCoveredBy([2025, 2027, 2026])).toEqual({ from: '2025-01-01', to: '2028-12-31' });
  });

  it('A1-9: the figure before a day is the latest counting update reported before it', () => {
    const u = (unitId: string | null, percent: number | null, reportedOn: string, createdAt = `${reportedOn}T02:00:00Z`) => ({ unitId, percent, reportedOn, createdAt });
    const list = [u('lead', 30, '2026-09-05'), u('coop', 90, '2026-09-20'), u('lead', 50, '2026-09-28', '2026-10-02T02:00:00Z'), u(null, 55, '2026-10-01'), u('lead', null, '2026-09-29')];
    expect(figureBefore(list, 'lead', '2026-10-01')).toBe(50); // a late report counts by its date; the cooperating unit's and the text-only do not
    expect(figureBefore(list, 'lead', '2026-10-02')).toBe(55); // the office's own
    expect(figureBefore(list, 'lead', '2026-09-05')).toBeNull(); // nothing before the first
    expect(figureBefore([u('lead', 40, '2026-09-05', '2026-09-05T01:00:00Z'), u('lead', 45, '2026-09-05', '2026-09-05T03:00:00Z')], 'lead', '2026-09-06')).toBe(45);
  });

  it('A1-6: a task becomes overdue the day after its deadline, unless it was closed before that day began (China time)', () => {
    const open = { deadline: '2026-10-06', doneAt: null, cancelledAt: null };
    expect(overdueFrom('2026-10-06')).toBe('2026-10-07');
    expect(overdueFrom('2026-12-31')).toBe('2027-01-01');
    expect(overdueDayIn(open, '2026-10-01', '2026-10-31', '2026-11-20')).toBe('2026-10-07');
    expect(overdueDayIn(open, '2026-10-08', '2026-10-31', '2026-11-20')).toBeNull(); // before the period
    expect(overdueDayIn(open, '2026-10-01', '2026-10-31', '2026-10-06')).toBeNull(); // not yet
    // done at 23:30 on the deadline, China time (15:30 UTC): never overdue; done the next morning: overdue that day
    expect(chinaDayStart('2026-10-07')).toBe('2026-10-06T16:00:00.000Z');
    expect(overdueDayIn({ ...open, doneAt: '2026-10-06T15:30:00.000Z' }, '2026-10-01', '2026-10-31', '2026-11-20')).toBeNull();
    expect(overdueDayIn({ ...open, doneAt: '2026-10-06T16:30:00.000Z' }, '2026-10-01', '2026-10-31', '2026-11-20')).toBe('2026-10-07');
    expect(overdueDayIn({ ...open, cancelledAt: '2026-10-01T00:00:00.000Z' }, '2026-10-01', '2026-10-31', '2026-11-20')).toBeNull();
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('A1-6: the timeline\'s calendar days — deadline window, milestones missed, deadline passed — only while open, since creation, up to today', () => {
    const t = { deadline: '2026-10-20', atRiskFrom: '2026-09-30', doneAt: null, cancelledAt: null, milestones: [{ title: '完成接口开发', dueDate: '2026-09-15', doneOn: null }, { title: '联调', dueDate: '2026-10-10', doneOn: '2026-10-09' }] };
    expect(calendarStatusDays(t, '2026-09-01', '2026-11-01')).toEqual([
      { on: '2026-09-16', kind: 'milestone_missed', milestone: '完成接口开发' },
      { on: '2026-09-30', kind: 'due_soon', milestone: null },
      { on: '2026-10-21', kind: 'overdue', milestone: null },
    ]);
    expect(calendarStatusDays(t, '2026-09-01', '2026-10-01').map((d) => d.kind)).toEqual(['milestone_missed', 'due_soon']); // not after today
    expect(calendarStatusDays(t, '2026-09-20', '2026-11-01').map((d) => d.kind)).toEqual(['due_soon', 'overdue']); // not before creation
    // done in the evening of the deadline (China time): never overdue; cancelled on 10-01: only what came before
    expect(calendarStatusDays({ ...t, doneAt: '2026-10-20T13:00:00.000Z' }, '2026-09-01', '2026-11-01').map((d) => d.kind)).toEqual(['milestone_missed', 'due_soon']);
    expect(calendarStatusDays({ ...t, cancelledAt: '2026-09-20T02:00:00.000Z' }, '2026-09-01', '2026-11-01').map((d) => d.kind)).toEqual(['milestone_missed']);
    // a milestone done late was still missed; no calendar for the deadline's year: no window day
    expect(calendarStatusDays({ ...t, atRiskFrom: null, milestones: [{ title: 'x', dueDate: '2026-09-15', doneOn: '2026-09-18' }] }, null, '2026-10-01')).toEqual([{ on: '2026-09-16', kind: 'milestone_missed', milestone: 'x' }]);
  });

  it('A1-6, A2-13 (有督促): a reminder at 3 working days before the deadline, daily for a week once overdue, then weekly', () => {
    // 2025-10-01..08 is the National Day holiday: from 2025-09-30 the next working days are 10-09, 10-10, 10-11 (an adjusted working Saturday)
    expect(reminderFor('2025-10-10', '2025-09-30', cal)).toBe('due_soon');
    expect(reminderFor('2025-10-13', '2025-09-30', cal)).toBeNull();
    expect(reminderFor('2026-11-20', '2026-11-20', cal)).toBe('due_soon'); // the deadline day itself
    expect(reminderFor('2026-11-25', '2026-11-20', cal)).toBe('due_soon'); // Mon, Tue, Wed
    expect(reminderFor('2026-11-26', '2026-11-20', cal)).toBeNull();
    expect(reminderFor('2026-11-19', '2026-11-20', cal)).toBe('overdue');
    expect(reminderFor('2026-11-13', '2026-11-20', cal)).toBe('overdue'); // overdue from 11-14: the seventh day
    expect(reminderFor('2026-11-12', '2026-11-20', cal)).toBe('still_overdue');
    expect(reminderFor('2031-01-03', '2030-12-31', cal)).toBeNull(); // no 2030/2031 schedule: no guess
  });

  it('A1-6: status is derived — not started, on track, at risk, overdue, done, cancelled', () => {
    expect(deriveTaskStatus(base, '2026-09-01')).toBe('not_started');
    expect(deriveTaskStatus({ ...base, percent: 30, lastUpdateOn: '2026-09-01' }, '2026-09-01')).toBe('on_track');
    expect(deriveTaskStatus({ ...base, percent: 30, lastUpdateOn: '2026-09-01' }, '2026-09-29')).toBe('on_track');
    expect(deriveTaskStatus({ ...base, percent: 30, lastUpdateOn: '2026-09-01' }, '2026-09-30')).toBe('at_risk');
    expect(deriveTaskStatus({ ...base, percent: 80, lastUpdateOn: '2026-09-01' }, '2026-10-19')).toBe('on_track');
    expect(deriveTaskStatus({ ...base, percent: 0 }, '2026-10-01')).toBe('at_risk');
    expect(deriveTaskStatus({ ...base, percent: 90, lastUpdateOn: '2026-10-01' }, '2026-10-20')).toBe('on_track');
    expect(deriveTaskStatus({ ...base, percent: 90 }, '2026-10-21')).toBe('overdue');
    expect(deriveTaskStatus({ ...base, percent: 100, doneAt: '2026-10-21T00:00:00Z' }, '2026-10-22')).toBe('done');
    expect(deriveTaskStatus({ ...base, cancelledAt: '2026-10-01T00:00:00Z', doneAt: '2026-10-02T00:00:00Z' }, '2026-10-22')).toBe('cancelled');
  });

  it('A1-6: a missed milestone puts a task at risk even far from its deadline', () => {
    const t = { ...base, deadline: '2026-12-31', atRiskFrom: '2026-12-16', percent: 50, lastUpdateOn: '2026-08-01', nextMilestoneDue: '2026-08-31' };
    expect(deriveTaskStatus(t, '2026-08-31')).toBe('on_track');
    expect(deriveTaskStatus(t, '2026-09-01')).toBe('at_risk');
    expect(nextMilestoneDue([{ dueDate: '2026-08-31', doneOn: '2026-08-30' }, { dueDate: '2026-11-30', doneOn: null }, { dueDate: '2026-10-31', doneOn: null }])).toBe('2026-10-31');
  });

  it('A1-6: without calendar data the deadline rule is not guessed (atRiskFrom null); other rules still apply', () => {
    expect(deriveTaskStatus({ ...base, deadline: '2027-01-15', atRiskFrom: null, percent: 10, lastUpdateOn: '2026-12-01' }, '2027-01-14')).toBe('on_track');
    expect(() => atRiskFromDate(cal, '2027-01-15')).toThrow(/2027/);
  });

  it('A1-7: roll-up is weighted; a child with no figure does not drag the parent down; cancelled children are out', () => {
    expect(rollupPercent([{ id: 'a', percent: 100, weight: 1 }, { id: 'b', percent: 50, weight: 1 }])).toMatchObject({ percent: 75 });
    expect(rollupPercent([{ id: 'a', percent: 100, weight: 3 }, { id: 'b', percent: 0, weight: 1 }])).toMatchObject({ percent: 75 });
    const r = rollupPercent([{ id: 'a', percent: 60, weight: 1 }, { id: 'b', percent: null, weight: 1 }, { id: 'c', percent: 0, weight: 1, cancelled: true }]);
    expect(r.percent).toBe(60);
    expect(r.used).toEqual([{ id: 'a', percent: 60, weight: 1 }]);
    expect(rollupPercent([{ id: 'a', percent: null, weight: 1 }]).percent).toBeNull();
  });

  it('A1-6: key tasks are inspected per calendar month', () => {
    expect(inspectionPeriodStart('2026-11-28')).toBe('2026-11-01');
  });

  it('Chinese search terms are character bigrams', () => {
    expect(searchTerms('审批时限')).toEqual(['审批', '批时', '时限']);
    expect(searchTerms('2026-03-2 联审')).toEqual(expect.arrayContaining(['2026', '03', '2', '联审']));
    expect(searchTerms('测')).toEqual(['测']);
  });
});

describe('deadline extension requests (A1-9, supervision practice)', () => {
  const open = { deadline: '2026-12-31', open: true, pending: false };
  it('A1-9: filed before the deadline, for a later date, one pending at a time, never on a closed task', () => {
    expect(extensionRequestProblem(open, '2026-12-30', '2027-01-31')).toBeNull();
    expect(extensionRequestProblem(open, '2026-12-31', '2027-01-31')).toBeNull(); // the deadline day itself is still in time
    expect(extensionRequestProblem(open, '2027-01-01', '2027-01-31')).toMatchObject({ field: 'newDeadline', message: expect.stringContaining('前提出') });
    expect(extensionRequestProblem(open, '2026-12-01', '2026-12-31')).toMatchObject({ field: 'newDeadline', message: expect.stringContaining('晚于') });
    expect(extensionRequestProblem(open, '2026-12-01', '2026-12-15')).toMatchObject({ field: 'newDeadline' });
    expect(extensionRequestProblem({ ...open, pending: true }, '2026-12-01', '2027-01-31')).toMatchObject({ field: 'taskId' });
    expect(extensionRequestProblem({ ...open, open: false }, '2026-12-01', '2027-01-31')).toMatchObject({ field: 'taskId' });
  });
});
