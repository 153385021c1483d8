import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GRANTS } from '../../app.ts';
import type { Actor } from '../../platform/actor.ts';
import { toErrorBody } from '../../platform/http.ts';
import { createTestContext, describeEachDb, login, meetingPoint, type Agent, type TestContext } from '../../test/harness.ts';
import { createOrganizationRepository } from './organization.repository.ts';
import { createOrganizationService } from './organization.service.ts';

describeEachDb('organization API', (dialect) => {
  let t: TestContext;
  let director: Agent;
  let base: string;
  beforeAll(async () => {
    t = await createTestContext(dialect);
    director = await login(t.app, 'cj.director');
    base = `/api/v1/organization/offices/${t.offices['昌吉州']}`;
  });
  afterAll(() => t.close());

  it('A1-2, A1-3, A2-2: the demo roster shows its warnings, never hides them', async () => {
    const res = await director.get(`${base}/roster`);
    expect(res.statusCode).toBe(200);
    const roster = res.json();
    expect(roster.leadingGroup.leader).toHaveLength(1);
    expect(roster.officePosts.director).toHaveLength(1);
    expect(roster.units).toHaveLength(20);
    expect(roster.warnings.map((w: { code: string; subject: { name: string } }) => `${w.code}:${w.subject.name}`).sort()).toEqual(['LIAISON_MISSING:国网昌吉供电公司', 'LIAISON_MULTIPLE:州气象局']);
  });

  it('A2-2: appointing a new liaison with replaceCurrent ends the old ones and clears the warning; history is kept', async () => {
    const units = (await director.get(`${base}/units`)).json().items as Array<{ id: string; name: string }>;
    const unit = units.find((u) => u.name === '州气象局')!;
    const person = (await director.post(`${base}/people`, { name: '测试联络员', unitId: unit.id, title: '科长', mobile: '13900001111' })).json();
    const res = await director.post(`${base}/appointments`, { post: 'liaison_officer', personId: person.id, unitId: unit.id, startDate: '2026-11-20', replaceCurrent: true });
    expect(res.statusCode).toBe(201);
    expect(res.json().warnings.map((w: { code: string }) => w.code)).toEqual(['LIAISON_MISSING']);
    const history = (await director.get(`${base}/appointments?scope=all&unitId=${unit.id}&post=liaison_officer`)).json().items;
    expect(history).toHaveLength(3);
    expect(history.filter((h: { current: boolean }) => h.current).map((h: { personName: string }) => h.personName)).toEqual(['测试联络员']);
    expect(history.filter((h: { endDate: string | null }) => h.endDate === '2026-11-19')).toHaveLength(2);
    const audit = await t.handle.db.selectFrom('auditLog').select(['action']).where('action', 'in', ['appointment.create', 'appointment.end']).execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['appointment.create', 'appointment.end', 'appointment.end']);
  });

  it('A1-2, A2-2: one person appointed to one post three times at once: one appointment, the others 409', async () => {
    // The service checks the post's holders, then inserts; here every insert waits until all three requests have
    // passed the check (or 300 ms: one at a time, the later ones find the first appointment). Without the lock
    // PostgreSQL wrote the same appointment three times.
    const repo = createOrganizationRepository();
    const allChecked = meetingPoint(3);
    const racing = createOrganizationService({
      db: t.handle.db, audit: t.services.audit, clock: t.clock, grants: GRANTS, dialect,
      repo: { ...repo, insertAppointment: async (q, row) => { await allChecked(); return repo.insertAppointment(q, row); } },
    });
    const officeId = t.offices['昌吉州']!;
    const p = (await director.post(`${base}/people`, { name: '并发任职' })).json();
    const ctx = { actor: (await t.services.auth.resolveSession(director.cookie.replace(/^ro_sid=/, '')) as { actor: Actor }).actor, requestId: 'test', ip: null };
    const settled = await Promise.allSettled([1, 2, 3].map(() => racing.appoint(officeId, { post: 'group_member', personId: p.id, startDate: '2026-11-20', replaceCurrent: false }, ctx)));
    expect(settled.filter((s) => s.status === 'fulfilled')).toHaveLength(1);
    expect(settled.flatMap((s) => (s.status === 'rejected' ? [toErrorBody(s.reason).error] : []))).toEqual([0, 1].map(() => expect.objectContaining({ code: 'CONFLICT', details: { field: 'personId' } })));
    expect(await t.handle.db.selectFrom('appointments').select('id').where('personId', '=', p.id).execute()).toHaveLength(1);
  });

  it('A1-2: a second leader is recorded and warned about, not silently accepted', async () => {
    const p = (await director.post(`${base}/people`, { name: '第二组长' })).json();
    const res = await director.post(`${base}/appointments`, { post: 'leader', personId: p.id, startDate: '2026-11-20' });
    expect(res.statusCode).toBe(201);
    expect(res.json().warnings.map((w: { code: string }) => w.code)).toContain('LEADER_MULTIPLE');
    const end = await director.post(`${base}/appointments/${res.json().item.id}/end`, { endDate: '2026-11-19' }, { 'if-match': '"v1"' });
    expect(end.statusCode).toBe(200);
    expect(end.json().warnings.map((w: { code: string }) => w.code)).not.toContain('LEADER_MULTIPLE');
  });

  it('stale If-Match gives 412 and loses nothing; a missing one gives 428', async () => {
    const unit = (await director.get(`${base}/units`)).json().items[0];
    const first = await director.patch(`${base}/units/${unit.id}`, { phone: '0994-1111111' }, { 'if-match': `"v${unit.version}"` });
    expect(first.statusCode).toBe(200);
    const second = await director.patch(`${base}/units/${unit.id}`, { phone: '0994-2222222' }, { 'if-match': `"v${unit.version}"` });
    expect(second.statusCode).toBe(412);
    expect(second.json().error.code).toBe('VERSION_MISMATCH');
    expect((await director.get(`${base}/units/${unit.id}`)).json().phone).toBe('0994-1111111');
    expect((await director.patch(`${base}/units/${unit.id}`, { phone: '1' })).statusCode).toBe(428);
  });

  it('concurrent edits of one unit: exactly one wins, the other gets 412', async () => {
    const unit = (await director.get(`${base}/units`)).json().items[1];
    const results = await Promise.all(
      ['甲', '乙', '丙', '丁'].map((x) => director.patch(`${base}/units/${unit.id}`, { responsibleBody: `专班${x}` }, { 'if-match': `"v${unit.version}"` })),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 412, 412, 412]);
    const winner = results.find((r) => r.statusCode === 200)!.json().responsibleBody;
    expect((await director.get(`${base}/units/${unit.id}`)).json().responsibleBody).toBe(winner);
  });

  it('A2-7: the liaison directory lists every active member unit with contacts', async () => {
    const items = (await director.get(`${base}/directory`)).json().items;
    expect(items).toHaveLength(20);
    const fgw = items.find((i: { unitName: string }) => i.unitName === '州发展和改革委员会');
    expect(fgw.liaisonOfficer.mobile).toMatch(/^1\d{10}$/);
    expect(fgw.informationOfficer).not.toBeNull();
    expect(items.find((i: { unitName: string }) => i.unitName === '国网昌吉供电公司').liaisonOfficer).toBeNull();
  });

  it('A1-16: a prefecture director reads a county roster but cannot change it; a county never sees a sibling', async () => {
    const county = `/api/v1/organization/offices/${t.offices['昌吉市']}`;
    expect((await director.get(`${county}/roster`)).statusCode).toBe(200);
    expect((await director.post(`${county}/people`, { name: '越权' })).statusCode).toBe(403);
    const countyStaff = await login(t.app, 'cjs.staff');
    expect((await countyStaff.get(`${county}/roster`)).statusCode).toBe(200);
    expect((await countyStaff.get(`/api/v1/organization/offices/${t.offices['阜康市']}/roster`)).statusCode).toBe(403);
    expect((await countyStaff.get(`${base}/roster`)).statusCode).toBe(403);
    const offices = (await countyStaff.get('/api/v1/organization/offices')).json().items;
    expect(offices.map((o: { shortName: string }) => o.shortName)).toEqual(['昌吉市']);
    const mine = (await director.get('/api/v1/organization/offices')).json().items;
    expect(mine).toHaveLength(11);
    const countyAbilities = mine.find((o: { shortName: string }) => o.shortName === '昌吉市').abilities;
    expect(countyAbilities).toContain('organization.read');
    expect(countyAbilities.filter((a: string) => !a.endsWith('.read'))).toEqual([]);
  });

  it('delegation: the director records a delegation to a deputy director; a wrong delegate is refused with the rule named', async () => {
    const appts = (await director.get(`${base}/appointments`)).json().items as Array<{ post: string; personId: string }>;
    const dir = appts.find((x) => x.post === 'director')!;
    const dd = appts.find((x) => x.post === 'deputy_director')!;
    const staff = appts.find((x) => x.post === 'office_staff')!;
    const ok = await director.post(`${base}/delegations`, { power: 'sign_office_documents', fromPersonId: dir.personId, toPersonId: dd.personId, startDate: '2026-11-01', endDate: '2026-12-31', reason: '出差' });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().active).toBe(true);
    expect(await t.services.organization.checkPower(t.offices['昌吉州']!, 'sign_office_documents', dd.personId, '2026-11-20')).toMatchObject({ allowed: true, via: 'delegation' });
    const bad = await director.post(`${base}/delegations`, { power: 'sign_office_documents', fromPersonId: dir.personId, toPersonId: staff.personId, startDate: '2026-11-01', endDate: '2026-12-31' });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.message).toMatch(/^A2-12/);
    const revoke = await director.post(`${base}/delegations/${ok.json().id}/revoke`, {}, { 'if-match': '"v1"' });
    expect(revoke.statusCode).toBe(200);
    expect(await t.services.organization.checkPower(t.offices['昌吉州']!, 'sign_office_documents', dd.personId, '2026-11-20')).toMatchObject({ allowed: false });
  });

  it('a liaison officer reads the roster but is refused roster edits (403)', async () => {
    const liaison = await login(t.app, 'cj.liaison');
    expect((await liaison.get(`${base}/roster`)).statusCode).toBe(200);
    const res = await liaison.post(`${base}/people`, { name: '越权' });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('FORBIDDEN');
  });

  it('bad input names the field; unknown fields are rejected', async () => {
    const res = await director.post(`${base}/appointments`, { post: 'king', personId: 'x', startDate: '2026-02-30', extra: 1 });
    expect(res.statusCode).toBe(400);
    const paths = res.json().error.details.issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['post', 'startDate']));
    expect(JSON.stringify(res.json())).toContain('extra');
  });
});

describe('organization API without a session', () => {
  it('anonymous gets 401 in the one error shape', async () => {
    const t = await createTestContext('sqlite', { demo: false });
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/organization/offices' });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({ error: { code: 'UNAUTHENTICATED', message: expect.any(String) } });
    await t.close();
  });
});
