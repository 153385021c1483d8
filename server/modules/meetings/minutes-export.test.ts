// The 纪要 layout (GB/T 9704-2012) measured on the rendered files, not assumed: 28 characters a line, 22 lines a page,
// A4 with 37/35/28/26 mm margins, the SC faces of the Noto CJK collections, the red mark and the attendance labels.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import type { Minutes } from '../../../shared/contracts/meetings.ts';
import { PAGE_TWIPS } from '../../platform/gbt9704.ts';
import { readZipDirectory } from '../../platform/zip.ts';
import { breakOnGrid, chineseNumeral, layoutMinutes, renderMinutesDocx, renderMinutesPdf } from './minutes-export.ts';
import { writeZip } from './zip-writer.ts';

const run = promisify(execFile);
const tmp = mkdtempSync(join(tmpdir(), 'ro-minutes-export-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const CJK = '工程建设项目审批制度改革领导小组办公室会议记录存档备查明确意见责任单位完成时限';
const person = (name: string, unitName: string | null, title: string | null) => ({ name, unitName, title });
function minutes(overrides: Partial<Minutes> = {}): Minutes {
  const decision = (n: number, text: string) => ({ id: `d${n}`, seq: n, number: n, text, ownerUnitId: 'u', ownerUnitName: '州发展和改革委员会', deadline: '2027-01-31', supersedesDecisionId: null, followUp: null, overdueDays: null });
  return {
    id: 'm', meetingId: 'x', officeId: 'o', kind: 'original', correctsMinutesId: null, status: 'archived', title: '昌吉州工程建设项目审批制度改革领导小组全体会议纪要', year: 2026, number: 3, numberLabel: '第3期',
    meetingTitle: '2026年第四季度全体会议', meetingKind: 'plenary', startsAt: '2026-12-15T02:00:00.000Z', endsAt: null, place: '州政府', chairPersonId: 'p', chairName: '唐军', recorderName: '李静',
    opening: '2026年12月15日，唐军主持召开2026年第四季度全体会议。现纪要如下：',
    attendance: { present: [person('唐军', null, '州人民政府副州长'), { ...person('周晓东', null, '州人民政府副秘书长'), substituteFor: '梁婷' }], onLeave: [{ ...person('冯伟', '州财政局', null), reason: '出差' }], observers: [person('马建军', null, '自治区住房和城乡建设厅')], absent: [] },
    topics: [
      { id: 't1', seq: 1, agendaItemId: null, title: '关于审批时限的汇报', presenterUnitName: '州发展和改革委员会', summary: '', speakerPoints: [{ id: 's', seq: 1, speakerName: '唐军', speakerPersonId: null, unitName: null, points: '要以企业感受为准。' }], decisions: [decision(1, '第一项决定')] },
      { id: 't2', seq: 2, agendaItemId: null, title: '关于平台建设的汇报', presenterUnitName: null, summary: '', speakerPoints: [], decisions: [decision(2, '第二项决定')] },
    ],
    correctionReason: null, reviewedAt: null, reviewedByName: null, returnReason: null, archivedAt: '2026-12-16T02:00:00.000Z', archivedByName: 'x', digest: null, corrections: [], version: 1, abilities: [],
    ...overrides,
  };
}

describe('the 28-character grid', () => {
  it('GB/T 9704: a line holds 28 full-width characters, the first line of a paragraph 26 after its two-character indent', () => {
    const lines = breakOnGrid({ runs: [{ text: CJK.repeat(3), font: 'fangsong' }], indent: 2, hanging: 0 });
    expect(lines[0]!.runs[0]!.text).toHaveLength(26);
    expect(lines[1]!.runs[0]!.text).toHaveLength(28);
    const n = Math.ceil((CJK.length * 3 - 26) / 28) + 1;
    expect(lines).toHaveLength(n);
    expect(lines.map((l) => l.indent)).toEqual([2, ...Array(n - 1).fill(0)]);
    expect(lines.map((l) => l.last)).toEqual([...Array(n - 1).fill(false), true]);
  });

  it('half-width characters take half a cell; a number is never split across lines', () => {
    const [first, second] = breakOnGrid({ runs: [{ text: `${'审'.repeat(24)}完成时限2027年2月28日`, font: 'fangsong' }], indent: 2, hanging: 0 });
    expect(first!.runs[0]!.text).toBe(`${'审'.repeat(24)}完成`);
    expect(second!.runs[0]!.text).toBe('时限2027年2月28日');
    // 27 cells + "20" fill the line exactly; "2027" moves whole rather than breaking as 20|27.
    const digits = breakOnGrid({ runs: [{ text: `${'审'.repeat(27)}2027年`, font: 'fangsong' }], indent: 0, hanging: 0 });
    expect(digits.map((l) => l.runs[0]!.text)).toEqual(['审'.repeat(27), '2027年']);
  });

  it('closing punctuation never starts a line (it hangs at the end of the line before); an opening bracket never ends one', () => {
    const hang = breakOnGrid({ runs: [{ text: `${'审'.repeat(28)}。下一行`, font: 'fangsong' }], indent: 0, hanging: 0 });
    expect(hang[0]!.runs[0]!.text).toBe(`${'审'.repeat(28)}。`);
    expect(hang[1]!.runs[0]!.text).toBe('下一行');
    const open = breakOnGrid({ runs: [{ text: `${'审'.repeat(27)}（代某某）`, font: 'fangsong' }], indent: 0, hanging: 0 });
    expect(open[0]!.runs[0]!.text).toBe('审'.repeat(27));
    expect(open[1]!.runs[0]!.text).toBe('（代某某）');
  });

  it('a label and its text keep their fonts across a break; following lines hang under the text', () => {
    const lines = breakOnGrid({ runs: [{ text: '出席：', font: 'heiti' }, { text: '州人民政府副州长唐军、'.repeat(4), font: 'fangsong' }], indent: 0, hanging: 3 });
    expect(lines[0]!.runs.map((r) => r.font)).toEqual(['heiti', 'fangsong']);
    expect(lines[0]!.indent).toBe(0);
    expect(lines[1]!.indent).toBe(3);
    expect(lines[1]!.runs.map((r) => r.font)).toEqual(['fangsong']);
  });
});

describe('the 纪要 content model (A1-8: time, place, attendees, chair, topics, speakers, decisions)', () => {
  it('mark in two lines, number, topics 一、二、, decisions numbered across the minutes, 出席/请假/列席 with 黑体 labels', () => {
    const l = layoutMinutes(minutes(), { shortName: '昌吉州' });
    expect(l.mark).toEqual(['昌吉州工程建设项目审批制度改革领导小组', '全体会议纪要']);
    expect(l.number).toBe('第3期');
    const texts = l.body.map((p) => p.runs.map((r) => r.text).join(''));
    expect(texts).toContain('一、关于审批时限的汇报（州发展和改革委员会汇报）');
    expect(texts).toContain('二、关于平台建设的汇报');
    expect(texts).toContain('1. 第一项决定（责任单位：州发展和改革委员会；完成时限：2027年1月31日）');
    expect(texts).toContain('2. 第二项决定（责任单位：州发展和改革委员会；完成时限：2027年1月31日）');
    const labels = l.body.filter((p) => p.runs[0]?.font === 'heiti' && /^(出席|请假|列席)：$/.test(p.runs[0].text));
    expect(labels.map((p) => [p.runs[0]!.text, p.runs[1]!.font, p.runs[1]!.text])).toEqual([
      ['出席：', 'fangsong', '州人民政府副州长唐军、州人民政府副秘书长周晓东（代梁婷）。'],
      ['请假：', 'fangsong', '州财政局冯伟（出差）。'],
      ['列席：', 'fangsong', '自治区住房和城乡建设厅马建军。'],
    ]);
    expect(l.printLine).toEqual({ issuer: '昌吉州工程建设项目审批制度改革领导小组办公室', date: '2026年12月16日印发' });
    expect(layoutMinutes(minutes({ status: 'draft', number: null, numberLabel: null }), { shortName: '昌吉州' }).number).toBe('（草稿，未存档）');
    expect(layoutMinutes(minutes({ title: '阜康市工程建设项目审批制度改革领导小组办公室会议纪要' }), { shortName: '阜康市' }).mark).toEqual(['阜康市工程建设项目审批制度改革领导小组办公室', '会议纪要']);
    expect([1, 10, 12, 20, 23].map(chineseNumeral)).toEqual(['一', '十', '十二', '二十', '二十三']);
  });
});

describe('the rendered files', () => {
  it('PDF: A4; a full page holds 22 lines of 28 characters; the SC faces of the Noto collections are embedded', async () => {
    const long = minutes({ opening: CJK.repeat(30) });
    const file = join(tmp, 'long.pdf');
    writeFileSync(file, await renderMinutesPdf(long, { shortName: '昌吉州' }));
    const info = (await run('pdfinfo', [file])).stdout;
    expect(info).toMatch(/Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)/);
    // Page 2 is all body: count its lines and the characters of a full line (text only, page number aside).
    const page2 = (await run('pdftotext', ['-f', '2', '-l', '2', '-layout', '-enc', 'UTF-8', file, '-'])).stdout.split('\n').map((s) => s.replace(/\s+/g, '')).filter((s) => s && !/^—\d+—$/.test(s));
    expect(page2).toHaveLength(22);
    expect([...page2[0]!]).toHaveLength(28);
    // Every line of the body lies inside the text block (28 mm … 182 mm from the left edge).
    const bbox = (await run('pdftotext', ['-f', '2', '-l', '2', '-bbox', file, '-'])).stdout;
    const xs = [...bbox.matchAll(/<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"/g)].map((m) => [Number(m[1]), Number(m[2])]);
    expect(Math.min(...xs.map((x) => x[0]!))).toBeGreaterThanOrEqual(79);
    expect(Math.max(...xs.map((x) => x[1]!))).toBeLessThanOrEqual(79.4 + 442.3 + 1);
    const fonts = (await run('pdffonts', [file])).stdout;
    expect(fonts).toMatch(/NotoSerifCJKsc-Bold/); // 小标宋 stand-in: the SC face chosen from the TTC
    expect(fonts).toMatch(/NotoSerifCJKsc-Regular/); // 仿宋
    expect(fonts).toMatch(/NotoSansCJKsc-Regular/); // 黑体
    expect(fonts).not.toMatch(/CJKjp/);
  });

  it('DOCX: A4, margins 37/35/28/26 mm, 22-line grid, named official fonts, the red mark', async () => {
    const buf = await renderMinutesDocx(minutes(), { shortName: '昌吉州' });
    const names = readZipDirectory(buf).map((e) => e.name);
    expect(names).toEqual(expect.arrayContaining(['word/document.xml', 'word/styles.xml', 'word/settings.xml']));
    const file = join(tmp, 'm.docx');
    writeFileSync(file, buf);
    const xml = (await run('unzip', ['-p', file, 'word/document.xml'], { maxBuffer: 20 * 1024 * 1024 })).stdout;
    expect(xml).toContain(`<w:pgSz w:w="${PAGE_TWIPS.width}" w:h="${PAGE_TWIPS.height}"`);
    expect(xml).toMatch(new RegExp(`<w:pgMar w:top="${PAGE_TWIPS.marginTop}" w:right="${PAGE_TWIPS.marginRight}" w:bottom="${PAGE_TWIPS.marginBottom}" w:left="${PAGE_TWIPS.marginLeft}"`));
    expect(xml).toMatch(/<w:docGrid w:type="lines" w:linePitch="579"/);
    expect(xml).toMatch(/w:eastAsia="方正小标宋简体"[^]*?<w:color w:val="E60012"\/>[^]*?全体会议纪要/);
    expect(xml).toMatch(/w:eastAsia="黑体"[^]*?出席：/);
    expect(xml).toMatch(/w:eastAsia="仿宋_GB2312"/);
    const settings = (await run('unzip', ['-p', file, 'word/settings.xml'])).stdout;
    expect(settings).toContain('<w:evenAndOddHeaders/>'); // page numbers: odd right, even left
  });
});

describe('the zip writer (meeting pack)', () => {
  it('writes a zip that the platform reader and Python accept, with UTF-8 Chinese names', async () => {
    const zip = writeZip([{ name: '00-议程.pdf', data: Buffer.from('%PDF-1.4 x') }, { name: '01-议题/材料.docx', data: Buffer.alloc(5000, 65) }]);
    expect(readZipDirectory(zip).map((e) => e.name)).toEqual(['00-议程.pdf', '01-议题/材料.docx']);
    const file = join(tmp, 'z.zip');
    writeFileSync(file, zip);
    const out = (await run('python3', ['-c', 'import sys,zipfile; z=zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None; print("|".join(i.filename for i in z.infolist()), len(z.read("01-议题/材料.docx")))', file])).stdout.trim();
    expect(out).toBe('00-议程.pdf|01-议题/材料.docx 5000');
  });
});
