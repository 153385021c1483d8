// The benchmark's data set as a pure function of (seed, scale): a national organization of 303 offices and a ledger
// of 200,000 tasks with 2,000,000 progress updates at scale 1. Rows are emitted as arrays in TABLES' column order;
// a sink (generate.ts) writes them to SQLite or PostgreSQL. Nothing here reads the clock or Math.random.
import { createHmac } from 'node:crypto';
import { canonicalAuditRow } from '../server/platform/audit.ts';
import { atRiskFromDate, nextMilestoneDue, rollupPercent } from '../server/modules/ledger/ledger.rules.ts';
import { CalendarYearMissing, type WorkingCalendar } from '../server/modules/calendar/working-days.ts';

/** Bump when the generated rows change: cached databases of another version are regenerated. */
export const GENERATOR_VERSION = 2;
export const SEED = 20261128;
export const BENCH_PASSWORD = 'Bench-Pass-2026!';
/** The generated history ends on this date (fixed, so the data never depends on the day it was generated). */
export const ANCHOR = '2026-11-28';
export const FULL = { tasks: 200_000, updates: 2_000_000 };

type Col = readonly [name: string, type: 'text' | 'int' | 'real'];
const t = (name: string): Col => [name, 'text'];
const i = (name: string): Col => [name, 'int'];

/** Column order of every generated table (snake_case, as in the migrations). Also the flush order (foreign keys). */
export const TABLES = {
  offices: [t('id'), t('parent_id'), t('path'), t('level'), t('division_code'), t('name'), t('short_name'), t('host_unit_name'), t('leading_group_issuer_code'), t('office_issuer_code'), i('sort_order'), i('version'), t('created_at'), t('updated_at')],
  units: [t('id'), t('office_id'), t('name'), t('short_name'), i('is_member'), i('is_host'), t('responsible_body'), t('phone'), t('address'), i('sort_order'), i('active'), i('version'), t('created_at'), t('updated_at')],
  people: [t('id'), t('office_id'), t('unit_id'), t('name'), t('title'), t('phone'), t('mobile'), t('email'), i('version'), t('created_at'), t('updated_at')],
  appointments: [t('id'), t('office_id'), t('post'), t('person_id'), t('unit_id'), t('start_date'), t('end_date'), t('note'), i('version'), t('created_at'), t('updated_at')],
  accounts: [t('id'), t('username'), t('display_name'), t('person_id'), t('system_duty'), t('password_hash'), i('must_change_password'), t('password_changed_at'), i('disabled'), t('locked_until'), i('version'), t('created_at'), t('updated_at')],
  tasks: [
    t('id'), t('office_id'), t('parent_id'), t('origin_task_id'), i('depth'), t('code'), t('title'), t('description'), t('source_type'), t('source_ref'), t('source_label'), t('lead_unit_id'), t('deadline'), i('key_task'),
    t('expected_result'), ['weight', 'real'], i('percent'), t('last_update_on'), t('at_risk_from'), t('next_milestone_due'), t('done_at'), t('done_by_name'), t('cancelled_at'), t('cancel_reason'), i('sort_order'), i('version'), t('created_at'), t('updated_at'),
  ],
  task_cooperating_units: [t('task_id'), t('unit_id')],
  task_milestones: [t('id'), t('task_id'), t('title'), t('due_date'), t('done_on'), i('sort_order')],
  progress_updates: [t('id'), t('task_id'), t('office_id'), t('unit_id'), t('reported_on'), t('done_text'), t('next_steps'), t('problems'), t('support_needed'), i('percent'), t('state'), t('office_comment'), t('created_by_name'), i('version'), t('created_at')],
  audit_log: [i('seq'), t('id'), t('at'), t('actor_account_id'), t('actor_name'), t('actor_post'), t('office_id'), t('action'), t('entity_type'), t('entity_id'), t('before'), t('after'), t('request_id'), t('ip'), t('prev_hash'), t('hash')],
} as const satisfies Record<string, readonly Col[]>;
export type Table = keyof typeof TABLES;
export type Row = unknown[];

export interface Sink {
  add(table: Table, row: Row): void;
  /** True when enough rows are buffered that the generator should await flush() at the next safe point. */
  readonly full: boolean;
  flush(): Promise<void>;
}

/** mulberry32 */
export function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = a;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
    chance: (p: number) => next() < p,
  };
}
type Rnd = ReturnType<typeof prng>;

const BASE_MS = Date.UTC(2025, 0, 1);
/** UUIDv7-shaped ids, sortable in generation order, from the generator's own counter and random stream. */
function idMaker(rnd: Rnd) {
  let n = 0;
  const hex = (v: number, len: number) => v.toString(16).padStart(len, '0');
  return () => {
    n++;
    const ms = BASE_MS + Math.floor(n / 4096);
    const seq = n % 4096;
    const r1 = Math.floor(rnd.next() * 0x10000);
    const r2 = Math.floor(rnd.next() * 0x1000000);
    const r3 = Math.floor(rnd.next() * 0x1000000);
    const h = hex(ms, 12);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-7${hex(seq, 3)}-${hex(0x8000 | (r1 & 0x3fff), 4)}-${hex(r2, 6)}${hex(r3, 6)}`;
  };
}

const dayMs = 86_400_000;
const anchorMs = Date.parse(`${ANCHOR}T00:00:00Z`);
const dateAt = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const addDays = (date: string, days: number) => dateAt(Date.parse(`${date}T00:00:00Z`) + days * dayMs);
const instant = (date: string, rnd: Rnd) => `${date}T${String(1 + rnd.int(10)).padStart(2, '0')}:${String(rnd.int(60)).padStart(2, '0')}:${String(rnd.int(60)).padStart(2, '0')}.000Z`;

// ---- vocabulary (fictional organization; words of the reform work) ----
const REGIONS = ['天山省', '昆仑省', '祁连省'];
const PREF_NAMES = ['博格达', '阿拉沟', '乌拉泊', '柴窝堡', '达坂城', '三坪', '白杨河', '头屯河', '芦草沟', '甘泉堡', '永丰', '板房沟', '托里', '水磨沟', '雅玛里克', '红光山', '青格达', '安宁渠', '米东', '柳树泉', '石人子', '黑沟', '大河沿', '七泉湖', '胜金', '二堡', '恰特喀勒', '艾丁湖', '连木沁', '鄯善'];
const COUNTY_SUFFIX = ['东', '西', '南', '北', '中', '新', '长', '安', '丰'];
const MEMBER_UNITS = [
  '发展和改革委员会', '自然资源局', '住房和城乡建设局', '政务服务和公共资源交易管理局', '财政局', '生态环境局', '应急管理局', '市场监督管理局', '交通运输局', '水利局',
  '农业农村局', '文化体育广电和旅游局', '卫生健康委员会', '教育局', '工业和信息化局', '商务局', '人力资源和社会保障局', '司法局', '公安局', '消防救援支队',
  '人民防空办公室', '气象局', '地震局', '林业和草原局', '统计局', '审计局', '民政局', '退役军人事务局', '国有资产监督管理委员会', '数据局',
  '税务局', '供电公司', '通信管理办公室', '城市管理局', '医疗保障局', '档案局', '机关事务管理局', '科学技术局', '粮食和物资储备局', '乡村振兴局',
];
const SURNAMES = '王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严武戴孔向汤';
const GIVEN = ['建国', '志强', '海燕', '丽娟', '文华', '晓东', '红梅', '国栋', '新民', '玉兰', '振华', '春燕', '德明', '秀英', '军', '静', '磊', '敏', '涛', '婷', '伟', '芳', '强', '娜', '勇', '艳', '杰', '霞', '明', '洁'];
const VERBS = ['推进', '深化', '完善', '优化', '落实', '健全', '规范', '简化', '推行', '加快', '开展', '建立'];
const OBJECTS = ['工程建设项目审批', '施工许可', '联合验收', '多图联审', '区域评估', '告知承诺制', '并联审批', '“一网通办”', '中介服务', '水电气暖报装', '用地预审与选址', '规划许可', '环评审批', '帮办代办', '电子证照', '“多测合一”', '容缺受理', '“拿地即开工”'];
const SUFFIXES = ['改革', '工作机制', '事项清单', '服务标准', '监管体系', '配套制度', '试点工作', '专项行动', '全流程管理', '数据共享'];
const PHRASES = [
  '召开专题推进会议，研究部署下一阶段工作', '梳理审批事项清单，压减申请材料', '完成系统对接测试，实现数据实时共享', '组织业务培训，覆盖窗口工作人员', '印发实施方案并明确责任分工',
  '开展实地调研，收集企业意见建议', '联合相关部门开展督导检查', '完成阶段性目标，形成工作台账', '优化办理流程，平均办理时限压缩', '推动电子证照在审批环节应用',
  '建立问题清单，逐项明确整改时限', '指导县市（园区）同步推进', '编制服务指南并向社会公布', '落实容缺受理，已办结项目若干', '报送阶段性工作总结',
];
const NEXT = ['继续跟踪推进，按月报送进展', '完善配套制度，组织验收评估', '扩大试点范围，总结推广经验', '加强部门协同，解决堵点问题', '开展效果评估并形成报告'];
const PROBLEMS = ['部分系统接口尚未打通', '基层人员力量不足', '个别事项法律依据需进一步明确', '企业知晓率有待提高', '跨部门数据共享存在延迟'];

type OfficePost = 'leader' | 'deputy_leader' | 'director' | 'deputy_director' | 'office_staff';

export interface OfficePlan {
  index: number;
  id: string;
  parentIndex: number | null;
  path: string;
  level: 'region' | 'prefecture' | 'county';
  code: string;
  name: string;
  shortName: string;
  units: Array<{ id: string; name: string; liaisonAccountId: string; liaisonName: string }>;
  /** Usernames of the office's own posts, in order: director, deputy directors, staff, leader, deputy leader. */
  logins: Array<{ username: string; post: OfficePost }>;
  tasks: number;
}

export interface Plan {
  scale: number;
  tasks: number;
  updates: number;
  offices: OfficePlan[];
  /** The prefecture holding half of all tasks (100,000 at scale 1): the dashboard target. */
  big: OfficePlan;
}

/** The organization: 3 regions × 10 prefectures × 9 counties (303 offices); the task allocation per office. */
export function planOrganization(scale: number): Plan & { rnd: Rnd; newId: () => string } {
  const rnd = prng(SEED);
  const newId = idMaker(rnd);
  const tasks = Math.round(FULL.tasks * scale);
  const updates = Math.round(FULL.updates * scale);
  const offices: OfficePlan[] = [];
  const mk = (parent: OfficePlan | null, level: OfficePlan['level'], code: string, name: string, shortName: string, unitCount: number, staff: number): OfficePlan => {
    const id = newId();
    const o: OfficePlan = { index: offices.length, id, parentIndex: parent?.index ?? null, path: `${parent?.path ?? '/'}${id}/`, level, code, name, shortName, units: [], logins: [], tasks: 0 };
    const prefix = level === 'region' ? '省' : level === 'prefecture' ? '州' : '县';
    for (let u = 0; u < unitCount; u++) o.units.push({ id: newId(), name: `${shortName}${prefix}${MEMBER_UNITS[u % MEMBER_UNITS.length]}${u >= MEMBER_UNITS.length ? u : ''}`, liaisonAccountId: '', liaisonName: '' });
    o.logins.push({ username: `${code}.director`, post: 'director' });
    for (let k = 1; k <= 2; k++) o.logins.push({ username: `${code}.deputy${k}`, post: 'deputy_director' });
    for (let k = 1; k <= staff; k++) o.logins.push({ username: `${code}.staff${k}`, post: 'office_staff' });
    o.logins.push({ username: `${code}.leader`, post: 'leader' }, { username: `${code}.deputyleader`, post: 'deputy_leader' });
    offices.push(o);
    return o;
  };
  for (let r = 0; r < 3; r++) {
    const region = mk(null, 'region', `r${r}`, REGIONS[r]!, REGIONS[r]!.slice(0, 2), 30, 3);
    for (let p = 0; p < 10; p++) {
      const pn = PREF_NAMES[r * 10 + p]!;
      const pref = mk(region, 'prefecture', `r${r}p${p}`, `${pn}州`, pn, 40, r === 0 && p === 0 ? 10 : 3);
      for (let c = 0; c < 9; c++) mk(pref, 'county', `r${r}p${p}c${c}`, `${pn}${COUNTY_SUFFIX[c]}县`, `${pn.slice(0, 1)}${COUNTY_SUFFIX[c]}`, 12, 2);
    }
  }
  const big = offices.find((o) => o.code === 'r0p0')!;
  big.tasks = Math.round(tasks / 2);
  const rest = offices.filter((o) => o !== big);
  const weight = (o: OfficePlan) => (o.level === 'region' ? 2 : o.level === 'prefecture' ? 4 : 1);
  const total = rest.reduce((a, o) => a + weight(o), 0);
  let cum = 0;
  for (const o of rest) {
    const before = Math.round(((tasks - big.tasks) * cum) / total);
    cum += weight(o);
    o.tasks = Math.round(((tasks - big.tasks) * cum) / total) - before;
  }
  return { scale, tasks, updates, offices, big, rnd, newId };
}

export interface GenerateInput {
  scale: number;
  sink: Sink;
  passwordHash: string;
  auditKey: Buffer;
  /** The chain's head before the generated rows (setup rows written by the app's own services). */
  auditHead: { seq: number; hash: string };
  calendar: WorkingCalendar;
}

/** Emits every row of the data set into the sink, in foreign-key order per flush. Returns the row counts. */
export async function generate(input: GenerateInput): Promise<Record<Table, number>> {
  const plan = planOrganization(input.scale);
  const { rnd, newId } = plan;
  const { sink } = input;
  const counts = Object.fromEntries(Object.keys(TABLES).map((k) => [k, 0])) as Record<Table, number>;
  const add = (table: Table, row: Row) => {
    counts[table]++;
    sink.add(table, row);
  };
  const created = `${ANCHOR.slice(0, 4)}-01-01T00:00:00.000Z`;
  const personName = () => (rnd.chance(0.06) ? `${rnd.pick(['阿不都', '古丽', '努尔兰', '热依拉', '艾克拜尔', '叶尔兰'])}·${rnd.pick(['买买提', '艾力', '托合提', '吐尔逊', '依明'])}` : SURNAMES[rnd.int(SURNAMES.length)]! + rnd.pick(GIVEN));
  let mobileSeq = 0;
  const person = (officeId: string, unitId: string | null, title: string) => {
    const id = newId();
    const name = personName();
    add('people', [id, officeId, unitId, name, title, null, `139${String(10_000_000 + ++mobileSeq).padStart(8, '0')}`, null, 1, created, created]);
    return { id, name };
  };
  const appoint = (officeId: string, post: string, personId: string, unitId: string | null) => add('appointments', [newId(), officeId, post, personId, unitId, '2024-01-01', null, null, 1, created, created]);
  const account = (username: string, p: { id: string; name: string }) => {
    const id = newId();
    add('accounts', [id, username, p.name, p.id, null, input.passwordHash, 0, created, 0, null, 1, created, created]);
    return id;
  };

  // ---- organization ----
  for (const o of plan.offices) {
    const parent = o.parentIndex === null ? null : plan.offices[o.parentIndex]!;
    add('offices', [o.id, parent?.id ?? null, o.path, o.level, `B${o.code.toUpperCase()}`, o.name, o.shortName, o.units[0]!.name, null, null, o.index, 1, created, created]);
    for (const [k, u] of o.units.entries()) add('units', [u.id, o.id, u.name, null, 1, k === 0 ? 1 : 0, '审批制度改革工作专班', `0990-${String(2_000_000 + o.index * 100 + k)}`, null, (k + 1) * 10, 1, 1, created, created]);
    for (const [k, u] of o.units.entries()) {
      const head = person(o.id, u.id, k === 0 ? '局长' : '主要负责同志');
      appoint(o.id, 'group_member', head.id, u.id);
      const liaison = person(o.id, u.id, '科长');
      appoint(o.id, 'liaison_officer', liaison.id, u.id);
      u.liaisonAccountId = account(`${o.code}.u${k}.liaison`, liaison);
      u.liaisonName = liaison.name;
      const info = person(o.id, u.id, '科员');
      appoint(o.id, 'information_officer', info.id, u.id);
    }
    for (const l of o.logins) {
      const unit = l.post === 'leader' || l.post === 'deputy_leader' ? null : o.units[l.post === 'director' ? 0 : 1 + rnd.int(o.units.length - 1)]!;
      const p = person(o.id, unit?.id ?? null, l.post === 'office_staff' ? '抽调工作人员' : l.post === 'leader' ? '副省（州、县）长' : '负责同志');
      appoint(o.id, l.post, p.id, unit?.id ?? null);
      account(l.username, p);
    }
  }
  await sink.flush();

  // ---- the ledger ----
  let seq = input.auditHead.seq;
  let prevHash = input.auditHead.hash;
  const audit = (at: string, actor: { id: string; name: string; post: string } | null, officeId: string, action: string, entityId: string, after: unknown) => {
    seq++;
    const row = {
      seq, id: newId(), at, actorAccountId: actor?.id ?? null, actorName: actor?.name ?? null, actorPost: actor?.post ?? null, officeId, action, entityType: 'task', entityId,
      before: null, after: JSON.stringify(after), requestId: 'bench-generate', ip: null, prevHash,
    };
    const hash = createHmac('sm3', input.auditKey).update(canonicalAuditRow(row)).digest('hex');
    add('audit_log', [row.seq, row.id, row.at, row.actorAccountId, row.actorName, row.actorPost, row.officeId, row.action, row.entityType, row.entityId, row.before, row.after, row.requestId, row.ip, row.prevHash, hash]);
    prevHash = hash;
  };
  const riskFrom = (deadline: string) => {
    try {
      return atRiskFromDate(input.calendar, deadline);
    } catch (err) {
      if (err instanceof CalendarYearMissing) return null;
      throw err;
    }
  };
  const sentence = (n: number) => Array.from({ length: n }, () => rnd.pick(PHRASES)).join('；') + '。';

  // Updates are spread over tasks so that the running total follows the target line (exact at the end).
  const meanUpdates = plan.updates / plan.tasks / 0.88;
  let updatesSoFar = 0;
  let tasksSoFar = 0;
  const topByOffice = new Map<number, Array<{ id: string; code: string; title: string; deadline: string; keyTask: number }>>();

  interface Spec {
    id: string; parentIdx: number | null; origin: { id: string; code: string; title: string; deadline: string; keyTask: number } | null; code: string; title: string;
    lead: OfficePlan['units'][number] | null; coop: OfficePlan['units']; deadline: string; keyTask: number; createdOn: string; doneOn: string | null; cancelledOn: string | null;
    milestones: Array<{ id: string; title: string; dueDate: string; doneOn: string | null }>; updates: number; percent: number | null; lastUpdateOn: string | null; children: number[];
  }

  for (const o of plan.offices) {
    const n = o.tasks;
    const tops = Math.max(1, Math.round(n * 0.85));
    const parentTops = o.parentIndex === null ? [] : (topByOffice.get(o.parentIndex) ?? []);
    const usedOrigins = new Set<number>();
    const specs: Spec[] = [];
    const pad = o.level === 'region' ? 7 : o.level === 'prefecture' ? 6 : 5; // codes of copies never clash with a county's own
    for (let k = 0; k < n; k++) {
      const isTop = k < tops;
      const parentIdx = isTop ? null : rnd.int(tops);
      let origin: Spec['origin'] = null;
      if (isTop && parentTops.length && rnd.chance(0.2)) {
        let pick = rnd.int(parentTops.length);
        for (let g = 0; g < 5 && usedOrigins.has(pick); g++) pick = rnd.int(parentTops.length);
        if (!usedOrigins.has(pick)) {
          usedOrigins.add(pick);
          origin = parentTops[pick]!;
        }
      }
      const createdMs = anchorMs - (30 + rnd.int(670)) * dayMs;
      const createdOn = dateAt(createdMs);
      const deadline = origin?.deadline ?? dateAt(createdMs + (30 + rnd.int(540)) * dayMs);
      const title = origin?.title ?? `${rnd.pick(VERBS)}${rnd.pick(OBJECTS)}${rnd.pick(SUFFIXES)}`;
      const parent = parentIdx === null ? null : specs[parentIdx]!;
      if (parent) parent.children.push(k);
      const code = origin?.code ?? (parent ? `${parent.code}-${parent.children.length}` : `${createdOn.slice(0, 4)}-${String(k + 1).padStart(pad, '0')}`);
      const lead = origin && rnd.chance(0.3) ? null : o.units[Math.floor(Math.pow(rnd.next(), 1.6) * o.units.length)]!;
      const coop: Spec['coop'] = [];
      if (rnd.chance(0.4)) for (let c = 1 + rnd.int(3); c > 0; c--) {
        const u = rnd.pick(o.units);
        if (u !== lead && !coop.includes(u)) coop.push(u);
      }
      const cancelled = rnd.chance(0.02);
      const deadlinePassed = deadline < ANCHOR;
      const done = !cancelled && rnd.chance(deadlinePassed ? 0.55 : 0.1);
      const closeOn = (frac: number) => dateAt(Math.min(anchorMs - dayMs, createdMs + Math.max(1, Math.floor(((Math.min(anchorMs, Date.parse(`${deadline}T00:00:00Z`) + 20 * dayMs) - createdMs) / dayMs) * frac)) * dayMs));
      const doneOn = done ? closeOn(0.6 + rnd.next() * 0.4) : null;
      const cancelledOn = cancelled ? closeOn(rnd.next()) : null;
      const milestones: Spec['milestones'] = [];
      if (rnd.chance(0.25)) {
        const span = Math.max(3, Math.floor((Date.parse(`${deadline}T00:00:00Z`) - createdMs) / dayMs));
        for (let m = 0, c = 2 + rnd.int(2); m < c; m++) {
          const due = dateAt(createdMs + Math.floor((span * (m + 1)) / (c + 1)) * dayMs);
          milestones.push({ id: newId(), title: `阶段目标${m + 1}：${rnd.pick(SUFFIXES)}`, dueDate: due, doneOn: due < ANCHOR && (done || rnd.chance(0.8)) ? due : null });
        }
      }
      // Progress updates: none for a share of open tasks (not started); otherwise about the mean, bounded.
      tasksSoFar++;
      const target = (plan.updates * tasksSoFar) / plan.tasks;
      let u = !done && rnd.chance(0.12) ? 0 : Math.min(200, Math.round(-Math.log(1 - rnd.next()) * meanUpdates));
      if (updatesSoFar + u > target) u = Math.max(0, Math.floor(target - updatesSoFar));
      if (updatesSoFar + u < target - 200) u = Math.min(400, Math.ceil(target - 200 - updatesSoFar));
      if (tasksSoFar === plan.tasks) u = plan.updates - updatesSoFar;
      updatesSoFar += u;
      specs.push({ id: newId(), parentIdx, origin, code, title, lead, coop, deadline, keyTask: origin?.keyTask ?? (rnd.chance(0.1) ? 1 : 0), createdOn, doneOn, cancelledOn, milestones, updates: u, percent: null, lastUpdateOn: null, children: [] });
    }
    // Leaves' figures come from their last update; parents roll up their children (as the app does).
    for (const s of specs) {
      if (s.children.length || s.updates === 0) continue;
      s.percent = s.doneOn ? 100 : Math.min(95, 5 + rnd.int(91));
    }
    for (const s of specs) {
      if (!s.children.length) continue;
      s.percent = rollupPercent(s.children.map((c) => ({ id: specs[c]!.id, percent: specs[c]!.percent, weight: 1, cancelled: Boolean(specs[c]!.cancelledOn) }))).percent;
    }
    if (o.level !== 'county') topByOffice.set(o.index, specs.slice(0, tops).map((s) => ({ id: s.id, code: s.code, title: s.title, deadline: s.deadline, keyTask: s.keyTask })));

    for (const s of specs) {
      const reporter = s.lead ? { id: s.lead.liaisonAccountId, name: s.lead.liaisonName, post: 'liaison_officer' } : null;
      const end = s.doneOn ?? s.cancelledOn ?? dateAt(anchorMs - dayMs);
      const spanDays = Math.max(1, Math.floor((Date.parse(`${end}T00:00:00Z`) - Date.parse(`${s.createdOn}T00:00:00Z`)) / dayMs));
      const dates = Array.from({ length: s.updates }, () => addDays(s.createdOn, 1 + rnd.int(spanDays))).sort();
      const last = dates[dates.length - 1] ?? null;
      const parentSpec = s.parentIdx === null ? null : specs[s.parentIdx]!;
      const closedAt = (d: string | null) => (d ? instant(d, rnd) : null);
      add('tasks', [
        s.id, o.id, parentSpec?.id ?? null, s.origin?.id ?? null, parentSpec ? 1 : 0, s.code, s.title, `${sentence(2)}（${o.shortName}）`, s.origin ? 'superior_document' : rnd.pick(['plan_clause', 'meeting_decision', 'superior_document', 'other']),
        null, null, s.lead?.id ?? null, s.deadline, s.keyTask, rnd.chance(0.5) ? `形成${rnd.pick(SUFFIXES)}并通过验收` : null, 1, s.percent, last, riskFrom(s.deadline), nextMilestoneDue(s.milestones),
        closedAt(s.doneOn), s.doneOn ? o.units[0]!.liaisonName : null, closedAt(s.cancelledOn), s.cancelledOn ? '上级政策调整，任务不再执行' : null, 0, 1 + s.updates, `${s.createdOn}T02:00:00.000Z`, `${last ?? s.createdOn}T09:00:00.000Z`,
      ]);
      for (const c of s.coop) add('task_cooperating_units', [s.id, c.id]);
      for (const [m, ms] of s.milestones.entries()) add('task_milestones', [ms.id, s.id, ms.title, ms.dueDate, ms.doneOn, m]);
      audit(`${s.createdOn}T02:00:00.000Z`, null, o.id, s.origin ? 'task.push_down' : 'task.create', s.id, { code: s.code, title: s.title, leadUnitId: s.lead?.id ?? null, deadline: s.deadline, keyTask: Boolean(s.keyTask), origin: s.origin?.id ?? null });
      for (let k = 0; k < dates.length; k++) {
        const on = dates[k]!;
        const returned = rnd.chance(0.02);
        const percent = s.children.length || s.percent === null ? null : Math.round((s.percent * (k + 1)) / dates.length);
        const id = newId();
        const at = instant(on, rnd);
        add('progress_updates', [
          id, s.id, o.id, s.lead?.id ?? null, on, sentence(2 + rnd.int(3)), rnd.chance(0.7) ? rnd.pick(NEXT) : null, rnd.chance(0.3) ? rnd.pick(PROBLEMS) : null, rnd.chance(0.1) ? '需上级部门协调解决' : null,
          percent, returned ? 'returned' : 'submitted', returned ? '请补充佐证材料后重新报送' : null, reporter?.name ?? null, 1, at,
        ]);
        audit(at, reporter, o.id, 'task.progress', s.id, { updateId: id, reportedOn: on, percent, unitId: s.lead?.id ?? null });
      }
      if (sink.full) await sink.flush();
    }
  }
  await sink.flush();
  return counts;
}
