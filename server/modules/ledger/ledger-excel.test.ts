import ExcelJS from 'exceljs';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSampleLedger } from '../../../bench/ledger-workbook.ts';
import { createTestContext, describeEachDb, login, type Agent, type TestContext } from '../../test/harness.ts';
import { chineseOrdinal, closestName, KEY_TASK_ARGB, parseDeadline, parseLedgerWorkbook, XLSX_MIME } from './ledger-excel.ts';

// ---- files built in memory ----

function multipart(file: Buffer, filename = 'ledger.xlsx') {
  const boundary = `----ledger-${randomBytes(6).toString('hex')}`;
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${XLSX_MIME}\r\n\r\n`);
  return { body: Buffer.concat([head, file, Buffer.from(`\r\n--${boundary}--\r\n`)]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** A zip written by hand (stored entries); `size` overrides the uncompressed size the directory declares. */
function zip(entries: Array<{ name: string; content?: Buffer; deflate?: boolean; size?: number }>): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const content = e.content ?? Buffer.alloc(0);
    const data = e.deflate ? deflateRawSync(content) : content;
    const name = Buffer.from(e.name);
    const method = e.deflate ? 8 : 0;
    const size = e.size ?? content.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc32(content), 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(method, 10);
    cd.writeUInt32LE(crc32(content), 16);
    cd.writeUInt32LE(data.length, 20);
    cd.writeUInt32LE(size, 24);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt32LE(offset, 42);
    parts.push(local, name, data);
    central.push(cd, name);
    offset += 30 + name.length + data.length;
  }
  const dir = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, dir, end]);
}

const load = async (buf: Buffer) => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
  return wb;
};
const save = async (wb: ExcelJS.Workbook) => Buffer.from(await wb.xlsx.writeBuffer());
const text = (v: ExcelJS.CellValue) => (v === null || v === undefined ? '' : v instanceof Date ? v.toISOString().slice(0, 10) : typeof v === 'object' && 'richText' in v ? v.richText.map((r) => r.text).join('') : String(v));

/** A workbook laid out the way one office keeps its ledger: a title row, headers of its own, headings, merged cells. */
async function officeWorkbook(rows: ExcelJS.CellValue[][], opts: { headers?: string[]; merges?: string[] } = {}) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('2026年台账');
  const headers = opts.headers ?? ['序号', '任务\n编号', '任务名称', '具体要求或工作措施', '责任单位', '配合单位', '责任县市（园区）', '时限', '是否重点任务', '进展情况', '完成进度（%）'];
  ws.getCell('A1').value = '昌吉州2026年工程建设项目审批制度改革重点任务台账';
  ws.mergeCells(1, 1, 1, headers.length);
  ws.getRow(2).values = headers;
  rows.forEach((r, i) => (ws.getRow(i + 3).values = r));
  for (const m of opts.merges ?? []) ws.mergeCells(m);
  return save(wb);
}

/** 昌吉州's own ledger, as an office would bring it (rows 3–9). */
const OFFICE_LEDGER: ExcelJS.CellValue[][] = [
  ['一、深化审批流程改革'],
  [1, 'R-01', '精简审批环节', '取消没有法律法规依据的审批事项', '州发展和改革委员会', '州自然资源局、州住房和城乡建设局', '昌吉市', new Date(Date.UTC(2026, 11, 31)), '是', '已完成审批流程梳理', 50],
  [2, 'R-02', '推行并联审批', null, null, '州财政局\n州司法局', null, '2026年12月底', '否', null, 30],
  ['二', 'R-03', '提升审批服务效能'],
  [1, null, '推行告知承诺制', '梳理告知承诺事项清单', '州市场监督管理局', null, '阜康市、昌吉高新区', '2027.3.31', null, null, null],
  [2, 'R-04', '规范中介服务', null, '州政务服务和公共资源交易管理局', null, null, '2027年6月30日', '否', '已印发中介服务事项清单', null],
  ['注：完成时限请填写具体日期。'],
];
const OFFICE_MERGES = ['A3:K3', 'E4:E5', 'A9:K9'];

describe('ledger workbook cells (pure)', () => {
  it('完成时限: date cells, ISO, dotted, Chinese, month end (月底), year end, half years and quarters; vague text is refused', () => {
    const ok = (v: ExcelJS.CellValue) => {
      const r = parseDeadline(v);
      return r.ok ? r.date : `error: ${r.message}`;
    };
    expect(ok(new Date(Date.UTC(2026, 11, 31)))).toBe('2026-12-31');
    expect(ok('2026-12-31')).toBe('2026-12-31');
    expect(ok('2026/6/5')).toBe('2026-06-05');
    expect(ok('2026.12.31')).toBe('2026-12-31');
    expect(ok('2026年12月31日')).toBe('2026-12-31');
    expect(ok('２０２６年２月底前')).toBe('2026-02-28');
    expect(ok('2028年2月底')).toBe('2028-02-29');
    expect(ok('2026年12月')).toBe('2026-12-31');
    expect(ok('2026年6月底前完成')).toBe('2026-06-30');
    expect(ok('2026年底')).toBe('2026-12-31');
    expect(ok('2026年上半年')).toBe('2026-06-30');
    expect(ok('2026年第三季度')).toBe('2026-09-30');
    expect(ok(46387)).toBe('2026-12-31'); // an Excel serial without a date format
    expect(ok('长期坚持')).toMatch(/^error: 无法识别「长期坚持」，请填写具体日期/);
    expect(ok('持续推进')).toMatch(/^error: 无法识别/);
    expect(ok('2026年')).toMatch(/^error: 无法识别/);
    expect(ok('2026-02-30')).toMatch(/^error: 「2026-02-30」不是有效日期/);
  });

  it('heading numbers and name suggestions', () => {
    expect([1, 2, 10, 11, 20, 23, 99, 105].map(chineseOrdinal)).toEqual(['一', '二', '十', '十一', '二十', '二十三', '九十九', '一百零五']);
    const units = ['州发展和改革委员会', '州财政局', '州住房和城乡建设局', '州公安局'].map((n) => ({ label: n, keys: [n] }));
    expect(closestName('州发改委', units)).toBe('州发展和改革委员会');
    expect(closestName('州住建局', units)).toBe('州住房和城乡建设局');
    expect(closestName('州财正局', units)).toBe('州财政局');
    expect(closestName('州统计局', units)).toBeNull();
  });
});

describe('ledger workbook layout (pure)', () => {
  it('a two-line header (完成情况 over 进展情况 / 完成进度, the other headers merged down) is read as one', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('台账');
    ws.getRow(1).values = ['序号', '任务内容', '牵头单位', '完成时限', '完成情况'];
    ws.getRow(2).values = [null, null, null, null, '进展情况', '完成进度'];
    for (const c of ['A1:A2', 'B1:B2', 'C1:C2', 'D1:D2', 'E1:F1']) ws.mergeCells(c);
    ws.getRow(3).values = [1, '推行区域评估', '州自然资源局', '2026年12月底', '已完成评估', '40%'];
    const parsed = await parseLedgerWorkbook(await save(wb));
    expect(parsed.headerRow).toBe(2);
    expect(parsed.columns).toMatchObject({ progress: '进展情况', percent: '完成进度' });
    expect(parsed.rows).toEqual([
      { row: 3, kind: 'task', parentRow: null, code: null, title: '推行区域评估', description: null, lead: ['州自然资源局'], cooperating: [], counties: [], deadline: '2026-12-31', keyTask: false, progress: '已完成评估', percent: 40, errors: [] },
    ]);
  });

  it('重点任务 is the flag next to a 任务内容 column, and the task itself in a ledger of key tasks without one', async () => {
    const sheet = async (headers: string[], row: ExcelJS.CellValue[]) => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('台账');
      ws.getRow(1).values = headers;
      ws.getRow(2).values = row;
      return parseLedgerWorkbook(await save(wb));
    };
    const flag = await sheet(['任务内容', '重点任务', '牵头单位', '时限'], ['推行区域评估', '是', '州自然资源局', '2026-12-31']);
    expect(flag.rows[0]).toMatchObject({ title: '推行区域评估', keyTask: true });
    const task = await sheet(['序号', '重点任务', '牵头单位', '完成时限'], [1, '推行区域评估', '州自然资源局', '2026-12-31']);
    expect(task.rows[0]).toMatchObject({ title: '推行区域评估', keyTask: false, errors: [] });
  });
});

describeEachDb('ledger Excel import and export', (dialect) => {
  let t: TestContext;
  let director: Agent;
  let base: string;
  let pref: string;
  beforeAll(async () => {
    t = await createTestContext(dialect);
    director = await login(t.app, 'cj.director');
    pref = t.offices['昌吉州']!;
    base = `/api/v1/ledger/offices/${pref}`;
  });
  afterAll(() => t.close());

  const upload = (buf: Buffer, mode: 'dry-run' | 'commit', agent = director, filename = '昌吉州任务台账.xlsx') => {
    const m = multipart(buf, filename);
    return agent.request('POST', `${base}/import?mode=${mode}`, m.body, m.headers);
  };
  const count = async (table: 'tasks' | 'auditLog' | 'progressUpdates' | 'importJobs' | 'taskCooperatingUnits' | 'taskTerms') =>
    Number((await t.handle.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const counts = async () => ({ tasks: await count('tasks'), audit: await count('auditLog'), updates: await count('progressUpdates'), jobs: await count('importJobs'), coop: await count('taskCooperatingUnits'), terms: await count('taskTerms') });
  /** Commits and waits for the job; returns the finished job. */
  const commit = async (buf: Buffer, filename?: string) => {
    const started = await upload(buf, 'commit', director, filename);
    expect(started.statusCode, started.body).toBe(202);
    expect(started.headers.location).toBe(`${base}/import/${started.json().id}`);
    expect(started.json()).toMatchObject({ state: 'running', done: 0, total: started.json().report.rows.length });
    for (let i = 0; i < 500; i++) {
      const job = await director.get(`${base}/import/${started.json().id}`);
      expect(job.statusCode).toBe(200);
      if (job.json().state !== 'running') return job.json();
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error('import job did not finish');
  };

  it('A1-6: an office\'s own ledger — headings (merged row, 序号 二), a 牵头单位 merged over two rows, synonym headers — dry-run previews parents and children and writes nothing', async () => {
    const file = await officeWorkbook(OFFICE_LEDGER, { merges: OFFICE_MERGES });
    const before = await counts();
    const res = await upload(file, 'dry-run');
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json();
    expect(report).toMatchObject({ mode: 'dry-run', sheet: '2026年台账', headerRow: 2, errorCount: 0, summary: { rows: 6, groups: 2, tasks: 4, progressUpdates: 2, countyCopies: 3, rowsWithErrors: 0 } });
    expect(report.rows.map((r: { row: number; kind: string; parentRow: number | null; code: string; title: string }) => [r.row, r.kind, r.parentRow, r.code, r.title])).toEqual([
      [3, 'group', null, '2026-01', '深化审批流程改革'],
      [4, 'task', 3, 'R-01', '精简审批环节'],
      [5, 'task', 3, 'R-02', '推行并联审批'],
      [6, 'group', null, 'R-03', '提升审批服务效能'],
      [7, 'task', 6, 'R-03-1', '推行告知承诺制'],
      [8, 'task', 6, 'R-04', '规范中介服务'],
    ]);
    expect(await counts()).toEqual(before); // not a task, not an audit row, not a job
  });

  it('A1-6, A1-7: commit creates them in one job through createTask — merged 牵头单位 on both rows, push-down to the counties named, first progress updates, one task.import audit row per task', async () => {
    const file = await officeWorkbook(OFFICE_LEDGER, { merges: OFFICE_MERGES });
    const before = await counts();
    const job = await commit(file);
    expect(job).toMatchObject({ state: 'succeeded', done: 6, total: 6, error: null, fileName: '昌吉州任务台账.xlsx', report: { mode: 'commit', errorCount: 0 } });
    expect(job.report.rows.every((r: { taskId: string | null }) => r.taskId)).toBe(true);
    const after = await counts();
    expect(after.tasks - before.tasks).toBe(6 + 3); // 6 rows, 3 county copies
    expect(after.updates - before.updates).toBe(2);
    expect(after.jobs - before.jobs).toBe(1);
    const audit = await t.handle.db.selectFrom('auditLog').select(['action', 'entityId', 'after']).where('seq', '>', (eb) => eb.selectFrom('auditLog').select((e) => e.fn.max('seq').as('m')).where('action', '=', 'demo.load')).orderBy('seq').execute();
    expect(audit.filter((a) => a.action === 'task.import')).toHaveLength(6);
    expect(audit.filter((a) => a.action === 'task.push_down')).toHaveLength(3);
    expect(after.audit - before.audit).toBe(9);
    expect(JSON.parse(audit.find((a) => a.action === 'task.import')!.after!)).toMatchObject({ code: '2026-01', import: { jobId: job.id, file: '昌吉州任务台账.xlsx', row: 3 } });

    const id = (row: number) => job.report.rows.find((r: { row: number }) => r.row === row).taskId as string;
    const g1 = (await director.get(`${base}/tasks/${id(3)}`)).json();
    // The heading took the lead unit its tasks share and their latest deadline; its figure is the roll-up (R-01 has county copies: no figure of its own).
    expect(g1).toMatchObject({ code: '2026-01', title: '深化审批流程改革', depth: 0, leadUnitName: '州发展和改革委员会', deadline: '2026-12-31', percent: 30, history: [{ title: 'Excel 导入 / Imported from Excel' }] });
    expect(g1.children.map((c: { code: string; leadUnitName: string }) => [c.code, c.leadUnitName])).toEqual([['R-01', '州发展和改革委员会'], ['R-02', '州发展和改革委员会']]);
    const r1 = (await director.get(`${base}/tasks/${id(4)}`)).json();
    expect(r1).toMatchObject({ depth: 1, parentId: id(3), keyTask: true, description: '取消没有法律法规依据的审批事项', deadline: '2026-12-31', percent: null, lastUpdateOn: '2026-11-20', status: 'on_track' });
    expect(r1.cooperatingUnits.map((u: { name: string }) => u.name)).toEqual(['州自然资源局', '州住房和城乡建设局']);
    expect(r1.counties.map((c: { officeName: string }) => c.officeName)).toEqual(['昌吉市']);
    expect(r1.updates).toMatchObject([{ doneText: '已完成审批流程梳理', percent: 50, unitName: '州发展和改革委员会', reportedOn: '2026-11-20' }]);
    expect(r1.source).toMatchObject({ type: 'other', label: 'Excel 导入：昌吉州任务台账.xlsx 第 4 行' });
    const r2 = (await director.get(`${base}/tasks/${id(5)}`)).json();
    expect(r2).toMatchObject({ code: 'R-02', deadline: '2026-12-31', percent: 30, keyTask: false, updates: [] });
    expect(r2.cooperatingUnits.map((u: { name: string }) => u.name).sort()).toEqual(['州司法局', '州财政局'].sort());
    // No own 牵头单位 and tasks of different units: the office's host unit leads the heading.
    const g2 = (await director.get(`${base}/tasks/${id(6)}`)).json();
    expect(g2).toMatchObject({ code: 'R-03', leadUnitName: '州住房和城乡建设局', deadline: '2027-06-30' });
    expect(g2.children.map((c: { code: string }) => c.code)).toEqual(['R-03-1', 'R-04']);

    // Push-down: the county named in 责任县市 has the copy in its own ledger, with no lead unit yet.
    const county = await login(t.app, 'cjs.staff');
    const copies = (await county.get(`/api/v1/ledger/offices/${t.offices['昌吉市']}/tasks?level=all`)).json();
    expect(copies.items).toEqual([expect.objectContaining({ code: 'R-01', title: '精简审批环节', originTaskId: id(4), leadUnitId: null, depth: 0 })]);
    const r31 = (await director.get(`${base}/tasks/${id(7)}`)).json();
    expect(r31.counties.map((c: { officeName: string }) => c.officeName).sort()).toEqual(['昌吉国家高新技术产业开发区', '阜康市'].sort());
    // The search terms are createTask's: Chinese search finds an imported task.
    expect((await director.get(`${base}/tasks?level=all&q=${encodeURIComponent('并联审批')}`)).json().items.map((i: { code: string }) => i.code)).toEqual(['R-02']);
    // The dashboard's per-day update counts (written in bulk by the import) agree with the updates themselves.
    const pref = t.offices['昌吉州']!;
    const day = await t.handle.db.selectFrom('progressUpdateDays').select('n').where('officeId', '=', pref).where('reportedOn', '=', '2026-11-20').executeTakeFirst();
    const updates = await t.handle.db.selectFrom('progressUpdates').select((eb) => eb.fn.countAll().as('n')).where('officeId', '=', pref).where('reportedOn', '=', '2026-11-20').executeTakeFirstOrThrow();
    expect(Number(day?.n)).toBe(Number(updates.n));
    expect(Number(updates.n)).toBeGreaterThan(0);
  });

  it('every row\'s errors in one dry-run (unknown unit with a suggestion, vague or impossible date, missing title, duplicate 任务编号 in the file and in the ledger, unknown county); commit is 422 with the same report and writes nothing', async () => {
    const file = await officeWorkbook([
      [1, 'R-01', '任务甲', null, '州发改委', null, null, '长期坚持', '否'],
      [2, 'X-1', null, '只有要求没有任务名称', '州财政局', '州统计局', '木垒县', '2026-02-30', '是'],
      [3, 'X-1', '任务丙', null, '州财政局', null, null, '2026/12/31', '可能', null, 120],
      [4, 'X-2', '任务丁', null, '州财政局', null, null, '2026-12-31', '否'],
    ]);
    const before = await counts();
    const res = await upload(file, 'dry-run');
    expect(res.statusCode).toBe(200);
    const report = res.json();
    const errs = (row: number) => report.rows.find((r: { row: number }) => r.row === row).errors.map((e: { field: string; message: string; suggestion: string | null }) => [e.field, e.message, e.suggestion]);
    expect(errs(3)).toEqual([
      ['deadline', '时限：无法识别「长期坚持」，请填写具体日期，如 2026-12-31、2026年12月31日或2026年12月底 / cannot read the deadline "长期坚持"; give a date such as 2026-12-31 or 2026年12月底', null],
      ['lead', '责任单位：未找到单位「州发改委」，是否为「州发展和改革委员会」？ / unknown unit "州发改委" — did you mean "州发展和改革委员会"?', '州发展和改革委员会'],
      ['code', '任务编号：「R-01」已在台账中 / "R-01" is already in the ledger', null],
    ]);
    expect(errs(4)).toEqual([
      ['title', '任务名称：不能为空 / the task needs a title', null],
      ['deadline', expect.stringContaining('「2026-02-30」不是有效日期'), null],
      ['cooperating', '配合单位：本办公室没有「州统计局」这个单位 / no unit named "州统计局" in this office', null],
      ['counties', expect.stringContaining('未找到下级县市（园区）「木垒县」，是否为「木垒哈萨克自治县」？'), '木垒哈萨克自治县'],
    ]);
    expect(errs(5).map((e: unknown[]) => e[0])).toEqual(['code', 'keyTask', 'percent']);
    expect(errs(5)[0][1]).toBe('任务编号：「X-1」与第 4 行重复 / "X-1" repeats row 4');
    expect(errs(6)).toEqual([]);
    expect(report).toMatchObject({ errorCount: 10, summary: { rows: 4, rowsWithErrors: 3 } });

    const res2 = await upload(file, 'commit');
    expect(res2.statusCode).toBe(422);
    expect(res2.json().error).toMatchObject({ code: 'UNPROCESSABLE', message: expect.stringContaining('10 处错误，未写入任何数据') });
    expect(res2.json().error.details).toEqual({ ...report, mode: 'commit' });
    expect(await counts()).toEqual(before);
  });

  it('files that are not a ledger are refused before anything is read or written: not an xlsx, a damaged zip, a zip claiming a 1-GB entry, no ledger headers', async () => {
    const before = await counts();
    const good = await officeWorkbook(OFFICE_LEDGER.slice(0, 3), { merges: ['A3:K3'] });
    const pdf = await upload(Buffer.from('%PDF-1.4\n%%EOF\n'), 'commit', director, 'ledger.xlsx');
    expect(pdf.statusCode).toBe(400);
    expect(pdf.json().error.details).toMatchObject({ reason: 'NOT_XLSX' });
    expect((await upload(Buffer.from('序号,任务内容,牵头单位,完成时限\n1,任务,州财政局,2026-12-31\n'), 'dry-run', director, 'ledger.xlsx')).statusCode).toBe(400);
    const truncated = await upload(good.subarray(0, Math.floor(good.length * 0.6)), 'commit');
    expect(truncated.statusCode).toBe(422);
    expect(truncated.json().error.details).toMatchObject({ reason: 'CORRUPT_ZIP' });
    const bomb = zip([
      { name: '[Content_Types].xml', content: Buffer.from('<Types/>') },
      { name: 'xl/workbook.xml', content: Buffer.from('<workbook/>') },
      { name: 'xl/worksheets/sheet1.xml', content: Buffer.alloc(2048, 0x20), deflate: true, size: 1024 * 1024 * 1024 },
    ]);
    const b = await upload(bomb, 'commit');
    expect(b.statusCode).toBe(422);
    expect(b.json().error.details).toMatchObject({ reason: 'ZIP_TOO_LARGE', declaredBytes: 1024 * 1024 * 1024 });
    const wrong = await officeWorkbook([[1, '任务']], { headers: ['序号', '名称', '备注'] });
    const w = await upload(wrong, 'dry-run');
    expect(w.statusCode).toBe(422);
    expect(w.json().error.details).toMatchObject({ reason: 'MISSING_HEADER', missing: ['任务内容', '牵头单位', '完成时限'] });
    expect(await counts()).toEqual(before);
  });

  it('only the office imports: a liaison officer gets 403 on import and on the job; the leader (ledger.read) exports but cannot import', async () => {
    const file = await officeWorkbook(OFFICE_LEDGER.slice(0, 3), { merges: ['A3:K3'] });
    const before = await counts();
    const liaison = await login(t.app, 'cj.liaison');
    expect((await upload(file, 'dry-run', liaison)).statusCode).toBe(403);
    expect((await upload(file, 'commit', liaison)).statusCode).toBe(403);
    const jobId = (await t.handle.db.selectFrom('importJobs').select('id').executeTakeFirstOrThrow()).id;
    expect((await liaison.get(`${base}/import/${jobId}`)).statusCode).toBe(403);
    expect((await liaison.get(`${base}/export.xlsx`)).statusCode).toBe(403);
    const leader = await login(t.app, 'cj.leader');
    expect((await upload(file, 'commit', leader)).statusCode).toBe(403);
    expect((await leader.get(`${base}/export.xlsx`)).statusCode).toBe(200);
    // A job belongs to its office: another office's staff, or an unknown id, find nothing.
    const fk = await login(t.app, 'fk.director');
    expect((await fk.get(`/api/v1/ledger/offices/${t.offices['阜康市']}/import/${jobId}`)).statusCode).toBe(404);
    expect((await director.get(`${base}/import/0190aaaa-0000-7000-8000-000000000000`)).statusCode).toBe(404);
    expect({ ...(await counts()), audit: 0 }).toEqual({ ...before, audit: 0 }); // the leader's export is audited, nothing else changed
  });

  it('export: the same layout with 状态 and 完成进度, headings 一、二, key tasks highlighted, frozen header, widths, A4 landscape; it imports back to the same tasks', async () => {
    const res = await director.get(`${base}/export.xlsx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX_MIME);
    const cd = String(res.headers['content-disposition']);
    expect(cd).toMatch(/^attachment; filename="ledger-2026-11-20\.xlsx"; filename\*=UTF-8''/);
    expect(decodeURIComponent(cd.split("UTF-8''")[1]!)).toBe('昌吉州改革任务台账-2026-11-20.xlsx');

    const wb = await load(res.rawPayload);
    const ws = wb.worksheets[0]!;
    expect(text(ws.getCell(1, 1).value)).toBe('昌吉回族自治州工程建设项目审批制度改革任务台账（截至 2026-11-20）');
    expect((ws.getRow(2).values as ExcelJS.CellValue[]).slice(1).map(text)).toEqual(['序号', '任务编号', '任务内容', '具体要求或工作措施', '牵头单位', '配合单位', '责任县市', '完成时限', '是否重点任务', '进展情况', '完成进度', '状态']);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToWidth: 1, fitToHeight: 0 });
    expect(ws.getColumn(3).width).toBeGreaterThanOrEqual(30);
    expect(ws.getCell(2, 1).font?.bold).toBe(true);
    const rows: string[][] = [];
    for (let r = 3; r <= ws.rowCount; r++) rows.push((ws.getRow(r).values as ExcelJS.CellValue[]).slice(1).map(text));
    expect(rows.map((r) => [r[0], r[1], r[2]])).toEqual([
      ['一', '2026-01', '深化审批流程改革'],
      ['1', 'R-01', '精简审批环节'],
      ['2', 'R-02', '推行并联审批'],
      ['二', 'R-03', '提升审批服务效能'],
      ['1', 'R-03-1', '推行告知承诺制'],
      ['2', 'R-04', '规范中介服务'],
    ]);
    expect(rows[1]).toEqual(['1', 'R-01', '精简审批环节', '取消没有法律法规依据的审批事项', '州发展和改革委员会', '州自然资源局、州住房和城乡建设局', '昌吉市', '2026-12-31', '是', '已完成审批流程梳理', '', '正常推进']);
    expect(rows[4]![6]).toBe('阜康市、昌吉高新区');
    expect(ws.getCell(4, 8).value).toBeInstanceOf(Date);
    expect(ws.getCell(5, 11).value).toBe(30);
    expect(ws.getCell(5, 11).numFmt).toBe('0"%"');
    expect((ws.getCell(4, 3).fill as ExcelJS.FillPattern).fgColor?.argb).toBe(KEY_TASK_ARGB);
    expect((ws.getCell(5, 3).fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb).not.toBe(KEY_TASK_ARGB);
    expect(ws.getCell(3, 3).font?.bold).toBe(true);

    // Re-imported into the same office, the only problem on every row is its code, already in the ledger.
    const dry = (await upload(res.rawPayload, 'dry-run')).json();
    expect(dry.rows.map((r: { kind: string; parentRow: number | null }) => [r.kind, r.parentRow])).toEqual([['group', null], ['task', 3], ['task', 3], ['group', null], ['task', 6], ['task', 6]]);
    expect(dry.rows.every((r: { errors: Array<{ field: string }> }) => r.errors.length === 1 && r.errors[0]!.field === 'code')).toBe(true);

    // Without codes it imports again (new codes) to the same tasks: titles, units, counties, dates, flags, progress, figures, hierarchy.
    for (let r = 3; r <= ws.rowCount; r++) ws.getCell(r, 2).value = null;
    const job = await commit(await save(wb), 'export-again.xlsx');
    expect(job.state).toBe('succeeded');
    const again = await load((await director.get(`${base}/export.xlsx`)).rawPayload);
    const rows2: string[][] = [];
    const w2 = again.worksheets[0]!;
    for (let r = 3; r <= w2.rowCount; r++) rows2.push((w2.getRow(r).values as ExcelJS.CellValue[]).slice(1).map(text));
    expect(rows2).toHaveLength(12);
    const group = (code: string) => {
      const at = rows2.findIndex((r) => r[1] === code);
      return rows2.slice(at, at + 3);
    };
    // New codes continue the ledger's numbering as createTask does (two top-level tasks exist: the next is 2026-03).
    expect(group('2026-03').map((r) => r[1])).toEqual(['2026-03', '2026-03-1', '2026-03-2']);
    expect(group('2026-04').map((r) => r[1])).toEqual(['2026-04', '2026-04-1', '2026-04-2']);
    const content = (r: string[]) => r.slice(2); // all but 序号 and 任务编号
    expect([...group('2026-03'), ...group('2026-04')].map(content)).toEqual(rows.map(content));
  });

  it('a generated 120-row ledger (groups, merged lead cells, every date spelling) imports with every row accounted for', async () => {
    const units = (await director.get(`/api/v1/organization/offices/${pref}/units`)).json().items.map((u: { name: string }) => u.name);
    const file = await buildSampleLedger({ rows: 120, groupSize: 30, units, counties: ['昌吉市', '玛纳斯县'] });
    const before = await counts();
    const job = await commit(file, 'generated.xlsx');
    expect(job).toMatchObject({ state: 'succeeded', done: 120, total: 120, report: { errorCount: 0, summary: { groups: 4, tasks: 116, progressUpdates: 38, countyCopies: 11 } } });
    const after = await counts();
    expect(after.tasks - before.tasks).toBe(120 + 11);
    expect(after.audit - before.audit).toBe(120 + 11);
    // A lead cell merged over three rows gave all three the same unit.
    const merged = await t.handle.db.selectFrom('tasks').select(['code', 'leadUnitId']).where('code', 'in', ['T-00001', 'T-00002', 'T-00003']).where('officeId', '=', pref).orderBy('code').execute();
    expect(new Set(merged.map((m) => m.leadUnitId)).size).toBe(1);
    expect(merged).toHaveLength(3);
  });

  it('two commits of the same file at once (a double click): one imports it, the other writes nothing (422 or a failed job)', async () => {
    const units = (await director.get(`/api/v1/organization/offices/${pref}/units`)).json().items.map((u: { name: string }) => u.name);
    const file = await buildSampleLedger({ rows: 40, groupSize: 20, units, codePrefix: 'DUP' });
    const before = await counts();
    const [a, b] = await Promise.all([upload(file, 'commit'), upload(file, 'commit')]);
    const outcome = async (res: typeof a) => {
      if (res.statusCode === 422) return 'refused';
      expect(res.statusCode).toBe(202);
      for (;;) {
        const job = (await director.get(`${base}/import/${res.json().id}`)).json();
        if (job.state === 'succeeded') return 'imported';
        if (job.state === 'failed') {
          expect(job.error).toMatch(/^任务编号 \S+ 已存在（台账在预检后有变化），未写入任何数据/);
          return 'failed';
        }
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    const outcomes = [await outcome(a), await outcome(b)];
    expect(outcomes.filter((o) => o === 'imported')).toHaveLength(1);
    expect((await counts()).tasks - before.tasks).toBe(40);
    // the per-day update counts (a day row that earlier imports made, added to in bulk) still agree with the updates
    const days = await t.handle.db.selectFrom('progressUpdateDays').select(['reportedOn', 'n']).where('officeId', '=', pref).orderBy('reportedOn').execute();
    const updates = await t.handle.db.selectFrom('progressUpdates').select(['reportedOn', (eb) => eb.fn.countAll().as('n')]).where('officeId', '=', pref).groupBy('reportedOn').orderBy('reportedOn').execute();
    expect(days.map((d) => [d.reportedOn, Number(d.n)])).toEqual(updates.map((u) => [u.reportedOn, Number(u.n)]));
    expect(updates.length).toBeGreaterThan(0);
  });

  const soffice = ['soffice', 'libreoffice'].find((bin) => spawnSync(bin, ['--version'], { encoding: 'utf8' }).status === 0);
  const itLo = soffice ? it : it.skip;
  itLo(soffice ? 'LibreOffice opens the export cleanly (converts it to PDF) and an office file re-saved by LibreOffice imports the same' : 'skipped: LibreOffice not installed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ro-ledger-lo-'));
    try {
      const exported = (await director.get(`${base}/export.xlsx`)).rawPayload;
      writeFileSync(join(dir, 'ledger.xlsx'), exported);
      writeFileSync(join(dir, 'office.xlsx'), await officeWorkbook(OFFICE_LEDGER, { merges: OFFICE_MERGES }));
      const run = (args: string[]) => spawnSync(soffice!, ['--headless', `-env:UserInstallation=file://${join(dir, `lo-${randomBytes(4).toString('hex')}`)}`, ...args], { encoding: 'utf8', timeout: 120_000 });
      const pdf = run(['--convert-to', 'pdf', '--outdir', dir, join(dir, 'ledger.xlsx')]);
      expect(pdf.status, pdf.stderr).toBe(0);
      expect(readFileSync(join(dir, 'ledger.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
      const out = join(dir, 'resaved');
      const xlsx = run(['--convert-to', 'xlsx:Calc MS Excel 2007 XML', '--outdir', out, join(dir, 'office.xlsx')]);
      expect(xlsx.status, xlsx.stderr).toBe(0);
      expect(existsSync(join(out, 'office.xlsx'))).toBe(true);
      const resaved = await parseLedgerWorkbook(readFileSync(join(out, 'office.xlsx')));
      const original = await parseLedgerWorkbook(await officeWorkbook(OFFICE_LEDGER, { merges: OFFICE_MERGES }));
      expect(resaved.rows).toEqual(original.rows);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 240_000);
});
