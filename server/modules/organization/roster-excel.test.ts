import ExcelJS from 'exceljs';
import { crc32, deflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, describeEachDb, login, type Agent, type TestContext } from '../../test/harness.ts';
import { parseRosterWorkbook, planRosterImport, readZipDirectory, SHEETS, UNIT_SHEET_COLUMNS, XLSX_MIME, type ImportState, type ParsedRoster } from './roster-excel.ts';

// ---- files built in memory ----

/** A multipart/form-data body with one file part, assembled by hand. */
function multipart(file: Buffer, filename = 'roster.xlsx', type = XLSX_MIME) {
  const boundary = `----roster-${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`);
  return { body: Buffer.concat([head, file, Buffer.from(`\r\n--${boundary}--\r\n`)]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** A zip written by hand: local headers, central directory, end record. `size` overrides the declared uncompressed size. */
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
    const crc = crc32(content);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x800, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(0x800, 8);
    cd.writeUInt16LE(method, 10);
    cd.writeUInt32LE(crc, 16);
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
const text = (v: ExcelJS.CellValue) => (v === null || v === undefined ? '' : typeof v === 'object' && 'text' in v ? String(v.text) : String(v));

/** Edits the 成员单位 sheet of a workbook: cells addressed by unit name and Chinese header. */
async function editUnits(buf: Buffer, fn: (s: { set(unit: string, header: string, value: string): void; add(values: Record<string, string>): void; ws: ExcelJS.Worksheet }) => void) {
  const wb = await load(buf);
  const ws = wb.getWorksheet(SHEETS.units)!;
  const col = (h: string) => (ws.getRow(2).values as ExcelJS.CellValue[]).findIndex((v) => text(v) === h);
  const rowOf = (unit: string) => {
    for (let r = 3; r <= ws.rowCount; r++) if (text(ws.getRow(r).getCell(col('单位名称')).value) === unit) return ws.getRow(r);
    throw new Error(`no row for ${unit}`);
  };
  fn({
    ws,
    set: (unit, header, value) => {
      rowOf(unit).getCell(col(header)).value = value;
    },
    add: (values) => {
      const row = ws.getRow(ws.rowCount + 1);
      for (const [h, v] of Object.entries(values)) row.getCell(col(h)).value = v;
    },
  });
  return save(wb);
}

describeEachDb('roster workbook export and import', (dialect) => {
  let t: TestContext;
  let director: Agent;
  let base: string;
  beforeAll(async () => {
    t = await createTestContext(dialect);
    director = await login(t.app, 'cj.director');
    base = `/api/v1/organization/offices/${t.offices['昌吉州']}`;
  });
  afterAll(() => t.close());

  const exportRoster = async (agent = director) => {
    const res = await agent.get(`${base}/roster.xlsx`);
    expect(res.statusCode).toBe(200);
    return res.rawPayload;
  };
  const upload = (buf: Buffer, mode: 'dry-run' | 'commit', agent = director, filename = 'roster.xlsx') => {
    const m = multipart(buf, filename);
    return agent.request('POST', `${base}/roster/import?mode=${mode}`, m.body, m.headers);
  };
  const count = async (table: 'units' | 'people' | 'appointments' | 'auditLog') =>
    Number((await t.handle.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const counts = async () => ({ units: await count('units'), people: await count('people'), appointments: await count('appointments'), audit: await count('auditLog') });
  const lastSeq = async () => Number((await t.handle.db.selectFrom('auditLog').select((eb) => eb.fn.max('seq').as('m')).executeTakeFirstOrThrow()).m);

  it('A2-7: the export has the four sheets, Chinese bold frozen headers, a UTF-8 file name and the 20 member units of 昌吉州', async () => {
    const res = await director.get(`${base}/roster.xlsx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX_MIME);
    const cd = String(res.headers['content-disposition']);
    expect(cd).toMatch(/^attachment; filename="roster-2026-11-20\.xlsx"; filename\*=UTF-8''/);
    expect(decodeURIComponent(cd.split("UTF-8''")[1]!)).toBe('昌吉州审改领导小组名册-2026-11-20.xlsx');

    const wb = await load(res.rawPayload);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['领导小组', '办公室', '成员单位', '任职记录']);
    const units = wb.getWorksheet('成员单位')!;
    expect(text(units.getCell(1, 1).value)).toBe('昌吉回族自治州工程建设项目审批制度改革领导小组成员单位联络员、信息员名单（截至 2026-11-20）');
    expect((units.getRow(2).values as ExcelJS.CellValue[]).slice(1).map(text)).toEqual([
      '序号', '单位名称', '承担改革工作的内设机构', '联络员', '联络员职务', '联络员手机', '联络员电话', '联络员邮箱', '信息员', '信息员职务', '信息员手机', '信息员电话', '信息员邮箱',
    ]);
    expect(units.getCell(2, 2).font?.bold).toBe(true);
    expect(units.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(units.getColumn(2).width).toBeGreaterThan(10);
    const rows = [];
    for (let r = 3; r <= units.rowCount; r++) rows.push((units.getRow(r).values as ExcelJS.CellValue[]).map(text));
    expect(rows).toHaveLength(20);
    expect(rows.map((r) => r[2])).toContain('州发展和改革委员会');
    const fgw = rows.find((r) => r[2] === '州发展和改革委员会')!;
    expect(fgw[3]).toBe('审批制度改革工作专班');
    expect(fgw[6]).toMatch(/^1\d{10}$/);
    expect(fgw[9]).not.toBe('');
    expect(rows.find((r) => r[2] === '国网昌吉供电公司')![4]).toBe(''); // no liaison yet (A2-2 warning)
    expect(rows.find((r) => r[2] === '州气象局')![4]).toContain('、'); // two liaisons, both shown

    const lg = wb.getWorksheet('领导小组')!;
    expect(text(lg.getCell(1, 1).value)).toBe('昌吉回族自治州工程建设项目审批制度改革领导小组成员名单（截至 2026-11-20）');
    expect((lg.getRow(2).values as ExcelJS.CellValue[]).slice(1).map(text)).toEqual(['序号', '小组职务', '姓名', '单位', '职务', '任职日期']);
    expect(text(lg.getCell(3, 2).value)).toBe('组长');
    expect(text(wb.getWorksheet('办公室')!.getCell(3, 2).value)).toBe('办公室主任');
    const history = wb.getWorksheet('任职记录')!;
    expect((history.getRow(2).values as ExcelJS.CellValue[]).slice(1).map(text)).toEqual(['序号', '职务', '姓名', '单位', '任职日期', '离任日期']);
    expect(history.rowCount - 2).toBeGreaterThanOrEqual(60);

    // The export parses back without a single error.
    const parsed = await parseRosterWorkbook(res.rawPayload);
    expect(parsed.rows).toHaveLength(20);
    expect(parsed.rows.flatMap((r) => r.errors)).toEqual([]);
  });

  it('A2-2, A1-4: round trip — dry-run previews a new liaison for 州气象局, a new unit and a responsible body and writes nothing; commit applies them in one go', async () => {
    const file = await editUnits(await exportRoster(), ({ set, add }) => {
      set('州气象局', '联络员', '测试新联络员');
      set('州气象局', '联络员职务', '科长');
      set('州气象局', '联络员手机', '13912345678');
      set('州气象局', '联络员电话', '');
      set('州气象局', '联络员邮箱', 'liaison@qx.example.cn');
      set('州财政局', '承担改革工作的内设机构', '经济建设科');
      add({ 序号: '21', 单位名称: '州统计局', 承担改革工作的内设机构: '综合科', 联络员: '统计联络员', 联络员手机: '13800000001', 信息员: '统计信息员', 信息员邮箱: 'info@tj.example.cn' });
    });
    const before = await counts();
    const dry = await upload(file, 'dry-run');
    expect(dry.statusCode).toBe(200);
    const report = dry.json();
    expect(report).toMatchObject({ mode: 'dry-run', sheet: '成员单位', errorCount: 0, summary: { rows: 21, create: 1, update: 2, unchanged: 18, rowsWithErrors: 0 } });
    const qx = report.rows.find((r: { unitName: string }) => r.unitName === '州气象局');
    expect(qx.action).toBe('update');
    expect(qx.changes).toEqual(
      expect.arrayContaining([
        { field: 'liaisonOfficer', column: '联络员', from: expect.stringContaining('、'), to: '测试新联络员' },
        { field: 'liaisonOfficer.mobile', column: '联络员手机', from: null, to: '13912345678' },
      ]),
    );
    const tj = report.rows.find((r: { unitName: string }) => r.unitName === '州统计局');
    expect(tj).toMatchObject({ row: 23, action: 'create', errors: [] });
    expect(report.rows.find((r: { unitName: string }) => r.unitName === '州财政局').changes).toEqual([
      { field: 'responsibleBody', column: '承担改革工作的内设机构', from: '审批制度改革工作专班', to: '经济建设科' },
    ]);
    expect(report.warnings).toBeUndefined();
    expect(await counts()).toEqual(before); // dry-run wrote nothing, not even audit

    const seq = await lastSeq();
    const commit = await upload(file, 'commit', director, '昌吉州名册（修订）.xlsx');
    expect(commit.statusCode).toBe(200);
    expect(commit.json()).toMatchObject({ mode: 'commit', errorCount: 0, summary: { create: 1, update: 2 } });
    const codes = commit.json().warnings.map((w: { code: string; subject?: { name: string } }) => `${w.code}:${w.subject?.name}`);
    expect(codes).toEqual(['LIAISON_MISSING:国网昌吉供电公司']); // the A2-2 LIAISON_MULTIPLE of 州气象局 is gone
    const after = await counts();
    expect(after).toEqual({ units: before.units + 1, people: before.people + 3, appointments: before.appointments + 3, audit: before.audit + 11 });
    const actions = (await t.handle.db.selectFrom('auditLog').select('action').where('seq', '>', seq).orderBy('seq').execute()).map((a) => a.action);
    const imported = await t.handle.db.selectFrom('auditLog').select('after').where('action', '=', 'roster.import').where('seq', '>', seq).executeTakeFirstOrThrow();
    expect(JSON.parse(imported.after!)).toMatchObject({ file: '昌吉州名册（修订）.xlsx', sha256: expect.stringMatching(/^[0-9a-f]{64}$/), summary: { create: 1, update: 2 } });
    expect([...actions].sort()).toEqual(
      ['appointment.create', 'appointment.create', 'appointment.create', 'appointment.end', 'appointment.end', 'person.create', 'person.create', 'person.create', 'roster.import', 'unit.create', 'unit.update'].sort(),
    );

    // A2-7: the directory shows the new contacts; the old liaisons' appointments end the day before (history kept).
    const dir = (await director.get(`${base}/directory`)).json().items as Array<{ unitName: string; responsibleBody: string; liaisonOfficer: { name: string; mobile: string; email: string } | null; informationOfficer: { name: string; email: string } | null }>;
    expect(dir).toHaveLength(21);
    expect(dir.find((d) => d.unitName === '州气象局')!.liaisonOfficer).toMatchObject({ name: '测试新联络员', mobile: '13912345678', email: 'liaison@qx.example.cn' });
    expect(dir.find((d) => d.unitName === '州统计局')).toMatchObject({ responsibleBody: '综合科', liaisonOfficer: { name: '统计联络员' }, informationOfficer: { name: '统计信息员', email: 'info@tj.example.cn' } });
    const qxId = (await director.get(`${base}/units`)).json().items.find((u: { name: string }) => u.name === '州气象局').id;
    const history = (await director.get(`${base}/appointments?scope=all&post=liaison_officer&unitId=${qxId}`)).json().items as Array<{ endDate: string | null; current: boolean }>;
    expect(history.filter((h) => h.endDate === '2026-11-19')).toHaveLength(2);
    expect(history.filter((h) => h.current)).toHaveLength(1);

    // Importing a fresh export changes nothing.
    const again = await upload(await exportRoster(), 'dry-run');
    expect(again.json()).toMatchObject({ errorCount: 0, summary: { rows: 21, create: 0, update: 0, unchanged: 21 } });
  });

  it('row errors (bad mobile, bad e-mail, duplicate unit name, too long a name, contacts without a name) are reported by Excel row; commit gives 422 and writes nothing', async () => {
    const file = await editUnits(await exportRoster(), ({ set, add }) => {
      set('州发展和改革委员会', '联络员手机', '2391234');
      set('州自然资源局', '信息员邮箱', 'not-an-email');
      set('州司法局', '联络员', '');
      add({ 单位名称: '州水利局', 联络员: '重复单位联络员' });
      add({ 单位名称: '超'.repeat(101) });
      add({ 单位名称: '州新设单位', 联络员: '新人', 联络员手机: '1391234567' });
    });
    const before = await counts();
    const dry = await upload(file, 'dry-run');
    expect(dry.statusCode).toBe(200);
    const report = dry.json();
    const errs = report.rows.filter((r: { errors: unknown[] }) => r.errors.length).map((r: { row: number; unitName: string | null; errors: Array<{ field: string }> }) => [r.row, r.unitName, r.errors.map((e) => e.field)]);
    expect(errs).toEqual([
      [3, '州发展和改革委员会', ['liaisonOfficer.mobile']],
      [4, '州自然资源局', ['informationOfficer.email']],
      [8, '州司法局', ['liaisonOfficer']],
      [24, '州水利局', ['unitName']],
      [25, null, ['unitName']],
      [26, '州新设单位', ['liaisonOfficer.mobile']],
    ]);
    expect(report.errorCount).toBe(6);
    const messages = report.rows.flatMap((r: { errors: Array<{ message: string }> }) => r.errors.map((e) => e.message)).join('\n');
    expect(messages).toContain('联络员手机：手机号应为以 1 开头的 11 位数字');
    expect(messages).toContain('与第 11 行重复');
    expect(messages).toContain('不能超过 100 个字');

    const commit = await upload(file, 'commit');
    expect(commit.statusCode).toBe(422);
    expect(commit.json().error).toMatchObject({ code: 'UNPROCESSABLE', details: { mode: 'commit', errorCount: 6 } });
    expect(await counts()).toEqual(before);
  });

  it('an unknown header in place of an expected one is a file-level 422 naming the missing column; nothing written', async () => {
    const file = await editUnits(await exportRoster(), ({ ws }) => {
      ws.getRow(2).getCell(6).value = '手机号码'; // was 联络员手机
    });
    const before = await counts();
    for (const mode of ['dry-run', 'commit'] as const) {
      const res = await upload(file, mode);
      expect(res.statusCode).toBe(422);
      expect(res.json().error).toMatchObject({ code: 'UNPROCESSABLE', details: { reason: 'MISSING_HEADER', missing: ['联络员手机'], headerRow: 2 } });
      expect(res.json().error.message).toContain('联络员手机');
    }
    expect(await counts()).toEqual(before);
  });

  it('bad files are refused with 4xx in the one error shape and nothing is written: not an xlsx, a corrupt zip, a zip bomb, an empty workbook, a missing sheet, bad multipart', async () => {
    const good = await exportRoster();
    const emptyWorkbook = await save(new ExcelJS.Workbook());
    const otherSheet = new ExcelJS.Workbook();
    otherSheet.addWorksheet('Sheet1').addRow(['单位名称']);
    const headersOnly = new ExcelJS.Workbook();
    headersOnly.addWorksheet('成员单位').addRow(UNIT_SHEET_COLUMNS.map((c) => c.header));
    const flipped = Buffer.from(good);
    for (let i = 2000; i < 2400; i++) flipped[i] = flipped[i]! ^ 0xff;
    const cases: Array<[string, Buffer, number, string]> = [
      ['a text file named .xlsx', Buffer.from('单位名称,联络员\n州统计局,张三\n'), 400, 'NOT_XLSX'],
      ['an old .xls (OLE) file', Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(600)]), 400, 'NOT_XLSX'],
      ['a zip that is not a workbook', zip([{ name: 'hello.txt', content: Buffer.from('hello') }]), 400, 'NOT_XLSX'],
      ['a truncated zip', good.subarray(0, Math.floor(good.length / 2)), 422, 'CORRUPT_ZIP'],
      ['a zip with damaged data', flipped, 422, 'CORRUPT_ZIP'],
      ['a zip bomb whose directory claims a 1-GB entry', zip([{ name: '[Content_Types].xml', content: Buffer.from('<Types/>') }, { name: 'xl/worksheets/sheet1.xml', content: Buffer.alloc(64 * 1024), deflate: true, size: 1024 ** 3 }]), 422, 'ZIP_TOO_LARGE'],
      ['a zip whose entry inflates past its declared size', zip([{ name: '[Content_Types].xml', content: Buffer.from('<Types/>') }, { name: 'xl/workbook.xml', content: Buffer.alloc(2 * 1024 * 1024), deflate: true, size: 1000 }]), 422, 'ZIP_SIZE_MISMATCH'],
      ['an empty workbook', emptyWorkbook, 422, 'EMPTY_WORKBOOK'],
      ['a workbook without the 成员单位 sheet', await save(otherSheet), 422, 'MISSING_SHEET'],
      ['a 成员单位 sheet without data rows', await save(headersOnly), 422, 'NO_ROWS'],
    ];
    const before = await counts();
    for (const [what, buf, status, reason] of cases) {
      const res = await upload(buf, 'commit');
      expect({ what, status: res.statusCode, reason: res.json().error?.details?.reason }).toEqual({ what, status, reason });
      expect(Object.keys(res.json())).toEqual(['error']);
    }
    const json = await director.post(`${base}/roster/import?mode=commit`, { rows: [] });
    expect(json.statusCode).toBe(400);
    expect(json.json().error.details.reason).toBe('NOT_MULTIPART');
    // Multipart itself: a second file, no file part, a body cut short.
    const raw = (body: string | Buffer) => director.request('POST', `${base}/roster/import?mode=commit`, Buffer.isBuffer(body) ? body : Buffer.from(body), { 'content-type': 'multipart/form-data; boundary=B' });
    const filePart = (name: string) => Buffer.concat([Buffer.from(`--B\r\nContent-Disposition: form-data; name="${name}"; filename="${name}.xlsx"\r\nContent-Type: ${XLSX_MIME}\r\n\r\n`), good, Buffer.from('\r\n')]);
    const two = await raw(Buffer.concat([filePart('a'), filePart('b'), Buffer.from('--B--\r\n')]));
    expect([two.statusCode, two.json().error.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    const none = await raw('--B\r\nContent-Disposition: form-data; name="mode"\r\n\r\ncommit\r\n--B--\r\n');
    expect([none.statusCode, none.json().error.details.reason]).toEqual([400, 'NO_FILE']);
    const cut = await raw(filePart('a').subarray(0, 3000));
    expect([cut.statusCode, cut.json().error.details.reason]).toEqual([400, 'BAD_MULTIPART']);
    const big = await upload(Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(11 * 1024 * 1024)]), 'commit');
    expect(big.statusCode).toBe(413);
    expect(big.json().error.code).toBe('PAYLOAD_TOO_LARGE');
    const badMode = await upload(good, 'apply' as 'commit');
    expect(badMode.statusCode).toBe(400);
    expect(await counts()).toEqual(before);
  });

  it('two commits of the same file at once: the unit is created once, the second import sees it (one transaction each)', async () => {
    const file = await editUnits(await exportRoster(), ({ add }) => add({ 单位名称: '州审计局', 承担改革工作的内设机构: '投资审计科', 联络员: '审计联络员', 信息员: '审计信息员' }));
    const results = await Promise.all([upload(file, 'commit'), upload(file, 'commit')]);
    expect(results.map((r) => r.statusCode)).toEqual([200, 200]);
    expect(results.map((r) => r.json().summary.create).sort()).toEqual([0, 1]);
    const units = (await director.get(`${base}/units`)).json().items.filter((u: { name: string }) => u.name === '州审计局');
    expect(units).toHaveLength(1);
    const liaisons = (await director.get(`${base}/appointments?post=liaison_officer&unitId=${units[0].id}`)).json().items;
    expect(liaisons).toHaveLength(1);
  });

  it('A2-2: a liaison officer may export the roster but is refused the import (403); nothing written', async () => {
    const liaison = await login(t.app, 'cj.liaison');
    const file = await exportRoster(liaison);
    const before = await counts();
    const res = await upload(file, 'commit', liaison);
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('FORBIDDEN');
    expect(await counts()).toEqual(before);
  });
});

describe('roster workbook: the zip check and the plan (no database)', () => {
  it('a zip with more than 1000 entries is refused before anything is inflated', () => {
    const many = zip(Array.from({ length: 1001 }, (_, i) => ({ name: `f${i}.txt`, content: Buffer.from('x') })));
    expect(() => readZipDirectory(many)).toThrow(expect.objectContaining({ code: 'UNPROCESSABLE', details: expect.objectContaining({ reason: 'ZIP_TOO_MANY_ENTRIES' }) }));
  });

  it('an entry with an absurd compression ratio is refused', () => {
    const z = zip([{ name: 'xl/worksheets/sheet1.xml', content: Buffer.alloc(20 * 1024 * 1024), deflate: true }]);
    expect(() => readZipDirectory(z)).toThrow(expect.objectContaining({ details: expect.objectContaining({ reason: 'ZIP_RATIO' }) }));
  });

  it('headers are found below a title row, columns may move, extra columns and far-away stray cells are ignored, typed numbers and mailto links are read', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet(' 成员单位 ');
    ws.getCell(1, 1).value = '某某州成员单位名单';
    const headers = ['备注', ...UNIT_SHEET_COLUMNS.map((c) => c.header).reverse()];
    ws.getRow(3).values = headers.map((h) => (h === '单位名称' ? '单位名称*' : h));
    const at = (h: string) => headers.indexOf(h) + 1;
    const r = ws.getRow(4);
    r.getCell(at('单位名称')).value = { richText: [{ text: '州统计' }, { text: '局' }] };
    r.getCell(at('联络员')).value = '张三';
    r.getCell(at('联络员手机')).value = 13900001111;
    r.getCell(at('联络员邮箱')).value = { text: 'zs@example.cn', hyperlink: 'mailto:zs@example.cn' };
    r.getCell(at('备注')).value = '新增';
    ws.getCell(900_000, 40).value = 'stray';
    const started = Date.now();
    const parsed = await parseRosterWorkbook(await save(wb));
    expect(Date.now() - started).toBeLessThan(5000);
    expect(parsed.rows).toEqual([
      { row: 4, unitName: '州统计局', responsibleBody: null, liaisonOfficer: { names: ['张三'], title: null, mobile: '13900001111', phone: null, email: 'zs@example.cn' }, informationOfficer: null, duplicateOf: null, errors: [] },
    ]);
  });

  const state: ImportState = {
    units: [{ id: 'u1', name: '州水利局', responsibleBody: '专班', isMember: true, active: true, sortOrder: 10, version: 1 }],
    people: [
      { id: 'p1', unitId: 'u1', name: '甲', title: '科长', phone: null, mobile: '13900000001', email: null, version: 1 },
      { id: 'p2', unitId: 'u1', name: '乙', title: '科员', phone: null, mobile: null, email: null, version: 1 },
    ],
    holders: [
      { id: 'a1', post: 'liaison_officer', personId: 'p1', personName: '甲', unitId: 'u1', startDate: '2024-01-01', version: 1 },
      { id: 'a2', post: 'liaison_officer', personId: 'p2', personName: '乙', unitId: 'u1', startDate: '2026-11-20', version: 1 },
    ],
  };
  const row = (liaison: string): ParsedRoster => ({
    sheet: '成员单位',
    rows: [{ row: 3, unitName: '州水利局', responsibleBody: null, liaisonOfficer: { names: liaison.split('、'), title: null, mobile: null, phone: null, email: null }, informationOfficer: null, duplicateOf: null, errors: [] }],
  });
  let n = 0;
  const opts = { officeId: 'o1', date: '2026-11-20', now: '2026-11-20T02:00:00.000Z', newId: () => `new-${++n}` };

  it('A2-2: a cell listing today\'s liaison officers changes nothing; the same person named again is not re-appointed', () => {
    expect(planRosterImport(row('甲、乙'), state, opts).rows[0]).toMatchObject({ action: 'unchanged', changes: [], errors: [], ops: [] });
    const one = { ...state, holders: state.holders.slice(0, 1) };
    expect(planRosterImport(row('甲'), one, opts).rows[0]).toMatchObject({ action: 'unchanged', ops: [] });
  });

  it('A2-2: a liaison officer appointed today cannot be replaced the same day (row error, no guessing)', () => {
    const out = planRosterImport(row('丙'), state, opts).rows[0]!;
    expect(out.errors.map((e) => e.field)).toEqual(['liaisonOfficer']);
    expect(out.errors[0]!.message).toContain('2026-11-20');
  });

  it('A1-13, A2-9: a new information officer replaces the one in post (one per unit), whose appointment ends the day before', () => {
    const withInfo: ImportState = { ...state, holders: [state.holders[0]!, { id: 'a3', post: 'information_officer', personId: 'p2', personName: '乙', unitId: 'u1', startDate: '2025-06-01', version: 2 }] };
    const parsed: ParsedRoster = { sheet: '成员单位', rows: [{ ...row('甲').rows[0]!, informationOfficer: { names: ['丁'], title: null, mobile: null, phone: null, email: null } }] };
    const out = planRosterImport(parsed, withInfo, opts).rows[0]!;
    const created = out.ops.find((o) => o.kind === 'person.create');
    expect(created).toBeDefined();
    const newPerson = (created as { row: { id: string } }).row.id;
    expect(out.ops.filter((o) => o.kind !== 'person.create')).toEqual([
      { kind: 'appointment.end', appointmentId: 'a3', version: 2, endDate: '2026-11-19', replacedBy: newPerson },
      expect.objectContaining({ kind: 'appointment.create', row: expect.objectContaining({ post: 'information_officer', personId: newPerson, startDate: '2026-11-20', endDate: null }) }),
    ]);
    expect(out.changes).toContainEqual({ field: 'informationOfficer', column: '信息员', from: '乙', to: '丁' });
  });

  it('A2-2: naming one of two liaison officers ends the other the day before', () => {
    const older = { ...state, holders: state.holders.map((h) => ({ ...h, startDate: '2025-06-01' })) };
    const out = planRosterImport(row('甲'), older, opts).rows[0]!;
    expect(out.ops).toEqual([{ kind: 'appointment.end', appointmentId: 'a2', version: 1, endDate: '2026-11-19', replacedBy: 'p1' }]);
    expect(out.changes).toEqual([{ field: 'liaisonOfficer', column: '联络员', from: '甲、乙', to: '甲' }]);
  });
});
