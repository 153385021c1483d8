// The CLI as an operator runs it: `node bin/reform-office.js …` in a child process, on a SQLite file in DATA_DIR.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '../server/db/db.ts';
import { verifyAuditChain } from '../server/platform/audit.ts';
import { checkPasswordPolicy, DEFAULT_SECURITY_POLICY } from '../server/modules/auth/password-policy.ts';

const ROOT = resolve(import.meta.dirname, '..');
const DEMO_PASSWORD = 'Demo-Pass-2026!';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

describe('reform-office CLI', () => {
  let dir: string;
  let dbFile: string;
  let backupFile: string;

  /** Runs the CLI with its own DATA_DIR (and nothing of the caller's database settings). */
  function cli(...args: string[]): Promise<Run> {
    const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dir, LOG_LEVEL: 'warn' };
    delete env.DATABASE_URL;
    delete env.AUDIT_KEY_FILE;
    return new Promise((done, fail) => {
      const child = spawn(process.execPath, [join(ROOT, 'bin/reform-office.js'), ...args], { cwd: ROOT, env });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('error', fail);
      child.on('close', (code) => done({ code, stdout, stderr }));
    });
  }
  /** Reads the database file directly, as a DBA would. */
  function withFile<T>(file: string, fn: (db: SQLite.Database) => T): T {
    const db = new SQLite(file);
    try {
      return fn(db);
    } finally {
      db.close();
    }
  }
  const usernames = (file: string) => withFile(file, (db) => (db.prepare('select username from accounts order by username').all() as Array<{ username: string }>).map((r) => r.username));

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'ro-cli-'));
    dbFile = join(dir, 'reform-office.db');
    backupFile = join(dir, 'backup.db');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('demo --password loads the demo and prints the logins', async () => {
    const r = await cli('demo', '--password', DEMO_PASSWORD);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    for (const username of ['sysadmin', 'secadmin', 'auditadmin', 'cj.director', 'cj.liaison', 'fk.director']) {
      expect(r.stdout).toMatch(new RegExp(`^\\s+${username.replace('.', '\\.')}\\s+${DEMO_PASSWORD}\\s`, 'm'));
    }
    expect(existsSync(dbFile)).toBe(true);
    expect(readFileSync(join(dir, 'audit.key'), 'utf8')).toMatch(/^[0-9a-f]{64}$/);
    // A password given on the command line is the one set, with no forced change.
    const row = withFile(dbFile, (db) => db.prepare('select must_change_password as m, system_duty as d from accounts where username = ?').get('sysadmin')) as { m: number; d: string };
    expect(row).toEqual({ m: 0, d: 'system_admin' });
  });

  it('audit verify says the chain is intact and exits 0', async () => {
    const r = await cli('audit', 'verify');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^audit chain intact: \d+ rows$/m);
  });

  it('backup writes a valid SQLite database with the same content', async () => {
    const r = await cli('backup', backupFile);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(backupFile);
    withFile(backupFile, (db) => {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const tables = (db.prepare("select name from sqlite_master where type = 'table'").all() as Array<{ name: string }>).map((t) => t.name);
      expect(tables).toEqual(expect.arrayContaining(['audit_log', 'accounts', 'offices', 'people']));
    });
    expect(usernames(backupFile)).toEqual(usernames(dbFile));
  });

  it('user add prints a one-time password that meets the policy', async () => {
    const r = await cli('user', 'add', '--username', 'u1', '--name', 'N', '--duty', 'audit_admin');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const [username, password] = r.stdout.trim().split('\t');
    expect(username).toBe('u1');
    expect(checkPasswordPolicy(password!, DEFAULT_SECURITY_POLICY, 'u1')).toEqual([]);
    const row = withFile(dbFile, (db) => db.prepare('select must_change_password as m, system_duty as d, person_id as p from accounts where username = ?').get('u1'));
    expect(row).toEqual({ m: 1, d: 'audit_admin', p: null });
  });

  it('user add refuses a person and a system duty together (exit 2), so the duties stay separate', async () => {
    const personId = withFile(dbFile, (db) => (db.prepare('select id from people where id not in (select person_id from accounts where person_id is not null) limit 1').get() as { id: string }).id);
    const r = await cli('user', 'add', '--username', 'both', '--name', 'B', '--person-id', personId, '--duty', 'system_admin');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error VALIDATION_FAILED/);
    expect(usernames(dbFile)).not.toContain('both');
  });

  it('restore brings back the backed-up state: an account added after the backup is gone, the chain intact', async () => {
    expect(usernames(dbFile)).toContain('u1');
    const r = await cli('restore', backupFile);
    expect(r.code).toBe(0);
    expect(usernames(dbFile)).not.toContain('u1');
    expect(usernames(dbFile)).toEqual(usernames(backupFile));
    const handle = createDb(`sqlite:${dbFile}`);
    try {
      const key = Buffer.from(readFileSync(join(dir, 'audit.key'), 'utf8').trim(), 'hex');
      expect((await verifyAuditChain(handle.db, key)).problems).toEqual([]);
    } finally {
      await handle.close();
    }
  });

  it('audit verify exits 1 and names the seq when a DBA dropped the trigger and edited a row', async () => {
    withFile(dbFile, (db) => {
      expect(() => db.prepare("update audit_log set action = 'x' where seq = 3").run()).toThrow(/append-only/);
      db.exec('drop trigger audit_log_no_update');
      db.prepare("update audit_log set after = '{\"tampered\":true}' where seq = 3").run();
    });
    const r = await cli('audit', 'verify');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^audit chain BROKEN: 1 problem\(s\) in \d+ rows$/m);
    expect(r.stdout).toMatch(/^\s+seq 3: altered — /m);
  });

  it('an unknown command prints the usage and exits 2', async () => {
    const r = await cli('frobnicate');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('reform-office — 审改办工作平台');
    expect(r.stdout).toBe('');
  });
});
