// `reform-office <noun> <verb>`: calls services directly, never HTTP.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { userInfo } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import SQLite from 'better-sqlite3';
import { createServices } from '../server/app.ts';
import { loadAuditKey, loadConfig } from '../server/config.ts';
import { createDb } from '../server/db/db.ts';
import { migrateToLatest } from '../server/db/migrate.ts';
import { ensureSystemAccounts, isEmpty, loadDemo, type DemoLogin } from '../server/demo/demo.ts';
import { startServer } from '../server/main.ts';
import { systemClock } from '../server/platform/clock.ts';
import { AppError } from '../server/platform/errors.ts';
import { SYSTEM_DUTIES, type SystemDuty } from '../shared/roles.ts';
import { CalendarYearPutSchema } from '../shared/contracts/calendar.ts';

const USAGE = `reform-office — 审改办工作平台

  start                         build the web app if out of date, migrate, load the demo if empty, serve
  serve                         migrate and serve (no demo)
  migrate                       apply database migrations
  demo [--password P]           load the Changji demo into an empty database
  user add --username U --name N (--person-id ID | --duty system_admin|security_admin|audit_admin)
  user reset-password <username>
  user disable <username>
  audit verify                  check the audit hash chain; exit 1 and name each break
  minutes verify <id>           recompute archived minutes' SM3 digest (存档备查); exit 1 when it no longer matches
  documents verify <id>         recompute an issued document's SM3 digest; exit 1 when it does not match
  calendar deadline --after YYYY-MM-DD --working-days N    the Nth working day after a date
  calendar is-workday YYYY-MM-DD                          yes / no (exit 2: bad date or year not loaded)
  calendar status               loaded years; warns from December when next year is missing
  calendar import <year> <file> load a year file (JSON: {days:[{date,kind,name}]} or chinese-days' {holidays,workdays})
  backup <file>                 SQLite online backup (PostgreSQL: prints the pg_dump command)
  restore <file>                replace the SQLite database with a backup (server stopped)

Environment: DATABASE_URL (sqlite:… or postgres://…), PORT, HOST, DATA_DIR, AUDIT_KEY_FILE, LOG_LEVEL`;

const config = loadConfig(process.env);
const ctx = { actor: null, requestId: `cli:${userInfo().username}`, ip: null };

function printLogins(logins: DemoLogin[]) {
  if (logins.length === 0) return;
  console.log('\n登录账号 / logins (one-time passwords must be changed at first login unless set with --password):');
  for (const l of logins) console.log(`  ${l.username.padEnd(18)} ${l.password.padEnd(18)} ${l.role}  ${l.office}`);
  console.log('');
}

async function withServices<T>(fn: (s: ReturnType<typeof createServices>, h: ReturnType<typeof createDb>) => Promise<T>): Promise<T> {
  const handle = createDb(config.databaseUrl);
  try {
    await migrateToLatest(handle.db);
    return await fn(createServices({ handle, clock: systemClock, auditKey: loadAuditKey(config.auditKeyFile) }), handle);
  } finally {
    await handle.close();
  }
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/** The folder with package.json above this file (cli/ in the sources, build/<stamp>/ in the bundle). */
function projectRoot(): string {
  for (let dir = import.meta.dirname; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${import.meta.dirname}`);
  }
}

/** Builds the web app when dist/web is missing or older than web/ and shared/. */
function buildWebIfStale() {
  const index = join(config.webDist, 'index.html');
  const root = projectRoot();
  const sources = Math.max(newestMtime(join(root, 'web')), newestMtime(join(root, 'shared')), statSync(join(root, 'vite.config.ts')).mtimeMs);
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return;
  console.log('构建前端 / building the web app …');
  execFileSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build'], { cwd: root, stdio: 'inherit' });
}

async function main(argv: string[]): Promise<number> {
  const [noun, verb, ...rest] = argv;
  switch (noun) {
    case 'start':
    case 'serve': {
      const { values } = parseArgs({ args: argv.slice(1), options: { 'demo-password': { type: 'string' } } });
      if (noun === 'start') buildWebIfStale();
      const s = await startServer(config, { demo: noun === 'start', demoPassword: values['demo-password'] });
      printLogins(s.logins);
      console.log(`审改办工作平台 / reform-office: ${s.url.replace('127.0.0.1', 'localhost')}  (API docs: ${s.url}/api/docs)`);
      return -1; // keep running
    }
    case 'migrate':
      return withServices(async () => {
        console.log('migrated');
        return 0;
      });
    case 'demo': {
      const { values } = parseArgs({ args: argv.slice(1), options: { password: { type: 'string' } } });
      return withServices(async (s, h) => {
        const opts = values.password ? { password: values.password, mustChangePassword: false } : {};
        const logins = [...(await ensureSystemAccounts(s, opts))];
        if (!(await isEmpty(s, h.db))) {
          console.error('数据库非空，未加载演示数据 / the database is not empty: demo not loaded');
          printLogins(logins);
          return 2;
        }
        logins.push(...(await loadDemo(h, s, systemClock, opts)));
        printLogins(logins);
        return 0;
      });
    }
    case 'user':
      return withServices(async (s) => {
        if (verb === 'add') {
          const { values } = parseArgs({ args: rest, options: { username: { type: 'string' }, name: { type: 'string' }, 'person-id': { type: 'string' }, duty: { type: 'string' } } });
          if (!values.username || !values.name) throw new AppError('VALIDATION_FAILED', '需要 --username 和 --name / --username and --name are required');
          if (values.duty && !SYSTEM_DUTIES.includes(values.duty as SystemDuty)) throw new AppError('VALIDATION_FAILED', `--duty must be one of ${SYSTEM_DUTIES.join(', ')}`);
          const r = await s.accounts.create({ username: values.username, displayName: values.name, personId: values['person-id'] ?? null, systemDuty: (values.duty as SystemDuty) ?? null }, ctx);
          console.log(`${r.account.username}\t${r.oneTimePassword}\t(one-time password; change at first login)`);
          return 0;
        }
        const username = rest[0];
        const account = username ? await s.accounts.findByUsername(username) : undefined;
        if (!account) throw new AppError('NOT_FOUND', `no account ${username ?? ''}`);
        if (verb === 'reset-password') {
          const r = await s.accounts.resetPassword(account.id, ctx);
          console.log(`${account.username}\t${r.oneTimePassword}\t(one-time password; all sessions ended)`);
          return 0;
        }
        if (verb === 'disable') {
          await s.accounts.setDisabled(account.id, true, ctx);
          console.log(`${account.username} disabled; sessions ended`);
          return 0;
        }
        console.error(USAGE);
        return 2;
      });
    case 'audit':
      if (verb !== 'verify') break;
      return withServices(async (s) => {
        const r = await s.auditTrail.verify();
        if (r.ok) {
          console.log(`audit chain intact: ${r.rows} rows`);
          return 0;
        }
        console.log(`audit chain BROKEN: ${r.problems.length} problem(s) in ${r.rows} rows`);
        for (const p of r.problems) console.log(`  seq ${p.seq}: ${p.kind} — ${p.detail}`);
        return 1;
      });
    case 'documents':
      if (verb !== 'verify' || !rest[0]) break;
      return withServices(async (s) => {
        const r = await s.documents.verify(null, rest[0]!);
        console.log(`${r.number ?? r.documentId}: ${r.ok ? 'intact' : 'NOT intact'} (SM3 ${r.computedDigest})`);
        for (const p of r.problems) console.log(`  ${p}`);
        return r.ok ? 0 : 1;
      });
    case 'minutes':
      if (verb !== 'verify' || !rest[0]) break;
      return withServices(async (s) => {
        const r = await s.meetings.verifyMinutes(rest[0]!);
        console.log(`${r.ok ? 'minutes intact' : 'minutes CHANGED'}: ${r.minutesId} archived ${r.archivedAt}, SM3 ${r.digest}${r.ok ? '' : ` (now ${r.computedDigest})`}, ${r.attachments} attachment(s)`);
        for (const p of r.problems) console.log(`  ${p.kind}: ${p.detail}`);
        return r.ok ? 0 : 1;
      });
    case 'calendar':
      return withServices(async (s) => {
        await s.calendar.seedFromPackage();
        if (verb === 'deadline') {
          const { values } = parseArgs({ args: rest, options: { after: { type: 'string' }, 'working-days': { type: 'string' } } });
          const n = Number(values['working-days']);
          if (!values.after || !Number.isInteger(n) || n < 0) throw new AppError('VALIDATION_FAILED', '需要 --after YYYY-MM-DD 和 --working-days N / need --after and --working-days');
          console.log((await s.calendar.deadline(values.after, n)).date);
          return 0;
        }
        if (verb === 'is-workday') {
          const d = await s.calendar.isWorkday(rest[0] ?? '');
          console.log(d.working ? 'yes' : 'no');
          return 0;
        }
        if (verb === 'status') {
          const st = await s.calendar.status();
          console.log(`today ${st.today}; loaded years: ${st.years.map((y) => y.year).join(', ')}`);
          if (st.warning) console.log(`WARNING: ${st.warning.message}`);
          return 0;
        }
        if (verb === 'import') {
          const year = Number(rest[0]);
          const file = rest[1];
          if (!Number.isInteger(year) || !file) throw new AppError('VALIDATION_FAILED', 'usage: calendar import <year> <file>');
          const json = JSON.parse(readFileSync(file, 'utf8')) as { days?: unknown; holidays?: Record<string, string>; workdays?: Record<string, string>; source?: string };
          const days = Array.isArray(json.days)
            ? json.days
            : [
                ...Object.entries(json.holidays ?? {}).map(([date, n]) => ({ date, kind: 'holiday', name: n.split(',')[1] ?? n })),
                ...Object.entries(json.workdays ?? {}).map(([date, n]) => ({ date, kind: 'workday', name: n.split(',')[1] ?? n })),
              ];
          const parsed = CalendarYearPutSchema.safeParse({ source: json.source ?? `file ${file}`, days });
          if (!parsed.success) throw new AppError('VALIDATION_FAILED', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
          const current = await s.calendar.getYear(year);
          const y = await s.calendar.putYear(year, parsed.data, current.version, ctx);
          console.log(`calendar ${year}: ${y.days.length} days loaded from ${file}`);
          return 0;
        }
        console.error(USAGE);
        return 2;
      });
    case 'backup': {
      const file = verb;
      if (!file) break;
      const handle = createDb(config.databaseUrl);
      try {
        if (handle.dialect === 'postgres') {
          console.log(`PostgreSQL: run\n  pg_dump --format=custom --file=${file} "${handle.location}"`);
          return 0;
        }
        await handle.sqlite!.backup(resolve(file));
        console.log(`backed up ${handle.location} → ${resolve(file)}`);
        return 0;
      } finally {
        await handle.close();
      }
    }
    case 'restore': {
      const file = verb;
      if (!file) break;
      if (/^postgres/.test(config.databaseUrl)) {
        console.log(`PostgreSQL: run\n  pg_restore --clean --if-exists --dbname="${config.databaseUrl}" ${file}`);
        return 0;
      }
      const probe = new SQLite(resolve(file), { readonly: true, fileMustExist: true });
      const ok = probe.prepare("select count(*) as n from sqlite_master where name in ('audit_log','offices','accounts')").get() as { n: number };
      probe.close();
      if (ok.n !== 3) throw new AppError('VALIDATION_FAILED', `${file} is not a reform-office backup`);
      const target = config.databaseUrl.replace(/^sqlite:/, '');
      for (const suffix of ['-wal', '-shm']) rmSync(target + suffix, { force: true });
      copyFileSync(resolve(file), target);
      console.log(`restored ${resolve(file)} → ${target}; run 'reform-office audit verify' to check it`);
      return 0;
    }
    case undefined:
    case 'help':
    case '--help':
      console.log(USAGE);
      return 0;
  }
  console.error(USAGE);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (err: unknown) => {
    if (err instanceof AppError) {
      console.error(`error ${err.code}: ${err.message}${err.details ? ` ${JSON.stringify(err.details)}` : ''}`);
      process.exit(2);
    }
    console.error(err);
    process.exit(1);
  },
);
