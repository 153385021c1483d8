import ICAL from 'ical.js';
import nodemailer from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJobRunner, reportJobs } from '../../platform/jobs.ts';
import { createTestContext, describeEachDb, login, type Agent, type TestContext } from '../../test/harness.ts';

/** A minimal valid PDF (enough for the content check). */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

function multipart(filename: string, data: Buffer, mime = 'application/octet-stream') {
  const boundary = '----ro-test-boundary';
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"; filename*=UTF-8''${encodeURIComponent(filename)}\r\nContent-Type: ${mime}\r\n\r\n`);
  return { body: Buffer.concat([head, data, Buffer.from(`\r\n--${boundary}--\r\n`)]), contentType: `multipart/form-data; boundary=${boundary}` };
}

describeEachDb('quarterly reports (A1-10)', (dialect) => {
  let t: TestContext;
  let base: string;
  let unitOfLiaison: string;
  const at = async (iso: string, who: string): Promise<Agent> => {
    t.clock.set(iso);
    return login(t.app, who);
  };

  beforeAll(async () => {
    t = await createTestContext(dialect, { now: '2026-10-09T02:00:00.000Z' });
    base = `/api/v1/reports/offices/${t.offices['昌吉州']}`;
    const liaison = await login(t.app, 'cj.liaison');
    const session = (await liaison.get('/api/v1/auth/session')).json();
    unitOfLiaison = session.posts.find((p: { post: string }) => p.post === 'liaison_officer').unitId;
  });
  afterAll(() => t.close());

  it('A1-10: a cycle opens only after its quarter ends; Q3 2026 is due 2026-10-20', async () => {
    const director = await login(t.app, 'cj.director');
    expect((await director.post(`${base}/cycles`, { year: 2026, quarter: 4 })).statusCode).toBe(422);
    const res = await director.post(`${base}/cycles`, { year: 2026, quarter: 3 });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ year: 2026, quarter: 3, dueDate: '2026-10-20', dueWorkingDays: 10, summary: { units: 20, submitted: 0, missing: 20 } });
    expect((await director.post(`${base}/cycles`, { year: 2026, quarter: 3 })).statusCode).toBe(409);
  });

  it('A1-10: liaison drafts and submits on time; the director returns it; the resubmission stays on time; accepted', async () => {
    let liaison = await at('2026-10-12T02:00:00.000Z', 'cj.liaison');
    const cycle = (await liaison.get(`${base}/my`)).json().items[0].cycle;
    expect(cycle.dueDate).toBe('2026-10-20');
    const draft = await liaison.put(`${base}/my/cycles/${cycle.id}/units/${unitOfLiaison}`, { title: '州发改委2026年第三季度改革工作情况汇报', body: '一、工作进展……' });
    expect(draft.statusCode).toBe(200);
    const id = draft.json().id;
    expect(draft.json().abilities).toEqual(['edit', 'submit']);
    const up = multipart('第三季度附表.pdf', PDF, 'application/pdf');
    const att = await liaison.request('POST', `${base}/my/reports/${id}/attachments`, up.body, { 'content-type': up.contentType });
    expect(att.statusCode).toBe(201);
    expect(att.json().attachments[0]).toMatchObject({ filename: '第三季度附表.pdf', mime: 'application/pdf' });
    const v = att.json().version;
    const sub = await liaison.post(`${base}/my/reports/${id}/submit`, {}, { 'if-match': `"v${v}"` });
    expect(sub.statusCode).toBe(200);
    expect(sub.json()).toMatchObject({ status: 'submitted', lateWorkingDays: 0, revision: 1 });

    let director = await at('2026-10-13T02:00:00.000Z', 'cj.director');
    const ret = await director.post(`${base}/reports/${id}/return`, { reason: '请补充审批时限压缩数据' }, { 'if-match': `"v${sub.json().version}"` });
    expect(ret.statusCode).toBe(200);
    expect(ret.json()).toMatchObject({ status: 'returned', returnReason: '请补充审批时限压缩数据' });
    // the director cannot submit for the unit; accepting a returned report is an invalid transition
    expect((await director.post(`${base}/reports/${id}/accept`, {}, { 'if-match': `"v${ret.json().version}"` })).statusCode).toBe(409);

    liaison = await at('2026-10-22T02:00:00.000Z', 'cj.liaison');
    const edited = await liaison.put(`${base}/my/cycles/${cycle.id}/units/${unitOfLiaison}`, { title: '州发改委2026年第三季度改革工作情况汇报（修改稿）', body: '一、工作进展……二、审批时限' }, { 'if-match': `"v${ret.json().version}"` });
    expect(edited.statusCode).toBe(200);
    const resub = await liaison.post(`${base}/my/reports/${id}/submit`, {}, { 'if-match': `"v${edited.json().version}"` });
    expect(resub.json()).toMatchObject({ status: 'submitted', lateWorkingDays: 0, revision: 2 });

    director = await login(t.app, 'cj.director');
    const acc = await director.post(`${base}/reports/${id}/accept`, {}, { 'if-match': `"v${resub.json().version}"` });
    expect(acc.json().status).toBe('accepted');
    const hist = (await director.get(`${base}/reports/${id}/history`)).json().items.map((e: { action: string }) => e.action);
    expect(hist).toEqual(['submit', 'return', 'submit', 'accept']);
    const table = (await director.get(`${base}/cycles/${cycle.id}/status`)).json();
    const row = table.rows.find((r: { unitId: string }) => r.unitId === unitOfLiaison);
    expect(row).toMatchObject({ status: 'accepted', timeliness: 'on_time', light: 'green', lateWorkingDays: 0 });
    // an accepted report is frozen
    expect((await liaison.put(`${base}/my/cycles/${cycle.id}/units/${unitOfLiaison}`, { title: 'x', body: 'y' }, { 'if-match': `"v${acc.json().version}"` })).statusCode).toBe(409);
    const audit = await t.handle.db.selectFrom('auditLog').select('action').where('entityId', '=', id).execute();
    expect(audit.map((a) => a.action)).toEqual(['report.draft.create', 'report.attachment.add', 'report.submit', 'report.return', 'report.draft.update', 'report.submit', 'report.accept']);
  });

  it('A1-10: red after the deadline for units that have not submitted; a late submission counts working days late', async () => {
    const director = await at('2026-10-22T03:00:00.000Z', 'cj.director');
    const cycle = (await director.get(`${base}/cycles`)).json().items[0];
    const table = (await director.get(`${base}/cycles/${cycle.id}/status`)).json();
    expect(table.rows.filter((r: { light: string }) => r.light === 'red')).toHaveLength(19);
    expect(table.rows.find((r: { unitName: string }) => r.unitName === '国网昌吉供电公司')).toMatchObject({ status: 'missing', light: 'red', liaisonName: null });
    // A unit's liaison submits on 2026-10-23 (Fri): 10-21, 10-22, 10-23 = 3 working days late.
    const other = (await t.services.organizationRepo.listAppointments(t.handle.db, t.offices['昌吉州']!, { post: 'liaison_officer', coveringDate: '2026-10-23' })).find((a) => a.unitId !== unitOfLiaison)!;
    await t.services.accounts.create({ username: 'cj.liaison2', displayName: other.personName, personId: other.personId }, { actor: null, requestId: 'test', ip: null }, { password: 'Test-Pass-2026!', mustChange: false });
    const l2 = await at('2026-10-23T02:00:00.000Z', 'cj.liaison2');
    const d = await l2.put(`${base}/my/cycles/${cycle.id}/units/${other.unitId}`, { title: '汇报', body: '内容' });
    // The calendar cache expired (30 s in a real process): the submission reloads it. On SQLite a reload inside the
    // submission's transaction waited for that transaction forever and hung the server (fixed: read before it).
    t.services.calendar.invalidate();
    const s = await l2.post(`${base}/my/reports/${d.json().id}/submit`, {}, { 'if-match': `"v${d.json().version}"` });
    expect(s.json()).toMatchObject({ status: 'submitted', lateWorkingDays: 3 });
    const dir2 = await login(t.app, 'cj.director');
    const row = (await dir2.get(`${base}/cycles/${cycle.id}/status`)).json().rows.find((r: { unitId: string }) => r.unitId === other.unitId);
    expect(row).toMatchObject({ timeliness: 'late', lateWorkingDays: 3, light: 'green' });
    expect((await dir2.get(`${base}/cycles/${cycle.id}`)).json().summary).toMatchObject({ units: 20, submitted: 2, onTime: 1, late: 1, accepted: 1, missing: 18 });
    // another unit's liaison cannot see or touch this report
    const l1 = await login(t.app, 'cj.liaison');
    expect((await l1.get(`${base}/my/reports/${d.json().id}`)).statusCode).toBe(404);
    expect((await l1.put(`${base}/my/cycles/${cycle.id}/units/${other.unitId}`, { title: 'x', body: 'y' })).statusCode).toBe(404);
  });

  it('A1-10: yellow within 3 working days of the deadline, none before', async () => {
    const director = await at('2026-10-15T02:00:00.000Z', 'cj.director'); // Thu: 10-16, 19, 20 left = 3
    const cycle = (await director.get(`${base}/cycles`)).json().items[0];
    const rows = (await director.get(`${base}/cycles/${cycle.id}/status`)).json().rows;
    expect(rows.find((r: { status: string }) => r.status === 'missing').light).toBe('yellow');
    const early = await at('2026-10-12T02:00:00.000Z', 'cj.director'); // Mon: 6 working days left
    expect((await early.get(`${base}/cycles/${cycle.id}/status`)).json().rows.find((r: { status: string }) => r.status === 'missing').light).toBe('none');
  });

  it('uploads are judged by content: a text file named .pdf is refused and nothing is stored', async () => {
    const liaison = await at('2026-11-20T02:00:00.000Z', 'cj.liaison2');
    const director = await login(t.app, 'cj.director');
    const cyc = (await director.post(`${base}/cycles`, { year: 2025, quarter: 4 })).json();
    expect(cyc.dueDate).toBe('2026-01-15');
    const unitId = (await liaison.get('/api/v1/auth/session')).json().posts.find((p: { post: string }) => p.post === 'liaison_officer').unitId;
    const d = await liaison.put(`${base}/my/cycles/${cyc.id}/units/${unitId}`, { title: 't', body: '' });
    const fake = multipart('伪装.pdf', Buffer.from('just text, not a pdf'));
    const r = await liaison.request('POST', `${base}/my/reports/${d.json().id}/attachments`, fake.body, { 'content-type': fake.contentType });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.details.field).toBe('file');
    expect(await t.handle.db.selectFrom('files').select('id').where('ownerId', '=', d.json().id).execute()).toHaveLength(0);
    // an empty report cannot be submitted
    expect((await liaison.post(`${base}/my/reports/${d.json().id}/submit`, {}, { 'if-match': `"v${d.json().version}"` })).statusCode).toBe(400);
  });

  it('A1-16: the prefecture reads the counties\' completion but cannot act in a county; rules are inherited until adapted', async () => {
    const director = await at('2026-11-20T02:00:00.000Z', 'cj.director');
    const county = `/api/v1/reports/offices/${t.offices['昌吉市']}`;
    expect((await director.post(`${county}/cycles`, { year: 2026, quarter: 3 })).statusCode).toBe(403);
    const countyStaff = await login(t.app, 'cjs.staff');
    expect((await countyStaff.post(`${county}/cycles`, { year: 2026, quarter: 3 })).statusCode).toBe(201);
    expect((await countyStaff.get(`${base}/cycles`)).statusCode).toBe(403);
    const children = (await director.get(`${base}/children?year=2026&quarter=3`)).json().items;
    expect(children).toHaveLength(10);
    expect(children.find((c: { officeId: string }) => c.officeId === t.offices['昌吉市'])).toMatchObject({ cycleOpened: true, units: 8, submitted: 0, completionRate: 0 });
    expect(children.filter((c: { cycleOpened: boolean }) => !c.cycleOpened)).toHaveLength(9);
    expect((await director.get(`${county}/cycles`)).statusCode).toBe(200);

    const inherited = (await countyStaff.get(`${county}/rules`)).json();
    expect(inherited).toMatchObject({ rules: { dueWorkingDays: 10 }, inheritedFrom: 'default' });
    const set = await director.put(`${base}/rules`, { dueWorkingDays: 12, yellowWorkingDays: 3 }, { 'if-match': '"v0"' });
    expect(set.statusCode).toBe(200);
    expect((await countyStaff.get(`${county}/rules`)).json()).toMatchObject({ rules: { dueWorkingDays: 12 }, inheritedFrom: t.offices['昌吉州'] });
    expect((await countyStaff.put(`${county}/rules`, { dueWorkingDays: 8, yellowWorkingDays: 2 }, { 'if-match': '"v0"' })).statusCode).toBe(403); // county staff hold no report.rules
    const fkDirector = await login(t.app, 'fk.director');
    const fk = `/api/v1/reports/offices/${t.offices['阜康市']}`;
    expect((await fkDirector.put(`${fk}/rules`, { dueWorkingDays: 8, yellowWorkingDays: 2 }, { 'if-match': '"v0"' })).json()).toMatchObject({ rules: { dueWorkingDays: 8 }, inheritedFrom: null });
    const fkCycle = (await fkDirector.post(`${fk}/cycles`, { year: 2026, quarter: 3 })).json();
    expect(fkCycle).toMatchObject({ dueWorkingDays: 8, dueDate: '2026-10-16' });
  });

  it('A1-10: a cycle whose deadline falls in a year without calendar data says so, and gets its date once the year is loaded', async () => {
    const director = await at('2027-01-05T02:00:00.000Z', 'cj.director');
    const c = await director.post(`${base}/cycles`, { year: 2026, quarter: 4 });
    expect(c.statusCode).toBe(201);
    expect(c.json().dueDate).toBeNull();
    expect(c.json().dueDateProblem).toMatch(/2027/);
    const sys = await login(t.app, 'sysadmin');
    const v = (await sys.get('/api/v1/calendar/years/2027')).json().version;
    expect((await sys.put('/api/v1/calendar/years/2027', { source: 'test', days: [{ date: '2027-01-01', kind: 'holiday', name: '元旦' }] }, { 'if-match': `"v${v}"` })).statusCode).toBe(200);
    // rules now say 12 working days (set above): 2027-01-04 … 2027-01-19
    expect((await director.get(`${base}/cycles/${c.json().id}`)).json()).toMatchObject({ dueDate: '2027-01-19', dueDateProblem: null });
  });

  it('A1-10: the liaison\'s ICS feed lists the deadlines and parses in a real iCalendar parser', async () => {
    const liaison = await at('2026-11-20T02:00:00.000Z', 'cj.liaison');
    const feed = await liaison.post('/api/v1/calendar/feed', {});
    expect(feed.statusCode).toBe(200);
    expect((await liaison.post('/api/v1/calendar/feed', {})).statusCode).toBe(409);
    const ics = await t.app.inject({ method: 'GET', url: feed.json().url });
    expect(ics.statusCode).toBe(200);
    expect(ics.headers['content-type']).toMatch(/text\/calendar/);
    const events = new ICAL.Component(ICAL.parse(ics.body)).getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    const q3 = events.find((e) => e.summary.includes('2026年第3季度'));
    expect(q3?.startDate.toString()).toBe('2026-10-20');
    const rotated = await liaison.post('/api/v1/calendar/feed', { rotate: true });
    expect((await t.app.inject({ method: 'GET', url: feed.json().url })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: rotated.json().url })).statusCode).toBe(200);
  });

  it('A1-10: scheduled cycle opening fires once with two app processes on one database', async () => {
    t.clock.set('2027-01-02T03:00:00.000Z'); // after 01:00 China time on 2027-01-02
    const mk = (owner: string) => createJobRunner({ db: t.handle.db, clock: t.clock, jobs: reportJobs(t.services.reports), owner });
    const [a, b] = await Promise.all([mk('A').tick(), mk('B').tick()]);
    const opened = [...a, ...b].filter((j) => j === 'reports.open-cycles');
    expect(opened).toHaveLength(1);
    const runs = await t.handle.db.selectFrom('jobRuns').selectAll().where('job', '=', 'reports.open-cycles').execute();
    expect(runs).toHaveLength(1);
    expect(runs[0]!.outcome).toMatch(/^ok/);
    // every office got its Q4 2026 cycle exactly once (昌吉州 had opened it by hand already)
    const cycles = await t.handle.db.selectFrom('reportCycles').select(['officeId']).where('year', '=', 2026).where('quarter', '=', 4).execute();
    expect(cycles).toHaveLength(12);
    expect(new Set(cycles.map((c) => c.officeId)).size).toBe(12);
    // a second tick in the same slot does nothing
    expect(await mk('C').tick()).toEqual([]);
  });

  it('A1-10, A1-16: the director extends an open cycle\'s deadline with a reason; submitted reports are judged again; never shortened', async () => {
    const director = await at('2026-10-26T03:00:00.000Z', 'cj.director');
    const cycle = (await director.get(`${base}/cycles`)).json().items.find((c: { year: number; quarter: number }) => c.year === 2026 && c.quarter === 3);
    expect(cycle).toMatchObject({ dueWorkingDays: 10, dueDate: '2026-10-20', summary: { onTime: 1, late: 1 } });
    const url = `${base}/cycles/${cycle.id}/deadline`;
    // office staff review reports but do not set deadlines (rule data)
    expect((await (await login(t.app, 'cj.staff')).put(url, { dueWorkingDays: 15, reason: '国庆假期顺延' }, { 'if-match': `"v${cycle.version}"` })).statusCode).toBe(403);
    expect((await director.put(url, { dueWorkingDays: 15, reason: '国庆假期顺延' })).statusCode).toBe(428);
    expect((await director.put(url, { dueWorkingDays: 15 }, { 'if-match': `"v${cycle.version}"` })).json().error.details.issues.map((i: { path: string }) => i.path)).toEqual(['reason']);
    const shorter = await director.put(url, { dueWorkingDays: 10, reason: '收紧' }, { 'if-match': `"v${cycle.version}"` });
    expect(shorter.statusCode).toBe(422);
    expect(shorter.json().error.details).toMatchObject({ rule: 'A1-10', field: 'dueWorkingDays' });
    // 15 working days after 30 September 2026 (1–8 October off, Saturday 10 October on): 27 October
    const ext = await director.put(url, { dueWorkingDays: 15, reason: '国庆假期顺延' }, { 'if-match': `"v${cycle.version}"` });
    expect(ext.statusCode).toBe(200);
    expect(ext.json()).toMatchObject({ dueWorkingDays: 15, dueDate: '2026-10-27', version: cycle.version + 1, summary: { onTime: 2, late: 0 } });
    expect((await director.put(url, { dueWorkingDays: 20, reason: '再次延期' }, { 'if-match': `"v${cycle.version}"` })).statusCode).toBe(412);
    const table = (await director.get(`${base}/cycles/${cycle.id}/status`)).json();
    expect(table.rows.filter((r: { timeliness: string }) => r.timeliness === 'late')).toHaveLength(0);
    const audit = await t.handle.db.selectFrom('auditLog').select(['action', 'after']).where('entityId', '=', cycle.id).where('action', '=', 'report.cycle.deadline').execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.after!)).toMatchObject({ dueWorkingDays: 15, dueDate: '2026-10-27', reason: '国庆假期顺延', reportsRejudged: 1 });
  });
});

describe('reminders by e-mail (A1-10) against a local SMTP sink', () => {
  const received: Array<{ to: string; body: string }> = [];
  let server: SMTPServer;
  let port = 0;
  let t: TestContext;
  beforeAll(async () => {
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, session, cb) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          received.push({ to: session.envelope.rcptTo.map((r) => r.address).join(','), body: Buffer.concat(chunks).toString('utf8') });
          cb();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    port = (server.server.address() as { port: number }).port;
    t = await createTestContext('sqlite', { now: '2026-10-16T02:00:00.000Z', mailer: { transport: nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true }), from: 'ro@localhost' } });
  });
  afterAll(async () => {
    await t.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('A1-10: the office reminds units that have not submitted: in-app notifications and e-mail', async () => {
    const base = `/api/v1/reports/offices/${t.offices['昌吉州']}`;
    t.clock.set('2026-10-08T02:00:00.000Z');
    const d2 = await login(t.app, 'cj.director');
    const cycle = (await d2.post(`${base}/cycles`, { year: 2026, quarter: 3 })).json();
    t.clock.set('2026-10-16T02:00:00.000Z');
    const liaison = await login(t.app, 'cj.liaison');
    const personId = (await t.handle.db.selectFrom('accounts').select('personId').where('username', '=', 'cj.liaison').executeTakeFirstOrThrow()).personId!;
    const office = t.offices['昌吉州']!;
    const dir = await login(t.app, 'cj.director');
    const person = (await dir.get(`/api/v1/organization/offices/${office}/people/${personId}`)).json();
    expect((await dir.patch(`/api/v1/organization/offices/${office}/people/${personId}`, { email: 'liaison@example.test' }, { 'if-match': `"v${person.version}"` })).statusCode).toBe(200);
    const r = await dir.post(`${base}/cycles/${cycle.id}/remind`, {});
    expect(r.statusCode).toBe(200);
    expect(r.json().units).toBe(20);
    expect(r.json().reminded).toBeGreaterThanOrEqual(1);
    const notes = (await liaison.get('/api/v1/notifications')).json();
    expect(notes.unread).toBe(1);
    expect(notes.items[0].title).toContain('2026-10-20');
    expect(notes.items[0].emailStatus).toBe('sent');
    expect(received).toHaveLength(1);
    expect(received[0]!.to).toBe('liaison@example.test');
    expect(received[0]!.body).toMatch(/Subject:/);
    expect((await liaison.post(`/api/v1/notifications/${notes.items[0].id}/read`, {})).statusCode).toBe(200);
    expect((await liaison.get('/api/v1/notifications')).json().unread).toBe(0);
  });
});
