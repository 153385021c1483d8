import ICAL from 'ical.js';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { foldLine, renderIcs } from './ics.ts';
import { createTestContext, describeEachDb, login, type Agent, type TestContext } from '../../test/harness.ts';

it('ICS text folds long Chinese lines at 75 octets without splitting a character', () => {
  const line = `SUMMARY:${'改革工作书面汇报截止'.repeat(10)}`;
  const folded = foldLine(line);
  for (const part of folded.split('\r\n')) expect(Buffer.byteLength(part)).toBeLessThanOrEqual(75);
  expect(folded.split('\r\n ').join('')).toBe(line);
  const ics = renderIcs({ name: '测试', now: new Date('2026-11-20T00:00:00Z'), events: [{ uid: 'a@x', date: '2026-10-20', summary: `季度汇报, 截止; ${'很长'.repeat(40)}`, description: '第一行\n第二行' }] });
  const comp = new ICAL.Component(ICAL.parse(ics));
  const ev = new ICAL.Event(comp.getFirstSubcomponent('vevent')!);
  expect(ev.summary).toBe(`季度汇报, 截止; ${'很长'.repeat(40)}`);
  expect(ev.description).toBe('第一行\n第二行');
  expect(ev.startDate.toString()).toBe('2026-10-20');
  expect(ev.startDate.isDate).toBe(true);
});

describeEachDb('calendar API (A1-10)', (dialect) => {
  let t: TestContext;
  let director: Agent;
  beforeAll(async () => {
    t = await createTestContext(dialect);
    director = await login(t.app, 'cj.director');
  });
  afterAll(() => t.close());

  it('A1-10: the calendar is seeded from chinese-days (2004–2026) and answers deadlines', async () => {
    const st = (await director.get('/api/v1/calendar/status')).json();
    expect(st.years.map((y: { year: number }) => y.year)).toContain(2026);
    expect(st.years.map((y: { year: number }) => y.year)).not.toContain(2027);
    expect(st.warning).toBeNull(); // 2026-11-20: not December yet
    const d = await director.get('/api/v1/calendar/deadline?after=2026-09-30&workingDays=10');
    expect(d.json()).toEqual({ after: '2026-09-30', workingDays: 10, date: '2026-10-20' });
    expect((await director.get('/api/v1/calendar/days/2026-10-10')).json()).toMatchObject({ working: true, kind: 'workday' });
  });

  it('A1-10: a deadline in a year without data is refused, never guessed', async () => {
    const r = await director.get('/api/v1/calendar/deadline?after=2026-12-31&workingDays=3');
    expect(r.statusCode).toBe(422);
    expect(r.json().error).toMatchObject({ code: 'CALENDAR_YEAR_MISSING', details: { year: 2027 } });
  });

  it('A1-10: from December the admin is warned that next year is missing; loading the year clears it', async () => {
    t.clock.set('2026-12-01T01:00:00.000Z');
    const sys = await login(t.app, 'sysadmin');
    const st = (await sys.get('/api/v1/calendar/status')).json();
    expect(st.warning).toMatchObject({ year: 2027 });
    // The 2027 schedule typed in from the State Council notice (an example, not the real one).
    const put = await sys.put('/api/v1/calendar/years/2027', { source: '国务院办公厅通知（录入）', days: [{ date: '2027-01-01', kind: 'holiday', name: '元旦' }, { date: '2027-01-02', kind: 'holiday', name: '元旦' }, { date: '2027-01-03', kind: 'holiday', name: '元旦' }] }, { 'if-match': '"v0"' });
    expect(put.statusCode).toBe(200);
    expect((await sys.get('/api/v1/calendar/status')).json().warning).toBeNull();
    const d = (await sys.get('/api/v1/calendar/deadline?after=2026-12-31&workingDays=1')).json();
    expect(d.date).toBe('2027-01-04');
    // A stale edit is refused; a weekday cannot be an adjusted working day.
    expect((await sys.put('/api/v1/calendar/years/2027', { days: [] }, { 'if-match': '"v0"' })).statusCode).toBe(412);
    const bad = await sys.put('/api/v1/calendar/years/2027', { days: [{ date: '2027-01-05', kind: 'workday', name: '调休' }] }, { 'if-match': '"v1"' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.field).toBe('days.0.kind');
    t.clock.set('2026-11-20T02:00:00.000Z');
  });

  it('only the system admin edits the calendar', async () => {
    director = await login(t.app, 'cj.director');
    expect((await director.put('/api/v1/calendar/years/2028', { days: [] }, { 'if-match': '"v0"' })).statusCode).toBe(403);
  });
});
