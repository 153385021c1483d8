import SQLite from 'better-sqlite3';
import { CamelCasePlugin, Kysely, SqliteDialect } from 'kysely';
import { createServices } from '../server/app.ts';
import { systemClock } from '../server/platform/clock.ts';
import { AUDIT_KEY } from './generate.ts';
const sqlite = new SQLite(process.argv[2]!);
const seen: string[] = [];
const db = new Kysely<any>({ dialect: new SqliteDialect({ database: sqlite }), plugins: [new CamelCasePlugin()], log: (e) => { seen.push(e.query.sql + '  -- ' + JSON.stringify(e.query.parameters) + ' ' + e.queryDurationMillis.toFixed(2) + 'ms'); } });
const services = createServices({ handle: { db, dialect: 'sqlite', location: '', sqlite, close: async () => {} } as any, clock: systemClock, auditKey: AUDIT_KEY, mailer: null });
const big = sqlite.prepare("select id from offices where division_code='BR0P0'").get() as any;
const unit = sqlite.prepare("select lead_unit_id u from tasks where office_id=? group by 1 order by count(*) desc limit 1").get(big.id) as any;
const task = sqlite.prepare("select id from tasks where office_id=? and done_at is null and cancelled_at is null and parent_id is not null limit 1").get(big.id) as any;
const which = process.argv[3];
const mark = (s: string) => seen.push('==== ' + s);
if (!which || which==='list') { mark('list'); await services.ledger.listTasks(big.id, { unitId: unit.u, status: 'on_track', level: 'top', sort: 'code', limit: 50, offset: 0 } as any); }
if (!which || which==='task') { mark('task'); await services.ledger.getTask(null, big.id, task.id); }
if (!which || which==='dash') { mark('dashboard'); await services.ledger.dashboard(big.id); }
if (!which || which==='session') { mark('session'); await services.auth.resolveSession('nope'); }
console.log(seen.join('\n'));
