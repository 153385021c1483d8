// Official documents (A2-12) over the API, on SQLite and PostgreSQL: 核稿, sign-off and delegation, numbering after
// sign-off (and under concurrency), void, issue with digest, archive immutability, distribution and read receipts.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { createDb } from '../../db/db.ts';
import { agentFor, createTestContext, describeEachDb, login, TEST_AUDIT_KEY, type Agent, type TestContext } from '../../test/harness.ts';
import { SEED } from './fixtures/seed-notice.ts';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '../../..');

/** A minimal valid PDF (enough for the content check). */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
function multipart(filename: string, data: Buffer, mime = 'application/octet-stream') {
  const boundary = '----ro-doc-boundary';
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"; filename*=UTF-8''${encodeURIComponent(filename)}\r\nContent-Type: ${mime}\r\n\r\n`);
  return { body: Buffer.concat([head, data, Buffer.from(`\r\n--${boundary}--\r\n`)]), contentType: `multipart/form-data; boundary=${boundary}` };
}
const v = (res: { json(): { version: number } }) => ({ 'if-match': `"v${res.json().version}"` });

describeEachDb('official documents (A2-12)', (dialect) => {
  let t: TestContext;
  let base: string;
  let pref: string;
  let people: Record<string, string>;
  let unitOfLiaison: string;
  const as = (who: string) => login(t.app, who);
  const at = async (iso: string, who: string) => {
    t.clock.set(iso);
    return as(who);
  };

  /** The seed notice's words as a draft of the office, with two recipients inside the system. */
  const seedDraft = (over: Record<string, unknown> = {}) => ({
    issuer: 'office',
    kind: 'notice',
    direction: 'downward',
    title: SEED.titleLines.join('\n'),
    addressees: [
      { name: '各县市（园区）工程建设项目审批制度改革领导小组办公室' },
      { name: '昌吉州工程建设项目审批制度改革领导小组各成员单位' },
    ],
    body: SEED.body.join('\n'),
    attachments: SEED.attachments.map((a) => ({ title: a.titleLines.join(''), body: a.body.join('\n') })),
    copyTo: [{ name: '州党委办公室' }, { name: '政府办公室' }, { name: '各县市（园区）人民政府（管委会）' }],
    disclosure: 'public',
    sealedOnBehalf: true,
    ...over,
  });

  /** Drafts, submits (no chain) and has the right person sign; returns the signed document. */
  async function signedDocument(over: Record<string, unknown> = {}, signer = 'cj.director') {
    const staff = await as('cj.staff');
    const d = await staff.post(`${base}/documents`, seedDraft({ title: `关于测试的通知${Math.random()}`, attachments: [], ...over }));
    expect(d.statusCode, d.body).toBe(201);
    const s = await staff.post(`${base}/documents/${d.json().id}/submit`, {}, v(d));
    expect(s.statusCode, s.body).toBe(200);
    const signed = await (await as(signer)).post(`${base}/documents/${d.json().id}/sign`, {}, v(s));
    expect(signed.statusCode, signed.body).toBe(200);
    return signed.json() as { id: string; version: number };
  }

  beforeAll(async () => {
    t = await createTestContext(dialect);
    pref = t.offices['昌吉州']!;
    base = `/api/v1/documents/offices/${pref}`;
    people = {};
    for (const who of ['cj.leader', 'cj.deputy', 'cj.director', 'cj.deputydirector', 'cj.staff', 'cj.liaison']) {
      const a = await t.handle.db.selectFrom('accounts').select('personId').where('username', '=', who).executeTakeFirstOrThrow();
      people[who] = a.personId!;
    }
    const liaison = await as('cj.liaison');
    unitOfLiaison = (await liaison.get('/api/v1/auth/session')).json().posts.find((p: { post: string }) => p.post === 'liaison_officer').unitId;
  });
  afterAll(() => t.close());

  it('A2-12: 核稿 by the configured chain, then the director signs; the number comes only after sign-off (昌建审改办〔2026〕1号)', async () => {
    const director = await as('cj.director');
    const rules = await director.get(`${base}/rules`);
    expect(rules.json()).toMatchObject({ rules: { reviewChain: { office: [] } }, inheritedFrom: 'default' });
    const set = await director.put(`${base}/rules`, { ...rules.json().rules, reviewChain: { leading_group: [], office: [people['cj.deputydirector']] } }, v(rules));
    expect(set.statusCode, set.body).toBe(200);

    const staff = await as('cj.staff');
    const d = await staff.post(`${base}/documents`, seedDraft({ addressees: [{ name: '州发展和改革委员会', unitId: unitOfLiaison }, { name: '昌吉市工程建设项目审批制度改革领导小组办公室', officeId: t.offices['昌吉市'] }] }));
    expect(d.statusCode, d.body).toBe(201);
    expect(d.json()).toMatchObject({ status: 'draft', issuerCode: '昌建审改办', number: null, note: '（此件公开发布）', signatureName: '昌吉州工程建设项目审批制度改革领导小组办公室', issuerName: '昌吉回族自治州工程建设项目审批制度改革领导小组办公室' });
    expect(d.json().abilities).toEqual(expect.arrayContaining(['edit', 'submit', 'cancel']));
    const id = d.json().id;
    // No number before sign-off.
    expect((await staff.post(`${base}/documents/${id}/number`, {}, v(d))).statusCode).toBe(409);
    const sub = await staff.post(`${base}/documents/${id}/submit`, {}, v(d));
    expect(sub.json()).toMatchObject({ status: 'in_review', currentReviewer: { personId: people['cj.deputydirector'] } });
    // Not the director's turn; a stale version is 412.
    expect((await director.post(`${base}/documents/${id}/approve`, {}, v(sub))).statusCode).toBe(403);
    const dd = await as('cj.deputydirector');
    expect((await dd.post(`${base}/documents/${id}/approve`, {}, v(d))).statusCode).toBe(412);
    const ok = await dd.post(`${base}/documents/${id}/approve`, { comment: '同意' }, v(sub));
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'awaiting_signoff', reviews: [{ decision: 'approved', comment: '同意' }] });
    // Staff cannot sign: 403 naming the rule.
    const refused = await staff.post(`${base}/documents/${id}/sign`, {}, v(ok));
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.message).toMatch(/^A2-12/);
    const signed = await director.post(`${base}/documents/${id}/sign`, { opinion: '同意印发' }, v(ok));
    expect(signed.statusCode, signed.body).toBe(200);
    expect(signed.json()).toMatchObject({ status: 'signed', signoff: { via: 'post', signedOn: '2026-11-20', delegationId: null, opinion: '同意印发' }, number: null });
    const numbered = await staff.post(`${base}/documents/${id}/number`, {}, v(signed));
    expect(numbered.statusCode, numbered.body).toBe(200);
    expect(numbered.json().number).toMatchObject({ text: '昌建审改办〔2026〕1号', issuerCode: '昌建审改办', year: 2026, serial: 1 });
    const issued = await staff.post(`${base}/documents/${id}/issue`, {}, v(numbered));
    expect(issued.statusCode, issued.body).toBe(200);
    expect(issued.json()).toMatchObject({ status: 'issued', printedOn: '2026-11-20' });
    expect(issued.json().digest).toMatch(/^[0-9a-f]{64}$/);

    const history = (await director.get(`${base}/documents/${id}/history`)).json();
    expect(history.items.map((e: { action: string }) => e.action)).toEqual(['create', 'submit', 'approve_last', 'sign', 'number', 'issue', 'distribute']);
    const audit = await t.handle.db.selectFrom('auditLog').select('action').where('entityId', '=', id).orderBy('seq').execute();
    expect(audit.map((a) => a.action)).toEqual(['document.create', 'document.submit', 'document.approve_last', 'document.sign', 'document.number', 'document.issue', 'document.distribute']);
    // The outputs of the issued document.
    const pdf = await director.get(`${base}/documents/${id}/pdf`);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const docx = await director.get(`${base}/documents/${id}/docx`);
    expect(docx.rawPayload.readUInt32LE(0)).toBe(0x04034b50);
  });

  it('A2-12: a deputy director signs an office document only under the director\'s delegation, and only within its period', async () => {
    const director = await at('2026-11-20T02:00:00.000Z', 'cj.director');
    await director.put(`${base}/rules`, { reviewChain: { leading_group: [], office: [] }, incomingWorkingDays: { approval: 10, filing: 5, major_matter: 2 }, yellowWorkingDays: 1 }, { 'if-match': '"v1"' });
    const staff = await as('cj.staff');
    const d = await staff.post(`${base}/documents`, seedDraft({ title: '关于委托签发测试的通知', attachments: [] }));
    const s = await staff.post(`${base}/documents/${d.json().id}/submit`, {}, v(d));
    expect(s.json().status).toBe('awaiting_signoff');
    const dd = await as('cj.deputydirector');
    const no = await dd.post(`${base}/documents/${d.json().id}/sign`, {}, v(s));
    expect(no.statusCode).toBe(403);
    expect(no.json().error.message).toMatch(/^A2-12/);
    expect((await dd.get(`${base}/documents/${d.json().id}`)).json().abilities).not.toContain('sign');

    const del = await director.post(`/api/v1/organization/offices/${pref}/delegations`, { power: 'sign_office_documents', fromPersonId: people['cj.director'], toPersonId: people['cj.deputydirector'], startDate: '2026-11-15', endDate: '2026-11-30', reason: '出差' });
    expect(del.statusCode, del.body).toBe(201);
    expect((await dd.get(`${base}/documents/${d.json().id}`)).json().abilities).toContain('sign');
    const yes = await dd.post(`${base}/documents/${d.json().id}/sign`, {}, v(s));
    expect(yes.statusCode, yes.body).toBe(200);
    const directorName = (await t.handle.db.selectFrom('people').select('name').where('id', '=', people['cj.director']!).executeTakeFirstOrThrow()).name;
    const ddName = (await t.handle.db.selectFrom('people').select('name').where('id', '=', people['cj.deputydirector']!).executeTakeFirstOrThrow()).name;
    expect(yes.json().signoff).toMatchObject({ via: 'delegation', delegationId: del.json().id, onBehalfOfName: directorName, signerLabel: `${ddName}（代）`, signedOn: '2026-11-20' });

    // Outside the period: refused again.
    const late = await at('2026-12-02T02:00:00.000Z', 'cj.staff');
    const d2 = await late.post(`${base}/documents`, seedDraft({ title: '关于委托期外签发的通知', attachments: [] }));
    const s2 = await late.post(`${base}/documents/${d2.json().id}/submit`, {}, v(d2));
    const out = await (await as('cj.deputydirector')).post(`${base}/documents/${d2.json().id}/sign`, {}, v(s2));
    expect(out.statusCode).toBe(403);
    expect(out.json().error.message).toMatch(/^A2-12/);
    t.clock.set('2026-11-20T02:00:00.000Z');
  });

  it('A2-12: leading-group documents are signed by the leader, or by a deputy leader he delegated; an upward one shows 签发人', async () => {
    const staff = await as('cj.staff');
    const d = await staff.post(`${base}/documents`, seedDraft({ issuer: 'leading_group', direction: 'upward', kind: 'report', title: '关于工程建设项目审批制度改革进展情况的报告', addressees: [{ name: '自治区工程建设项目审批制度改革领导小组办公室' }], attachments: [], sealedOnBehalf: false }));
    expect(d.json()).toMatchObject({ issuerCode: '昌建审改', issuerName: '昌吉回族自治州工程建设项目审批制度改革领导小组' });
    const s = await staff.post(`${base}/documents/${d.json().id}/submit`, {}, v(d));
    // The director is a deputy leader too, but without a delegation he cannot sign the group's document.
    const director = await as('cj.director');
    const no = await director.post(`${base}/documents/${d.json().id}/sign`, {}, v(s));
    expect(no.statusCode).toBe(403);
    expect(no.json().error.message).toMatch(/^A2-12/);
    const noDeputy = await (await as('cj.deputy')).post(`${base}/documents/${d.json().id}/sign`, {}, v(s));
    expect(noDeputy.statusCode).toBe(403);
    const leader = await as('cj.leader');
    const yes = await leader.post(`${base}/documents/${d.json().id}/sign`, {}, v(s));
    expect(yes.statusCode, yes.body).toBe(200);
    expect(yes.json().signoff).toMatchObject({ via: 'post' });
    const n = await staff.post(`${base}/documents/${d.json().id}/number`, {}, v(yes));
    expect(n.json().number.text).toBe('昌建审改〔2026〕1号');
    const content = t.services.documents.content((await t.handle.db.selectFrom('documents').selectAll().where('id', '=', d.json().id).executeTakeFirstOrThrow()) as never);
    expect(content.signers).toEqual([yes.json().signoff.signedByName]);
    const docx = await staff.get(`${base}/documents/${d.json().id}/docx`);
    expect(docx.statusCode).toBe(200);

    // A deputy leader under the leader's delegation signs; the record says so.
    const del = await leader.post(`/api/v1/organization/offices/${pref}/delegations`, { power: 'sign_leading_group_documents', fromPersonId: people['cj.leader'], toPersonId: people['cj.deputy'], startDate: '2026-11-01', endDate: '2026-12-31' });
    expect(del.statusCode, del.body).toBe(201);
    const d2 = await staff.post(`${base}/documents`, seedDraft({ issuer: 'leading_group', title: '关于领导小组委托签发的通知', attachments: [] }));
    const s2 = await staff.post(`${base}/documents/${d2.json().id}/submit`, {}, v(d2));
    const yes2 = await (await as('cj.deputy')).post(`${base}/documents/${d2.json().id}/sign`, {}, v(s2));
    expect(yes2.statusCode, yes2.body).toBe(200);
    expect(yes2.json().signoff).toMatchObject({ via: 'delegation', delegationId: del.json().id });
    expect(yes2.json().signoff.signerLabel).toMatch(/（代）$/);
  });

  it('roles: a liaison cannot sign; a deputy director without delegation cannot sign an office document; a county director cannot sign a prefecture document', async () => {
    t.clock.set('2026-11-20T02:00:00.000Z');
    const staff = await as('cj.staff');
    const d = await staff.post(`${base}/documents`, seedDraft({ title: '关于角色测试的通知', attachments: [] }));
    const s = await staff.post(`${base}/documents/${d.json().id}/submit`, {}, v(d));
    const liaison = await (await as('cj.liaison')).post(`${base}/documents/${d.json().id}/sign`, {}, v(s));
    expect(liaison.statusCode).toBe(403);
    expect(liaison.json().error.message).toMatch(/^A2-12/);
    // A county director has no post in the prefecture at all: refused before anything else.
    const county = await (await as('fk.director')).post(`${base}/documents/${d.json().id}/sign`, {}, v(s));
    expect(county.statusCode).toBe(403);
    // The liaison cannot draft, number or see the draft.
    const l = await as('cj.liaison');
    expect((await l.post(`${base}/documents`, seedDraft())).statusCode).toBe(403);
    expect((await l.get(`${base}/documents/${d.json().id}`)).statusCode).toBe(404);
    expect((await l.post(`${base}/documents/${d.json().id}/number`, {}, v(s))).statusCode).toBe(403);
    // The deputy director's delegation (earlier test) ended on 2026-11-30; on 12-02 he is refused (checked above).
    const director = await as('cj.director');
    expect((await director.post(`${base}/documents/${d.json().id}/sign`, {}, v(s))).statusCode).toBe(200);
  });

  it('numbering: counters per issuer code and year, gap-free and duplicate-free under concurrent numbering (20 documents)', async () => {
    t.clock.set('2026-11-20T02:00:00.000Z');
    const N = Number(process.env.DOCS_RACE_N ?? 20);
    const docs = [];
    for (let i = 0; i < N; i++) docs.push(await signedDocument({ title: `关于并发编号测试的通知（${i + 1}）` }));
    const before = (await t.handle.db.selectFrom('documentNumbers').select(['serial']).where('issuerCode', '=', '昌建审改办').where('year', '=', 2026).execute()).map((r) => r.serial);
    const staff = await as('cj.staff');
    const agents: Agent[] = [staff];
    let second: { close(): Promise<void> } | null = null;
    if (dialect === 'postgres') {
      // A second process: its own app over its own pool to the same database, the same session.
      const h2 = createDb(t.handle.location, { poolSize: 8 });
      const app2 = await buildApp({ handle: h2, clock: t.clock, auditKey: TEST_AUDIT_KEY });
      await app2.ready();
      agents.push(agentFor(app2, staff.cookie, staff.csrf));
      second = { close: async () => { await app2.close(); await h2.close(); } };
    }
    // Besides the N requests: the first document numbered a second time at once, and one with a stale version. The
    // losers fail (409 / 412) and roll back their counter increment: still no gap.
    const extra = [
      agents[agents.length - 1]!.post(`${base}/documents/${docs[0]!.id}/number`, {}, { 'if-match': `"v${docs[0]!.version}"` }),
      staff.post(`${base}/documents/${docs[1]!.id}/number`, {}, { 'if-match': `"v${docs[1]!.version - 1}"` }),
    ];
    const all = await Promise.all([...docs.map((d, i) => agents[i % agents.length]!.post(`${base}/documents/${d.id}/number`, {}, { 'if-match': `"v${d.version}"` })), ...extra]);
    await second?.close();
    const results = all.filter((r) => r.statusCode === 200);
    expect(results).toHaveLength(N);
    expect(all.filter((r) => r.statusCode !== 200).map((r) => r.statusCode)).toEqual([412, 412]);
    const serials = results.map((r) => r.json().number.serial as number).sort((a, b) => a - b);
    const start = Math.max(0, ...before);
    expect(serials).toEqual(Array.from({ length: N }, (_, k) => start + k + 1));
    const register = (await staff.get(`${base}/register?year=2026&issuerCode=${encodeURIComponent('昌建审改办')}`)).json();
    expect(register.summary).toEqual([expect.objectContaining({ issuerCode: '昌建审改办', year: 2026, gaps: [], count: start + N, highest: start + N })]);
    const rows = await t.handle.db.selectFrom('documentNumbers').select(['serial']).where('issuerCode', '=', '昌建审改办').where('year', '=', 2026).execute();
    expect(new Set(rows.map((r) => r.serial)).size).toBe(rows.length);
    console.info(`numbering race [${dialect}]: ${N} documents over ${agents.length} app instance(s) → serials ${serials[0]}…${serials.at(-1)}, 0 gaps, 0 duplicates`);
  });

  it('numbering: the year is the numbering date\'s in China time — 1 January restarts at 1; the UNIQUE backstop refuses a duplicate', async () => {
    t.clock.set('2026-12-31T03:00:00.000Z');
    const a = await signedDocument({ title: '关于年末编号的通知' });
    t.clock.set('2026-12-31T16:30:00.000Z'); // 2027-01-01 00:30 in China
    const b = await signedDocument({ title: '关于年初编号的通知' });
    const staff = await as('cj.staff');
    const na = await staff.post(`${base}/documents/${a.id}/number`, {}, { 'if-match': `"v${a.version}"` });
    expect(na.json().number.year).toBe(2027);
    expect(na.json().number.text).toBe('昌建审改办〔2027〕1号');
    const nb = await staff.post(`${base}/documents/${b.id}/number`, {}, { 'if-match': `"v${b.version}"` });
    expect(nb.json().number.text).toBe('昌建审改办〔2027〕2号');
    await expect(
      t.handle.db.insertInto('documentNumbers').values({ id: 'dup', issuerCode: '昌建审改办', year: 2027, serial: 2, number: 'x', documentId: a.id, officeId: pref, assignedAt: 'x', assignedByName: null, voidedAt: null, voidReason: null }).execute(),
    ).rejects.toThrow();
    t.clock.set('2026-11-20T02:00:00.000Z');
  });

  it('void keeps the number in the register with its reason; it is never given again', async () => {
    const d = await signedDocument({ title: '关于作废文号测试的通知' });
    const staff = await as('cj.staff');
    const n = await staff.post(`${base}/documents/${d.id}/number`, {}, { 'if-match': `"v${d.version}"` });
    const num = n.json().number;
    const voided = await (await as('cj.director')).post(`${base}/documents/${d.id}/void`, { reason: '内容需重新起草' }, v(n));
    expect(voided.statusCode, voided.body).toBe(200);
    expect(voided.json()).toMatchObject({ status: 'voided', closeReason: '内容需重新起草', number: { text: num.text } });
    const entry = (await staff.get(`${base}/register?year=2026`)).json().items.find((i: { number: string }) => i.number === num.text);
    expect(entry).toMatchObject({ voidReason: '内容需重新起草', status: 'voided' });
    const next = await signedDocument({ title: '关于作废后编号的通知' });
    const n2 = await staff.post(`${base}/documents/${next.id}/number`, {}, { 'if-match': `"v${next.version}"` });
    expect(n2.json().number.serial).toBe(num.serial + 1);
    // A voided document cannot be issued, and an issued one cannot be voided.
    expect((await staff.post(`${base}/documents/${d.id}/issue`, {}, v(voided))).statusCode).toBe(409);
  });

  describe('issued documents are archived', () => {
    let id: string;
    let version: number;
    beforeAll(async () => {
      const d = await signedDocument({ title: '关于存档测试的通知', addressees: [{ name: '州发展和改革委员会', unitId: unitOfLiaison }], copyTo: [{ name: '昌吉市工程建设项目审批制度改革领导小组办公室', officeId: t.offices['昌吉市'] }, { name: '州党委办公室' }] });
      const staff = await as('cj.staff');
      const n = await staff.post(`${base}/documents/${d.id}/number`, {}, { 'if-match': `"v${d.version}"` });
      const i = await staff.post(`${base}/documents/${d.id}/issue`, {}, v(n));
      expect(i.statusCode, i.body).toBe(200);
      id = d.id;
      version = i.json().version;
    });

    it('archive: the API answers 409 to any change of an issued document', async () => {
      const staff = await as('cj.staff');
      const h = { 'if-match': `"v${version}"` };
      expect((await staff.put(`${base}/documents/${id}`, seedDraft({ attachments: [] }), h)).statusCode).toBe(409);
      for (const verb of ['submit', 'number', 'issue']) expect((await staff.post(`${base}/documents/${id}/${verb}`, {}, h)).statusCode, verb).toBe(409);
      expect((await staff.post(`${base}/documents/${id}/void`, { reason: '试图作废' }, h)).statusCode).toBe(409);
      expect((await staff.post(`${base}/documents/${id}/cancel`, { reason: '试图撤销' }, h)).statusCode).toBe(409);
      const up = multipart('附件.pdf', PDF, 'application/pdf');
      expect((await staff.request('POST', `${base}/documents/${id}/attachments`, up.body, { 'content-type': up.contentType })).statusCode).toBe(409);
    });

    it(`archive: the database refuses UPDATE and DELETE of an issued document by raw SQL [${dialect}]`, async () => {
      const db = t.handle.db;
      await expect(sql`update documents set title = 'tampered' where id = ${id}`.execute(db)).rejects.toThrow(/archived|cannot be changed/);
      await expect(sql`update documents set version = version + 1 where id = ${id}`.execute(db)).rejects.toThrow(/archived|cannot be changed/);
      await expect(sql`delete from documents where id = ${id}`.execute(db)).rejects.toThrow(/archived|cannot be changed/);
      if (dialect === 'sqlite') await expect(sql`insert or replace into documents select * from documents where id = ${id}`.execute(db)).rejects.toThrow(/archived/);
      expect((await db.selectFrom('documents').select('title').where('id', '=', id).executeTakeFirstOrThrow()).title).toBe('关于存档测试的通知');
    });

    it('digest: verify recomputes the SM3 digest (API and CLI); a change made behind the triggers is detected', async () => {
      const director = await as('cj.director');
      const ok = await director.get(`${base}/documents/${id}/verify`);
      expect(ok.json()).toMatchObject({ ok: true, problems: [] });
      expect(ok.json().computedDigest).toBe(ok.json().storedDigest);
      const env = { ...process.env, DATABASE_URL: dialect === 'sqlite' ? `sqlite:${t.handle.location}` : t.handle.location, AUDIT_KEY_FILE: join(tmpdir(), 'ro-documents-test-audit.key') };
      const cli = await run(process.execPath, [join(ROOT, 'bin/reform-office.js'), 'documents', 'verify', id], { env, cwd: ROOT });
      expect(cli.stdout).toMatch(/intact/);

      // Someone with database rights disables the trigger and edits the body: verify says so.
      const db = t.handle.db;
      if (dialect === 'postgres') await sql`alter table documents disable trigger documents_no_update_issued`.execute(db);
      else await sql`drop trigger documents_no_update_issued`.execute(db);
      await sql`update documents set body = body || '（篡改）' where id = ${id}`.execute(db);
      const bad = (await director.get(`${base}/documents/${id}/verify`)).json();
      expect(bad.ok).toBe(false);
      expect(bad.problems.join(' ')).toMatch(/digest/);
      const failed = await run(process.execPath, [join(ROOT, 'bin/reform-office.js'), 'documents', 'verify', id], { env, cwd: ROOT }).catch((e: { code: number; stdout: string }) => e);
      expect((failed as { code: number }).code).toBe(1);
      await sql`update documents set body = replace(body, '（篡改）', '') where id = ${id}`.execute(db);
      if (dialect === 'postgres') await sql`alter table documents enable trigger documents_no_update_issued`.execute(db);
      else await sql`create trigger documents_no_update_issued before update on documents when old.status = 'issued' begin select raise(abort, 'issued document is archived and cannot be changed'); end`.execute(db);
      expect((await director.get(`${base}/documents/${id}/verify`)).json().ok).toBe(true);
    });

    it('distribution: the unit and the county office receive it; opening it records a read receipt; both appear in the history', async () => {
      const liaison = await as('cj.liaison');
      const inbox = (await liaison.get(`${base}/received`)).json().items;
      const mine = inbox.find((x: { documentId: string }) => x.documentId === id);
      expect(mine).toMatchObject({ role: 'addressee', readAt: null });
      const open = await liaison.get(`${base}/received/${mine.distributionId}`);
      expect(open.statusCode, open.body).toBe(200);
      expect(open.json()).toMatchObject({ id, status: 'issued' });
      await liaison.get(`${base}/received/${mine.distributionId}`); // a second opening adds no receipt
      expect((await liaison.get(`${base}/received`)).json().items.find((x: { documentId: string }) => x.documentId === id).readAt).not.toBeNull();

      const county = await as('cjs.staff');
      const countyBase = `/api/v1/documents/offices/${t.offices['昌吉市']}`;
      const cItem = (await county.get(`${countyBase}/received`)).json().items.find((x: { documentId: string }) => x.documentId === id);
      expect(cItem).toMatchObject({ role: 'copy_to', fromOfficeName: '昌吉回族自治州' });
      const pdf = await county.get(`${countyBase}/received/${cItem.distributionId}/pdf`);
      expect(pdf.statusCode).toBe(200);
      // The liaison has no unit in the county: nothing received there. Another county never sees it.
      expect((await liaison.get(`${countyBase}/received`)).json().items).toEqual([]);
      const fk = await as('fk.director');
      expect((await fk.get(`/api/v1/documents/offices/${t.offices['阜康市']}/received`)).json().items).toHaveLength(0);
      expect((await fk.get(`/api/v1/documents/offices/${t.offices['阜康市']}/received/${cItem.distributionId}`)).statusCode).toBe(404);

      const director = await as('cj.director');
      const dist = (await director.get(`${base}/documents/${id}/distribution`)).json();
      expect(dist.items).toHaveLength(2);
      expect(dist.items.find((x: { recipientType: string }) => x.recipientType === 'unit').receipts).toHaveLength(1);
      expect(dist.items.find((x: { recipientType: string }) => x.recipientType === 'office').receipts).toHaveLength(1);
      expect(dist.external).toEqual([{ role: 'copy_to', name: '州党委办公室' }]);
      const actions = (await director.get(`${base}/documents/${id}/history`)).json().items.map((e: { action: string }) => e.action);
      expect(actions.slice(-3)).toEqual(['distribute', 'read', 'read']);
      // Further distribution later: recorded in the history, the document itself untouched.
      const staff = await as('cj.staff');
      const other = (await t.handle.db.selectFrom('units').select('id').where('officeId', '=', pref).where('id', '!=', unitOfLiaison).executeTakeFirstOrThrow()).id;
      const more = await staff.post(`${base}/documents/${id}/distribute`, { recipients: [{ role: 'copy_to', unitId: other }] });
      expect(more.statusCode, more.body).toBe(200);
      expect(more.json().items).toHaveLength(3);
      expect((await director.get(`${base}/documents/${id}/verify`)).json().ok).toBe(true);
    });
  });

  it('attachments are judged by content; a draft can be edited and cancelled; the list is scoped', async () => {
    const staff = await as('cj.staff');
    const d = await staff.post(`${base}/documents`, seedDraft({ title: '关于附件测试的通知', attachments: [] }));
    const fake = multipart('伪装.pdf', Buffer.from('not a pdf'));
    expect((await staff.request('POST', `${base}/documents/${d.json().id}/attachments`, fake.body, { 'content-type': fake.contentType })).statusCode).toBe(400);
    const up = multipart('附件1.pdf', PDF, 'application/pdf');
    const added = await staff.request('POST', `${base}/documents/${d.json().id}/attachments`, up.body, { 'content-type': up.contentType });
    expect(added.statusCode, added.body).toBe(201);
    const fileId = added.json().files[0].id;
    const edited = await staff.put(`${base}/documents/${d.json().id}`, seedDraft({ title: '关于附件测试的通知（修改）', attachments: [{ title: '附件一览表', fileId }] }), v(added));
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json().attachments).toEqual([{ title: '附件一览表', body: '', fileId }]);
    expect((await staff.get(`${base}/documents/${d.json().id}/attachments/${fileId}`)).rawPayload.equals(PDF)).toBe(true);
    const cancelled = await staff.post(`${base}/documents/${d.json().id}/cancel`, { reason: '不再发文' }, v(edited));
    expect(cancelled.json().status).toBe('cancelled');
    // The liaison's list holds issued documents only.
    const list = (await (await as('cj.liaison')).get(`${base}/documents`)).json().items;
    expect(list.length).toBeGreaterThan(0);
    expect(list.every((x: { status: string }) => x.status === 'issued')).toBe(true);
    expect((await staff.get(`${base}/documents?status=cancelled`)).json().items.map((x: { id: string }) => x.id)).toContain(d.json().id);
  });
});
