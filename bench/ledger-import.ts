// Times the ledger Excel import end to end through HTTP (multipart upload, zip checks, exceljs, planning, one
// transaction creating every task through createTask's code path with its audit row, progress updates, push-down):
//   node --import tsx bench/ledger-import.ts [rows=5000]
// on a fresh SQLite file with the Changji demo; with IMPORT_PG_URL=postgres://… (a server where it may create a
// database) on a fresh PostgreSQL database instead, dropped afterwards. Prints the dry-run and the commit time (POST until the job succeeded),
// then the export of the whole ledger.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildApp, createServices } from '../server/app.ts';
import { createDb } from '../server/db/db.ts';
import { migrateToLatest } from '../server/db/migrate.ts';
import { ensureSystemAccounts, loadDemo } from '../server/demo/demo.ts';
import { fixedClock } from '../server/platform/clock.ts';
import { buildSampleLedger } from './ledger-workbook.ts';

const ROWS = Number(process.argv[2] ?? 5000);
const PASSWORD = 'Bench-Pass-2026!';

const PG_URL = process.env.IMPORT_PG_URL;
const dir = mkdtempSync(join(tmpdir(), 'ro-bench-ledger-'));
const pgName = `ro_bench_import_${process.pid}`;
const dbUrl = (name: string) => Object.assign(new URL(PG_URL!), { pathname: `/${name}` }).toString();
if (PG_URL) await adminQuery(`create database ${pgName}`);
const handle = createDb(PG_URL ? dbUrl(pgName) : `sqlite:${join(dir, 'bench.db')}`);
const dbName = PG_URL ? 'PostgreSQL' : 'SQLite';

/** One statement on the server's own database (creating and dropping the run's database). */
async function adminQuery(text: string) {
  const { default: pg } = await import('pg');
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  try {
    await c.query(text);
  } finally {
    await c.end();
  }
}

try {
  await migrateToLatest(handle.db);
  const clock = fixedClock('2026-11-20T02:00:00.000Z');
  const services = createServices({ handle, clock, auditKey: Buffer.alloc(32, 7), mailer: null });
  await services.calendar.seedFromPackage();
  await ensureSystemAccounts(services, { password: PASSWORD, mustChangePassword: false });
  await loadDemo(handle, services, clock, { password: PASSWORD, mustChangePassword: false });
  const app = await buildApp({ handle, clock, auditKey: Buffer.alloc(32, 7), services });
  await app.ready();

  const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'cj.director', password: PASSWORD } });
  const cookie = `ro_sid=${login.cookies.find((c) => c.name === 'ro_sid')!.value}`;
  const csrf = (await app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: { cookie } })).json().csrfToken as string;
  const offices = await services.organizationRepo.listAllOffices(handle.db);
  const pref = offices.find((o) => o.shortName === '昌吉州')!;
  const units = (await handle.db.selectFrom('units').select('name').where('officeId', '=', pref.id).orderBy('sortOrder').execute()).map((u) => u.name);
  const counties = offices.filter((o) => o.parentId === pref.id).map((o) => o.shortName);

  let t0 = performance.now();
  const file = await buildSampleLedger({ rows: ROWS, groupSize: 50, units, counties });
  const genMs = performance.now() - t0;
  const boundary = '----ro-bench-ledger';
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="ledger-${ROWS}.xlsx"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`),
    file,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const post = (mode: string) =>
    app.inject({ method: 'POST', url: `/api/v1/ledger/offices/${pref.id}/import?mode=${mode}`, payload: body, headers: { cookie, 'x-csrf-token': csrf, 'content-type': `multipart/form-data; boundary=${boundary}` } });

  t0 = performance.now();
  const dry = await post('dry-run');
  const dryMs = performance.now() - t0;
  if (dry.statusCode !== 200 || dry.json().errorCount !== 0) throw new Error(`dry-run: ${dry.statusCode} ${dry.body.slice(0, 500)}`);
  const summary = dry.json().summary;

  t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const started = await post('commit');
  if (started.statusCode !== 202) throw new Error(`commit: ${started.statusCode} ${started.body.slice(0, 500)}`);
  const url = `/api/v1/ledger/offices/${pref.id}/import/${started.json().id}`;
  let job = started.json();
  let polls = 0;
  while (job.state === 'running') {
    // every 400 ms, as the import page does (ImportPage.tsx); IMPORT_POLL_MS to change it
    await new Promise((r) => setTimeout(r, Number(process.env.IMPORT_POLL_MS ?? 400)));
    job = (await app.inject({ method: 'GET', url, headers: { cookie } })).json();
    polls++;
  }
  const commitMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  if (job.state !== 'succeeded') throw new Error(`job ${job.state}: ${job.error}`);
  const count = async (table: 'tasks' | 'auditLog' | 'progressUpdates') => Number((await handle.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  console.log(`ledger import, ${dbName}, ${ROWS} rows (${summary.groups} headings, ${summary.tasks} tasks, ${summary.progressUpdates} progress updates, ${summary.countyCopies} county copies), file ${(file.length / 1024).toFixed(0)} KiB`);
  console.log(`  generate workbook : ${(genMs / 1000).toFixed(2)} s`);
  console.log(`  dry-run           : ${(dryMs / 1000).toFixed(2)} s`);
  // CPU time of this process: what the wall time would be on an idle core (other work on a shared machine inflates the wall time).
  console.log(`  commit            : ${(commitMs / 1000).toFixed(2)} s wall, ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s CPU  (POST → job succeeded; ${polls} polls)`);
  console.log(`  rows now          : tasks ${await count('tasks')}, progress updates ${await count('progressUpdates')}, audit ${await count('auditLog')}`);
  t0 = performance.now();
  const exported = await app.inject({ method: 'GET', url: `/api/v1/ledger/offices/${pref.id}/export.xlsx`, headers: { cookie } });
  if (exported.statusCode !== 200) throw new Error(`export: ${exported.statusCode}`);
  console.log(`  export            : ${((performance.now() - t0) / 1000).toFixed(2)} s  (${(exported.rawPayload.length / 1024).toFixed(0)} KiB)`);
  await app.close();
} finally {
  await handle.close();
  rmSync(dir, { recursive: true, force: true });
  if (PG_URL) await adminQuery(`drop database if exists ${pgName} with (force)`);
}
