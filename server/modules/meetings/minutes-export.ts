// Minutes (纪要) as DOCX and PDF in the layout of GB/T 9704-2012: red 小标宋 mark "…会议纪要", its own number (第3期),
// a red rule, the body in 3号仿宋 on a 28 × 22 grid, 出席/请假/列席 with 黑体 labels, page numbers "— 1 —" and the
// 版记 print line. One content model feeds both renderers. Shared geometry and fonts come from platform/gbt9704.ts.
import { createRequire } from 'node:module';
import { AlignmentType, BorderStyle, Document, DocumentGridType, LineRuleType, Packer, Paragraph, Tab, TabStopType, TextRun, type IRunOptions } from 'docx';
import { chinaDate } from '../../platform/clock.ts';
import { GBT_PAGE, pageNumberFooters } from '../../platform/gbt9704-docx.ts';
import type { Minutes } from '../../../shared/contracts/meetings.ts';
import {
  cellWidth,
  CHAR_PITCH_PT,
  CHAR_SPACING_PT,
  CHAR_SPACING_TWIPS,
  CHARS_PER_LINE,
  formatChineseDate,
  formatPageNumber,
  ISSUER_MARK_PT,
  LEVEL_FONT,
  LINE_PITCH_PT,
  LINE_PITCH_TWIPS,
  LINES_PER_PAGE,
  mmToPt,
  mmToTwips,
  OFFICIAL_FONTS,
  PAGE_MM,
  PAGE_PT,
  PAGE_TWIPS,
  paragraphLevel,
  PDF_FONT_FAMILY,
  pdfFonts,
  ptToHalfPoints,
  RED,
  RED_HEX,
  SIZE_PT,
  splitParagraphs,
  type FontOptions,
  type OfficialFont,
} from '../../platform/gbt9704.ts';

// ---------------------------------------------------------------- the content model

export interface Run {
  text: string;
  font: OfficialFont;
}
export interface Para {
  runs: Run[];
  /** First-line indent in grid cells (characters). */
  indent: number;
  /** Indent of the following lines (a label's width for 出席：…). */
  hanging: number;
}
export interface MinutesLayout {
  /** The red mark: the body's name, then the kind (…领导小组 / 全体会议纪要). */
  mark: [string, string];
  number: string;
  body: Para[];
  printLine: { issuer: string; date: string };
}

const CN_DIGITS = '零一二三四五六七八九';
/** 1 → 一, 12 → 十二, 23 → 二十三 (headings 一、二、…). */
export function chineseNumeral(n: number): string {
  if (n < 10) return CN_DIGITS[n]!;
  if (n < 20) return `十${n % 10 ? CN_DIGITS[n % 10] : ''}`;
  if (n < 100) return `${CN_DIGITS[Math.floor(n / 10)]}十${n % 10 ? CN_DIGITS[n % 10] : ''}`;
  return String(n);
}

const para = (text: string, font: OfficialFont = 'fangsong', indent = 2): Para => ({ runs: [{ text, font }], indent, hanging: 0 });
/** Plain text → paragraphs, each in the font of its level (一、黑体, (一)楷体, else 仿宋). */
const textParas = (text: string): Para[] => splitParagraphs(text).map((t) => para(t, LEVEL_FONT[paragraphLevel(t)]));
const personText = (p: { name: string; unitName: string | null; title: string | null; substituteFor?: string | null; reason?: string | null }) =>
  `${p.unitName ?? p.title ?? ''}${p.name}${p.substituteFor ? `（代${p.substituteFor}）` : ''}${p.reason ? `（${p.reason}）` : ''}`;

/** The minutes as a sequence of paragraphs, in the order of a 纪要: opening, topics (points, decisions), attendance. */
export function layoutMinutes(m: Minutes, office: { shortName: string }): MinutesLayout {
  // The mark in two lines: the body's name (…领导小组 / …领导小组办公室) and the kind (全体会议纪要, 会议纪要 …).
  const split = /^(.*领导小组(?:办公室)?)(.+)$/.exec(m.title);
  const [org, kindMark] = split ? [split[1]!, split[2]!] : ['', m.title];
  const body: Para[] = [];
  if (m.kind === 'correction' && m.correctionReason) body.push(para(`勘误原因：${m.correctionReason}`));
  body.push(...textParas(m.opening));
  let n = 0;
  for (const [i, t] of m.topics.entries()) {
    body.push(para(`${chineseNumeral(i + 1)}、${t.title}${t.presenterUnitName ? `（${t.presenterUnitName}汇报）` : ''}`, 'heiti'));
    body.push(...textParas(t.summary));
    // Labels, not numbered headings: the summary the office writes may number its own (一)(二).
    if (t.speakerPoints.length) {
      body.push(para('发言要点：', 'kaiti'));
      for (const p of t.speakerPoints) {
        const [first, ...rest] = splitParagraphs(p.points);
        body.push({ runs: [{ text: `${p.speakerName}${p.unitName ? `（${p.unitName}）` : ''}：`, font: 'kaiti' }, { text: first ?? '', font: 'fangsong' }], indent: 2, hanging: 0 });
        body.push(...rest.map((r) => para(r)));
      }
    }
    if (t.decisions.length) {
      body.push(para('会议明确：', 'kaiti'));
      for (const d of t.decisions) {
        n++;
        const owner = [d.ownerUnitName ? `责任单位：${d.ownerUnitName}` : '', d.deadline ? `完成时限：${formatChineseDate(d.deadline)}` : ''].filter(Boolean).join('；');
        body.push(para(`${n}. ${d.supersedesDecisionId ? '（更正原决定）' : ''}${d.text}${owner ? `（${owner}）` : ''}`));
      }
    }
  }
  const list = (label: string, people: Minutes['attendance']['present']) => {
    if (people.length) body.push({ runs: [{ text: label, font: 'heiti' }, { text: `${people.map(personText).join('、')}。`, font: 'fangsong' }], indent: 0, hanging: 3 });
  };
  if (m.kind === 'original') {
    body.push({ runs: [], indent: 0, hanging: 0 });
    list('出席：', m.attendance.present);
    list('请假：', m.attendance.onLeave);
    list('列席：', m.attendance.observers);
  }
  if (m.recorderName) body.push({ runs: [{ text: '记录：', font: 'heiti' }, { text: m.recorderName, font: 'fangsong' }], indent: 0, hanging: 3 });
  const number = m.status !== 'archived' ? '（草稿，未存档）' : m.kind === 'correction' ? '勘误' : (m.numberLabel ?? '');
  return {
    mark: [org, kindMark],
    number,
    body,
    printLine: { issuer: `${office.shortName}工程建设项目审批制度改革领导小组办公室`, date: `${formatChineseDate(chinaDate(new Date(m.archivedAt ?? m.startsAt)))}印发` },
  };
}

// ---------------------------------------------------------------- DOCX

const docxFont = (f: OfficialFont) => ({ ascii: OFFICIAL_FONTS[f], eastAsia: OFFICIAL_FONTS[f], hAnsi: OFFICIAL_FONTS[f], hint: 'eastAsia' as const });
const run = (text: string, f: OfficialFont, sizePt: number, extra: Partial<IRunOptions> = {}) =>
  new TextRun({ text, font: docxFont(f), size: ptToHalfPoints(sizePt), characterSpacing: sizePt === SIZE_PT.san ? CHAR_SPACING_TWIPS : undefined, ...extra });
const CELL_TWIPS = Math.round(PAGE_TWIPS.textWidth / CHARS_PER_LINE);

/** The 纪要 as a Word document: named official fonts (the user's PC has them), A4, 37/35/28/26 mm, a 28 × 22 grid. */
export async function renderMinutesDocx(m: Minutes, office: { shortName: string }): Promise<Buffer> {
  const l = layoutMinutes(m, office);
  const exact = { line: LINE_PITCH_TWIPS, lineRule: LineRuleType.EXACT };
  const orgSize = Math.min(26, Math.floor(PAGE_PT.textWidth / Math.max(1, [...l.mark[0]].reduce((a, c) => a + cellWidth(c), 0))));
  const children: Paragraph[] = [
    new Paragraph({ autoSpaceEastAsianText: false, alignment: AlignmentType.CENTER, spacing: { before: mmToTwips(PAGE_MM.issuerMarkTop), after: 0, line: ptToTwipsRound(orgSize * 1.25), lineRule: LineRuleType.EXACT }, children: [run(l.mark[0], 'xiaobiaosong', orgSize, { color: RED_HEX })] }),
    new Paragraph({ autoSpaceEastAsianText: false, alignment: AlignmentType.CENTER, spacing: { before: 120, after: 0, line: ptToTwipsRound(ISSUER_MARK_PT * 1.25), lineRule: LineRuleType.EXACT }, children: [run(l.mark[1], 'xiaobiaosong', ISSUER_MARK_PT, { color: RED_HEX, characterSpacing: 60 })] }),
    new Paragraph({ autoSpaceEastAsianText: false, spacing: exact, children: [] }),
    // The number, then the red rule 4 mm below it, as wide as the text block.
    new Paragraph({ autoSpaceEastAsianText: false,
      alignment: AlignmentType.CENTER,
      spacing: exact,
      border: { bottom: { style: BorderStyle.SINGLE, size: 12, color: RED_HEX, space: Math.round(mmToPt(PAGE_MM.ruleBelowNumber)) } },
      children: [run(l.number, 'fangsong', SIZE_PT.san)],
    }),
    new Paragraph({ autoSpaceEastAsianText: false, spacing: exact, children: [] }),
  ];
  for (const p of l.body) {
    children.push(
      new Paragraph({ autoSpaceEastAsianText: false,
        alignment: AlignmentType.JUSTIFIED,
        spacing: exact,
        indent: p.hanging ? { left: p.hanging * CELL_TWIPS, hanging: p.hanging * CELL_TWIPS } : { firstLine: p.indent * CELL_TWIPS },
        children: p.runs.map((r) => run(r.text, r.font, SIZE_PT.san)),
      }),
    );
  }
  // 版记: the print line between two rules (4号仿宋), issuer one character in from the left, date one from the right.
  const thick = { style: BorderStyle.SINGLE, size: Math.round(mmToPt(PAGE_MM.recordRuleThick) * 8), color: '000000', space: 1 };
  children.push(new Paragraph({ autoSpaceEastAsianText: false, spacing: exact, children: [] }));
  children.push(
    new Paragraph({ autoSpaceEastAsianText: false,
      spacing: exact,
      border: { top: thick, bottom: thick },
      indent: { left: ptToTwipsRound(SIZE_PT.si), right: ptToTwipsRound(SIZE_PT.si) },
      tabStops: [{ type: TabStopType.RIGHT, position: PAGE_TWIPS.textWidth - 2 * ptToTwipsRound(SIZE_PT.si) }],
      // Two more cells of slack than the PDF: word processors add their own CJK/Latin spacing and may substitute fonts.
      children: [run(l.printLine.issuer, 'fangsong', printLineSize(l.printLine.issuer, l.printLine.date, 5)), new TextRun({ children: [new Tab()] }), run(l.printLine.date, 'fangsong', printLineSize(l.printLine.issuer, l.printLine.date, 5))],
    }),
  );
  const doc = new Document({
    creator: 'reform-office 审改办工作平台',
    title: `${m.title}${m.numberLabel ?? ''}`,
    evenAndOddHeaderAndFooters: true,
    externalStyles: STYLES_XML,
    sections: [
      {
        properties: {
          page: GBT_PAGE,
          // Lines grid (22 a page); the 28-a-line pitch comes from each run's character spacing. A chars grid would make
          // LibreOffice/WPS snap every glyph to a cell, and a 23 pt mark character would take two.
          grid: { type: DocumentGridType.LINES, linePitch: LINE_PITCH_TWIPS },
        },
        footers: pageNumberFooters(),
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
const ptToTwipsRound = (pt: number) => Math.round(pt * 20);
/**
 * Document defaults: 3号仿宋, and no automatic extra space between Chinese and Latin text or digits (autoSpaceDE/DN,
 * which Word and LibreOffice add by default and which breaks the 28-character grid: "第 3 期"). docx exposes only
 * autoSpaceDN on paragraphs, so the defaults are given as the styles part.
 */
const STYLES_XML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:docDefaults>
<w:rPrDefault><w:rPr><w:rFonts w:ascii="${OFFICIAL_FONTS.fangsong}" w:eastAsia="${OFFICIAL_FONTS.fangsong}" w:hAnsi="${OFFICIAL_FONTS.fangsong}" w:cs="${OFFICIAL_FONTS.fangsong}"/><w:kern w:val="2"/><w:sz w:val="${ptToHalfPoints(SIZE_PT.san)}"/><w:szCs w:val="${ptToHalfPoints(SIZE_PT.san)}"/><w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>
<w:pPrDefault><w:pPr><w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/></w:pPr></w:pPrDefault>
</w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/><w:pPr><w:widowControl w:val="0"/><w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/><w:jc w:val="both"/></w:pPr></w:style>
<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/></w:style>
</w:styles>`;

// ---------------------------------------------------------------- PDF

interface PdfMake {
  fonts: object | undefined;
  urlAccessPolicy: ((url: string) => boolean) | undefined;
  localAccessPolicy: ((path: string) => boolean) | undefined;
  setFonts(fonts: object): void;
  setUrlAccessPolicy(cb: (url: string) => boolean): void;
  setLocalAccessPolicy(cb: (path: string) => boolean): void;
  createPdf(def: object, options?: object): { getBuffer(): Promise<Buffer> };
}
const requireCjs = createRequire(import.meta.url);
let pdfmakeInstance: PdfMake | null = null;
const pdfmake = () => (pdfmakeInstance ??= requireCjs('pdfmake') as PdfMake);

interface PdfKitDoc {
  font(src: string, family?: string): PdfKitDoc;
  fontSize(size: number): PdfKitDoc;
  widthOfString(s: string): number;
  _font: { ascender: number };
}
/** pdfkit, pdfmake's own engine, resolved from pdfmake's location: it measures what pdfmake will draw. */
const pdfkitDoc = () => {
  const PDFKit = createRequire(requireCjs.resolve('pdfmake'))('pdfkit') as new (o: object) => PdfKitDoc;
  return new PDFKit({ autoFirstPage: false });
};
const metricsCache = new Map<string, { width(s: string, size: number): number; ascent: number }>();
/** Advance widths and ascent (em above the baseline) of the face a family resolves to (licensed or Noto, TTC faces by name). */
function faceMetrics(face: string | [string, string]) {
  const key = Array.isArray(face) ? face.join('#') : face;
  let m = metricsCache.get(key);
  if (!m) {
    const doc = pdfkitDoc();
    if (Array.isArray(face)) doc.font(face[0], face[1]);
    else doc.font(face);
    m = { width: (s, size) => doc.fontSize(size).widthOfString(s), ascent: doc._font.ascender / 1000 };
    metricsCache.set(key, m);
  }
  return m;
}
/** The ideographic em box spans 0.88 em above the baseline to 0.12 below. */
const EM_ABOVE_BASELINE = 0.88;

const NO_LINE_START = '，。、；：？！）》」』”’〕】…%,.;:?!)]}';
const NO_LINE_END = '（《「『“‘〔【([{';
const ALNUM = /^[0-9A-Za-z.]$/;

/**
 * Breaks a paragraph on the 28-character grid (full-width characters one cell, half-width half), with the first line
 * indented and closing punctuation never starting a line (it hangs at the end of the line before, as Word does).
 */
export function breakOnGrid(p: Para, perLine = CHARS_PER_LINE): Array<{ indent: number; runs: Run[]; cells: number; last: boolean }> {
  const chars = p.runs.flatMap((r) => [...r.text].map((ch) => ({ ch, font: r.font })));
  const lines: Array<{ indent: number; chars: typeof chars }> = [];
  let cur: typeof chars = [];
  let used = 0;
  let indent = p.hanging ? 0 : p.indent;
  for (const c of chars) {
    const w = cellWidth(c.ch);
    if (used + w > perLine - indent + 1e-9 && cur.length && !NO_LINE_START.includes(c.ch)) {
      const carry: typeof chars = [];
      while (cur.length > 1 && NO_LINE_END.includes(cur[cur.length - 1]!.ch)) carry.unshift(cur.pop()!);
      // A number or a Latin word is not split (2027年2月2|8日): it moves to the next line whole.
      if (ALNUM.test(c.ch)) {
        const word: typeof chars = [];
        while (cur.length > 1 && ALNUM.test(cur[cur.length - 1]!.ch)) word.unshift(cur.pop()!);
        if (cur.length > 1 || word.length === 0) carry.unshift(...word);
        else cur.push(...word);
      }
      lines.push({ indent, chars: cur });
      cur = carry;
      used = carry.reduce((a, x) => a + cellWidth(x.ch), 0);
      indent = p.hanging;
    }
    cur.push(c);
    used += w;
  }
  if (cur.length || lines.length === 0) lines.push({ indent, chars: cur });
  return lines.map((l, i) => {
    const runs: Run[] = [];
    for (const c of l.chars) {
      const last = runs[runs.length - 1];
      if (last && last.font === c.font) last.text += c.ch;
      else runs.push({ text: c.ch, font: c.font });
    }
    return { indent: l.indent, runs, cells: l.chars.reduce((a, x) => a + cellWidth(x.ch), 0), last: i === lines.length - 1 };
  });
}

const cells = (s: string) => [...s].reduce((a, c) => a + cellWidth(c), 0);
/** 4号 for the print line, smaller when issuer and date do not fit on one line (one character in at each end, one apart). */
export const printLineSize = (issuer: string, date: string, slackCells = 3) => Math.min(SIZE_PT.si, Math.floor((PAGE_PT.textWidth / (cells(issuer) + cells(date) + slackCells)) * 10) / 10);

/**
 * A small typesetter on the GB/T 9704 grid: every line is placed absolutely (pdfmake measures a CJK glyph without the
 * character spacing, so its own wrapping would give 27 characters a line). Line pitch 225 mm / 22, character pitch
 * 156 mm / 28, whatever font is used. Pages get "— n —" numbers (odd right, even left).
 */
export function createGridTypesetter(fontOptions: FontOptions = {}) {
  const { fonts } = pdfFonts(fontOptions);
  const metrics = (f: OfficialFont) => faceMetrics((fonts[PDF_FONT_FAMILY[f]] as { normal: string | [string, string] }).normal);
  /** The natural width of runs at a size (no extra spacing). */
  const widthOf = (runs: Run[], size: number) => runs.reduce((a, r) => a + metrics(r.font).width(r.text, size), 0);
  const left = PAGE_PT.marginLeft;
  const top = PAGE_PT.marginTop;
  const width = PAGE_PT.textWidth;
  const bottom = top + PAGE_PT.textHeight;
  const pages: object[][] = [[]];
  let page = 0;
  let line = 0;
  const place = (pg: number, node: object) => {
    while (pages.length <= pg) pages.push([]);
    pages[pg]!.push(node);
  };
  /** y for text whose em box should start at `emTop`. */
  const yFor = (emTop: number, f: OfficialFont, size: number) => emTop - (metrics(f).ascent - EM_ABOVE_BASELINE) * size;
  // noWrap: each run is one inline drawn with its character spacing (pdfmake would otherwise split CJK into one inline
  // per glyph, placed by its unspaced width, and the spacing would be lost). Lines are broken on the grid above.
  const text = (runs: Run[], size: number, spacing: number, color?: string) =>
    runs.map((r) => ({ text: r.text, font: PDF_FONT_FAMILY[r.font], fontSize: size, characterSpacing: spacing, noWrap: true, ...(color ? { color } : {}) }));
  /** Free placement (版头): centred text whose em box starts at `emTop` on the current page. */
  const centred = (t: string, f: OfficialFont, size: number, emTop: number, opts: { spacing?: number; color?: string } = {}) => {
    const sp = opts.spacing ?? 0;
    const w = widthOf([{ text: t, font: f }], size) + sp * ([...t].length - 1);
    place(page, { text: text([{ text: t, font: f }], size, sp, opts.color), absolutePosition: { x: left + (width - w) / 2, y: yFor(emTop, f, size) } });
  };
  const rule = (y: number, lineWidth: number, color = '#000000') => place(page, { canvas: [{ type: 'line', x1: 0, y1: 0, x2: width, y2: 0, lineWidth, lineColor: color }], absolutePosition: { x: left, y } });
  /** Continues the grid from the first whole line below `y`, plus `blank` empty lines. */
  const gridFrom = (y: number, blank = 1) => {
    line = Math.ceil((y - top) / LINE_PITCH_PT - 1e-9) + blank;
  };
  const newLine = () => {
    if (line >= LINES_PER_PAGE) {
      page++;
      line = 0;
    }
    return top + line++ * LINE_PITCH_PT;
  };
  /** A paragraph on the grid (3号, 28 a line). An empty paragraph is a blank line. */
  const paragraph = (p: Para, opts: { align?: 'left' | 'center' } = {}) => {
    if (p.runs.every((r) => !r.text)) return void newLine();
    for (const ln of breakOnGrid(p)) {
      const lineTop = newLine();
      const size = SIZE_PT.san;
      const x = opts.align === 'center' ? left + ((CHARS_PER_LINE - ln.cells) / 2) * CHAR_PITCH_PT : left + ln.indent * CHAR_PITCH_PT;
      // Justified: a line that is not the paragraph's last spreads (or, with hanging punctuation, squeezes) to the edge,
      // measured with the real glyph widths; a last line keeps the grid's character pitch.
      const n = ln.runs.reduce((a, r) => a + [...r.text].length, 0);
      const justify = !ln.last && opts.align !== 'center' && n > 1;
      const spacing = justify ? ((CHARS_PER_LINE - ln.indent) * CHAR_PITCH_PT - widthOf(ln.runs, size)) / (n - 1) : CHAR_SPACING_PT;
      place(page, { text: text(ln.runs, size, spacing), absolutePosition: { x, y: yFor(lineTop + (LINE_PITCH_PT - size) / 2, ln.runs[0]!.font, size) } });
    }
  };
  /** 版记 on the last line of the last page: rules and a 4号仿宋 line (issuer one character in, date one from the right). */
  const record = (issuer: string, date: string) => {
    if (line > LINES_PER_PAGE - 2) {
      page++;
      line = 0;
    }
    const recTop = top + (LINES_PER_PAGE - 1) * LINE_PITCH_PT;
    const thick = mmToPt(PAGE_MM.recordRuleThick);
    rule(recTop, thick);
    rule(bottom, thick);
    const si = printLineSize(issuer, date);
    const emTop = recTop + (LINE_PITCH_PT - si) / 2;
    place(page, { text: text([{ text: issuer, font: 'fangsong' }], si, 0), absolutePosition: { x: left + si, y: yFor(emTop, 'fangsong', si) } });
    place(page, { text: text([{ text: date, font: 'fangsong' }], si, 0), absolutePosition: { x: left + width - si - widthOf([{ text: date, font: 'fangsong' }], si), y: yFor(emTop, 'fangsong', si) } });
    line = LINES_PER_PAGE;
  };
  const finish = async (title: string) => {
    const si = SIZE_PT.si;
    for (let i = 0; i < pages.length; i++) {
      const label = formatPageNumber(i + 1);
      const w = widthOf([{ text: label, font: 'songti' }], si);
      const x = (i + 1) % 2 === 1 ? left + width - si - w : left + si;
      place(i, { text: text([{ text: label, font: 'songti' }], si, 0), absolutePosition: { x, y: yFor(bottom + mmToPt(PAGE_MM.pageNumberBelowText), 'songti', si) } });
    }
    return renderPdf(fonts, pages, title);
  };
  return { top, width, centred, rule, gridFrom, paragraph, record, finish };
}

/** The 纪要 as PDF: the red mark, number and rule (版头), the body on the grid, 出席/请假/列席, 版记, page numbers. */
export async function renderMinutesPdf(m: Minutes, office: { shortName: string }, fontOptions: FontOptions = {}): Promise<Buffer> {
  const l = layoutMinutes(m, office);
  const ts = createGridTypesetter(fontOptions);
  // 版头: the mark's top edge 35 mm below the top of the text block, the number, the red rule 4 mm below it.
  let y = ts.top + mmToPt(PAGE_MM.issuerMarkTop);
  const orgSize = Math.min(26, Math.floor(ts.width / Math.max(1, cells(l.mark[0]))));
  if (l.mark[0]) {
    ts.centred(l.mark[0], 'xiaobiaosong', orgSize, y, { color: RED });
    y += orgSize + 8;
  }
  ts.centred(l.mark[1], 'xiaobiaosong', ISSUER_MARK_PT, y, { color: RED, spacing: 3 });
  y += ISSUER_MARK_PT + LINE_PITCH_PT;
  ts.centred(l.number, 'fangsong', SIZE_PT.san, y, { spacing: CHAR_SPACING_PT });
  y += SIZE_PT.san + mmToPt(PAGE_MM.ruleBelowNumber);
  ts.rule(y, 1.5, RED);
  ts.gridFrom(y, 1);
  for (const p of l.body) ts.paragraph(p);
  ts.record(l.printLine.issuer, l.printLine.date);
  return ts.finish(`${m.title}${m.numberLabel ?? ''}`);
}

/** Renders absolutely placed pages with pdfmake (fonts and file-access policy set right before the call). */
export async function renderPdf(fonts: object, pages: object[][], title: string): Promise<Buffer> {
  const content = pages.flatMap((nodes, i) => [{ text: '', ...(i > 0 ? { pageBreak: 'before' } : {}) }, ...nodes]);
  const pm = pdfmake();
  const fontFiles = new Set(Object.values(fonts as Record<string, Record<string, string | [string, string]>>).flatMap((f) => Object.values(f).map((v) => (Array.isArray(v) ? v[0] : v))));
  // pdfmake is one object per process (the documents module uses it too): its Printer captures fonts and policies
  // synchronously in createPdf, so set ours for this call only and put back what was there.
  const saved = { fonts: pm.fonts, url: pm.urlAccessPolicy, local: pm.localAccessPolicy };
  let doc: ReturnType<PdfMake['createPdf']>;
  try {
    pm.setFonts(fonts);
    pm.setUrlAccessPolicy(() => false);
    pm.setLocalAccessPolicy((p) => fontFiles.has(p));
    doc = pm.createPdf({
      pageSize: { width: PAGE_PT.width, height: PAGE_PT.height },
      pageMargins: [0, 0, 0, 0],
      info: { title, creator: 'reform-office 审改办工作平台', producer: 'reform-office' },
      defaultStyle: { font: PDF_FONT_FAMILY.fangsong, fontSize: SIZE_PT.san },
      content,
    });
  } finally {
    pm.fonts = saved.fonts;
    pm.urlAccessPolicy = saved.url;
    pm.localAccessPolicy = saved.local;
  }
  return doc.getBuffer();
}

