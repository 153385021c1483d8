import { describe, expect, it } from 'vitest';
import { canExercisePower, type RuleAppointment, type RuleDelegation } from '../organization/organization.rules.ts';
import type { DelegablePower } from '../../../shared/roles.ts';
import {
  cadenceCompliance,
  checkChair,
  checkConvener,
  checkProposal,
  DEFAULT_MEETING_RULES,
  decisionOverdueDays,
  isExtraMeeting,
  minutesTitle,
  periodOf,
  periodsOfYear,
  type CadenceMeeting,
} from './meetings.rules.ts';

const K = DEFAULT_MEETING_RULES.kinds;
const appt = (id: string, post: RuleAppointment['post'], personId: string, startDate = '2024-01-01', endDate: string | null = null): RuleAppointment => ({ id, post, personId, personName: personId, unitId: null, startDate, endDate });
const roster: RuleAppointment[] = [
  appt('a1', 'leader', 'leader'),
  appt('a2', 'deputy_leader', 'deputy'),
  appt('a3', 'deputy_leader', 'deputy2'),
  appt('a4', 'group_member', 'member'),
  appt('a5', 'director', 'director'),
  appt('a6', 'deputy_director', 'dd'),
  appt('a7', 'office_staff', 'staff'),
];
const delegation = (power: DelegablePower, from: string, to: string, startDate: string, endDate: string, revokedAt: string | null = null): RuleDelegation => ({ id: `d-${to}-${startDate}`, power, fromPersonId: from, toPersonId: to, startDate, endDate, revokedAt });
/** organization's own rule function supplies the power check, as organization.checkPower does at run time. */
const power = (p: DelegablePower, personId: string, date: string, delegations: RuleDelegation[], appointments = roster) => canExercisePower({ power: p, personId, date, appointments, delegations });

describe('A1-8, A2-6: who convenes', () => {
  it('A1-8: a plenary is convened by the leader; a deputy leader or a member is refused with the rule named', () => {
    expect(checkConvener({ kind: K.plenary, convenerPersonId: 'leader', convenerPosts: ['leader'] })).toEqual({ allowed: true });
    const r = checkConvener({ kind: K.plenary, convenerPersonId: 'deputy', convenerPosts: ['deputy_leader'] });
    expect(r).toMatchObject({ allowed: false, rule: 'A1-8' });
    expect(!r.allowed && r.reason).toBe('A1-8：全体会议由组长召集 / A1-8: a plenary is convened by the leader');
    expect(checkConvener({ kind: K.plenary, convenerPersonId: null, convenerPosts: [] }).allowed).toBe(false);
  });

  it('A1-8: a special meeting is convened by a deputy leader or the office director, not by a group member', () => {
    expect(checkConvener({ kind: K.special, convenerPersonId: 'deputy', convenerPosts: ['deputy_leader'] }).allowed).toBe(true);
    expect(checkConvener({ kind: K.special, convenerPersonId: 'director', convenerPosts: ['deputy_leader', 'group_member', 'director'] }).allowed).toBe(true);
    const r = checkConvener({ kind: K.special, convenerPersonId: 'member', convenerPosts: ['group_member'] });
    expect(!r.allowed && r.reason).toMatch(/^A1-8：专题会议由副组长或办公室主任召集 \/ A1-8: a special meeting is convened by the deputy leader or director$/);
  });

  it('A2-6: office meetings are convened by the office; a leader who is not office staff is refused', () => {
    expect(checkConvener({ kind: K.office_regular, convenerPersonId: null, convenerPosts: [], creatorIsOffice: true }).allowed).toBe(true);
    const r = checkConvener({ kind: K.office_regular, convenerPersonId: 'leader', convenerPosts: ['leader'], creatorIsOffice: false });
    expect(r).toMatchObject({ allowed: false, rule: 'A2-6' });
    expect(!r.allowed && r.reason).toContain('A2-6: an office regular meeting is convened by the office');
  });

  it('A1-8: a second plenary in a quarter is extra and must be proposed by the leader or a deputy leader', () => {
    const others = [{ date: '2026-10-15', status: 'archived' as const }];
    expect(isExtraMeeting({ cadence: 'quarterly', date: '2026-12-20', others })).toBe(true);
    expect(isExtraMeeting({ cadence: 'quarterly', date: '2027-01-05', others })).toBe(false);
    expect(isExtraMeeting({ cadence: 'quarterly', date: '2026-12-20', others: [{ date: '2026-10-15', status: 'cancelled' }] })).toBe(false);
    expect(isExtraMeeting({ cadence: 'ad_hoc', date: '2026-12-20', others })).toBe(false);
    expect(checkProposal({ kind: K.plenary, extra: false, proposerPersonId: null, proposerPosts: [] }).allowed).toBe(true);
    expect(checkProposal({ kind: K.plenary, extra: true, proposerPersonId: 'deputy', proposerPosts: ['deputy_leader'] }).allowed).toBe(true);
    expect(checkProposal({ kind: K.plenary, extra: true, proposerPersonId: 'leader', proposerPosts: ['leader'] }).allowed).toBe(true);
    const r = checkProposal({ kind: K.plenary, extra: true, proposerPersonId: 'member', proposerPosts: ['group_member'] });
    expect(!r.allowed && r.reason).toBe('A1-8：本季度已有全体会议，增开须由组长或副组长提议 / A1-8: an extra plenary in the same quarter must be proposed by the leader or deputy leader');
  });
});

describe('A1-8, A2-6: who chairs (delegation in and out of its period)', () => {
  const d = [delegation('chair_plenary', 'leader', 'deputy', '2026-11-01', '2026-11-30')];
  const chair = (personId: string, date: string, delegations = d) => checkChair({ kind: K.plenary, chairPersonId: personId, convenerPersonId: 'leader', power: power('chair_plenary', personId, date, delegations) });

  it('A1-8: the leader chairs a plenary by his post', () => {
    expect(chair('leader', '2026-12-15')).toEqual({ allowed: true, via: 'post', delegationId: null, onBehalfOf: null });
  });

  it('A1-8: a deputy leader chairs under a delegation in force that day (both ends inclusive)', () => {
    for (const date of ['2026-11-01', '2026-11-15', '2026-11-30']) expect(chair('deputy', date)).toEqual({ allowed: true, via: 'delegation', delegationId: d[0]!.id, onBehalfOf: 'leader' });
  });

  it('A1-8: outside the delegation\'s period, without one, or revoked, a deputy leader is refused: "only the leader or a delegated deputy leader may chair a plenary"', () => {
    const refusal = { allowed: false, rule: 'A1-8', reason: 'A1-8：只有组长或经其委托的副组长可以主持全体会议 / A1-8: only the leader or a delegated deputy leader may chair a plenary' };
    expect(chair('deputy', '2026-10-31')).toEqual(refusal);
    expect(chair('deputy', '2026-12-01')).toEqual(refusal);
    expect(chair('deputy2', '2026-11-15')).toEqual(refusal); // the other deputy holds no delegation
    expect(chair('deputy', '2026-11-15', [delegation('chair_plenary', 'leader', 'deputy', '2026-11-01', '2026-11-30', '2026-11-10T00:00:00Z')])).toEqual(refusal);
    expect(chair('deputy', '2026-11-15', [delegation('chair_office_meetings', 'leader', 'deputy', '2026-11-01', '2026-11-30')])).toEqual(refusal); // another power
    expect(chair('member', '2026-11-15')).toEqual(refusal);
    expect(chair('director', '2026-11-15')).toEqual(refusal);
  });

  it('A1-8: a delegation from a leader who has left no longer counts', () => {
    const appointments = [appt('x1', 'leader', 'old-leader', '2024-01-01', '2026-10-31'), appt('x2', 'leader', 'leader', '2026-11-01'), appt('x3', 'deputy_leader', 'deputy')];
    const dl = [delegation('chair_plenary', 'old-leader', 'deputy', '2026-10-01', '2026-12-31')];
    const c = (date: string) => checkChair({ kind: K.plenary, chairPersonId: 'deputy', convenerPersonId: 'leader', power: power('chair_plenary', 'deputy', date, dl, appointments) });
    expect(c('2026-10-20').allowed).toBe(true);
    expect(c('2026-11-20').allowed).toBe(false);
  });

  it('A2-6: the director chairs office meetings; a deputy director only with a delegation in its period', () => {
    const dl = [delegation('chair_office_meetings', 'director', 'dd', '2026-12-01', '2026-12-31')];
    const c = (personId: string, date: string) => checkChair({ kind: K.office_regular, chairPersonId: personId, convenerPersonId: null, power: power('chair_office_meetings', personId, date, dl) });
    expect(c('director', '2026-11-05')).toMatchObject({ allowed: true, via: 'post' });
    expect(c('dd', '2026-12-10')).toMatchObject({ allowed: true, via: 'delegation', onBehalfOf: 'director' });
    const r = c('dd', '2026-11-30');
    expect(r).toEqual({ allowed: false, rule: 'A2-6', reason: 'A2-6：只有办公室主任或经其委托的办公室副主任可以主持办公室例会 / A2-6: only the director or a delegated deputy director may chair an office regular meeting' });
    expect(c('staff', '2026-12-10').allowed).toBe(false);
    expect(c('leader', '2026-12-10').allowed).toBe(false);
  });

  it('A1-8: a special meeting is chaired by its convener', () => {
    expect(checkChair({ kind: K.special, chairPersonId: 'deputy', convenerPersonId: 'deputy', power: null }).allowed).toBe(true);
    const r = checkChair({ kind: K.special, chairPersonId: 'leader', convenerPersonId: 'deputy', power: null });
    expect(r).toMatchObject({ allowed: false, rule: 'A1-8' });
  });
});

describe('A1-8, A2-6: cadence across quarter and month boundaries', () => {
  const m = (date: string, status: CadenceMeeting['status'] = 'archived', chairVia: CadenceMeeting['chairVia'] = 'post'): CadenceMeeting => ({ meetingId: date, title: `会议 ${date}`, date, status, chairName: '组长', chairVia });
  const none = new Map<string, string>();

  it('periods: quarters and months, with their last days (leap year included)', () => {
    expect(periodOf('quarterly', '2026-03-31')).toEqual({ period: '2026-Q1', start: '2026-01-01', end: '2026-03-31' });
    expect(periodOf('quarterly', '2026-04-01')).toEqual({ period: '2026-Q2', start: '2026-04-01', end: '2026-06-30' });
    expect(periodOf('quarterly', '2026-12-31')!.end).toBe('2026-12-31');
    expect(periodOf('monthly', '2028-02-10')).toEqual({ period: '2028-02', start: '2028-02-01', end: '2028-02-29' });
    expect(periodOf('monthly', '2026-12-05')!.end).toBe('2026-12-31');
    expect(periodsOfYear('quarterly', 2026)).toHaveLength(4);
    expect(periodsOfYear('monthly', 2026).map((p) => p.period)).toEqual(['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11', '2026-12']);
  });

  it('A1-8: a plenary on the last day of a quarter counts for that quarter, one on the first day for the next', () => {
    const rows = cadenceCompliance({ cadence: 'quarterly', year: 2026, today: '2026-07-15', meetings: [m('2026-03-31'), m('2026-07-01')], notes: none });
    expect(rows.map((r) => r.state)).toEqual(['held', 'breach', 'held', 'future']);
    expect(rows[0]!.meetings[0]).toMatchObject({ date: '2026-03-31', chairName: '组长', chairVia: 'post' });
  });

  it('A1-8: a quarter is a breach only once it has ended: on its last day it is pending, the next day a breach', () => {
    expect(cadenceCompliance({ cadence: 'quarterly', year: 2026, today: '2026-06-30', meetings: [m('2026-02-01')], notes: none })[1]!.state).toBe('pending');
    expect(cadenceCompliance({ cadence: 'quarterly', year: 2026, today: '2026-07-01', meetings: [m('2026-02-01')], notes: none })[1]!.state).toBe('breach');
  });

  it('A1-8: "in principle" — an explained breach stays a breach, with the note beside it', () => {
    const notes = new Map([['2026-Q2', '因防汛工作推迟至7月初召开']]);
    const q2 = cadenceCompliance({ cadence: 'quarterly', year: 2026, today: '2026-08-01', meetings: [], notes })[1]!;
    expect(q2).toMatchObject({ period: '2026-Q2', state: 'breach', explanation: '因防汛工作推迟至7月初召开' });
  });

  it('A1-8: a planned or cancelled plenary does not count as held; a held one chaired by a delegated deputy does', () => {
    const rows = cadenceCompliance({ cadence: 'quarterly', year: 2026, today: '2026-12-31', meetings: [m('2026-01-10', 'cancelled'), m('2026-05-10', 'notice_sent'), m('2026-08-10', 'held', 'delegation'), m('2026-11-10', 'minutes_drafted')], notes: none });
    expect(rows.map((r) => r.state)).toEqual(['breach', 'breach', 'held', 'held']);
    expect(rows[0]!.meetings).toHaveLength(0); // cancelled ones are not listed
    expect(rows[1]!.meetings).toHaveLength(1); // a planned one is listed, not counted
    expect(rows[2]!.meetings[0]!.chairVia).toBe('delegation');
  });

  it('A2-6: the office meeting each month — 31 January and 1 February fall in different months', () => {
    const rows = cadenceCompliance({ cadence: 'monthly', year: 2026, today: '2026-03-15', meetings: [m('2026-01-31'), m('2026-02-01')], notes: none });
    expect(rows.slice(0, 4).map((r) => r.state)).toEqual(['held', 'held', 'pending', 'future']);
    const next = cadenceCompliance({ cadence: 'monthly', year: 2026, today: '2026-04-01', meetings: [m('2026-01-31')], notes: none });
    expect(next.slice(0, 4).map((r) => r.state)).toEqual(['held', 'breach', 'breach', 'pending']);
  });

  it('A2-6: a December meeting belongs to the year it is in, not the next', () => {
    expect(cadenceCompliance({ cadence: 'monthly', year: 2027, today: '2027-01-20', meetings: [m('2026-12-31')], notes: none })[0]!.state).toBe('pending');
    expect(cadenceCompliance({ cadence: 'monthly', year: 2026, today: '2027-01-20', meetings: [m('2026-12-31')], notes: none })[11]!.state).toBe('held');
  });

  it('A1-8: overdue decisions count days after the deadline; done or on time is not overdue', () => {
    expect(decisionOverdueDays({ deadline: '2026-12-31', today: '2026-12-31', done: false })).toBeNull();
    expect(decisionOverdueDays({ deadline: '2026-12-31', today: '2027-01-03', done: false })).toBe(3);
    expect(decisionOverdueDays({ deadline: '2026-12-31', today: '2027-01-03', done: true })).toBeNull();
    expect(decisionOverdueDays({ deadline: null, today: '2027-01-03', done: false })).toBeNull();
  });

  it('A1-16: the minutes mark follows the rule data of the office', () => {
    expect(minutesTitle({ officeShortName: '昌吉州', kind: K.plenary })).toBe('昌吉州工程建设项目审批制度改革领导小组全体会议纪要');
    expect(minutesTitle({ officeShortName: '阜康市', kind: K.office_regular })).toBe('阜康市工程建设项目审批制度改革领导小组办公室会议纪要');
  });
});
