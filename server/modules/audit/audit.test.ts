import { sql } from 'kysely';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GRANTS } from '../../app.ts';
import type { AuditLogTable } from '../../db/schema.ts';
import type { Actor, RequestContext } from '../../platform/actor.ts';
import { auditHash, verifyAuditChain, type Audit } from '../../platform/audit.ts';
import { anonymous, createTestContext, describeEachDb, login, TEST_AUDIT_KEY, TEST_PASSWORD, type Agent, type TestContext } from '../../test/harness.ts';
import { createAccountsRepository } from '../accounts/accounts.repository.ts';
import { createAccountsService } from '../accounts/accounts.service.ts';
import { createAuthRepository } from '../auth/auth.repository.ts';
import { createAuthService } from '../auth/auth.service.ts';
import { createOrganizationService } from '../organization/organization.service.ts';

const CSV_HEADER = 'seq,at,actorName,actorPost,officeId,action,entityType,entityId,before,after,requestId,ip,hash';

/** RFC 4180: quoted cells, doubled quotes, CRLF rows. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  if (cell || row.length) rows.push([...row, cell]);
  return rows;
}

describeEachDb('audit trail', (dialect) => {
  let t: TestContext;
  let auditor: Agent;
  let director: Agent;
  let directorActor: Actor;
  let office: string;

  beforeAll(async () => {
    t = await createTestContext(dialect);
    office = t.offices['昌吉州']!;
    auditor = await login(t.app, 'auditadmin');
    director = await login(t.app, 'cj.director');
    const resolved = await t.services.auth.resolveSession(director.cookie.replace(/^ro_sid=/, ''));
    if (!resolved || !('actor' in resolved)) throw new Error('no director session');
    directorActor = resolved.actor;
  });
  afterAll(() => t.close());

  const db = () => t.handle.db;
  const codeOf = (res: LightMyRequestResponse) => (res.json() as { error?: { code: string } }).error?.code;
  const countAudit = async () => Number((await db().selectFrom('auditLog').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const ctx = (): RequestContext & { actor: Actor } => ({ actor: directorActor, requestId: 'test', ip: '127.0.0.1' });

  describe('every state change is audited in its own transaction', () => {
    /** An audit that writes its row and then fails, as a full disk or a lost connection would. */
    const failingAudit: Audit = {
      async record(trx, c, entry) {
        await t.services.audit.record(trx, c, entry);
        throw new Error('audit store unavailable');
      },
      inBatch: (trx, work) => t.services.audit.inBatch(trx, work),
    };

    it('when the audit write fails, the business change rolls back with it (organization)', async () => {
      const before = await countAudit();
      const org = createOrganizationService({ db: db(), repo: t.services.organizationRepo, audit: failingAudit, clock: t.clock, grants: GRANTS });
      await expect(org.createPerson(office, { name: '回滚测试人员' }, ctx())).rejects.toThrow('audit store unavailable');
      expect(await db().selectFrom('people').select('id').where('name', '=', '回滚测试人员').execute()).toEqual([]);
      expect(await countAudit()).toBe(before);

      // The same call with the real audit commits both the person and exactly one row.
      const person = await t.services.organization.createPerson(office, { name: '回滚测试人员' }, ctx());
      expect(await countAudit()).toBe(before + 1);
      const row = await db().selectFrom('auditLog').selectAll().orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
      expect(row).toMatchObject({ action: 'person.create', entityId: person.id, officeId: office, actorAccountId: directorActor.accountId });
      // The director also holds deputy_leader and group_member in this office; the row names one of the actor's posts there.
      expect(directorActor.posts.filter((p) => p.officeId === office).map((p) => p.post)).toContain(row.actorPost);
    });

    it('when the audit write fails, the business change rolls back with it (accounts, sessions)', async () => {
      const staff = (await t.services.accounts.findByUsername('cj.staff'))!;
      const session = await login(t.app, 'cj.staff');
      const staffActor = await t.services.auth.resolveSession(session.cookie.replace(/^ro_sid=/, ''));
      if (!staffActor || !('actor' in staffActor)) throw new Error('no staff session');
      const before = await countAudit();
      const auth = createAuthService({ db: db(), repo: createAuthRepository(), audit: failingAudit, clock: t.clock, findOffice: (id) => t.services.organizationRepo.findOffice(db(), id) });
      const accounts = createAccountsService({ db: db(), repo: createAccountsRepository(), auth, audit: failingAudit, clock: t.clock });

      await expect(accounts.create({ username: 'rollback.user', displayName: '回滚', systemDuty: 'audit_admin' }, ctx())).rejects.toThrow('audit store unavailable');
      await expect(accounts.setDisabled(staff.id, true, ctx())).rejects.toThrow('audit store unavailable');
      await expect(accounts.resetPassword(staff.id, ctx())).rejects.toThrow('audit store unavailable');
      await expect(auth.logout({ actor: staffActor.actor, requestId: 'test', ip: null })).rejects.toThrow('audit store unavailable');
      await expect(auth.login({ username: 'cj.staff', password: TEST_PASSWORD }, { actor: null, requestId: 'test', ip: null, userAgent: null })).rejects.toThrow('audit store unavailable');

      expect(await t.services.accounts.findByUsername('rollback.user')).toBeUndefined();
      // Not disabled, password unchanged, the session alive, no session made by the failed login.
      expect(await t.services.accounts.get(staff.id)).toMatchObject({ disabled: false, mustChangePassword: false, version: staff.version });
      expect((await session.get('/api/v1/auth/session')).statusCode).toBe(200);
      expect(await db().selectFrom('sessions').select('id').where('accountId', '=', staff.id).execute()).toHaveLength(1);
      expect(await countAudit()).toBe(before);
      await login(t.app, 'cj.staff', TEST_PASSWORD);
    });

    it('concurrent state changes keep one gap-free chain', async () => {
      const before = await countAudit();
      const results = await Promise.all(Array.from({ length: 8 }, (_, i) => director.post(`/api/v1/organization/offices/${office}/people`, { name: `并发${i}` })));
      expect(results.map((r) => r.statusCode)).toEqual(Array(8).fill(201));
      expect(await countAudit()).toBe(before + 8);
      expect(await verifyAuditChain(db(), TEST_AUDIT_KEY)).toEqual({ rows: before + 8, problems: [] });
    });

    it('transactions of many rows each (an import), side by side and one rolled back, keep one gap-free chain', async () => {
      const before = await countAudit();
      const many = (tag: string, n: number, fail = false) =>
        db().transaction().execute(async (trx) => {
          for (let i = 0; i < n; i++) await t.services.audit.record(trx, ctx(), { officeId: office, action: 'test.batch', entityType: 'test', entityId: `${tag}-${i}` });
          if (fail) throw new Error(`${tag} rolled back`);
        });
      const results = await Promise.allSettled([many('a', 40), many('b', 25, true), many('c', 30), many('d', 1)]);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
      // after the rolled-back one, the next transaction continues from the table, not from where that one had got to
      await many('e', 3);
      expect(await countAudit()).toBe(before + 40 + 30 + 1 + 3);
      expect(await verifyAuditChain(db(), TEST_AUDIT_KEY)).toEqual({ rows: before + 74, problems: [] });
      const rows = await db().selectFrom('auditLog').select(['seq', 'entityId']).where('action', '=', 'test.batch').orderBy('seq').execute();
      // each transaction's rows are consecutive: the lock was held from its first row to its end
      const runs = rows.map((r) => r.entityId!.split('-')[0]).filter((x, i, a) => i === 0 || a[i - 1] !== x);
      expect(runs.sort()).toEqual(['a', 'c', 'd', 'e']);
      expect(rows.some((r) => r.entityId!.startsWith('b-'))).toBe(false);
    });
  });

  describe('the database refuses to change the trail', () => {
    it('UPDATE and DELETE on audit_log are refused by triggers', async () => {
      const before = await countAudit();
      const first = await db().selectFrom('auditLog').selectAll().where('seq', '=', 1).executeTakeFirstOrThrow();
      await expect(sql`update audit_log set action = 'tampered' where seq = 1`.execute(db())).rejects.toThrow(/append-only/);
      await expect(sql`update audit_log set hash = prev_hash`.execute(db())).rejects.toThrow(/append-only/);
      await expect(sql`delete from audit_log where seq = 1`.execute(db())).rejects.toThrow(/append-only/);
      await expect(sql`delete from audit_log`.execute(db())).rejects.toThrow(/append-only/);
      await expect(db().updateTable('auditLog').set({ actorName: 'x' }).where('seq', '=', 2).execute()).rejects.toThrow(/append-only/);
      if (dialect === 'postgres') await expect(sql`truncate audit_log`.execute(db())).rejects.toThrow(/append-only/);
      expect(await db().selectFrom('auditLog').selectAll().where('seq', '=', 1).executeTakeFirstOrThrow()).toEqual(first);
      expect(await countAudit()).toBe(before);
    });

    it('an insert that would overwrite an existing row (REPLACE, upsert) is refused too', async () => {
      const first = await db().selectFrom('auditLog').selectAll().where('seq', '=', 1).executeTakeFirstOrThrow();
      const f = { ...first, id: `${first.id}-x`, action: 'tampered' };
      const values = sql`(${f.seq}, ${f.id}, ${f.at}, ${f.actorAccountId}, ${f.actorName}, ${f.actorPost}, ${f.officeId}, ${f.action}, ${f.entityType}, ${f.entityId}, ${f.before}, ${f.after}, ${f.requestId}, ${f.ip}, ${f.prevHash}, ${f.hash})`;
      const columns = sql`(seq, id, at, actor_account_id, actor_name, actor_post, office_id, action, entity_type, entity_id, before, after, request_id, ip, prev_hash, hash)`;
      const attempts = [
        sql`insert into audit_log ${columns} values ${values} on conflict (seq) do update set action = excluded.action`,
        sql`insert into audit_log ${columns} values ${values} on conflict (id) do update set action = excluded.action`,
      ];
      // SQLite's REPLACE deletes the conflicting row without firing delete triggers.
      if (dialect === 'sqlite') attempts.push(sql`insert or replace into audit_log ${columns} values ${values}`, sql`replace into audit_log ${columns} values ${values}`);
      for (const attempt of attempts) await expect(attempt.execute(db())).rejects.toThrow();
      expect(await db().selectFrom('auditLog').selectAll().where('seq', '=', 1).executeTakeFirstOrThrow()).toEqual(first);
      expect(await verifyAuditChain(db(), TEST_AUDIT_KEY)).toMatchObject({ problems: [] });
    });
  });

  describe('the audit admin reads the trail', () => {
    it('lists newest first with filters, and pages with nextBefore until null', async () => {
      const total = await countAudit();
      const first = await auditor.get('/api/v1/audit/entries?limit=7');
      expect(first.statusCode).toBe(200);
      const page = first.json() as { items: Array<Record<string, unknown> & { seq: number }>; nextBefore: number | null };
      expect(page.items).toHaveLength(7);
      expect(page.items.map((i) => i.seq)).toEqual(Array.from({ length: 7 }, (_, i) => total - i));
      expect(page.nextBefore).toBe(total - 6);
      expect(page.items[0]).not.toHaveProperty('prevHash');
      const seen: number[] = [];
      let before: number | null = null;
      for (let guard = 0; guard < 100; guard++) {
        const res = await auditor.get(`/api/v1/audit/entries?limit=7${before ? `&before=${before}` : ''}`);
        const p = res.json() as typeof page;
        seen.push(...p.items.map((i) => i.seq));
        before = p.nextBefore;
        if (before === null) break;
      }
      expect(seen).toEqual(Array.from({ length: total }, (_, i) => total - i));

      const directorId = directorActor.accountId;
      const logins = (await auditor.get(`/api/v1/audit/entries?action=login.success&actorAccountId=${directorId}`)).json().items;
      expect(logins.length).toBeGreaterThanOrEqual(1);
      for (const e of logins) expect(e).toMatchObject({ action: 'login.success', actorAccountId: directorId, entityType: 'session' });

      const created = (await auditor.get(`/api/v1/audit/entries?officeId=${office}&entityType=person&action=person.create`)).json().items;
      expect(created.length).toBeGreaterThanOrEqual(9);
      // before/after are JSON, not strings.
      expect(created.find((e: { after: { name: string } }) => e.after.name === '回滚测试人员')).toBeDefined();
    });

    it('filters by time', async () => {
      // Sessions made at the start would expire across this jump: use the service and a fresh login.
      t.clock.set('2026-12-01T00:00:00.000Z');
      try {
        await t.services.organization.createPerson(office, { name: '十二月' }, ctx());
        t.clock.set('2026-12-01T01:00:00.000Z');
        const later = await login(t.app, 'auditadmin');
        const window = await later.get('/api/v1/audit/entries?from=2026-12-01T00:00:00.000Z&to=2026-12-01T00:30:00.000Z');
        expect(window.json().items.map((e: { action: string; after: { name: string } }) => `${e.action}:${e.after.name}`)).toEqual(['person.create:十二月']);
        const since = await later.get('/api/v1/audit/entries?from=2026-12-01T00:00:00.000Z');
        expect(since.json().items.map((e: { action: string }) => e.action)).toEqual(['login.success', 'person.create']);
        // The same instant without milliseconds is the same bound.
        const noMillis = await later.get('/api/v1/audit/entries?from=2026-12-01T00:00:00Z&to=2026-12-01T00:30:00Z');
        expect(noMillis.json().items.map((e: { action: string }) => e.action)).toEqual(['person.create']);
        const before = await later.get('/api/v1/audit/entries?from=2026-11-30T00:00:00Z&to=2026-12-01T00:00:00Z');
        expect(before.json().items).toEqual([]);
        const earlier = (await later.get('/api/v1/audit/entries?to=2026-12-01T00:00:00.000Z&limit=500')).json().items as Array<{ at: string }>;
        expect(earlier.length).toBe((await countAudit()) - 2);
        expect(earlier.every((e) => e.at < '2026-12-01T00:00:00.000Z')).toBe(true);
      } finally {
        t.clock.set('2026-11-20T02:00:00.000Z');
      }
    });

    it('refuses bad queries', async () => {
      expect((await auditor.get('/api/v1/audit/entries?limit=501')).statusCode).toBe(400);
      expect((await auditor.get('/api/v1/audit/entries?before=-1')).statusCode).toBe(400);
      expect((await auditor.get('/api/v1/audit/entries?from=yesterday')).statusCode).toBe(400);
      expect((await auditor.get('/api/v1/audit/entries?sql=1')).statusCode).toBe(400);
    });

    it('exports CSV: header, quoted rows, and spreadsheet formulas neutralised', async () => {
      // Display names are the cells a user controls: log in once with each so they appear as actorName.
      const names = ['=1+1', '+SUM(A1:A9)', '-2+3', '@cmd'];
      for (const [i, displayName] of names.entries()) {
        await t.services.accounts.create({ username: `formula${i}`, displayName, systemDuty: 'audit_admin' }, { actor: null, requestId: 'test', ip: null }, { password: TEST_PASSWORD, mustChange: false });
        await login(t.app, `formula${i}`);
      }
      const res = await auditor.get('/api/v1/audit/export');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toMatch(/^attachment; filename="audit-\d{4}-\d{2}-\d{2}\.csv"$/);
      expect(res.body.startsWith('\uFEFF')).toBe(true);
      const rows = parseCsv(res.body.slice(1));
      expect(rows[0]!.join(',')).toBe(CSV_HEADER);
      expect(res.body.slice(1).split('\r\n')[0]).toBe(CSV_HEADER);
      const total = await countAudit();
      expect(rows).toHaveLength(total + 1);
      for (const r of rows) expect(r).toHaveLength(13);
      expect(rows.slice(1).map((r) => Number(r[0]))).toEqual(Array.from({ length: total }, (_, i) => total - i));

      // One row checked cell by cell against the database.
      const dbRow = await db().selectFrom('auditLog').selectAll().where('action', '=', 'person.create').orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
      const csvRow = rows.find((r) => r[0] === String(dbRow.seq))!;
      expect(csvRow).toEqual([
        String(dbRow.seq), dbRow.at, dbRow.actorName ?? '', dbRow.actorPost ?? '', dbRow.officeId ?? '', dbRow.action, dbRow.entityType, dbRow.entityId ?? '',
        dbRow.before ?? '', dbRow.after ?? '', dbRow.requestId ?? '', dbRow.ip ?? '', dbRow.hash,
      ]);
      expect(JSON.parse(csvRow[9]!)).toMatchObject({ name: '十二月' });

      const actorNames = new Set(rows.slice(1).map((r) => r[2]));
      for (const n of names) {
        expect(actorNames.has(`'${n}`), n).toBe(true);
        expect(actorNames.has(n), n).toBe(false);
      }
      // No cell of the file starts a formula.
      for (const r of rows.slice(1)) for (const cell of r) expect(cell).not.toMatch(/^[=+\-@]/);

      const filtered = parseCsv((await auditor.get('/api/v1/audit/export?action=login.success')).body.slice(1)).slice(1);
      expect(filtered.length).toBeGreaterThanOrEqual(names.length);
      expect(new Set(filtered.map((r) => r[5]))).toEqual(new Set(['login.success']));
    });

    it('nobody else reads, exports or verifies the trail', async () => {
      const others = await Promise.all(['sysadmin', 'secadmin', 'cj.director', 'cj.leader'].map((u) => login(t.app, u)));
      for (const agent of others) {
        for (const url of ['/api/v1/audit/entries', '/api/v1/audit/export', '/api/v1/audit/verify']) {
          const res = await agent.get(url);
          expect(res.statusCode, url).toBe(403);
          expect(res.body).not.toContain('hash');
        }
      }
      expect((await anonymous(t.app).get('/api/v1/audit/entries')).statusCode).toBe(401);
    });
  });

  describe('a DBA who drops the triggers is caught by the hash chain', () => {
    type Row = AuditLogTable;
    let k: number;
    let original: Row[];

    const verify = () => verifyAuditChain(db(), TEST_AUDIT_KEY);
    /** Both the library call and the audit admin's API give the same verdict. */
    async function expectProblems(problems: Array<{ seq: number; kind: string }>) {
      const direct = await verify();
      expect(direct.problems.map(({ seq, kind }) => ({ seq, kind }))).toEqual(problems);
      const api = await auditor.get('/api/v1/audit/verify');
      expect(api.statusCode).toBe(200);
      expect(api.json().ok).toBe(problems.length === 0);
      expect(api.json().problems.map(({ seq, kind }: { seq: number; kind: string }) => ({ seq, kind }))).toEqual(problems);
    }
    const rowAt = (seq: number) => original.find((r) => r.seq === seq)!;
    const put = (row: Row) => db().insertInto('auditLog').values(row).execute();
    const remove = (seq: number) => db().deleteFrom('auditLog').where('seq', '=', seq).execute();

    beforeAll(async () => {
      await expectProblems([]);
      if (dialect === 'postgres') {
        await sql`drop trigger audit_log_no_update on audit_log`.execute(db());
        await sql`drop trigger audit_log_no_truncate on audit_log`.execute(db());
      } else {
        await sql`drop trigger audit_log_no_update`.execute(db());
        await sql`drop trigger audit_log_no_delete`.execute(db());
        await sql`drop trigger audit_log_no_replace`.execute(db());
      }
      original = await db().selectFrom('auditLog').selectAll().orderBy('seq').execute();
      k = Math.floor(original.length / 2);
      expect(k).toBeGreaterThan(5);
    });

    it('an intact chain verifies', async () => {
      const r = await verify();
      expect(r).toEqual({ rows: original.length, problems: [] });
      expect((await auditor.get('/api/v1/audit/verify')).json()).toEqual({ rows: original.length, ok: true, problems: [] });
    });

    it('an edited row is altered at its seq', async () => {
      await sql`update audit_log set after = ${'{"name":"篡改"}'} where seq = ${k}`.execute(db());
      await expectProblems([{ seq: k, kind: 'altered' }]);
      await db().updateTable('auditLog').set({ after: rowAt(k).after }).where('seq', '=', k).execute();
      // Editing any single field is seen, the time or the actor as much as the content.
      await db().updateTable('auditLog').set({ at: '2020-01-01T00:00:00.000Z' }).where('seq', '=', k + 1).execute();
      await db().updateTable('auditLog').set({ actorName: '别人' }).where('seq', '=', k + 3).execute();
      await expectProblems([{ seq: k + 1, kind: 'altered' }, { seq: k + 3, kind: 'altered' }]);
      await db().updateTable('auditLog').set({ at: rowAt(k + 1).at }).where('seq', '=', k + 1).execute();
      await db().updateTable('auditLog').set({ actorName: rowAt(k + 3).actorName }).where('seq', '=', k + 3).execute();
      await expectProblems([]);
    });

    it('a row deleted in the middle is missing at its seq (and so is the first row)', async () => {
      await remove(k);
      await expectProblems([{ seq: k, kind: 'missing' }]);
      await remove(1);
      await expectProblems([{ seq: 1, kind: 'missing' }, { seq: k, kind: 'missing' }]);
      await put(rowAt(k));
      await put(rowAt(1));
      await expectProblems([]);
    });

    it('two rows whose seq values were swapped are reported at those two positions', async () => {
      await db().updateTable('auditLog').set({ seq: -1 }).where('seq', '=', k).execute();
      await db().updateTable('auditLog').set({ seq: k }).where('seq', '=', k + 1).execute();
      await db().updateTable('auditLog').set({ seq: k + 1 }).where('seq', '=', -1).execute();
      await expectProblems([{ seq: k, kind: 'altered' }, { seq: k + 1, kind: 'altered' }]);
      await remove(k);
      await remove(k + 1);
      await put(rowAt(k));
      await put(rowAt(k + 1));
      await expectProblems([]);
    });

    it('a row inserted with a forged hash is altered at its seq', async () => {
      const last = original[original.length - 1]!;
      const fields = { ...last, seq: last.seq + 1, id: `${last.id}-forged`, action: 'account.create', prevHash: last.hash };
      const { hash: _ignored, ...unsigned } = fields;
      await put({ ...fields, hash: auditHash(Buffer.alloc(32, 1), unsigned) }); // signed with a guessed key
      await expectProblems([{ seq: last.seq + 1, kind: 'altered' }]);
      await remove(last.seq + 1);
      await put({ ...fields, hash: last.hash }); // a copied hash
      await expectProblems([{ seq: last.seq + 1, kind: 'altered' }]);
      await remove(last.seq + 1);
      await expectProblems([]);
    });

    it('a genuine row from another chain (signed with the same key) is out of order where it does not link', async () => {
      const row = rowAt(k);
      const { hash: _ignored, ...unsigned } = { ...row, prevHash: 'f'.repeat(64) };
      const spliced = { ...unsigned, hash: auditHash(TEST_AUDIT_KEY, unsigned) };
      await remove(k);
      await put(spliced);
      // Row k does not follow k-1, and k+1 does not follow the spliced k.
      await expectProblems([{ seq: k, kind: 'out_of_order' }, { seq: k + 1, kind: 'out_of_order' }]);
      await remove(k);
      await put(row);
      await expectProblems([]);
    });

    it('the restored chain is the original, row for row', async () => {
      expect(await db().selectFrom('auditLog').selectAll().orderBy('seq').execute()).toEqual(original);
      expect(codeOf(await auditor.get('/api/v1/audit/verify'))).toBeUndefined();
    });
  });

  describe('rows recorded in a batch (inBatch: the Excel import)', () => {
    // Last in the file: it adds 1,900 rows, and the listing tests above count what is there.
    it('are chained as if recorded one by one, written when the work returns, and roll back with the transaction', async () => {
      const before = await countAudit();
      const seen: number[] = [];
      await db().transaction().execute((trx) =>
        t.services.audit.inBatch(trx, async () => {
          for (let i = 0; i < 1203; i++) await t.services.audit.record(trx, ctx(), { officeId: office, action: 'test.inbatch', entityType: 'test', entityId: `k-${i}`, after: { i } });
          // not written yet, even as seen from inside the transaction
          seen.push(Number((await trx.selectFrom('auditLog').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n));
        }),
      );
      expect(seen).toEqual([before]);
      expect(await countAudit()).toBe(before + 1203);
      const rows = await db().selectFrom('auditLog').select(['seq', 'entityId']).where('action', '=', 'test.inbatch').orderBy('seq').execute();
      expect(rows.map((r) => r.entityId)).toEqual(Array.from({ length: 1203 }, (_, i) => `k-${i}`));
      expect(rows[0]!.seq).toBe(before + 1);
      expect(await verifyAuditChain(db(), TEST_AUDIT_KEY)).toEqual({ rows: before + 1203, problems: [] });

      // A batch side by side with single rows, and one rolled back: one gap-free chain, nothing of the failed one.
      const batched = (tag: string, n: number, fail = false) =>
        db().transaction().execute((trx) =>
          t.services.audit.inBatch(trx, async () => {
            for (let i = 0; i < n; i++) await t.services.audit.record(trx, ctx(), { officeId: office, action: 'test.inbatch2', entityType: 'test', entityId: `${tag}-${i}` });
            if (fail) throw new Error(`${tag} rolled back`);
          }),
        );
      const single = director.post(`/api/v1/organization/offices/${office}/people`, { name: '批量旁的单条' });
      const results = await Promise.allSettled([batched('x', 700), batched('y', 50, true), single, batched('z', 3)]);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
      expect(await countAudit()).toBe(before + 1203 + 700 + 1 + 3);
      expect(await verifyAuditChain(db(), TEST_AUDIT_KEY)).toEqual({ rows: before + 1907, problems: [] });
      expect(await db().selectFrom('auditLog').select('seq').where('entityId', 'like', 'y-%').execute()).toEqual([]);
    });
  });
});
