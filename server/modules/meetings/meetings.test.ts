// Meetings and minutes through the API on SQLite and PostgreSQL (A1-8, A2-6): who convenes and chairs (with
// delegations in and out of their period), the journey from draft to archived minutes and a ledger task, archive
// immutability through the API and through SQL, the SM3 digest (API and CLI), the DOCX/PDF exports and the pack.
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import ICAL from 'ical.js';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestContext, describeEachDb, login, type Agent, type TestContext } from '../../test/harness.ts';
import { readZipDirectory } from '../../platform/zip.ts';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '../../..');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
const hasSoffice = existsSync('/usr/bin/soffice') || existsSync('/usr/local/bin/soffice');

function multipart(filename: string, data: Buffer, mime = 'application/octet-stream') {
  const boundary = '----ro-meetings-boundary';
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"; filename*=UTF-8''${encodeURIComponent(filename)}\r\nContent-Type: ${mime}\r\n\r\n`);
  return { body: Buffer.concat([head, data, Buffer.from(`\r\n--${boundary}--\r\n`)]), contentType: `multipart/form-data; boundary=${boundary}` };
}
const v = (x: { version: number }) => ({ 'if-match': `"v${x.version}"` });
const squash = (s: string) => s.replace(/\s+/g, '');

function cli(env: NodeJS.ProcessEnv, ...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin/reform-office.js'), ...args], { cwd: ROOT, env: { ...process.env, LOG_LEVEL: 'warn', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

describeEachDb('meetings and minutes (A1-8, A2-6)', (dialect) => {
  let t: TestContext;
  let office: string;
  let base: string;
  const person: Record<string, string> = {};
  const unit: Record<string, string> = {};
  let tmp: string;
  // The journey's state, used by the later tests.
  let meetingId = '';
  let minutesId = '';
  let decisionIds: string[] = [];
  let materialId = '';
  let item1 = '';
  const at = async (iso: string, who: string): Promise<Agent> => {
    t.clock.set(iso);
    return login(t.app, who);
  };

  beforeAll(async () => {
    t = await createTestContext(dialect, { now: '2026-12-01T02:00:00.000Z' });
    office = t.offices['昌吉州']!;
    base = `/api/v1/meetings/offices/${office}`;
    for (const a of await t.handle.db.selectFrom('accounts').select(['username', 'personId']).execute()) if (a.personId) person[a.username] = a.personId;
    for (const u of await t.handle.db.selectFrom('units').select(['id', 'name']).where('officeId', '=', office).execute()) unit[u.name] = u.id;
    tmp = mkdtempSync(join(tmpdir(), 'ro-meetings-'));
  });
  afterAll(async () => {
    await t?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('A1-8: who convenes a plenary — the office drafts it for the leader; a deputy leader alone is refused, but may propose an extra one', async () => {
    const staff = await at('2026-12-01T02:00:00.000Z', 'cj.staff');
    const res = await staff.post(`${base}/meetings`, { kind: 'plenary', title: '2026年第四季度全体会议', startsAt: '2026-12-15T02:00:00.000Z', endsAt: '2026-12-15T04:00:00.000Z', place: '州政府三楼第一会议室' });
    expect(res.statusCode).toBe(201);
    const m = res.json();
    expect(m).toMatchObject({ kind: 'plenary', status: 'planned', rule: 'A1-8', extra: false, convener: { personId: person['cj.leader'] }, chair: { personId: person['cj.leader'], via: 'post' }, materialCutoff: '2026-12-12T02:00:00.000Z' });
    meetingId = m.id;

    const deputy = await login(t.app, 'cj.deputy');
    const alone = await deputy.post(`${base}/meetings`, { kind: 'plenary', title: '2027年第一季度全体会议', startsAt: '2027-02-10T02:00:00.000Z', place: '州政府' });
    expect(alone.statusCode).toBe(403);
    expect(alone.json().error).toMatchObject({ code: 'FORBIDDEN', message: 'A1-8：全体会议由组长召集 / A1-8: a plenary is convened by the leader', details: { rule: 'A1-8' } });
    const extra = await deputy.post(`${base}/meetings`, { kind: 'plenary', title: '全体会议（专项部署）', startsAt: '2026-12-22T02:00:00.000Z', place: '州政府' });
    expect(extra.statusCode).toBe(201);
    expect(extra.json()).toMatchObject({ extra: true, proposedBy: { personId: person['cj.deputy'] }, convener: { personId: person['cj.leader'] } });
    const cancelled = await staff.post(`${base}/meetings/${extra.json().id}/cancel`, { reason: '并入第四季度全体会议' }, v(extra.json()));
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', cancelReason: '并入第四季度全体会议' });
    // A group member holds no meeting.create: refused by the grant table.
    expect((await (await login(t.app, 'cj.member')).post(`${base}/meetings`, { kind: 'special', title: 'x', startsAt: '2026-12-20T02:00:00.000Z', place: 'y' })).statusCode).toBe(403);
  });

  it('A1-8: the chair — a deputy leader without a delegation is refused (403, rule named); with one in force on the day he chairs; postponed outside it, the notice is refused', async () => {
    const staff = await login(t.app, 'cj.staff');
    let m = (await staff.get(`${base}/meetings/${meetingId}`)).json();
    const refused = await staff.put(`${base}/meetings/${meetingId}/chair`, { personId: person['cj.deputy'] }, v(m));
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error).toMatchObject({ message: 'A1-8：只有组长或经其委托的副组长可以主持全体会议 / A1-8: only the leader or a delegated deputy leader may chair a plenary', details: { rule: 'A1-8' } });

    const leader = await login(t.app, 'cj.leader');
    const d = await leader.post(`/api/v1/organization/offices/${office}/delegations`, { power: 'chair_plenary', fromPersonId: person['cj.leader'], toPersonId: person['cj.deputy'], startDate: '2026-12-10', endDate: '2026-12-20', reason: '组长出差' });
    expect(d.statusCode).toBe(201);
    const ok = await staff.put(`${base}/meetings/${meetingId}/chair`, { personId: person['cj.deputy'] }, v(m));
    expect(ok.statusCode).toBe(200);
    expect(ok.json().chair).toMatchObject({ personId: person['cj.deputy'], via: 'delegation', delegationId: d.json().id, onBehalfOfName: expect.any(String) });
    expect(ok.json().warnings.map((w: { code: string }) => w.code)).not.toContain('CHAIR_NOT_ALLOWED');

    // Postponed to the 28th, outside the delegation: the warning shows and the notice cannot go out.
    const moved = await staff.post(`${base}/meetings/${meetingId}/postpone`, { startsAt: '2026-12-28T02:00:00.000Z', reason: '与州委常委会时间冲突' }, v(ok.json()));
    expect(moved.json()).toMatchObject({ startsAt: '2026-12-28T02:00:00.000Z', endsAt: '2026-12-28T04:00:00.000Z', postponements: 1, materialCutoff: '2026-12-25T02:00:00.000Z' });
    expect(moved.json().warnings.find((w: { code: string }) => w.code === 'CHAIR_NOT_ALLOWED')).toMatchObject({ rule: 'A1-8' });
    const notice = await staff.post(`${base}/meetings/${meetingId}/send-notice`, {}, v(moved.json()));
    expect(notice.statusCode).toBe(422);
    expect(notice.json().error.details.rule).toBe('A1-8');
    m = (await staff.post(`${base}/meetings/${meetingId}/postpone`, { startsAt: '2026-12-15T02:00:00.000Z', reason: '恢复原定时间' }, v(moved.json()))).json();
    expect(m.startsAt).toBe('2026-12-15T02:00:00.000Z');
    const history = (await staff.get(`${base}/meetings/${meetingId}/history`)).json().items.map((e: { action: string; reason: string | null }) => [e.action, e.reason]);
    expect(history).toEqual([['create', null], ['set_chair', null], ['postpone', '与州委常委会时间冲突'], ['postpone', '恢复原定时间']]);
    // The journey below has the leader chair it himself.
    expect((await staff.put(`${base}/meetings/${meetingId}/chair`, { personId: person['cj.leader'] }, v(m))).json().chair).toMatchObject({ personId: person['cj.leader'], via: 'post' });
  });

  it('A2-6: office meetings are convened by the office and chaired by the director or a delegated deputy director', async () => {
    const leader = await login(t.app, 'cj.leader');
    const byLeader = await leader.post(`${base}/meetings`, { kind: 'office_regular', title: '12月办公室例会', startsAt: '2026-12-08T02:00:00.000Z', place: '州住建局' });
    expect(byLeader.statusCode).toBe(403);
    expect(byLeader.json().error.details.rule).toBe('A2-6');
    const staff = await login(t.app, 'cj.staff');
    const m = (await staff.post(`${base}/meetings`, { kind: 'office_regular', title: '12月办公室例会', startsAt: '2026-12-08T02:00:00.000Z', place: '州住建局' })).json();
    expect(m).toMatchObject({ convener: null, convenedByOffice: true, chair: { personId: person['cj.director'], via: 'post' }, rule: 'A2-6' });
    const dd = await staff.put(`${base}/meetings/${m.id}/chair`, { personId: person['cj.deputydirector'] }, v(m));
    expect(dd.statusCode).toBe(403);
    expect(dd.json().error.message).toBe('A2-6：只有办公室主任或经其委托的办公室副主任可以主持办公室例会 / A2-6: only the director or a delegated deputy director may chair an office regular meeting');
    const director = await login(t.app, 'cj.director');
    expect((await director.post(`/api/v1/organization/offices/${office}/delegations`, { power: 'chair_office_meetings', fromPersonId: person['cj.director'], toPersonId: person['cj.deputydirector'], startDate: '2026-12-08', endDate: '2026-12-08' })).statusCode).toBe(201);
    expect((await staff.put(`${base}/meetings/${m.id}/chair`, { personId: person['cj.deputydirector'] }, v(m))).json().chair).toMatchObject({ via: 'delegation' });
  });

  it('A1-16: a county uses the prefecture\'s meeting rules until it saves its own; only the director or a deputy sets them', async () => {
    const county = `/api/v1/meetings/offices/${t.offices['昌吉市']}`;
    const director = await login(t.app, 'cj.director');
    const own = (await director.get(`${base}/rules`)).json();
    expect(own.inheritedFrom).toBe('default');
    const changed = { kinds: { ...own.rules.kinds, special: { ...own.rules.kinds.special, materialCutoffDays: 5 } } };
    const saved = await director.put(`${base}/rules`, changed, { 'if-match': `"v${own.version}"` });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ inheritedFrom: null, version: 1 });
    expect((await director.put(`${base}/rules`, changed, { 'if-match': `"v${own.version}"` })).statusCode).toBe(412);
    const countyStaff = await login(t.app, 'cjs.staff');
    const inherited = (await countyStaff.get(`${county}/rules`)).json();
    expect(inherited).toMatchObject({ inheritedFrom: t.offices['昌吉州'], version: 0 });
    expect(inherited.rules.kinds.special.materialCutoffDays).toBe(5);
    expect((await countyStaff.put(`${county}/rules`, inherited.rules, { 'if-match': '"v0"' })).statusCode).toBe(403);
    const audit = await t.handle.db.selectFrom('auditLog').select('action').where('action', '=', 'meetings.kinds.rules.update').execute();
    expect(audit).toHaveLength(1);
  });

  it('role rows: who may read, draft, contribute and attend — own office only, parents read-only', async () => {
    const m = `${base}/meetings/${meetingId}`;
    const rows: Array<[string, string, string, number]> = [
      ['cj.member', 'GET', m, 200],
      ['cj.liaison', 'GET', m, 200],
      ['cj.liaison', 'POST', `${m}/agenda-items`, 403], // the office drafts the agenda
      ['cj.member', 'POST', `${m}/send-notice`, 403],
      ['cj.leader', 'POST', `${m}/hold`, 403], // the office records the meeting
      ['cj.staff', 'GET', `${base}/compliance?year=2026`, 200],
      ['cj.director', 'GET', `/api/v1/meetings/offices/${t.offices['昌吉市']}/meetings`, 200], // a parent reads a county
      ['cj.director', 'POST', `/api/v1/meetings/offices/${t.offices['昌吉市']}/meetings`, 403], // but does not act there
      ['cjs.staff', 'GET', m, 403], // a county never sees the prefecture's internals
      ['fk.director', 'GET', `/api/v1/meetings/offices/${t.offices['昌吉市']}/meetings`, 403], // nor a sibling's
      ['sysadmin', 'GET', m, 403],
      ['cj.staff', 'PUT', `${base}/rules`, 403], // rule data: the director or a deputy director
    ];
    for (const [who, method, url, status] of rows) {
      const res = await (await login(t.app, who)).request(method, url, method === 'GET' ? undefined : {});
      if (status === 200) expect(res.statusCode, `${who} ${method} ${url}`).toBe(200);
      else expect(res.statusCode, `${who} ${method} ${url}`).toBe(status);
    }
  });

  it('A1-8 journey: the office drafts the agenda, units upload before the cut-off, the notice goes out with an ICS, attendance is signed (also by the invitee himself)', async () => {
    let staff = await at('2026-12-02T02:00:00.000Z', 'cj.staff');
    const m = `${base}/meetings/${meetingId}`;
    const a1 = await staff.post(`${m}/agenda-items`, { title: '关于工程建设项目审批时限压缩情况的汇报', description: '汇报全州审批时限压缩至90个工作日以内的推进情况', presenterUnitId: unit['州发展和改革委员会'] });
    const a2 = await staff.post(`${m}/agenda-items`, { title: '关于“多规合一”业务协同平台建设的汇报', presenterUnitId: unit['州自然资源局'] });
    expect([a1.statusCode, a2.statusCode]).toEqual([201, 201]);
    item1 = a1.json().id;
    // A member unit proposes an item of its own; the office does not put it on this agenda.
    let liaison = await login(t.app, 'cj.liaison');
    const proposed = await liaison.post(`${m}/agenda-items/propose`, { title: '关于联合验收的建议', unitId: unit['州发展和改革委员会'] });
    expect(proposed.json()).toMatchObject({ status: 'proposed', proposedByUnitName: '州发展和改革委员会' });
    expect((await liaison.post(`${m}/agenda-items/propose`, { title: 'x', unitId: unit['州财政局'] })).statusCode).toBe(403); // not his unit
    expect((await staff.post(`${m}/agenda-items/${proposed.json().id}/reject`, { reason: '下次专题会议研究' }, v(proposed.json()))).json()).toMatchObject({ status: 'rejected', rejectReason: '下次专题会议研究' });

    // Missing materials: the presenter units' liaison officers are reminded (those with an account: cj.liaison).
    expect((await staff.post(`${m}/materials/remind`, {})).json()).toEqual({ items: 2, reminded: 1 });
    expect((await liaison.get('/api/v1/notifications')).json().items[0]).toMatchObject({ kind: 'meeting.materials', title: '请报送会议材料：2026年第四季度全体会议' });
    // Materials: the presenter unit's liaison uploads to its own item only; judged by content.
    const up = multipart('审批时限压缩情况汇报.pdf', PDF, 'application/pdf');
    const mat = await liaison.request('POST', `${m}/agenda-items/${item1}/materials`, up.body, { 'content-type': up.contentType });
    expect(mat.statusCode).toBe(201);
    materialId = mat.json().materials[0].id;
    expect(mat.json().materials[0]).toMatchObject({ filename: '审批时限压缩情况汇报.pdf', mime: 'application/pdf', digest: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect((await liaison.request('POST', `${m}/agenda-items/${a2.json().id}/materials`, up.body, { 'content-type': up.contentType })).statusCode).toBe(404);
    const fake = multipart('伪装.pdf', Buffer.from('not a pdf'));
    expect((await liaison.request('POST', `${m}/agenda-items/${item1}/materials`, fake.body, { 'content-type': fake.contentType })).statusCode).toBe(400);
    let meeting = (await staff.get(m)).json();
    expect(meeting.materialsMissing).toEqual([{ itemId: a2.json().id, title: '关于“多规合一”业务协同平台建设的汇报', unitName: '州自然资源局' }]);
    // After the cut-off a unit can no longer upload; the office still can.
    staff = await at('2026-12-13T02:00:00.000Z', 'cj.staff');
    liaison = await login(t.app, 'cj.liaison');
    expect((await liaison.request('POST', `${m}/agenda-items/${item1}/materials`, up.body, { 'content-type': up.contentType })).statusCode).toBe(422);

    // Attendance: every leading-group member by rule (A1-8), plus an observer.
    const inv = await staff.post(`${m}/attendees/defaults`, {});
    expect(inv.json().added).toBe(22); // leader, 2 deputy leaders (one is also the director and a member), 20 unit heads, deduplicated
    expect((await staff.post(`${m}/attendees/defaults`, {})).json().added).toBe(0);
    const obs = await staff.post(`${m}/attendees`, { name: '马建军', title: '自治区住房和城乡建设厅工程处', role: 'observer' });
    expect(obs.json()).toMatchObject({ role: 'observer', response: 'invited', personId: null });

    meeting = (await staff.get(m)).json();
    expect(meeting.warnings).toEqual([]);
    const sent = await staff.post(`${m}/send-notice`, {}, v(meeting));
    expect(sent.json()).toMatchObject({ status: 'notice_sent', noticeSentAt: '2026-12-13T02:00:00.000Z' });
    const leader = await login(t.app, 'cj.leader');
    const notes = (await leader.get('/api/v1/notifications')).json();
    expect(notes.items[0]).toMatchObject({ kind: 'meeting.notice', title: '会议通知：2026年第四季度全体会议（2026年12月15日 10:00）' });
    expect(notes.items[0].body).toContain('1. 关于工程建设项目审批时限压缩情况的汇报（州发展和改革委员会汇报）');
    // The ICS file and the leader's own calendar feed, read by a real iCalendar parser.
    const ics = await staff.get(`${m}/invite.ics`);
    expect(ics.headers['content-type']).toMatch(/text\/calendar/);
    const ev = new ICAL.Event(new ICAL.Component(ICAL.parse(ics.body)).getFirstSubcomponent('vevent')!);
    expect([ev.summary, ev.location, ev.startDate.toJSDate().toISOString(), ev.endDate.toJSDate().toISOString()]).toEqual(['全体会议：2026年第四季度全体会议', '州政府三楼第一会议室', '2026-12-15T02:00:00.000Z', '2026-12-15T04:00:00.000Z']);
    const feed = (await leader.post('/api/v1/calendar/feed', {})).json();
    const feedIcs = await t.app.inject({ method: 'GET', url: feed.url });
    const events = new ICAL.Component(ICAL.parse(feedIcs.body)).getAllSubcomponents('vevent').map((x) => new ICAL.Event(x).summary);
    expect(events).toContain('全体会议：2026年第四季度全体会议');
    expect(events).not.toContain('全体会议：全体会议（专项部署）'); // cancelled

    // Answers: leave with a reason, a named substitute.
    const member = await login(t.app, 'cj.member');
    expect((await member.post(`${m}/respond`, { response: 'on_leave' })).statusCode).toBe(400);
    expect((await member.post(`${m}/respond`, { response: 'on_leave', leaveReason: '赴自治区参加培训' })).json()).toMatchObject({ response: 'on_leave', leaveReason: '赴自治区参加培训' });
    const deputy = await login(t.app, 'cj.deputy');
    expect((await deputy.post(`${m}/respond`, { response: 'substitute', substituteName: '周晓东' })).json()).toMatchObject({ response: 'substitute', substituteName: '周晓东' });
    expect((await (await login(t.app, 'cj.liaison')).post(`${m}/respond`, { response: 'confirmed' })).statusCode).toBe(404); // not invited

    // Sign-in from the phone: not the day before, yes from two hours before the start.
    expect((await (await at('2026-12-14T23:00:00.000Z', 'cj.leader')).post(`${m}/sign-in`, {})).statusCode).toBe(422);
    const self = await (await at('2026-12-15T01:40:00.000Z', 'cj.leader')).post(`${m}/sign-in`, {});
    expect(self.json()).toMatchObject({ signedInBy: 'self', response: 'confirmed', signedInAt: '2026-12-15T01:40:00.000Z' });
    expect((await (await login(t.app, 'cj.leader')).post(`${m}/sign-in`, {})).json().signedInAt).toBe('2026-12-15T01:40:00.000Z'); // a second tap changes nothing
    expect((await (await login(t.app, 'cj.director')).post(`${m}/sign-in`, {})).json().signedInBy).toBe('self');
    staff = await login(t.app, 'cj.staff');
    const attendance = (await staff.get(m)).json().attendance as Array<{ id: string; personId: string | null; name: string; role: string }>;
    const byPerson = (u: string) => attendance.find((a) => a.personId === person[u])!;
    const others = attendance.filter((a) => a.role === 'attendee' && ![person['cj.leader'], person['cj.director'], person['cj.member'], person['cj.deputy']].includes(a.personId ?? '')).slice(0, 5);
    for (const a of [byPerson('cj.deputy'), ...others, attendance.find((x) => x.role === 'observer')!]) expect((await staff.post(`${m}/attendees/${a.id}/sign-in`, {})).json().signedInBy).toBe('office');
    const held = await staff.post(`${m}/hold`, {}, v((await staff.get(m)).json()));
    expect(held.json()).toMatchObject({ status: 'held', attendanceSummary: { invited: 22, onLeave: 1, substitute: 1, observers: 1 } });
    expect(held.json().attendanceSummary.signedIn).toBe(9);
  });

  it('A1-8 journey: minutes start as a copy of the agenda, record speakers and two decisions, are reviewed (or sent back) by the chair only, archived and numbered', async () => {
    const staff = await at('2026-12-15T06:00:00.000Z', 'cj.staff');
    const m = `${base}/meetings/${meetingId}`;
    const drafted = await staff.post(`${m}/minutes`, {});
    expect(drafted.statusCode).toBe(201);
    const d = drafted.json();
    minutesId = d.id;
    expect(d).toMatchObject({ status: 'draft', kind: 'original', title: '昌吉州工程建设项目审批制度改革领导小组全体会议纪要', place: '州政府三楼第一会议室', number: null, recorderName: expect.any(String) });
    expect(d.topics.map((x: { title: string; agendaItemId: string }) => x.title)).toEqual(['关于工程建设项目审批时限压缩情况的汇报', '关于“多规合一”业务协同平台建设的汇报']);
    expect(d.opening).toMatch(/^2026年12月15日，.+在州政府三楼第一会议室主持召开2026年第四季度全体会议，研究关于工程建设项目审批时限压缩情况的汇报、/);
    expect(d.attendance.present).toHaveLength(8);
    expect(d.attendance.present).toContainEqual(expect.objectContaining({ name: '周晓东', substituteFor: expect.any(String) }));
    expect(d.attendance.onLeave).toEqual([expect.objectContaining({ unitName: '州财政局', reason: '赴自治区参加培训' })]);
    expect(d.attendance.observers).toEqual([expect.objectContaining({ name: '马建军' })]);
    // The agenda is a copy, not a live link: it is closed now.
    expect((await staff.post(`${m}/agenda-items`, { title: '迟到的议题' })).statusCode).toBe(409);

    const body = {
      startsAt: '2026-12-15T02:00:00.000Z',
      endsAt: '2026-12-15T04:10:00.000Z',
      place: '州政府三楼第一会议室',
      recorderName: '办公室 李静',
      opening: d.opening,
      topics: [
        {
          id: d.topics[0].id, agendaItemId: d.topics[0].agendaItemId, title: d.topics[0].title, presenterUnitName: '州发展和改革委员会',
          summary: '州发展和改革委员会汇报了全州审批时限压缩工作进展。',
          speakerPoints: [
            { speakerName: '组长', unitName: '州人民政府', points: '审批时限压缩要以企业感受为准，不搞体外循环。' },
            { speakerName: '周晓东', unitName: '州人民政府办公室', points: '建议按月通报各县市审批用时。' },
          ],
          decisions: [{ text: '各成员单位于2026年12月底前完成审批事项清单梳理，做到应减尽减', ownerUnitId: unit['州发展和改革委员会'], deadline: '2026-12-31' }],
        },
        {
          id: d.topics[1].id, agendaItemId: d.topics[1].agendaItemId, title: d.topics[1].title, presenterUnitName: '州自然资源局', summary: '',
          speakerPoints: [{ speakerName: '州自然资源局局长', points: '平台已完成与自治区系统对接测试。' }],
          decisions: [{ text: '州自然资源局牵头于2027年1月底前建成“多规合一”业务协同平台并上线运行', ownerUnitId: unit['州自然资源局'], deadline: '2027-01-31' }],
        },
      ],
    };
    expect((await staff.put(`${base}/minutes/${minutesId}`, body)).statusCode).toBe(428);
    const bad = await staff.put(`${base}/minutes/${minutesId}`, { ...body, topics: [{ ...body.topics[0], decisions: [{ text: 'x', ownerUnitId: t.offices['昌吉市'], deadline: '2027-01-01' }] }] }, v(d));
    expect(bad.statusCode).toBe(422);
    const saved = await staff.put(`${base}/minutes/${minutesId}`, body, v(d));
    expect(saved.statusCode).toBe(200);
    const s = saved.json();
    expect(s.topics[0].id).toBe(d.topics[0].id);
    expect(s.topics.flatMap((x: { decisions: Array<{ number: number; ownerUnitName: string }> }) => x.decisions.map((y) => [y.number, y.ownerUnitName]))).toEqual([[1, '州发展和改革委员会'], [2, '州自然资源局']]);
    decisionIds = s.topics.flatMap((x: { decisions: Array<{ id: string }> }) => x.decisions.map((y) => y.id));
    // Drafts are the office's and the chair's.
    expect((await (await login(t.app, 'cj.member')).get(`${base}/minutes/${minutesId}`)).statusCode).toBe(404);

    // A1-8: reviewed by the meeting's chair, nobody else.
    expect((await staff.post(`${base}/minutes/${minutesId}/review`, {}, v(s))).statusCode).toBe(403); // no meeting.chair at all
    const director = await login(t.app, 'cj.director');
    const notChair = await director.post(`${base}/minutes/${minutesId}/review`, {}, v(s));
    expect(notChair.statusCode).toBe(403);
    expect(notChair.json().error.message).toBe("A1-8：纪要由会议主持人审核 / A1-8: minutes are reviewed by the meeting's chair");
    const leader = await login(t.app, 'cj.leader');
    expect((await leader.get(`${base}/minutes/${minutesId}`)).json().abilities).toEqual(['review', 'return']);
    // The chair first sends the draft back with his comments; it stays a draft, the office sees why and edits it.
    expect((await director.post(`${base}/minutes/${minutesId}/return`, { reason: '补充' }, v(s))).statusCode).toBe(403);
    const back = await leader.post(`${base}/minutes/${minutesId}/return`, { reason: '第二项决定请写明完成时限' }, v(s));
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json()).toMatchObject({ status: 'draft', returnReason: '第二项决定请写明完成时限' });
    expect((await leader.post(`${base}/minutes/${minutesId}/review`, {}, v(s))).statusCode).toBe(412); // he read the version before
    // The office edits what he asked for; decisions keep their ids (their numbers and hand-offs stay).
    const fixedBody = { ...body, topics: body.topics.map((tp, i) => ({ ...tp, decisions: tp.decisions.map((dd, j) => ({ ...dd, id: decisionIds[i + j] })) })) };
    fixedBody.topics[0]!.summary += '会议要求各县市按月报送审批用时。';
    const edited = await staff.put(`${base}/minutes/${minutesId}`, fixedBody, v(back.json()));
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json().returnReason).toBe('第二项决定请写明完成时限');
    expect(edited.json().topics.flatMap((x: { decisions: Array<{ id: string }> }) => x.decisions.map((y) => y.id))).toEqual(decisionIds);
    const reviewed = await leader.post(`${base}/minutes/${minutesId}/review`, {}, v(edited.json()));
    expect(reviewed.json()).toMatchObject({ status: 'reviewed', reviewedByName: expect.any(String), returnReason: null });
    expect((await staff.put(`${base}/minutes/${minutesId}`, body, v(reviewed.json()))).statusCode).toBe(409); // reopen first

    const archived = await staff.post(`${base}/minutes/${minutesId}/archive`, {}, v(reviewed.json()));
    expect(archived.statusCode).toBe(200);
    expect(archived.json()).toMatchObject({ status: 'archived', number: 1, numberLabel: '第1期', digest: expect.stringMatching(/^[0-9a-f]{64}$/), archivedAt: '2026-12-15T06:00:00.000Z' });
    expect((await staff.get(m)).json().status).toBe('archived');
    // Everyone with meeting.read sees archived minutes.
    expect((await (await login(t.app, 'cj.member')).get(`${base}/minutes/${minutesId}`)).statusCode).toBe(200);
    const actions = (await t.handle.db.selectFrom('auditLog').select('action').where('entityId', '=', minutesId).orderBy('seq').execute()).map((a) => a.action);
    expect(actions).toEqual(['minutes.draft', 'minutes.update', 'minutes.return', 'minutes.update', 'minutes.review', 'minutes.archive']);
  });

  it('A1-8 archive (存档备查): frozen through the API (409) — edit, reopen, attach, re-archive, materials; a correction is a new linked record', async () => {
    const staff = await login(t.app, 'cj.staff');
    const mn = (await staff.get(`${base}/minutes/${minutesId}`)).json();
    const put = await staff.put(`${base}/minutes/${minutesId}`, { startsAt: mn.startsAt, place: '改过的地点', opening: 'x', topics: [] }, v(mn));
    expect(put.statusCode).toBe(409);
    expect(put.json().error.message).toMatch(/存档|frozen/);
    expect((await staff.post(`${base}/minutes/${minutesId}/reopen`, { reason: '想改一下' }, v(mn))).statusCode).toBe(409);
    expect((await staff.post(`${base}/minutes/${minutesId}/archive`, {}, v(mn))).statusCode).toBe(409);
    const up = multipart('补充.pdf', PDF, 'application/pdf');
    expect((await staff.request('POST', `${base}/minutes/${minutesId}/attachments`, up.body, { 'content-type': up.contentType })).statusCode).toBe(409);
    expect((await staff.request('DELETE', `${base}/meetings/${meetingId}/agenda-items/${item1}/materials/${materialId}`)).statusCode).toBe(409);

    const corr = await staff.post(`${base}/minutes/${minutesId}/corrections`, { reason: '第1项决定完成时限记录有误' });
    expect(corr.statusCode).toBe(201);
    const c = corr.json();
    expect(c).toMatchObject({ kind: 'correction', correctsMinutesId: minutesId, status: 'draft', correctionReason: '第1项决定完成时限记录有误' });
    const fixed = await staff.put(`${base}/minutes/${c.id}`, {
      startsAt: c.startsAt, place: c.place, opening: '《昌吉州工程建设项目审批制度改革领导小组全体会议纪要》（第1期）第1项决定的完成时限更正为2027年1月15日。',
      topics: [{ title: '更正事项', decisions: [{ text: '各成员单位于2027年1月15日前完成审批事项清单梳理，做到应减尽减', ownerUnitId: unit['州发展和改革委员会'], deadline: '2027-01-15', supersedesDecisionId: decisionIds[0] }] }],
    }, v(c));
    expect(fixed.statusCode).toBe(200);
    const leader = await login(t.app, 'cj.leader');
    const rc = (await leader.post(`${base}/minutes/${c.id}/review`, {}, v(fixed.json()))).json();
    const ac = (await staff.post(`${base}/minutes/${c.id}/archive`, {}, v(rc))).json();
    expect(ac).toMatchObject({ status: 'archived', number: null, digest: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const original = (await staff.get(`${base}/minutes/${minutesId}`)).json();
    expect(original.corrections).toEqual([expect.objectContaining({ id: c.id, status: 'archived' })]);
    expect(original.place).toBe('州政府三楼第一会议室');
    expect((await staff.get(`${base}/minutes/${minutesId}/verify`)).json()).toMatchObject({ ok: true, problems: [] });
  });

  it('A1-8 decision → task: one click makes a ledger task whose source is the decision; twice is a conflict; the task id stays on the decision', async () => {
    const staff = await login(t.app, 'cj.staff');
    const res = await staff.post(`${base}/decisions/${decisionIds[1]}/task`, { keyTask: true });
    expect(res.statusCode).toBe(200);
    const f = res.json().followUp;
    expect(f).toMatchObject({ status: 'linked', taskId: expect.any(String), handedOffByName: expect.any(String) });
    const task = (await staff.get(`/api/v1/ledger/offices/${office}/tasks/${f.taskId}`)).json();
    expect(task).toMatchObject({ title: '州自然资源局牵头于2027年1月底前建成“多规合一”业务协同平台并上线运行', leadUnitId: unit['州自然资源局'], deadline: '2027-01-31', keyTask: true, source: { type: 'meeting_decision', ref: decisionIds[1], label: '2026年第四季度全体会议 第2项决定' } });
    expect((await staff.post(`${base}/decisions/${decisionIds[1]}/task`, {})).statusCode).toBe(409);
    const mn = (await staff.get(`${base}/minutes/${minutesId}`)).json();
    expect(mn.topics[1].decisions[0].followUp).toMatchObject({ status: 'linked', taskId: f.taskId });
    // The follow-up lives beside the frozen record: the archived minutes still verify.
    expect((await staff.get(`${base}/minutes/${minutesId}/verify`)).json().ok).toBe(true);
  });

  it('A1-8, A2-6: compliance per office and year — quarters without a plenary and months without an office meeting are breaches, explained or not; overdue decisions', async () => {
    const staff = await at('2027-02-10T02:00:00.000Z', 'cj.staff');
    const cr = await staff.get(`${base}/compliance?year=2026`);
    expect(cr.statusCode, cr.body).toBe(200);
    const c = cr.json();
    const plenary = c.series.find((s: { kind: string }) => s.kind === 'plenary');
    expect(plenary.periods.map((p: { state: string }) => p.state)).toEqual(['breach', 'breach', 'breach', 'held']);
    expect(plenary.periods[3].meetings[0]).toMatchObject({ meetingId, date: '2026-12-15', status: 'archived', chairVia: 'post' });
    const office = c.series.find((s: { kind: string }) => s.kind === 'office_regular');
    expect(office).toMatchObject({ rule: 'A2-6', cadence: 'monthly', breaches: 12 }); // the December one was never held
    // Decision 1 was superseded by the correction (new deadline 2027-01-15), decision 2 was due 2027-01-31.
    expect(c.overdueDecisions.map((d: { number: number; deadline: string; overdueDays: number; meetingTitle: string }) => [d.number, d.deadline, d.overdueDays])).toEqual([
      [1, '2027-01-15', 26],
      [2, '2027-01-31', 10],
    ]);
    const noted = await staff.put(`${base}/compliance/notes`, { kind: 'plenary', period: '2026-Q1', note: '机构调整，一季度未召开' });
    expect(noted.json().series.find((s: { kind: string }) => s.kind === 'plenary').periods[0]).toMatchObject({ state: 'breach', explanation: '机构调整，一季度未召开' });
    expect((await staff.put(`${base}/compliance/notes`, { kind: 'plenary', period: '2026-03', note: 'x' })).statusCode).toBe(400);
    // The office records decision 1 (of the correction) as carried out: no longer overdue.
    const corrDecision = (await staff.get(`${base}/minutes/${(await staff.get(`${base}/minutes/${minutesId}`)).json().corrections[0].id}`)).json().topics[0].decisions[0].id;
    expect((await staff.post(`${base}/decisions/${corrDecision}/complete`, { note: '已印发清单' })).json().followUp).toMatchObject({ status: 'done', doneOn: '2027-02-10' });
    expect((await staff.get(`${base}/compliance?year=2026`)).json().overdueDecisions.map((d: { number: number }) => d.number)).toEqual([2]);
  });

  it('A2-6: a meeting at 00:30 China time on 1 March is a March meeting (dates are China dates)', async () => {
    const fk = `/api/v1/meetings/offices/${t.offices['阜康市']}`;
    const fkDirector = (await t.handle.db.selectFrom('accounts').select('personId').where('username', '=', 'fk.director').executeTakeFirstOrThrow()).personId!;
    const runMeeting = async (startsAt: string, holdAt: string) => {
      let director = await at('2026-01-05T02:00:00.000Z', 'fk.director');
      let m = (await director.post(`${fk}/meetings`, { kind: 'office_regular', title: `例会 ${startsAt}`, startsAt, place: '阜康市住建局' })).json();
      expect(m.chair.personId).toBe(fkDirector);
      await director.post(`${fk}/meetings/${m.id}/agenda-items`, { title: '通报审批改革进展' });
      await director.post(`${fk}/meetings/${m.id}/attendees/defaults`, {});
      m = (await director.post(`${fk}/meetings/${m.id}/send-notice`, {}, v((await director.get(`${fk}/meetings/${m.id}`)).json()))).json();
      director = await at(holdAt, 'fk.director');
      return (await director.post(`${fk}/meetings/${m.id}/hold`, {}, v(m))).json();
    };
    expect((await runMeeting('2026-01-31T15:30:00.000Z', '2026-02-01T01:00:00.000Z')).status).toBe('held'); // 31 Jan 23:30 in China
    expect((await runMeeting('2026-02-28T16:30:00.000Z', '2026-03-01T01:00:00.000Z')).status).toBe('held'); // 1 Mar 00:30 in China
    const director = await at('2026-04-02T02:00:00.000Z', 'fk.director');
    const months = (await director.get(`${fk}/compliance?year=2026`)).json().series.find((s: { kind: string }) => s.kind === 'office_regular').periods;
    expect(months.slice(0, 4).map((p: { period: string; state: string }) => `${p.period} ${p.state}`)).toEqual(['2026-01 held', '2026-02 breach', '2026-03 held', '2026-04 pending']);
  });

  it('exports: the DOCX opens in LibreOffice; the PDF shows the red mark, the number, the attendance labels and the decisions in order', async () => {
    const staff = await login(t.app, 'cj.staff');
    const docx = await staff.get(`${base}/minutes/${minutesId}/export.docx`);
    expect(docx.statusCode).toBe(200);
    expect(docx.headers['content-disposition']).toContain(encodeURIComponent('全体会议纪要'));
    const docxFile = join(tmp, 'minutes.docx');
    writeFileSync(docxFile, docx.rawPayload);
    const pdf = await staff.get(`${base}/minutes/${minutesId}/export.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const pdfFile = join(tmp, 'minutes-export.pdf');
    writeFileSync(pdfFile, pdf.rawPayload);
    const text = squash((await run('pdftotext', ['-enc', 'UTF-8', pdfFile, '-'])).stdout);
    const order = ['昌吉州工程建设项目审批制度改革领导小组', '全体会议纪要', '第1期', '一、关于工程建设项目审批时限压缩情况的汇报', '1.各成员单位于2026年12月底前完成审批事项清单梳理', '二、', '2.州自然资源局牵头', '出席：', '请假：', '列席：', '马建军'];
    let pos = -1;
    for (const s of order) {
      const i = text.indexOf(squash(s), pos + 1);
      expect(i, `"${s}" after position ${pos} in ${text.slice(0, 400)}`).toBeGreaterThan(pos);
      pos = i;
    }
    const info = (await run('pdfinfo', [pdfFile])).stdout;
    expect(info).toMatch(/Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)/);
    if (!hasSoffice) {
      console.info('skipped: LibreOffice not installed');
      return;
    }
    const profile = `file://${join(tmp, `lo-${Math.random().toString(36).slice(2)}`)}`;
    const r = await run('soffice', ['--headless', `-env:UserInstallation=${profile}`, '--convert-to', 'pdf', '--outdir', tmp, docxFile], { timeout: 180_000 });
    expect(r.stdout).toMatch(/convert/);
    const converted = squash((await run('pdftotext', ['-enc', 'UTF-8', join(tmp, 'minutes.pdf'), '-'])).stdout);
    expect(converted).toContain('全体会议纪要');
    expect(converted).toContain('出席：');
    expect(converted).toContain('州自然资源局牵头');
  }, 240_000);

  it('the meeting pack is one zip: the agenda PDF, each item\'s materials in agenda order, and SM3 sums', async () => {
    const staff = await login(t.app, 'cj.staff');
    const res = await staff.get(`${base}/meetings/${meetingId}/pack`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    const names = readZipDirectory(res.rawPayload).map((e) => e.name);
    expect(names).toEqual(['00-议程.pdf', '01-关于工程建设项目审批时限压缩情况的汇报/审批时限压缩情况汇报.pdf', 'SM3SUMS.txt']);
    const zipFile = join(tmp, 'pack.zip');
    writeFileSync(zipFile, res.rawPayload);
    const listed = (await run('python3', ['-c', 'import sys,zipfile,hashlib; z=zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None; print(z.read("SM3SUMS.txt").decode())', zipFile])).stdout;
    expect(listed).toContain('01-关于工程建设项目审批时限压缩情况的汇报/审批时限压缩情况汇报.pdf');
    writeFileSync(join(tmp, 'agenda.pdf'), (await run('unzip', ['-p', zipFile, '00-议程.pdf'], { encoding: 'buffer' })).stdout);
    const agenda = squash((await run('pdftotext', ['-enc', 'UTF-8', join(tmp, 'agenda.pdf'), '-'])).stdout);
    expect(agenda).toContain('一、关于工程建设项目审批时限压缩情况的汇报');
    expect(agenda).toContain('二、关于“多规合一”业务协同平台建设的汇报');
    expect(agenda).toContain('材料：尚未报送');
  });

  it('A1-8 archive (存档备查): the database itself refuses UPDATE, DELETE and INSERT under archived minutes (any client, not only the API)', async () => {
    const db = t.handle.db;
    const frozen = /archived minutes are frozen/;
    const topic = (await db.selectFrom('minutesTopics').select('id').where('minutesId', '=', minutesId).executeTakeFirstOrThrow()).id;
    await expect(sql`update minutes set place = '篡改' where id = ${minutesId}`.execute(db)).rejects.toThrow(frozen);
    await expect(sql`delete from minutes where id = ${minutesId}`.execute(db)).rejects.toThrow(frozen);
    await expect(sql`update minutes_decisions set deadline = '2099-12-31' where id = ${decisionIds[0]}`.execute(db)).rejects.toThrow(frozen);
    await expect(sql`delete from minutes_decisions where id = ${decisionIds[1]}`.execute(db)).rejects.toThrow(frozen);
    await expect(sql`update minutes_speaker_points set points = '篡改' where minutes_id = ${minutesId}`.execute(db)).rejects.toThrow(frozen);
    await expect(sql`delete from minutes_topics where minutes_id = ${minutesId}`.execute(db)).rejects.toThrow(frozen);
    await expect(sql`insert into minutes_decisions (id, minutes_id, topic_id, seq, text) values ('forged', ${minutesId}, ${topic}, 9, '伪造的决定')`.execute(db)).rejects.toThrow(frozen);
    await expect(sql`update minutes_archives set digest = ${'0'.repeat(64)} where minutes_id = ${minutesId}`.execute(db)).rejects.toThrow(frozen);
    await expect(sql`delete from minutes_archives where minutes_id = ${minutesId}`.execute(db)).rejects.toThrow(frozen);
    await expect(sql`update files set content = ${Buffer.from('x')} where id = ${materialId}`.execute(db)).rejects.toThrow(frozen);
    if (dialect === 'sqlite') {
      // REPLACE deletes the conflicting row without delete triggers: refused before it happens.
      await expect(sql`insert or replace into minutes_decisions (id, minutes_id, topic_id, seq, text) values (${decisionIds[0]}, ${minutesId}, ${topic}, 1, '替换')`.execute(db)).rejects.toThrow(frozen);
      await expect(sql`update or replace minutes set id = ${minutesId} where kind = 'correction'`.execute(db)).rejects.toThrow(frozen);
    } else {
      await expect(sql`truncate minutes_archives`.execute(db)).rejects.toThrow(frozen);
    }
    // A draft is still a draft: the same statements work on unarchived minutes.
    const fk = await db.selectFrom('minutes').select('id').where('status', '!=', 'archived').execute();
    expect(fk).toEqual([]);
    const staff = await login(t.app, 'cj.staff');
    expect((await staff.get(`${base}/minutes/${minutesId}/verify`)).json()).toMatchObject({ ok: true });
  });

  it('digest: `reform-office minutes verify` and the API say intact; after a DBA disables the guard and edits, both name the change', async () => {
    const env = dialect === 'sqlite' ? { DATABASE_URL: `sqlite:${t.handle.location}`, DATA_DIR: tmp } : { DATABASE_URL: t.handle.location, DATA_DIR: tmp };
    const ok = await cli(env, 'minutes', 'verify', minutesId);
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(new RegExp(`^minutes intact: ${minutesId} archived 2026-12-15T06:00:00.000Z, SM3 [0-9a-f]{64}, 1 attachment\\(s\\)$`, 'm'));

    const db = t.handle.db;
    if (dialect === 'sqlite') {
      await sql`drop trigger minutes_no_update`.execute(db);
      await sql`drop trigger files_minutes_no_update`.execute(db);
    } else {
      await sql`alter table minutes disable trigger minutes_no_change`.execute(db);
      await sql`alter table files disable trigger files_minutes_frozen`.execute(db);
    }
    await sql`update minutes set place = '篡改后的地点' where id = ${minutesId}`.execute(db);
    await sql`update files set content = ${Buffer.from('%PDF-1.4 tampered')} where id = ${materialId}`.execute(db);
    const staff = await login(t.app, 'cj.staff');
    const r = (await staff.get(`${base}/minutes/${minutesId}/verify`)).json();
    expect(r.ok).toBe(false);
    expect(r.problems.map((p: { kind: string }) => p.kind).sort()).toEqual(['attachment_changed', 'content_changed']);
    expect(r.computedDigest).not.toBe(r.digest);
    const bad = await cli(env, 'minutes', 'verify', minutesId);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/minutes CHANGED/);
    expect(bad.stdout).toMatch(/content_changed/);
    expect(bad.stdout).toMatch(/attachment_changed/);
  }, 120_000);
});

