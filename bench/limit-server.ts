// "The limit on this machine": bare Fastify handlers running the same SQL as the app's ledger routes, straight through
// better-sqlite3 or pg — no sessions, no authorization, no zod, no Kysely, no presenters. Started by run.ts in a
// child process (env LIMIT_DB_URL, LIMIT_PORT, LIMIT_AUDIT_KEY_FILE); answers only on 127.0.0.1.
// Keep the SQL in step with ledger.repository.ts / auth / audit when those change (bench/README.md).
import Fastify from 'fastify';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { createHmac, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';

const url = process.env.LIMIT_DB_URL!;
const port = Number(process.env.LIMIT_PORT ?? 3901);
const auditKey = Buffer.from(readFileSync(process.env.LIMIT_AUDIT_KEY_FILE!, 'utf8').trim(), 'hex');
const isPg = /^postgres/.test(url);

// One formatter, made once: making one costs about 0.2 ms, a fifth of a task page here. The app's clock has computed
// China's date by the fixed UTC+8 offset since 2026-12-05 (clock.ts); the limit keeps Intl so that its figures stay
// comparable with the runs before (the formatter also costs it about 6 MB of resident memory: BENCHMARKS.md).
const shanghaiDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });
const today = () => shanghaiDate.format(new Date());

// ---- the app's SQL (as Kysely compiles it; `?` placeholders, numbered for PostgreSQL) ----
const STATUS = `case
    when "tasks"."cancelled_at" is not null then 'cancelled'
    when "tasks"."done_at" is not null then 'done'
    when "tasks"."deadline" < ? then 'overdue'
    when ("tasks"."at_risk_from" <= ? and coalesce("tasks"."percent", 0) < 80)
      or "tasks"."next_milestone_due" < ? then 'at_risk'
    when coalesce("tasks"."percent", 0) = 0 and "tasks"."last_update_on" is null then 'not_started'
    else 'on_track' end`;
const SUMMARY = `select "tasks"."id", "tasks"."office_id", "tasks"."parent_id", "tasks"."origin_task_id", "tasks"."depth", "tasks"."code", "tasks"."title", "tasks"."lead_unit_id", "lu"."name" as "lead_unit_name", "tasks"."deadline", "tasks"."key_task", "tasks"."percent", "tasks"."last_update_on", "tasks"."version", ${STATUS} as "status", (select count(*) as "n" from "tasks" as "c" where "c"."parent_id" = "tasks"."id") as "child_count" from "tasks" left join "units" as "lu" on "lu"."id" = "tasks"."lead_unit_id"`;
// The unit's top-level tasks of one status in code order: one range of the kept list rows (migration
// 20261206170000). SQLite writes the page's items as JSON and counts from the kept counts; PostgreSQL sends the rows
// and counts the range (ledger.repository.ts: listKept).
const SUMMARY_KEYS = ['id', 'officeId', 'parentId', 'originTaskId', 'depth', 'code', 'title', 'leadUnitId', 'leadUnitName', 'deadline', 'keyTask', 'percent', 'status', 'lastUpdateOn', 'childCount', 'version'];
const jsonValue = (key: string) =>
  key === 'id' ? 'r.task_id' : key === 'keyTask' ? "json(case when r.key_task <> 0 then 'true' else 'false' end)" : `r.${key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}`;
const ITEMS_JSON = `json_group_array(json_object(${SUMMARY_KEYS.map((k) => `'${k}', ${jsonValue(k)}`).join(', ')}) order by r.code, r.task_id)`;
const RANGE = `"r"."unit_id" = ? and "r"."office_id" = ? and "r"."depth" = 0 and "r"."status" = ?`;
const LIST = {
  list: isPg
    ? `select "r"."task_id" as "id", "r"."office_id", "r"."parent_id", "r"."origin_task_id", "r"."depth", "r"."code", "r"."title", "r"."lead_unit_id", "r"."lead_unit_name", "r"."deadline", "r"."key_task", "r"."percent", "r"."last_update_on", "r"."version", "r"."status", "r"."child_count" from "task_list_rows" as "r" where ${RANGE} order by "r"."code", "r"."task_id" limit ? offset ?`
    : `select ${ITEMS_JSON} as "items" from (select "r".* from "task_list_rows" as "r" where ${RANGE} order by "r"."code", "r"."task_id" limit ? offset ?) as "r"`,
  count: isPg ? `select count(*) as "n" from "task_list_rows" as "r" where ${RANGE}` : `select coalesce(sum(n), 0) as "n" from "task_list_counts" as "r" where ${RANGE}`,
};
const jsonArray = (fields: Record<string, string>, orderBy: string, from: string) =>
  `(select coalesce(${isPg ? 'json_agg' : 'json_group_array'}(${isPg ? 'json_build_object' : 'json_object'}(${Object.entries(fields).map(([k, v]) => `'${k}', ${v}`).join(', ')}) order by ${orderBy}), '[]') ${from})`;
// The latest updates read once, their files grouped once and joined to them (ledger.repository.ts: taskPageRow).
const PAGE_CTES = `with "latest" as materialized (select * from "progress_updates" where "task_id" = ? order by "reported_on" desc, "created_at" desc, "id" desc limit 50), "att" as (select "f"."owner_id", ${isPg ? 'json_agg(json_build_object' : 'json_group_array(json_object'}('id', f.id, 'filename', f.filename, 'mime', f.mime, 'size', f.size) order by f.created_at, f.id) as "a" from "files" as "f" where "f"."owner_type" = 'progress_update' and "f"."owner_id" in (select "latest"."id" from "latest") and "f"."deleted_at" is null group by "f"."owner_id") `;
const UPDATES = jsonArray({
  id: 'p.id', taskId: 'p.task_id', unitId: 'p.unit_id', unitName: '(select name from units where id = p.unit_id)', reportedOn: 'p.reported_on', doneText: 'p.done_text', nextSteps: 'p.next_steps',
  problems: 'p.problems', supportNeeded: 'p.support_needed', percent: 'p.percent', state: 'p.state', officeComment: 'p.office_comment', createdByName: 'p.created_by_name', createdAt: 'p.created_at',
  attachments: isPg ? "coalesce(att.a, '[]'::json)" : "json(coalesce(att.a, '[]'))", version: 'p.version',
}, 'p.reported_on desc, p.created_at desc, p.id desc', 'from latest p left join att on att.owner_id = p.id');
const PAGE_PARTS = [
  `${jsonArray({ id: 'u.id', name: 'u.name' }, 'u.sort_order, u.id', 'from task_cooperating_units cu join units u on u.id = cu.unit_id where cu.task_id = tasks.id')} as "coop"`,
  `${jsonArray({ id: 'm.id', title: 'm.title', dueDate: 'm.due_date', doneOn: 'm.done_on' }, 'm.sort_order, m.due_date, m.id', 'from task_milestones m where m.task_id = tasks.id')} as "milestones"`,
  `${isPg ? `${UPDATES}::text` : UPDATES} as "updates"`,
  `${jsonArray({ at: 'a.at', action: 'a.action', actorName: 'a.actor_name' }, 'a.seq', "from audit_log a where a.entity_type = 'task' and a.entity_id = tasks.id")} as "history"`,
].join(', ');
const SQL = {
  findTask: `select * from "tasks" where "office_id" = ? and "id" = ?`,
  findTaskAny: `select * from "tasks" where "id" = ?`,
  // The task page in one statement, as ledger.repository.ts: taskPageRow (its parts as JSON arrays the database writes).
  page: `${PAGE_CTES}${SUMMARY.replace(' from "tasks" left join', `, "tasks"."description", "tasks"."source_type", "tasks"."source_ref", "tasks"."source_label", "tasks"."expected_result", "tasks"."weight", "tasks"."at_risk_from", "tasks"."done_at", "tasks"."done_by_name", "tasks"."cancelled_at", "tasks"."cancel_reason", exists (select "ct"."id" from "tasks" as "ct" where "ct"."origin_task_id" = "tasks"."id") as "has_county_copies", exists (select "x"."id" from "task_extension_requests" as "x" where "x"."task_id" = "tasks"."id") as "has_extensions", ${PAGE_PARTS} from "tasks" left join`)} where "tasks"."office_id" = ? and "tasks"."id" = ?`,
  children: `${SUMMARY.replace(' from "tasks" left join', ', "tasks"."weight", "tasks"."cancelled_at" from "tasks" left join')} where "tasks"."parent_id" = ? order by "tasks"."code"`,
  counties: `select "tasks"."id", "tasks"."office_id", "offices"."name" as "office_name", "tasks"."percent", ${STATUS} as "status" from "tasks" inner join "offices" on "offices"."id" = "tasks"."office_id" where "tasks"."origin_task_id" = ? order by "offices"."sort_order"`,
  latestCounting: `select "unit_id", "percent", "reported_on", "created_at" from "progress_updates" where "task_id" = ? and "state" = ? and "percent" is not null and ("unit_id" is null or "unit_id" = ?) order by "reported_on" desc, "created_at" desc limit ?`,
  updateWithUnit: `select "progress_updates".*, "units"."name" as "unit_name" from "progress_updates" left join "units" on "units"."id" = "progress_updates"."unit_id" where "progress_updates"."id" = ?`,
  extensions: `select "task_extension_requests".*, "units"."name" as "unit_name" from "task_extension_requests" left join "units" on "units"."id" = "task_extension_requests"."unit_id" where "task_extension_requests"."task_id" = ? order by "task_extension_requests"."requested_at" desc, "task_extension_requests"."id" desc`,
  childFigures: `select "id", "percent", "weight", "cancelled_at" from "tasks" where "parent_id" = ?`,
  childOffices: `select "id", "name", "short_name" from "offices" where "parent_id" = ? order by "sort_order"`,
  keyTasks: `select "tasks"."id", "tasks"."code", "tasks"."title", "units"."name" as "lead_unit_name", "tasks"."last_update_on" from "tasks" left join "units" on "units"."id" = "tasks"."lead_unit_id" where "tasks"."office_id" = ? and tasks.key_task = 1 and tasks.done_at is null and tasks.cancelled_at is null and ("tasks"."last_update_on" is null or "tasks"."last_update_on" < ?) order by "tasks"."code" limit 200`,
  updatesPerDay: `select "reported_on", "n" from "progress_update_days" where "office_id" = ? and "reported_on" >= ?`,
  donePerMonth: `select substr(done_at, 1, 7) as "month", count(*) as "n" from "tasks" where "office_id" = ? and "done_at" >= ? group by substr(done_at, 1, 7)`,
  countKeyTasks: `select count(*) as "n" from "tasks" where "office_id" = ? and "key_task" = ? and "depth" = ?`,
  insertUpdate: `insert into "progress_updates" ("id", "task_id", "office_id", "unit_id", "reported_on", "done_text", "next_steps", "problems", "support_needed", "percent", "state", "office_comment", "created_by_name", "version", "created_at") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  countUpdateDay: `insert into "progress_update_days" ("office_id", "reported_on", "n") values (?, ?, ?) on conflict ("office_id", "reported_on") do update set "n" = progress_update_days.n + 1`,
  updateTask: `update "tasks" set "last_update_on" = ?, "updated_at" = ?, "percent" = ?, "version" = ? where "id" = ? and "version" = ?`,
  setRolled: `update "tasks" set "percent" = ?, "updated_at" = ?, "version" = "version" + ? where "id" = ?`,
  auditLast: `select "seq", "hash" from "audit_log" order by "seq" desc limit ?`,
  auditInsert: `insert into "audit_log" ("seq", "id", "at", "actor_account_id", "actor_name", "actor_post", "office_id", "action", "entity_type", "entity_id", "before", "after", "request_id", "ip", "prev_hash", "hash") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  files: `select "id", "owner_id", "filename", "mime", "size" from "files" where "owner_type" = ? and "owner_id" in (?) and "deleted_at" is null`,
};
const inList = (n: number) => Array(n).fill('?').join(', ');
const statusSql = (n: number) =>
  `select "tasks"."office_id", "tasks"."lead_unit_id", "tasks"."status", count(*) as "n", sum("tasks"."percent") as "percent_sum", count("tasks"."percent") as "percent_count" from "tasks" where "tasks"."office_id" in (${inList(n)}) and "tasks"."depth" = ? group by "tasks"."office_id", "tasks"."lead_unit_id", "tasks"."status"`;
const unitNamesSql = (n: number) => `select "id", "name" from "units" where "id" in (${inList(n)})`;
const filesSql = (n: number) => SQL.files.replace('in (?)', `in (${Array(n).fill('?').join(', ')})`);

type Run = (sql: string, params: unknown[]) => Promise<Array<Record<string, unknown>>>;
interface Db {
  all: Run;
  /** Runs fn in one transaction; `q` is bound to it. */
  tx<T>(fn: (q: Run) => Promise<T>): Promise<T>;
}

function sqliteDb(file: string): Db {
  const db = new SQLite(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  const cache = new Map<string, SQLite.Statement>();
  const stmt = (sql: string) => {
    let s = cache.get(sql);
    if (!s) cache.set(sql, (s = db.prepare(sql)));
    return s;
  };
  const exec = (sql: string, params: unknown[]) => {
    const s = stmt(sql);
    if (s.reader) return s.all(...params) as Array<Record<string, unknown>>;
    s.run(...params);
    return [];
  };
  // One connection, locked for a whole transaction (as Kysely's SQLite driver does): other queries wait for it.
  let lock: Promise<unknown> = Promise.resolve();
  const locked = <T>(fn: () => Promise<T>): Promise<T> => {
    const r = lock.then(fn);
    lock = r.catch(() => {});
    return r;
  };
  type Batch = { durable: Promise<void>; resolve(): void; reject(e: unknown): void };
  let batch: Batch | undefined;
  const commitBatch = () =>
    locked(async () => {
      const b = batch;
      batch = undefined;
      if (!b) return;
      try {
        end();
        db.exec('commit');
        b.resolve();
      } catch (err) {
        if (db.inTransaction) db.exec('rollback');
        b.reject(err);
      }
    });
  // Reads outside a transaction, as the app's direct reader does them (server/db/db.ts): on a read-only connection,
  // sharing one read transaction per turn of the event loop, ended before the writing connection writes.
  const reader = new SQLite(file, { readonly: true });
  reader.pragma('busy_timeout = 5000');
  reader.pragma('cache_size = -4000');
  const readCache = new Map<string, SQLite.Statement>();
  const [begin, commit] = [reader.prepare('begin'), reader.prepare('commit')];
  let open = false;
  const end = () => {
    if (!open) return;
    open = false;
    if (reader.inTransaction) commit.run();
  };
  const read = (sql: string, params: unknown[]) => {
    let s = readCache.get(sql);
    if (!s) readCache.set(sql, (s = reader.prepare(sql)));
    if (!open) {
      begin.run();
      open = true;
      setImmediate(end);
    }
    return s.all(...params) as Array<Record<string, unknown>>;
  };
  return {
    all: async (sql, params) => read(sql, params),
    // Group commit, as the app's driver does it (server/db/group-commit.ts): the transactions of one turn of the event
    // loop run in savepoints of one transaction and share its COMMIT; each returns once that COMMIT is done.
    tx: async (fn) => {
      let mine: Batch | undefined;
      const r = await locked(async () => {
        end();
        if (!batch) {
          db.exec('begin');
          let resolve!: () => void, reject!: (e: unknown) => void;
          const durable = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
          durable.catch(() => {});
          batch = { durable, resolve, reject };
          setImmediate(() => void commitBatch());
        }
        mine = batch;
        db.exec('savepoint ro_group');
        try {
          const out = await fn(async (sql, params) => {
            if (!stmt(sql).reader) end();
            return exec(sql, params);
          });
          db.exec('release ro_group');
          return out;
        } catch (err) {
          db.exec('rollback to ro_group');
          db.exec('release ro_group');
          mine = undefined;
          throw err;
        }
      });
      await mine?.durable;
      return r;
    },
  };
}

function pgDb(connectionString: string): Db {
  const pool = new pg.Pool({ connectionString, max: 10 });
  pool.on('error', () => {});
  const numbered = new Map<string, string>();
  const toPg = (sql: string) => {
    let s = numbered.get(sql);
    if (!s) {
      let k = 0;
      numbered.set(sql, (s = sql.replace(/\?/g, () => `$${++k}`)));
    }
    return s;
  };
  // Named prepared statements, as the app's fixed-shape queries are (server/db/db.ts): planned once per connection.
  const names = new Map<string, string>();
  const on = (c: pg.Pool | pg.PoolClient): Run => async (sql, params) => {
    const text = toPg(sql);
    let name = names.get(text);
    if (!name) names.set(text, (name = `q${names.size}`));
    return (await c.query({ name, text, values: params })).rows;
  };
  return {
    all: on(pool),
    async tx(fn) {
      const c = await pool.connect();
      try {
        await c.query('begin');
        const r = await fn(on(c));
        await c.query('commit');
        return r;
      } catch (err) {
        await c.query('rollback');
        throw err;
      } finally {
        c.release();
      }
    },
  };
}

const db = isPg ? pgDb(url) : sqliteDb(url.replace(/^sqlite:/, ''));
const app = Fastify({ logger: false });

// The kept statuses made today's, as the app does on its first list of a day (ledger.repository.ts: statusesFor).
{
  const t = today();
  const day = (await db.all('select day from task_status_day where id = 1', []))[0]!.day;
  if (day !== t) {
    await db.tx(async (q) => {
      if (isPg) await q('lock table tasks in share row exclusive mode', []);
      await q('update task_status_day set day = ? where id = 1', [t]);
      await q(`update tasks set status = ${STATUS} where cancelled_at is null and done_at is null and status <> ${STATUS}`, [t, t, t, t, t, t]);
    });
  }
}

app.get('/api/health', async () => ({ ok: true }));

app.get<{ Params: { officeId: string }; Querystring: { unitId: string; status: string; limit?: string } }>('/limit/offices/:officeId/tasks', async (req, reply) => {
  const { officeId } = req.params;
  const { unitId, status } = req.query;
  const limit = Number(req.query.limit ?? 50);
  const [items, total] = await Promise.all([db.all(LIST.list, [unitId, officeId, status, limit, 0]), db.all(LIST.count, [unitId, officeId, status])]);
  if (isPg) return { items, total: Number(total[0]!.n) };
  return reply.header('content-type', 'application/json; charset=utf-8').send(`{"items":${String(items[0]!.items)},"total":${Number(total[0]!.n)}}`);
});

const parse = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v) as Array<Record<string, unknown>>;

app.get<{ Params: { officeId: string; taskId: string } }>('/limit/offices/:officeId/tasks/:taskId', async (req, reply) => {
  const t = today();
  const { officeId, taskId } = req.params;
  const row = (await db.all(SQL.page, [taskId, t, t, t, officeId, taskId]))[0];
  if (!row) return reply.status(404).send({ error: 'not found' });
  // Children, county copies and extension requests only when the task has them, as the app reads them (ledger.service.ts: getTask).
  const none = Promise.resolve([]);
  const [children, counties, extensions] = await Promise.all([
    Number(row.child_count) > 0 ? db.all(SQL.children, [t, t, t, taskId]) : none, row.has_county_copies ? db.all(SQL.counties, [t, t, t, taskId]) : none,
    row.has_extensions ? db.all(SQL.extensions, [taskId]) : none,
  ]);
  // The updates (with their attachments) as the database wrote them, spliced in as the app does (ledger.service.ts: taskPageJson).
  const { coop, milestones, updates, history, ...rest } = row;
  const head = JSON.stringify({ ...rest, children, counties, extensions, coop: parse(coop), milestones: parse(milestones), history: parse(history) });
  return reply.type('application/json; charset=utf-8').send(`${head.slice(0, -1)},"updates":${updates as string}}`);
});

app.get<{ Params: { officeId: string } }>('/limit/offices/:officeId/dashboard', async (req) => {
  const t = today();
  const { officeId } = req.params;
  const counties = await db.all(SQL.childOffices, [officeId]);
  const since = `${t.slice(0, 7)}-01`;
  const from = `${Number(t.slice(0, 4)) - 1}-${t.slice(5, 7)}-01`;
  const ids = [officeId, ...counties.map((c) => c.id)];
  const [status, keyTasks, updates, done] = await Promise.all([
    db.all(statusSql(ids.length), [...ids, 0]), db.all(SQL.keyTasks, [officeId, since]), db.all(SQL.updatesPerDay, [officeId, from]), db.all(SQL.donePerMonth, [officeId, from]),
  ]);
  const unitIds = [...new Set(status.filter((r) => r.office_id === officeId && r.lead_unit_id !== null).map((r) => r.lead_unit_id))];
  const units = unitIds.length ? await db.all(unitNamesSql(unitIds.length), unitIds) : [];
  const months = new Map<string, number>();
  for (const d of updates) months.set(String(d.reported_on).slice(0, 7), (months.get(String(d.reported_on).slice(0, 7)) ?? 0) + Number(d.n));
  const keyCount = await db.all(SQL.countKeyTasks, [officeId, 1, 0]);
  return { status, units, keyTasks, updates: [...months], done, keyCount: Number(keyCount[0]!.n), counties };
});

let lastMs = 0;
const uuid7 = () => {
  const now = Math.max(Date.now(), lastMs + 1);
  lastMs = now;
  return `${now.toString(16).padStart(12, '0').replace(/^(.{8})(.{4})$/, '$1-$2')}-7${randomUUID().slice(15)}`;
};

app.post<{ Params: { officeId: string; taskId: string }; Body: { doneText: string; percent?: number } }>('/limit/offices/:officeId/tasks/:taskId/updates', async (req, reply) => {
  const { officeId, taskId } = req.params;
  const t = today();
  const created = await db.tx(async (q) => {
    const task = (await q(SQL.findTask, [officeId, taskId]))[0];
    if (!task) return null;
    const hasChildren = (await q(SQL.childFigures, [taskId])).length > 0;
    const now = new Date().toISOString();
    const percent = req.body.percent ?? null;
    const updateId = uuid7();
    // The figure's rule (figureAfterAdd): the latest counting update before this one; the office's own always counts.
    const before = percent !== null && !hasChildren ? (await q(SQL.latestCounting, [taskId, 'submitted', task.lead_unit_id, 1]))[0] : undefined;
    await q(SQL.insertUpdate, [updateId, taskId, officeId, null, t, req.body.doneText, null, null, null, percent, 'submitted', null, 'bench', 1, now]);
    await q(SQL.countUpdateDay, [officeId, t, 1]);
    const last = task.last_update_on && String(task.last_update_on) > t ? task.last_update_on : t;
    const setPercent = !hasChildren && percent !== null && (!before || t > String(before.reported_on) || (t === String(before.reported_on) && now > String(before.created_at)));
    await q(SQL.updateTask, [last, now, setPercent ? percent : task.percent, Number(task.version) + 1, taskId, task.version]);
    for (let pid = setPercent ? (task.parent_id as string | null) : null, guard = 0; pid && guard < 20; guard++) {
      const parent = (await q(SQL.findTaskAny, [pid]))[0];
      if (!parent) break;
      const figures = (await q(SQL.childFigures, [pid])).filter((f) => !f.cancelled_at && f.percent !== null && Number(f.weight) > 0);
      const total = figures.reduce((a, f) => a + Number(f.weight), 0);
      const rolled = total ? Math.round(figures.reduce((a, f) => a + Number(f.percent) * Number(f.weight), 0) / total) : null;
      if (rolled !== parent.percent) await q(SQL.setRolled, [rolled, now, 1, pid]);
      pid = parent.parent_id as string | null;
    }
    if (isPg) await q('select pg_advisory_xact_lock(?)', [720_001]);
    const head = (await q(SQL.auditLast, [1]))[0];
    const row = [Number(head?.seq ?? 0) + 1, uuid7(), now, null, 'bench', 'director', officeId, 'task.progress', 'task', taskId, null, JSON.stringify({ updateId, reportedOn: t, percent, unitId: null }), req.id, req.ip, head?.hash ?? '0'.repeat(64)];
    const hash = createHmac('sm3', auditKey).update(JSON.stringify(row)).digest('hex');
    await q(SQL.auditInsert, [...row, hash]);
    // The new update and its attachments (none yet), read inside the transaction, as the app does.
    return { ...(await q(SQL.updateWithUnit, [updateId]))[0], attachments: await q(filesSql(1), ['progress_update', updateId]) };
  });
  if (!created) return reply.status(404).send({ error: 'not found' });
  return reply.status(201).send(created);
});

await app.listen({ port, host: '127.0.0.1' });
// Exit on SIGTERM through process.exit, so that --cpu-prof (BENCH_PROFILE=1) writes its profile.
process.once('SIGTERM', () => process.exit(0));
