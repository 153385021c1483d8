import ExcelJS from 'exceljs';
import { execFile, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { inflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestContext, describeEachDb, login, type Agent, type TestContext } from '../../test/harness.ts';
import { readZipDirectory } from '../organization/roster-excel.ts';
import { DOCX_MIME, XLSX_MIME } from './reports-export.ts';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
const ACCEPTED_TITLE = '州发改委2026年第三季度改革工作情况汇报';
const ACCEPTED_BODY = '一、工作进展\n本季度，州发改委牵头压缩审批时限，<改革> & 提速。\n\n  二、下一步打算\r\n继续推进“多规合一”。';
const LATE_TITLE = '迟交的季度汇报';
const COVER_TITLE = '2026年第3季度成员单位改革工作书面汇报汇编';

/** LibreOffice, when installed (CI installs it; see .ci/run). */
const SOFFICE = ['soffice', 'libreoffice'].find((cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0) ?? null;

function multipart(filename: string, data: Buffer, mime: string) {
  const boundary = '----ro-export-boundary';
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename*=UTF-8''${encodeURIComponent(filename)}\r\nContent-Type: ${mime}\r\n\r\n`);
  return { body: Buffer.concat([head, data, Buffer.from(`\r\n--${boundary}--\r\n`)]), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** One entry of a zip, inflated. */
function unzipEntry(buf: Buffer, name: string): string {
  const e = readZipDirectory(buf).find((x) => x.name === name);
  if (!e) throw new Error(`${name} not in the zip`);
  const start = e.localHeaderOffset + 30 + buf.readUInt16LE(e.localHeaderOffset + 26) + buf.readUInt16LE(e.localHeaderOffset + 28);
  const data = buf.subarray(start, start + e.compressedSize);
  return (e.method === 8 ? inflateRawSync(data) : data).toString('utf8');
}

const run = (cmd: string, args: string[], timeout: number) =>
  new Promise<{ code: number | null; stdout: string; stderr: string; ms: number }>((resolve) => {
    const t0 = Date.now();
    execFile(cmd, args, { timeout, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? null) : 0, stdout, stderr, ms: Date.now() - t0 }));
  });

/** soffice --headless --convert-to pdf, with a profile of its own so parallel runs don't clash. */
async function toPdf(file: string, outDir: string) {
  const profile = join(tmpdir(), `lo-${randomBytes(6).toString('hex')}`);
  try {
    const r = await run(SOFFICE!, [`-env:UserInstallation=${pathToFileURL(profile).href}`, '--headless', '--convert-to', 'pdf', '--outdir', outDir, file], 60_000);
    return { ...r, pdf: join(outDir, file.replace(/^.*\//, '').replace(/\.[^.]+$/, '.pdf')) };
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

describeEachDb('quarterly report exports (A1-10)', (dialect) => {
  let t: TestContext;
  let base: string;
  let county: string;
  let cycleId: string;
  let acceptedUnit: string;
  let lateUnit: string;
  let director: Agent;
  const at = async (iso: string, who: string): Promise<Agent> => {
    t.clock.set(iso);
    return login(t.app, who);
  };

  beforeAll(async () => {
    // A Q3 2026 cycle of 昌吉州 (due 2026-10-20, 20 member units): one report accepted, one submitted 3 working days late, 18 missing.
    t = await createTestContext(dialect, { now: '2026-10-09T02:00:00.000Z' });
    base = `/api/v1/reports/offices/${t.offices['昌吉州']}`;
    county = `/api/v1/reports/offices/${t.offices['昌吉市']}`;
    cycleId = (await (await login(t.app, 'cj.director')).post(`${base}/cycles`, { year: 2026, quarter: 3 })).json().id;

    const liaison = await at('2026-10-12T02:00:00.000Z', 'cj.liaison');
    acceptedUnit = (await liaison.get('/api/v1/auth/session')).json().posts.find((p: { post: string }) => p.post === 'liaison_officer').unitId;
    const draft = await liaison.put(`${base}/my/cycles/${cycleId}/units/${acceptedUnit}`, { title: ACCEPTED_TITLE, body: ACCEPTED_BODY });
    const up = multipart('第三季度附表.pdf', PDF, 'application/pdf');
    const att = await liaison.request('POST', `${base}/my/reports/${draft.json().id}/attachments`, up.body, { 'content-type': up.contentType });
    expect(att.statusCode).toBe(201);
    const sub = await liaison.post(`${base}/my/reports/${draft.json().id}/submit`, {}, { 'if-match': `"v${att.json().version}"` });
    expect(sub.json()).toMatchObject({ status: 'submitted', lateWorkingDays: 0 });
    const reviewer = await at('2026-10-13T02:00:00.000Z', 'cj.director');
    expect((await reviewer.post(`${base}/reports/${sub.json().id}/accept`, {}, { 'if-match': `"v${sub.json().version}"` })).json().status).toBe('accepted');

    const other = (await t.services.organizationRepo.listAppointments(t.handle.db, t.offices['昌吉州']!, { post: 'liaison_officer', coveringDate: '2026-10-23' })).find((a) => a.unitId !== acceptedUnit)!;
    lateUnit = other.unitId!;
    await t.services.accounts.create({ username: 'cj.liaison2', displayName: other.personName, personId: other.personId }, { actor: null, requestId: 'test', ip: null }, { password: 'Test-Pass-2026!', mustChange: false });
    const l2 = await at('2026-10-23T02:00:00.000Z', 'cj.liaison2');
    const d = await l2.put(`${base}/my/cycles/${cycleId}/units/${lateUnit}`, { title: LATE_TITLE, body: '内容' });
    expect((await l2.post(`${base}/my/reports/${d.json().id}/submit`, {}, { 'if-match': `"v${d.json().version}"` })).json()).toMatchObject({ status: 'submitted', lateWorkingDays: 3 });

    director = await at('2026-10-23T03:00:00.000Z', 'cj.director'); // 11:00 China time
  });
  afterAll(() => t?.close());

  it('A1-10: the status table exports as a workbook: title, statuses in Chinese, lights as fills, the summary, A4 landscape', async () => {
    const res = await director.get(`${base}/cycles/${cycleId}/status.xlsx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX_MIME);
    expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('2026年第3季度报送情况.xlsx')}`);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet('报送情况')!;
    expect(ws.getCell('A1').value).toBe('昌吉回族自治州 2026年第3季度改革工作书面汇报报送情况（截至 2026-10-23）');
    expect(ws.getRow(2).values).toEqual([undefined, '序号', '成员单位', '联络员', '状态', '是否按时', '逾期工作日', '提交时间']);
    expect(ws.getCell('A2').font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9, fitToWidth: 1 });
    expect(ws.getColumn(2).width).toBeGreaterThan(15);

    const rows = Array.from({ length: 20 }, (_, i) => ws.getRow(3 + i));
    const cells = (r: ExcelJS.Row) => (r.values as unknown[]).slice(1);
    const unitName = async (id: string) => (await t.handle.db.selectFrom('units').select('name').where('id', '=', id).executeTakeFirstOrThrow()).name;
    const byUnit = new Map(rows.map((r) => [String(r.getCell(2).value), r]));
    expect(byUnit.size).toBe(20);
    const acc = byUnit.get(await unitName(acceptedUnit))!;
    expect(cells(acc).slice(3)).toEqual(['已采用', '按时', 0, '2026-10-12 10:00']);
    expect(acc.getCell(4).fill).toMatchObject({ type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFC6EFCE' } }); // green
    const late = byUnit.get(await unitName(lateUnit))!;
    expect(cells(late).slice(3)).toEqual(['已提交', '逾期', 3, '2026-10-23 10:00']);
    const missing = rows.filter((r) => r.getCell(4).value === '未报送');
    expect(missing).toHaveLength(18);
    for (const r of missing) {
      expect(r.getCell(4).fill).toMatchObject({ fgColor: { argb: 'FFFFC7CE' } }); // red: past the deadline
      expect(r.getCell(7).value ?? '').toBe('');
    }
    expect(rows.map((r) => r.getCell(1).value)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(ws.getCell('A23').value).toBe('合计：应报 20 家，已报 2 家（按时 1 家，逾期 1 家），未报 18 家。');
    expect(String(ws.getCell('A24').value)).toContain('报送期限：2026-10-20');
  });

  it('A1-10: the accepted reports compile into one DOCX: GB/T 9704 page and fonts, the body split into paragraphs, attachments listed', async () => {
    const res = await director.get(`${base}/cycles/${cycleId}/compilation.docx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(DOCX_MIME);
    expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent(`${COVER_TITLE}.docx`)}`);
    const xml = unzipEntry(res.rawPayload, 'word/document.xml');
    const name = (await t.handle.db.selectFrom('units').select('name').where('id', '=', acceptedUnit).executeTakeFirstOrThrow()).name;
    expect(xml).toContain(name);
    expect(xml).toContain(ACCEPTED_TITLE);
    expect(xml).not.toContain(LATE_TITLE); // only accepted reports
    expect(xml).toContain('昌吉回族自治州工程建设项目审批制度改革');
    expect(xml).toContain('2026年10月23日');
    // A4, margins 37/35/28/26 mm, page numbers restart at 1 for the reports
    expect(xml).toContain('<w:pgSz w:w="11906" w:h="16838"');
    expect(xml).toMatch(/<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"/);
    expect(xml).toContain('<w:pgNumType w:start="1"/>');
    // the title in 2号小标宋, the body in 3号仿宋 with a two-character first-line indent, one paragraph per line
    const paragraphs = xml.split('</w:p>');
    const titleP = paragraphs.find((p) => p.includes(`>${ACCEPTED_TITLE}<`) && p.includes('w:jc w:val="center"'))!;
    expect(titleP).toContain('w:eastAsia="方正小标宋简体"');
    expect(titleP).toContain('<w:sz w:val="44"/>');
    const bodyP = paragraphs.find((p) => p.includes('本季度'))!;
    expect(bodyP).toContain('w:eastAsia="仿宋_GB2312"');
    expect(bodyP).toContain('<w:sz w:val="32"/>');
    expect(bodyP).toMatch(/w:firstLine="640"/);
    expect(bodyP).toContain('&lt;改革&gt; &amp; 提速');
    expect(bodyP).not.toContain('工作进展');
    expect(paragraphs.find((p) => p.includes('二、下一步打算'))).toContain('w:eastAsia="黑体"');
    expect(paragraphs.find((p) => p.includes('第三季度附表.pdf'))).toContain('附件：');
    // the contents list names the unit and its title (LibreOffice does not update TOC fields)
    const contents = paragraphs.findIndex((p) => p.includes('目　　录'));
    const firstTitle = paragraphs.findIndex((p) => p.includes(ACCEPTED_TITLE));
    expect(contents).toBeGreaterThan(0);
    expect(firstTitle).toBeGreaterThan(contents);
    expect(paragraphs.filter((p) => p.includes(ACCEPTED_TITLE))).toHaveLength(2); // contents + the report
    // "— N —" in the footers, odd pages right, even pages left
    const footers = readZipDirectory(res.rawPayload).filter((e) => /^word\/footer\d+\.xml$/.test(e.name)).map((e) => unzipEntry(res.rawPayload, e.name));
    expect(footers).toHaveLength(2);
    for (const f of footers) expect(f).toMatch(/— <\/w:t>.*PAGE.* —<\/w:t>/s);
    expect(unzipEntry(res.rawPayload, 'word/settings.xml')).toContain('<w:evenAndOddHeaders/>');
  });

  if (SOFFICE) {
    it('A1-10: both exports convert to PDF with LibreOffice; the compilation reads cover, then the report', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'ro-export-'));
      try {
        const xlsx = join(dir, 'status.xlsx');
        const docx = join(dir, 'compilation.docx');
        writeFileSync(xlsx, (await director.get(`${base}/cycles/${cycleId}/status.xlsx`)).rawPayload);
        writeFileSync(docx, (await director.get(`${base}/cycles/${cycleId}/compilation.docx`)).rawPayload);
        for (const file of [xlsx, docx]) {
          const r = await toPdf(file, dir);
          expect(r.code, `${file}: ${r.stderr}`).toBe(0);
          expect(existsSync(r.pdf), `${r.pdf} missing; soffice said: ${r.stdout} ${r.stderr}`).toBe(true);
          expect(statSync(r.pdf).size).toBeGreaterThan(1000);
        }
        const text = await run('pdftotext', ['-enc', 'UTF-8', join(dir, 'compilation.pdf'), '-'], 30_000);
        expect(text.code).toBe(0);
        const flat = text.stdout.replace(/\s+/g, '');
        const cover = flat.indexOf(COVER_TITLE);
        expect(cover, flat.slice(0, 300)).toBeGreaterThanOrEqual(0);
        expect(flat.indexOf('目录')).toBeGreaterThan(cover);
        expect(flat.lastIndexOf(ACCEPTED_TITLE)).toBeGreaterThan(flat.indexOf('目录'));
        expect(flat).toContain('—1—'); // the first report page is numbered 1
        const sheet = await run('pdftotext', ['-enc', 'UTF-8', join(dir, 'status.pdf'), '-'], 30_000);
        expect(sheet.stdout.replace(/\s+/g, '')).toContain('应报20家');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }, 180_000);
  } else {
    it.skip('skipped: LibreOffice not installed', () => {});
  }

  it('A1-10: a liaison officer may not export; the prefecture reads a county cycle read-only; another office\'s cycle is not found', async () => {
    const liaison = await login(t.app, 'cj.liaison');
    expect((await liaison.get(`${base}/cycles/${cycleId}/status.xlsx`)).statusCode).toBe(403);
    expect((await liaison.get(`${base}/cycles/${cycleId}/compilation.docx`)).statusCode).toBe(403);

    const countyStaff = await login(t.app, 'cjs.staff');
    const countyCycle = (await countyStaff.post(`${county}/cycles`, { year: 2026, quarter: 3 })).json().id;
    expect((await countyStaff.get(`${base}/cycles/${cycleId}/status.xlsx`)).statusCode).toBe(403); // not upwards
    const dir = await login(t.app, 'cj.director');
    const xlsx = await dir.get(`${county}/cycles/${countyCycle}/status.xlsx`);
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ExcelJS.Buffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getCell('A1').value).toBe('昌吉市 2026年第3季度改革工作书面汇报报送情况（截至 2026-10-23）');
    expect(ws.getCell('A11').value).toBe('合计：应报 8 家，已报 0 家（按时 0 家，逾期 0 家），未报 8 家。');
    // no accepted report yet: still a valid document that says so
    const docx = await dir.get(`${county}/cycles/${countyCycle}/compilation.docx`);
    expect(docx.statusCode).toBe(200);
    const xml = unzipEntry(docx.rawPayload, 'word/document.xml');
    expect(xml).toContain('昌吉市工程建设项目审批制度改革');
    expect(xml).toContain('暂无已采用的成员单位书面汇报');
    // a cycle id of 昌吉州 under 昌吉市's path
    expect((await dir.get(`${county}/cycles/${cycleId}/status.xlsx`)).statusCode).toBe(404);
    expect((await dir.get(`${county}/cycles/${cycleId}/compilation.docx`)).statusCode).toBe(404);
  });
});
