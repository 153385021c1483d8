// GB/T 9704-2012 output of the seed notice 昌建审改办〔2020〕3号: every element present and in order in the DOCX and
// the PDF, the PDF's pages where the original's were, and LibreOffice opening the DOCX.
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { inflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHAR_PITCH_PT, LINE_PITCH_PT, PAGE_PT } from '../../platform/gbt9704.ts';
import { readZipDirectory } from '../../platform/zip.ts';
import { renderDocumentDocx } from './documents.docx.ts';
import { layoutDocument, layoutText, type DocumentContent, type Layout, type PlacedLine } from './documents.layout.ts';
import { fontMetrics, renderDocumentPdf } from './documents.pdf.ts';
import { ORIGINAL_PAGE_STARTS, SEED, SEED_PAGES, seedElementsInOrder, seedNoticeContent } from './fixtures/seed-notice.ts';

const run = promisify(execFile);
const squash = (s: string) => s.replace(/\s+/g, '');

/** One entry of a zip (the DOCX) as text. */
function zipEntry(file: string, name: string): string {
  const buf = readFileSync(file);
  const en = readZipDirectory(buf).find((e) => e.name === name);
  if (!en) throw new Error(`${name} not in ${file}`);
  const start = en.localHeaderOffset + 30 + buf.readUInt16LE(en.localHeaderOffset + 26) + buf.readUInt16LE(en.localHeaderOffset + 28);
  const data = buf.subarray(start, start + en.compressedSize);
  return (en.method === 0 ? data : inflateRawSync(data)).toString('utf8');
}
const zipNames = (file: string) => readZipDirectory(readFileSync(file)).map((e) => e.name);

/** Asserts each needle occurs in `text` after the previous one; returns the positions. */
function expectInOrder(text: string, needles: string[]): number[] {
  const hay = squash(text);
  let from = 0;
  const at: number[] = [];
  for (const n of needles) {
    const i = hay.indexOf(squash(n), from);
    expect(i, `"${n}" missing or out of order (after position ${from})`).toBeGreaterThanOrEqual(0);
    at.push(i);
    from = i + squash(n).length;
  }
  return at;
}

describe('GB/T 9704-2012 layout of the seed notice 昌建审改办〔2020〕3号', () => {
  let dir: string;
  let content: DocumentContent;
  let layout: Layout;
  let pdfFile: string;
  let docxFile: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ro-gbt9704-'));
    content = seedNoticeContent();
    const r = await renderDocumentPdf(content);
    layout = r.layout;
    pdfFile = join(dir, 'seed.pdf');
    docxFile = join(dir, 'seed.docx');
    writeFileSync(pdfFile, r.pdf);
    writeFileSync(docxFile, await renderDocumentDocx(content, layout, { title: SEED.titleLines.join(''), author: content.signature }));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('the fixture carries the seed\'s elements (changji.json seedDocument)', () => {
    expect(content).toMatchObject({ number: '昌建审改办〔2020〕3号', date: '2020-12-31', printedOn: '2020-12-31', signature: '昌吉州工程建设项目审批制度改革领导小组办公室（代章）' });
    expect(content.attachments.map((a) => a.title.replace(/\n/g, ''))).toEqual(['昌吉州工程建设项目审批制度改革领导小组工作规则', '昌吉州工程建设项目审批制度改革领导小组办公室工作细则']);
    expect(content.body.split('\n')).toHaveLength(2);
  });

  it('DOCX: word/document.xml holds every element of the notice in order', () => {
    const stdout = zipEntry(docxFile, 'word/document.xml');
    const text = [...stdout.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('\n');
    expectInOrder(text, seedElementsInOrder());
    // Page, grid and fonts as the standard asks, named for Word/WPS.
    expect(stdout).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(stdout).toMatch(/<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"/);
    expect(stdout).toContain('w:color w:val="E60012"');
    expect(stdout).toContain('w:eastAsia="方正小标宋简体"');
    expect(stdout).toContain('w:eastAsia="黑体"');
    const styles = zipEntry(docxFile, 'word/styles.xml');
    expect(styles).toContain('w:line="579" w:lineRule="exact"');
    expect(styles).toContain('<w:spacing w:val="-5"/>');
    expect(styles).toContain('<w:overflowPunct w:val="0"/>');
    const footers = zipNames(docxFile).filter((n) => /^word\/footer\d+\.xml$/.test(n));
    expect(footers).toHaveLength(2); // odd pages right, even pages left
  });

  it('PDF: pdftotext gives every element in order; Noto CJK SC faces are embedded', async () => {
    const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', pdfFile, '-'], { maxBuffer: 1 << 26 });
    expectInOrder(stdout, seedElementsInOrder());
    const { stdout: fonts } = await run('pdffonts', [pdfFile]);
    expect(fonts).toMatch(/NotoSerifCJKsc-Regular/);
    expect(fonts).toMatch(/NotoSerifCJKsc-Bold/);
    expect(fonts).toMatch(/NotoSansCJKsc-Regular/);
  });

  it(`PDF: pdftoppm renders ${SEED_PAGES} pages; the attachments' pages begin at the original's words (22 lines × 28 characters)`, async () => {
    await run('pdftoppm', ['-r', '30', '-png', pdfFile, join(dir, 'page')]);
    const pngs = readdirSync(dir).filter((f) => f.startsWith('page') && f.endsWith('.png'));
    expect(pngs).toHaveLength(SEED_PAGES);
    expect(layout.pages).toHaveLength(SEED_PAGES);
    const firsts: string[] = [];
    for (let p = 1; p <= SEED_PAGES; p++) {
      const { stdout } = await run('pdftotext', ['-f', String(p), '-l', String(p), '-enc', 'UTF-8', pdfFile, '-']);
      firsts.push(squash(stdout));
    }
    // The original split a paragraph over a page break at these words: once in the notice, twice in each attachment.
    expect(ORIGINAL_PAGE_STARTS).toHaveLength(5);
    const [, ...inAttachments] = ORIGINAL_PAGE_STARTS;
    for (const words of inAttachments) expect(firsts.some((f) => f.startsWith(squash(words))), words).toBe(true);
    // The notice ends on page 2 (its 版头 per the standard is taller than the original's), attachments from page 3.
    expect(firsts[1]).toContain(squash(ORIGINAL_PAGE_STARTS[0]!));
    expect(firsts[2]!.startsWith('附件1')).toBe(true);
    expect(firsts.findIndex((f) => f.startsWith('附件2'))).toBe(6);
    // The 版记 is on the last page only; page numbers run 1…10.
    expect(firsts[SEED_PAGES - 1]).toContain('抄送：');
    expect(firsts.slice(0, -1).some((f) => f.includes('抄送：'))).toBe(false);
    firsts.forEach((f, i) => expect(f).toContain(`—${i + 1}—`));
  });

  it('grid: body lines are 28.99 pt apart, at most 22 to a page and 28 characters to a line; the last rule lies on the text block\'s bottom edge', () => {
    const T = PAGE_PT.marginTop;
    const bottom = T + PAGE_PT.textHeight;
    for (const page of layout.pages.slice(2)) {
      const body = page.items.filter((i): i is PlacedLine => i.kind === 'text' && (i.role === 'attachment-body' || i.role === 'attachment-label'));
      expect(body.length).toBeLessThanOrEqual(22);
      for (const l of body) {
        const slot = (l.y - (LINE_PITCH_PT - l.size) / 2 - T) / LINE_PITCH_PT;
        expect(Math.abs(slot - Math.round(slot))).toBeLessThan(1e-6);
        expect([...l.runs.map((r) => r.text).join('')].length).toBeLessThanOrEqual(28);
        expect(l.x + 0.01).toBeGreaterThanOrEqual(PAGE_PT.marginLeft);
      }
    }
    const last = layout.pages.at(-1)!;
    const rules = last.items.filter((i) => i.kind === 'rule' && i.role === 'record-rule');
    expect(rules).toHaveLength(3);
    expect(Math.max(...rules.map((r) => (r.kind === 'rule' ? r.y : 0)))).toBeCloseTo(bottom, 6);
    // No line starts with closing punctuation (禁则).
    for (const page of layoutText(layout)) for (const line of page) expect(line).not.toMatch(/^[，。、；：？！）》」』”]/);
  });

  it('page numbers: "— N —" 7 mm below the text block, odd pages on the right and even pages on the left', () => {
    layout.pages.forEach((p, i) => {
      const n = p.items.find((x): x is PlacedLine => x.kind === 'text' && x.role === 'page-number')!;
      expect(n.runs[0]!.text).toBe(`— ${i + 1} —`);
      if (i % 2 === 0) expect(n.x).toBeGreaterThan(PAGE_PT.marginLeft + PAGE_PT.textWidth / 2);
      else expect(n.x).toBeLessThan(PAGE_PT.marginLeft + PAGE_PT.textWidth / 2);
      expect(n.y).toBeGreaterThan(PAGE_PT.marginTop + PAGE_PT.textHeight);
    });
  });

  it('upward documents: the number on the left and 签发人 on the right of the same line; the red rule below', () => {
    const up = layoutDocument({ ...seedNoticeContent(), direction: 'upward', signers: ['王建国（代）'], attachments: [] }, fontMetrics().measure);
    const items = up.pages[0]!.items;
    const num = items.find((x): x is PlacedLine => x.kind === 'text' && x.role === 'number')!;
    const signer = items.find((x): x is PlacedLine => x.kind === 'text' && x.role === 'signers')!;
    expect(num.y).toBeCloseTo(signer.y, 6);
    expect(num.x).toBeCloseTo(PAGE_PT.marginLeft + CHAR_PITCH_PT, 6); // one character in
    expect(signer.runs.map((r) => r.text).join('')).toBe('签发人：王建国（代）');
    expect(signer.runs[1]!.font).toBe('kaiti');
    const rule = items.find((x) => x.kind === 'rule' && x.role === 'red-rule')!;
    expect(rule.kind === 'rule' && rule.y).toBeGreaterThan(num.y + num.size);
  });

  it('LibreOffice opens the DOCX and converts it to PDF (exit 0)', async () => {
    const out = join(dir, 'lo');
    const started = Date.now();
    const { stdout } = await run('soffice', ['--headless', `-env:UserInstallation=file://${join(dir, `lo-profile-${process.pid}`)}`, '--convert-to', 'pdf', '--outdir', out, docxFile], { timeout: 120_000 });
    const ms = Date.now() - started;
    expect(stdout).toContain('seed.pdf');
    const { stdout: info } = await run('pdfinfo', [join(out, 'seed.pdf')]);
    const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
    // LibreOffice substitutes its own fonts for the official ones, so its breaks may differ by a line.
    expect(pages).toBeGreaterThanOrEqual(SEED_PAGES);
    expect(pages).toBeLessThanOrEqual(SEED_PAGES + 1);
    const { stdout: text } = await run('pdftotext', ['-enc', 'UTF-8', join(out, 'seed.pdf'), '-'], { maxBuffer: 1 << 26 });
    expectInOrder(text, seedElementsInOrder());
    console.info(`LibreOffice DOCX → PDF: ${ms} ms, ${pages} pages (layout model: ${layout.pages.length})`);
  }, 150_000);
});
