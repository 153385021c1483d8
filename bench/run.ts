// `npm run bench`: load benchmarks of the ledger on SQLite and PostgreSQL against the same queries run by a bare
// Fastify handler (the limit on this machine). Never part of `npm test` or CI: it takes minutes and loads the machine.
//
//   BENCH_SCALE=0.05   data set size (1 = 200,000 tasks, 2,000,000 progress updates; default 1)
//   BENCH_DBS=sqlite   which databases (default sqlite,postgres)
//   BENCH_ONLY=list,task   which scenarios (list, task, dashboard, progress; default all)
//   BENCH_DURATION=6   seconds measured per scenario and round, after BENCH_WARMUP=2 seconds of warm-up
//   BENCH_ROUNDS=3     rounds: in each, every scenario runs on the app and then at once on the limit handler
//   BENCH_PROFILE=1    start the app and the limit with --cpu-prof (bench/data/profiles/app/, bench/data/profiles/limit/)
//   BENCH_OUT=path     where the report goes (default BENCHMARKS.md at scale 1, else bench/data/BENCHMARKS-s<scale>.md)
//
// The app runs as `reform-office serve` in a child process pinned to core 1 (taskset -c 1); autocannon runs here,
// pinned to core 0. Everything listens on and targets 127.0.0.1 only.
import autocannon from 'autocannon';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { AUDIT_KEY_FILE, DATA_DIR, datasetKey, ensurePostgres, ensureSqlite, type Generated } from './generate.ts';
import { BENCH_PASSWORD, planOrganization } from './dataset.ts';

const ROOT = resolve(import.meta.dirname, '..');
const HOST = '127.0.0.1';
const SCALE = Number(process.env.BENCH_SCALE ?? 1);
const DBS = (process.env.BENCH_DBS ?? 'sqlite,postgres').split(',') as Array<'sqlite' | 'postgres'>;
const ONLY = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(',')) : null;
const DURATION = Number(process.env.BENCH_DURATION ?? 6);
// This machine's speed drifts by a quarter within minutes (the same bare handler: 2,004 and 2,498 task pages a second
// in two runs ten minutes apart). So each scenario runs in rounds, app and limit back to back, and the report gives
// the median round and the range.
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 2);
// The first round's warm-up is longer: in a trial run the limit handler's first round did 1,316 task pages a second
// after 2 s of warm-up, its second 2,378.
const FIRST_WARMUP = Math.max(WARMUP, 5);
const PROFILE = process.env.BENCH_PROFILE === '1';
const OUT = process.env.BENCH_OUT ?? (SCALE === 1 ? join(ROOT, 'BENCHMARKS.md') : join(DATA_DIR, `BENCHMARKS-s${SCALE}.md`));
const NOTES_MARK = '<!-- Written by hand below this line: `npm run bench` rewrites the figures above and keeps what follows. -->';
/** The whole run stops by itself after this long, whatever happens. */
const DEADLINE_MS = Number(process.env.BENCH_TIMEOUT_MIN ?? 60) * 60_000;

const children = new Set<ChildProcess>();
const killAll = () => {
  for (const c of children) c.kill('SIGKILL');
};
process.on('exit', killAll);
for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => process.exit(130));
setTimeout(() => {
  console.error(`bench: gave up after ${DEADLINE_MS / 60_000} min`);
  process.exit(2);
}, DEADLINE_MS).unref();

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const sh = (cmd: string, args: string[]) => execFileSync(cmd, args, { encoding: 'utf8' }).trim();
const loadavg = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

// ---------------- processes ----------------

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, HOST, () => {
      const { port } = s.address() as { port: number };
      s.close(() => done(port));
    });
  });
}

function status(pid: number): { rss: number; hwm: number } {
  const text = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (k: string) => Number(new RegExp(`^${k}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? 0);
  return { rss: kb('VmRSS') / 1024, hwm: kb('VmHWM') / 1024 };
}

interface Server {
  child: ChildProcess;
  pid: number;
  base: string;
  readyMs: number;
  stop(): Promise<void>;
}

/** Spawns a server on core 1 and times spawn → first 200 from /api/health. */
async function startServer(kind: 'app' | 'limit', url: string): Promise<Server> {
  const port = await freePort();
  // Both servers are profiled, so that the app's profile can be read beside the limit's doing the same work.
  // A folder per kind, names by default (pid and thread: tsx's loader thread writes one of its own).
  const profile = PROFILE ? ['--cpu-prof', '--cpu-prof-dir', join(DATA_DIR, 'profiles', kind)] : [];
  const nodeArgs = kind === 'app' ? [...profile, join(ROOT, 'bin/reform-office.js'), 'serve'] : [...profile, '--import', 'tsx', join(ROOT, 'bench/limit-server.ts')];
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: url, HOST, PORT: String(port), AUDIT_KEY_FILE, LOG_LEVEL: 'warn', DATA_DIR: join(DATA_DIR, 'run-data'),
    // The scheduled jobs' first tick (30 s after start) catches up on the day's slots: on this data 21 s of work
    // (cycles opened in 303 offices, 1,152 task reminders), landing on the idle sample and the first scenario. Their
    // ticks are kept out of the run; what they cost is not what these figures measure.
    JOB_INTERVAL_SECONDS: '86400',
    LIMIT_DB_URL: url, LIMIT_PORT: String(port), LIMIT_AUDIT_KEY_FILE: AUDIT_KEY_FILE,
  };
  const t0 = performance.now();
  const child = spawn('taskset', ['-c', '1', process.execPath, ...nodeArgs], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()).length > 20_000 && (output = output.slice(-10_000)));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()).length > 20_000 && (output = output.slice(-10_000)));
  const base = `http://${HOST}:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${kind} server exited (${child.exitCode}):\n${output}`);
    if (performance.now() - t0 > 60_000) throw new Error(`${kind} server not ready after 60 s:\n${output}`);
    try {
      const r = await fetch(`${base}/api/health`);
      if (r.ok) break;
    } catch {
      // not listening yet
    }
    await sleep(5);
  }
  const readyMs = performance.now() - t0;
  return {
    child, pid: child.pid!, base, readyMs,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, sleep(10_000)]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      children.delete(child);
    },
  };
}

// ---------------- sessions and targets ----------------

interface Session {
  cookie: string;
  csrf: string;
}

async function logIn(base: string, username: string): Promise<Session> {
  const r = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: BENCH_PASSWORD }) });
  if (!r.ok) throw new Error(`login ${username}: ${r.status} ${await r.text()}`);
  const cookie = r.headers.getSetCookie().map((c) => c.split(';')[0]!).find((c) => c.startsWith('ro_sid='))!;
  const s = await fetch(`${base}/api/v1/auth/session`, { headers: { cookie } });
  const body = (await s.json()) as { csrfToken: string };
  return { cookie, csrf: body.csrfToken };
}

interface Targets {
  /** The prefecture holding half of all tasks (100,000 at scale 1). */
  officeId: string;
  units: string[];
  /** A typical prefecture (about 1,000 tasks at scale 1), for the ledger list. */
  typicalOfficeId: string;
  typicalUnits: string[];
  /** Tasks of the big prefecture whose page is read (top level and sub-tasks, open and closed). */
  taskIds: string[];
  /** Open leaf tasks of the big prefecture that take progress updates. */
  openLeafIds: string[];
  /** Office posts (director, deputy directors, staff) of each prefecture. */
  logins: string[];
  typicalLogins: string[];
}

const STATUSES = ['on_track', 'at_risk', 'not_started', 'overdue', 'done', 'cancelled'];

async function loadTargets(g: Generated): Promise<Targets> {
  const plan = planOrganization(SCALE);
  const big = plan.big;
  const typical = plan.offices.find((o) => o.code === 'r0p1')!;
  const officePosts = (o: typeof big) => o.logins.filter((l) => l.post === 'director' || l.post === 'deputy_director' || l.post === 'office_staff').map((l) => l.username);
  const q = {
    tasks: `select id from tasks where office_id = $1 order by id`,
    open: `select id from tasks t where office_id = $1 and done_at is null and cancelled_at is null and not exists (select 1 from tasks c where c.parent_id = t.id) order by id`,
  };
  let all: string[];
  let open: string[];
  if (g.dialect === 'sqlite') {
    const db = new SQLite(g.runUrl.replace(/^sqlite:/, ''), { readonly: true });
    all = (db.prepare(q.tasks.replace('$1', '?')).all(big.id) as Array<{ id: string }>).map((r) => r.id);
    open = (db.prepare(q.open.replace('$1', '?')).all(big.id) as Array<{ id: string }>).map((r) => r.id);
    db.close();
  } else {
    const c = new pg.Client({ connectionString: g.runUrl });
    await c.connect();
    all = (await c.query<{ id: string }>(q.tasks, [big.id])).rows.map((r) => r.id);
    open = (await c.query<{ id: string }>(q.open, [big.id])).rows.map((r) => r.id);
    await c.end();
  }
  // A spread sample, the same on both databases: every k-th id.
  const sample = (ids: string[], n: number) => ids.filter((_, k) => k % Math.max(1, Math.floor(ids.length / n)) === 0).slice(0, n);
  return {
    officeId: big.id, units: big.units.map((u) => u.id), typicalOfficeId: typical.id, typicalUnits: typical.units.map((u) => u.id),
    taskIds: sample(all, 5000), openLeafIds: sample(open, 10_000), logins: officePosts(big), typicalLogins: officePosts(typical),
  };
}

// ---------------- load ----------------

interface Measure {
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  requests: number;
  errors: number;
  /** The largest VmRSS seen while the load ran (MB). */
  rssMax: number;
}

type MakeRequest = (k: number) => { method?: 'GET' | 'POST'; path: string; headers?: Record<string, string>; body?: string };

async function load(base: string, connections: number, seconds: number, make: MakeRequest, pid: number): Promise<Measure> {
  const latencies: number[] = [];
  let errors = 0;
  let k = 0;
  let rssMax = 0;
  const sampler = setInterval(() => {
    try {
      rssMax = Math.max(rssMax, status(pid).rss);
    } catch {
      // process gone
    }
  }, 200);
  const inst = autocannon({
    url: base,
    connections,
    duration: seconds,
    timeout: 20,
    requests: [
      {
        setupRequest: (req) => {
          const r = make(k++);
          return { ...req, method: r.method ?? 'GET', path: r.path, headers: r.headers ?? {}, body: r.body };
        },
      },
    ],
  });
  inst.on('response', (_client, statusCode, _bytes, responseTime) => {
    if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
    else errors++;
  });
  const result = await inst;
  clearInterval(sampler);
  errors += result.errors + result.timeouts;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => (latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]! : NaN);
  return { rps: latencies.length / seconds, p50: pct(50), p95: pct(95), p99: pct(99), requests: latencies.length, errors, rssMax };
}

interface Scenario {
  name: 'list' | 'task' | 'dashboard' | 'progress';
  label: string;
  connections: number;
  target: { rps?: number; p99?: number; p95?: number };
  make(kind: 'app' | 'limit', t: Targets, sessions: Sessions): MakeRequest;
}

interface Sessions {
  big: Session[];
  typical: Session[];
}

function scenarios(dialect: 'sqlite' | 'postgres'): Scenario[] {
  const listRps = dialect === 'sqlite' ? 2000 : 1500;
  const ledger = (kind: 'app' | 'limit', officeId: string) => (kind === 'app' ? `/api/v1/ledger/offices/${officeId}` : `/limit/offices/${officeId}`);
  const auth = (kind: 'app' | 'limit', sessions: Session[], k: number, write = false): Record<string, string> => {
    if (kind === 'limit') return write ? { 'content-type': 'application/json' } : {};
    const s = sessions[k % sessions.length]!;
    return write ? { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': 'application/json' } : { cookie: s.cookie };
  };
  const list = (which: 'big' | 'typical'): Scenario['make'] => (kind, t, sessions) => {
    const [officeId, units] = which === 'big' ? [t.officeId, t.units] : [t.typicalOfficeId, t.typicalUnits];
    return (k) => ({
      path: `${ledger(kind, officeId)}/tasks?unitId=${units[k % units.length]}&status=${STATUSES[Math.floor(k / units.length) % STATUSES.length]}&limit=50`,
      headers: auth(kind, sessions[which], k),
    });
  };
  const task: Scenario['make'] = (kind, t, sessions) => (k) => ({ path: `${ledger(kind, t.officeId)}/tasks/${t.taskIds[(k * 7919) % t.taskIds.length]}`, headers: auth(kind, sessions.big, k) });
  const all: Scenario[] = [
    { name: 'list', label: 'ledger list, typical prefecture (lead unit + status, 50 rows)', connections: 50, target: { rps: listRps, p99: 50 }, make: list('typical') },
    { name: 'list', label: 'ledger list, typical prefecture, one connection', connections: 1, target: { p99: 5 }, make: list('typical') },
    { name: 'list', label: 'ledger list, 100,000-task prefecture (lead unit + status, 50 rows)', connections: 50, target: { rps: listRps, p99: 50 }, make: list('big') },
    { name: 'list', label: 'ledger list, 100,000-task prefecture, one connection', connections: 1, target: { p99: 5 }, make: list('big') },
    { name: 'task', label: 'task page', connections: 50, target: { rps: listRps, p99: 50 }, make: task },
    { name: 'task', label: 'task page, one connection', connections: 1, target: { p99: 5 }, make: task },
    { name: 'dashboard', label: 'dashboard of the 100,000-task prefecture, one connection', connections: 1, target: { p95: 200 }, make: (kind, t, sessions) => (k) => ({ path: `${ledger(kind, t.officeId)}/dashboard`, headers: auth(kind, sessions.big, k) }) },
    {
      name: 'progress', label: 'progress update + audit row (POST)', connections: 50, target: dialect === 'sqlite' ? { rps: 500 } : {},
      make: (kind, t, sessions) => (k) => ({
        method: 'POST',
        path: `${ledger(kind, t.officeId)}/tasks/${t.openLeafIds[(k * 7919) % t.openLeafIds.length]}/updates`,
        headers: auth(kind, sessions.big, k, true),
        body: JSON.stringify({ doneText: `压测进展 ${k}：完成阶段性工作，形成台账。`, percent: k % 96 }),
      }),
    },
  ];
  return all.filter((s) => !ONLY || ONLY.has(s.name));
}

// ---------------- one database ----------------

interface Row {
  scenario: Scenario;
  /** The median round by req/s, of ours and of the limit. */
  ours: Measure;
  limit: Measure;
  /** Every round, in order; ours[k] and limit[k] ran back to back. */
  oursRounds: Measure[];
  limitRounds: Measure[];
}
interface DbResult {
  dialect: 'sqlite' | 'postgres';
  gen: Generated;
  readyMs: number[];
  startRss: number;
  idleRss: number;
  loadRssMax: number;
  hwm: number;
  rows: Row[];
  loadBefore: string;
  loadAfter: string;
}

const fmt = (n: number, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : '—');

async function measureOne(kind: 'app' | 'limit', server: Server, s: Scenario, targets: Targets, sessions: Sessions, round: number) {
  const make = s.make(kind, targets, sessions);
  await load(server.base, s.connections, round === 1 ? FIRST_WARMUP : WARMUP, make, server.pid);
  const m = await load(server.base, s.connections, DURATION, make, server.pid);
  console.log(`    ${round} ${kind.padEnd(5)} ${s.label.padEnd(58)} c=${String(s.connections).padEnd(3)} ${fmt(m.rps, 0).padStart(6)} req/s  p50 ${fmt(m.p50, 2)} ms  p95 ${fmt(m.p95, 2)}  p99 ${fmt(m.p99, 2)} ms  RSS ≤ ${fmt(m.rssMax)} MB${m.errors ? `  ERRORS ${m.errors}` : ''}`);
  return m;
}

const medianBy = <T>(xs: T[], key: (x: T) => number): T => [...xs].sort((a, b) => key(a) - key(b))[Math.floor((xs.length - 1) / 2)]!;

/** Every scenario in ROUNDS rounds; in each round the app, then the limit handler, so both see the machine alike. */
async function measureAll(app: Server, limit: Server, list: Scenario[], targets: Targets, sessions: Sessions): Promise<Row[]> {
  const rows: Row[] = [];
  for (const scenario of list) {
    const oursRounds: Measure[] = [];
    const limitRounds: Measure[] = [];
    for (let r = 1; r <= ROUNDS; r++) {
      oursRounds.push(await measureOne('app', app, scenario, targets, sessions, r));
      limitRounds.push(await measureOne('limit', limit, scenario, targets, sessions, r));
    }
    rows.push({ scenario, ours: medianBy(oursRounds, (m) => m.rps), limit: medianBy(limitRounds, (m) => m.rps), oursRounds, limitRounds });
  }
  return rows;
}

async function benchDb(dialect: 'sqlite' | 'postgres'): Promise<DbResult> {
  console.log(`\n== ${dialect}: data set (scale ${SCALE}, data set ${datasetKey()})`);
  const gen = dialect === 'sqlite' ? await ensureSqlite(SCALE) : await ensurePostgres(SCALE);
  console.log(`  ${gen.cached ? 'cached' : 'generated'}: ${JSON.stringify(gen.counts)}`);
  console.log(`  times (s): ${JSON.stringify(gen.timings)}`);
  const targets = await loadTargets(gen);
  const list = scenarios(dialect);
  const loadBefore = loadavg();

  // The server runs from a bundle made when the sources change (bin/server-bundle.js): make it before timing starts.
  execFileSync(process.execPath, ['--input-type=module', '-e', "await (await import('./bin/server-bundle.js')).serverBundle()"], { cwd: ROOT, stdio: 'inherit' });
  // Start to ready: three starts, the last one stays up for the measurements.
  const readyMs: number[] = [];
  let app: Server | null = null;
  for (let n = 0; n < 3; n++) {
    if (app) await app.stop();
    app = await startServer('app', gen.runUrl);
    readyMs.push(app.readyMs);
  }
  app = app!;
  console.log(`  app ready in ${readyMs.map((x) => fmt(x, 0)).join(' / ')} ms`);
  await sleep(1500);
  const startRss = status(app.pid).rss;
  // Idle: no request for 30 s, by when V8's memory reducer has given back the young generation grown during start-up.
  await sleep(28_500);
  const idleRss = status(app.pid).rss;
  const sessions: Sessions = { big: [], typical: [] };
  for (const u of targets.logins) sessions.big.push(await logIn(app.base, u));
  for (const u of targets.typicalLogins) sessions.typical.push(await logIn(app.base, u));
  console.log(`  RSS ${fmt(startRss)} MB 1.5 s after ready, ${fmt(idleRss)} MB after 30 s idle; ${sessions.big.length + sessions.typical.length} sessions`);
  // The limit handler waits, idle, on the same core, so rounds can alternate.
  const limitServer = await startServer('limit', gen.runUrl);
  const rows = await measureAll(app, limitServer, list, targets, sessions);
  const loadRssMax = Math.max(...rows.flatMap((r) => r.oursRounds.map((m) => m.rssMax)));
  const hwm = status(app.pid).hwm;
  await app.stop();
  await limitServer.stop();
  return { dialect, gen, readyMs, startRss, idleRss, loadRssMax, hwm, rows, loadBefore, loadAfter: loadavg() };
}

// ---------------- report ----------------

function verdict(r: Row): string {
  const t = r.scenario.target;
  const misses: string[] = [];
  if (r.ours.errors) misses.push(`${r.ours.errors} errors`);
  if (t.rps !== undefined && !(r.ours.rps >= t.rps)) misses.push(`< ${t.rps} req/s`);
  if (t.p99 !== undefined && !(r.ours.p99 < t.p99)) misses.push(`p99 ≥ ${t.p99} ms`);
  if (t.p95 !== undefined && !(r.ours.p95 < t.p95)) misses.push(`p95 ≥ ${t.p95} ms`);
  if (t.rps === undefined && t.p99 === undefined && t.p95 === undefined) return 'no target';
  return misses.length ? `**FAIL** (${misses.join(', ')})` : 'PASS';
}

function targetText(t: Scenario['target']) {
  return [t.rps !== undefined ? `≥ ${t.rps} req/s` : '', t.p99 !== undefined ? `p99 < ${t.p99} ms` : '', t.p95 !== undefined ? `p95 < ${t.p95} ms` : ''].filter(Boolean).join(', ') || '—';
}

function report(results: DbResult[], machine: Record<string, string>, uptimeBefore: string, uptimeAfter: string): string {
  const lines: string[] = [];
  lines.push('# Benchmarks', '', 'Produced by `npm run bench` (bench/run.ts); rerun it to refresh this file. Never run by `npm test` or CI.', '');
  lines.push('## Machine and run', '');
  for (const [k, v] of Object.entries(machine)) lines.push(`- ${k}: ${v}`);
  lines.push(`- load before the run (\`uptime\`): ${uptimeBefore}`, `- load after the run (\`uptime\`): ${uptimeAfter}`);
  lines.push(`- the app (\`reform-office serve\`, LOG_LEVEL=warn, JOB_INTERVAL_SECONDS=86400: no scheduled job runs during the run) in a child process pinned to core 1 (\`taskset -c 1\`); autocannon in the parent, pinned to core 0; PostgreSQL's own processes are not pinned`);
  lines.push(`- each scenario: ${ROUNDS} rounds; in each, the app and then the limit handler get ${WARMUP} s of warm-up (the first round ${FIRST_WARMUP} s) and ${DURATION} s measured; the tables give the median round by req/s (its p50/p95/p99) and the range of req/s over the rounds; ours/limit is the median of the rounds' ratios; latencies are per request over the measured part; req/s counts 2xx answers only`, '');
  for (const r of results) {
    const c = r.gen.counts;
    lines.push(`## ${r.dialect === 'sqlite' ? 'SQLite (embedded, better-sqlite3)' : 'PostgreSQL 15 (pg)'}`, '');
    lines.push(`Data set (data set ${datasetKey()}, scale ${SCALE}): ${c.offices} offices, ${c.units} units, ${c.people} people, ${c.accounts} accounts, ${c.tasks} tasks (${Math.round(c.tasks! / 2)} in the dashboard prefecture), ${c.progress_updates} progress updates, ${c.audit_log} audit rows; ${r.gen.cached ? 'cached from an earlier generation' : 'generated for this run'}; generation times (s): ${Object.entries(r.gen.timings).map(([k, v]) => `${k} ${v}`).join(', ')}.`, '');
    lines.push(`Machine load (1/5/15-min averages) before this database: ${r.loadBefore}; after: ${r.loadAfter}.`, '');
    lines.push('| scenario | conn. | ours req/s (range) | ours p50 ms | ours p95 ms | ours p99 ms | limit req/s (range) | limit p50 ms | limit p99 ms | ours/limit (req/s) | target | result |');
    lines.push('|---|---|---|---|---|---|---|---|---|---|---|---|');
    const range = (ms: Measure[]) => `${fmt(Math.min(...ms.map((m) => m.rps)), 0)}–${fmt(Math.max(...ms.map((m) => m.rps)), 0)}`;
    for (const row of r.rows) {
      const { ours, limit, scenario } = row;
      const ratio = medianBy(row.oursRounds.map((m, k) => m.rps / row.limitRounds[k]!.rps), (x) => x);
      lines.push(`| ${scenario.label} | ${scenario.connections} | ${fmt(ours.rps, 0)} (${range(row.oursRounds)}) | ${fmt(ours.p50, 2)} | ${fmt(ours.p95, 2)} | ${fmt(ours.p99, 2)} | ${fmt(limit.rps, 0)} (${range(row.limitRounds)}) | ${fmt(limit.p50, 2)} | ${fmt(limit.p99, 2)} | ${fmt(ratio, 2)} | ${targetText(scenario.target)} | ${verdict(row)} |`);
    }
    lines.push('');
    const ready = [...r.readyMs].sort((a, b) => a - b)[1]!;
    lines.push(`| resource | measured | target | result |`, '|---|---|---|---|');
    lines.push(`| start to ready (spawn → /api/health 200; 3 starts) | ${r.readyMs.map((x) => fmt(x, 0)).join(' / ')} ms (median ${fmt(ready, 0)}) | ≤ 1000 ms | ${ready <= 1000 ? 'PASS' : '**FAIL**'} |`);
    lines.push(`| RSS 1.5 s after ready (VmRSS) | ${fmt(r.startRss)} MB | — | not a target |`);
    lines.push(`| RSS idle (VmRSS after 30 s without requests) | ${fmt(r.idleRss)} MB | ≤ 100 MB | ${r.idleRss <= 100 ? 'PASS' : '**FAIL**'} |`);
    lines.push(`| RSS under load (largest VmRSS sampled; VmHWM ${fmt(r.hwm)} MB) | ${fmt(r.loadRssMax)} MB | ≤ 200 MB | ${r.loadRssMax <= 200 && r.hwm <= 200 ? 'PASS' : '**FAIL**'} |`);
    lines.push('');
  }
  return lines.join('\n');
}

// ---------------- main ----------------

async function main() {
  try {
    sh('taskset', ['-apc', '0', String(process.pid)]);
  } catch (err) {
    console.warn(`could not pin the load generator to core 0: ${(err as Error).message}`);
  }
  mkdirSync(DATA_DIR, { recursive: true });
  const uptimeBefore = sh('uptime', []);
  const machine = {
    date: new Date().toISOString(),
    'CPU cores (nproc --all)': sh('nproc', ['--all']), // plain nproc counts only the cores this process is pinned to
    CPU: /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? cpus()[0]?.model ?? '?',
    RAM: `${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
    Node: process.version,
    PostgreSQL: DBS.includes('postgres') ? sh('psql', ['-h', HOST, '-U', 'postgres', '-d', 'postgres', '-tAc', 'show server_version']) : 'not run',
    'data set': `scale ${SCALE}`,
  };
  console.log(`bench: scale ${SCALE}, ${DBS.join(' + ')}, ${ROUNDS} rounds of ${DURATION} s per scenario and server; load ${uptimeBefore}`);
  const results: DbResult[] = [];
  for (const d of DBS) results.push(await benchDb(d));
  const uptimeAfter = sh('uptime', []);
  const text = report(results, machine, uptimeBefore, uptimeAfter);
  // The analysis under NOTES_MARK is written by hand: a rerun replaces the figures above it and keeps it.
  const old = existsSync(OUT) ? readFileSync(OUT, 'utf8') : '';
  const notes = old.includes(NOTES_MARK) ? old.slice(old.indexOf(NOTES_MARK)) : `${NOTES_MARK}\n`;
  writeFileSync(OUT, `${text}\n${notes}`);
  console.log(`\nreport written to ${OUT}; load ${uptimeAfter}`);
}

await main();
process.exit(0);
