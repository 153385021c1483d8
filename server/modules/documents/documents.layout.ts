// The GB/T 9704-2012 page model of an official document, pure: content in, pages of placed lines and rules out.
// The PDF draws this model as it is; the DOCX lets Word flow the same grid (22 lines × 28 characters) and uses the
// model only to know where the last page ends (so the 版记 sits on the bottom edge of the text block).
import {
  breakLines,
  CHAR_PITCH_PT,
  CHAR_SPACING_PT,
  formatChineseDate,
  ISSUER_MARK_PT,
  LEVEL_FONT,
  LINE_PITCH_PT,
  mmToPt,
  PAGE_MM,
  PAGE_PT,
  paragraphLevel,
  RED,
  SIZE_PT,
  splitParagraphs,
  titleLines,
  type OfficialFont,
} from '../../platform/gbt9704.ts';

/** Everything printed on an official document, already in words (the service builds it from the rows). */
export interface DocumentContent {
  /** 份号 (classified documents only). */
  copyNumber: string | null;
  /** 密级和保密期限, e.g. 秘密★1年. */
  classification: string | null;
  /** 紧急程度: 特急 / 加急. */
  urgency: string | null;
  /** 发文机关标志: the issuer's name + 文件. A '\n' splits it where the issuer wants. */
  issuerMark: string;
  /** 发文字号; null while not numbered (drafts print a placeholder). */
  number: string | null;
  direction: 'downward' | 'upward' | 'parallel';
  /** 签发人 (upward documents): names as signed, "张三（代）" under delegation. */
  signers: string[];
  /** 标题; '\n' marks the issuer's own line breaks (梯形 / 菱形). */
  title: string;
  addressees: string[];
  /** Plain text: one paragraph per non-empty line. */
  body: string;
  /** 附件说明: the attachments' names in order. */
  attachmentNames: string[];
  /** 发文机关署名, with （代章） where the office seals for the group. */
  signature: string;
  /** 成文日期 (YYYY-MM-DD) — the sign-off date; null before sign-off. */
  date: string | null;
  /** 附注, e.g. （此件公开发布）. */
  note: string | null;
  /** Attachments laid out after the body, each from a new page. */
  attachments: Array<{ title: string; body: string }>;
  copyTo: string[];
  printedBy: string;
  /** 印发日期 (YYYY-MM-DD); null before issue. */
  printedOn: string | null;
}

export type ElementRole =
  | 'copy-number' | 'classification' | 'urgency' | 'mark' | 'number' | 'signers' | 'red-rule' | 'title' | 'addressees' | 'body'
  | 'attachment-note' | 'signature' | 'date' | 'note' | 'attachment-label' | 'attachment-title' | 'attachment-body'
  | 'record-rule' | 'copy-to' | 'printed' | 'page-number';

export interface Run {
  text: string;
  font: OfficialFont;
}
/** One line of text. `y` is the top of the characters' em box (the PDF converts to its own baseline). */
export interface PlacedLine {
  kind: 'text';
  role: ElementRole;
  x: number;
  y: number;
  size: number;
  color: string;
  runs: Run[];
  /** Extra space after each character (pt): the grid's narrowing, plus justification on full lines. */
  spacing: number;
}
export interface PlacedRule {
  kind: 'rule';
  role: ElementRole;
  x1: number;
  x2: number;
  y: number;
  thickness: number;
  color: string;
}
export type Placed = PlacedLine | PlacedRule;
export interface LaidOutPage {
  items: Placed[];
}
export interface Layout {
  pages: LaidOutPage[];
  /** The 版记 did not fit below the content and starts a page of its own (the DOCX breaks the page too). */
  recordOnNewPage: boolean;
  /** Space (pt) between the last content line and the 版记's first rule on its page (the DOCX's spacer). */
  recordGap: number;
  /** Decisions the DOCX reuses: the mark's lines and size, the titles' lines. */
  markLines: string[];
  markSize: number;
  titleLines: string[];
  attachmentTitleLines: string[][];
  /** Lines the 版记 takes. */
  recordLines: number;
}

/** Advance of a unit of text in a font at a size (pt), without extra spacing. */
export type Measure = (font: OfficialFont, size: number, unit: string) => number;

const T = PAGE_PT.marginTop;
const L = PAGE_PT.marginLeft;
const W = PAGE_PT.textWidth;
const H = PAGE_PT.textHeight;
const BOTTOM = T + H;
const PITCH = LINE_PITCH_PT;
const BODY = SIZE_PT.san;
const CH = CHAR_PITCH_PT; // one 3号 character on the grid
const BLACK = '#000000';

export const PLACEHOLDER_NUMBER = '（待编号）';
export const PLACEHOLDER_DATE = '　　年　月　日';

/** Mark lines: the issuer's own split, else one line if it fits at 22 pt, else before 领导小组 (or in half). */
export function splitMark(mark: string, widthAt22pt: (s: string) => number): string[] {
  if (mark.includes('\n')) return mark.split('\n').map((s) => s.trim()).filter(Boolean);
  if (widthAt22pt(mark) <= W) return [mark];
  const at = mark.indexOf('领导小组');
  const cut = at > 0 ? at : Math.ceil([...mark].length / 2);
  return [mark.slice(0, cut), mark.slice(cut)];
}

/** Title lines: the issuer's own breaks ('\n'), else balanced lines that keep words whole. */
export function splitTitle(title: string, perLine: number): string[] {
  if (title.includes('\n')) return title.split('\n').map((s) => s.trim()).filter(Boolean);
  return titleLines(title, perLine);
}

/** The 附注 of a disclosure attribute (公开属性). */
export const disclosureNote = (d: 'public' | 'on_request' | 'not_public'): string =>
  ({ public: '（此件公开发布）', on_request: '（此件依申请公开）', not_public: '（此件不予公开）' })[d];

export function layoutDocument(c: DocumentContent, measure: Measure): Layout {
  const pages: LaidOutPage[] = [{ items: [] }];
  let y = T; // top of the next grid slot
  const page = () => pages[pages.length - 1]!;
  const newPage = () => {
    pages.push({ items: [] });
    y = T;
  };
  const width = (runs: Run[], size: number, spacing: number) => runs.reduce((a, r) => a + [...r.text].reduce((b, ch) => b + measure(r.font, size, ch) + spacing, 0), 0) - spacing;

  /** Places one line in the current slot (vertically centred) and advances; `slot` defaults to the grid pitch. */
  const put = (role: ElementRole, runs: Run[], opts: { x?: number; align?: 'left' | 'center' | 'right'; size?: number; color?: string; spacing?: number; slot?: number; inset?: number } = {}) => {
    const size = opts.size ?? BODY;
    const slot = opts.slot ?? PITCH;
    const spacing = opts.spacing ?? CHAR_SPACING_PT;
    const w = width(runs, size, spacing);
    const inset = opts.inset ?? 0;
    const x = opts.x ?? (opts.align === 'center' ? L + (W - w) / 2 : opts.align === 'right' ? L + W - inset - w : L + inset);
    page().items.push({ kind: 'text', role, x, y: y + (slot - size) / 2, size, color: opts.color ?? BLACK, runs, spacing });
    y += slot;
  };
  const ensure = (slots: number) => {
    if (y + slots * PITCH > BOTTOM + 0.01) newPage();
  };
  const blank = (n = 1) => {
    for (let i = 0; i < n; i++) {
      if (y + PITCH > BOTTOM + 0.01) return; // blank lines never start a page
      y += PITCH;
    }
  };
  const fangsongMeasure = (u: string) => [...u].reduce((a, ch) => a + measure('fangsong', BODY, ch) + CHAR_SPACING_PT, 0);

  /** A paragraph on the grid: first line indented, full lines justified to the text block's width. */
  const paragraph = (role: ElementRole, runs: Run[], opts: { firstIndent: number; restIndent: number }) => {
    const text = runs.map((r) => r.text).join('');
    const lines = breakLines(text, { width: W, measure: fangsongMeasure, firstIndent: opts.firstIndent, restIndent: opts.restIndent });
    let offset = 0;
    for (const line of lines) {
      ensure(1);
      const lineRuns = sliceRuns(runs, offset, offset + line.text.length);
      offset += line.text.length;
      const chars = [...line.text];
      const n = chars.length;
      // Justified: the characters fill the line; a hanging mark starts at the right edge.
      const glyphs = width(lineRuns, BODY, 0) - (line.hanging ? measure('fangsong', BODY, chars[n - 1]!) : 0);
      const spacing = !line.last && n > 1 ? (W - line.indent - glyphs) / (n - 1) : CHAR_SPACING_PT;
      put(role, lineRuns, { x: L + line.indent, spacing });
    }
  };
  const bodyParagraphs = (role: ElementRole, text: string) => {
    for (const p of splitParagraphs(text)) paragraph(role, headingRuns(p), { firstIndent: 2 * CH, restIndent: 0 });
  };

  // ---- 版头
  const topLeft: Array<[ElementRole, string | null]> = [['copy-number', c.copyNumber], ['classification', c.classification], ['urgency', c.urgency]];
  for (const [role, text] of topLeft) if (text) put(role, [{ text, font: role === 'copy-number' ? 'fangsong' : 'heiti' }]);

  y = T + mmToPt(PAGE_MM.issuerMarkTop);
  const markLines = splitMark(c.issuerMark, (s) => width([{ text: s, font: 'xiaobiaosong' }], SIZE_PT.er, 0));
  const longest = Math.max(...markLines.map((l) => [...l].reduce((a, ch) => a + measure('xiaobiaosong', 1, ch), 0)));
  const markSize = Math.min(ISSUER_MARK_PT * 1.2, W / longest);
  for (const line of markLines) {
    page().items.push({ kind: 'text', role: 'mark', x: L + (W - width([{ text: line, font: 'xiaobiaosong' }], markSize, 0)) / 2, y, size: markSize, color: RED, runs: [{ text: line, font: 'xiaobiaosong' }], spacing: 0 });
    y += markSize * 1.25;
  }
  y += 2 * PITCH - 0.25 * markSize; // two blank lines below the mark's lower edge
  const numberText = c.number ?? PLACEHOLDER_NUMBER;
  if (c.direction === 'upward' && c.signers.length > 0) {
    const signerLine = y;
    put('signers', [{ text: '签发人：', font: 'fangsong' }, { text: c.signers.join('　'), font: 'kaiti' }], { align: 'right', inset: CH });
    y = signerLine;
    put('number', [{ text: numberText, font: 'fangsong' }], { inset: CH });
  } else {
    put('number', [{ text: numberText, font: 'fangsong' }], { align: 'center' });
  }
  const ruleY = y - (PITCH - BODY) / 2 + mmToPt(PAGE_MM.ruleBelowNumber);
  page().items.push({ kind: 'rule', role: 'red-rule', x1: L, x2: L + W, y: ruleY, thickness: mmToPt(0.5), color: RED });

  // ---- 主体
  y = ruleY + 2 * PITCH;
  const titleSize = SIZE_PT.er;
  const titleLines = splitTitle(c.title, Math.floor(W / titleSize));
  const attachmentTitleLines = c.attachments.map((a) => splitTitle(a.title, Math.floor(W / titleSize)));
  for (const line of titleLines) {
    ensure(1);
    put('title', [{ text: line, font: 'xiaobiaosong' }], { align: 'center', size: titleSize, spacing: 0, slot: PITCH * 1.2 });
  }
  blank();
  if (c.addressees.length) paragraph('addressees', [{ text: `${c.addressees.join('，')}：`, font: 'fangsong' }], { firstIndent: 0, restIndent: 0 });
  bodyParagraphs('body', c.body);

  if (c.attachmentNames.length) {
    blank();
    const label = '附件：';
    const numbered = c.attachmentNames.length > 1;
    c.attachmentNames.forEach((name, i) => {
      const prefix = `${i === 0 ? label : ''}${numbered ? `${i + 1}. ` : ''}`;
      const hang = 2 * CH + fangsongMeasure(label) + (numbered ? fangsongMeasure(`${i + 1}. `) : 0);
      paragraph('attachment-note', [{ text: prefix + name, font: 'fangsong' }], { firstIndent: i === 0 ? 2 * CH : 2 * CH + fangsongMeasure(label), restIndent: hang });
    });
  }

  // 署名 centred over the date (date four characters in from the right); a long name goes right, two characters in.
  const date = c.date ? formatChineseDate(c.date) : PLACEHOLDER_DATE;
  ensure(4);
  blank(2);
  ensure(2);
  const dateRuns: Run[] = [{ text: date, font: 'fangsong' }];
  const dateW = width(dateRuns, BODY, CHAR_SPACING_PT);
  const sigRuns: Run[] = [{ text: c.signature, font: 'fangsong' }];
  const sigW = width(sigRuns, BODY, CHAR_SPACING_PT);
  let dateX = L + W - 4 * CH - dateW;
  let sigX = dateX + dateW / 2 - sigW / 2;
  if (sigX + sigW > L + W - 2 * CH) {
    sigX = Math.max(L, L + W - 2 * CH - sigW);
    dateX = sigX + sigW / 2 - dateW / 2;
  }
  put('signature', sigRuns, { x: sigX });
  put('date', dateRuns, { x: dateX });
  if (c.note) paragraph('note', [{ text: c.note, font: 'fangsong' }], { firstIndent: 2 * CH, restIndent: 0 });

  // ---- 附件: each from a new page; "附件1" 黑体 flush left on line 1, the title centred from line 3, the body right
  // below it (as the seed notice's attachments are set: its page breaks fall exactly where this puts them).
  c.attachments.forEach((a, i) => {
    newPage();
    put('attachment-label', [{ text: c.attachments.length > 1 ? `附件${i + 1}` : '附件', font: 'heiti' }]);
    blank();
    for (const line of attachmentTitleLines[i]!) put('attachment-title', [{ text: line, font: 'xiaobiaosong' }], { align: 'center', size: titleSize, spacing: 0 });
    bodyParagraphs('attachment-body', a.body);
  });

  // ---- 版记: at the foot of the last page, the last rule on the bottom edge of the text block.
  const recSize = SIZE_PT.si;
  const recCh = recSize + CHAR_SPACING_PT * (recSize / BODY);
  const recSpacing = CHAR_SPACING_PT * (recSize / BODY);
  const recMeasure = (u: string) => [...u].reduce((a, ch) => a + measure('fangsong', recSize, ch) + recSpacing, 0);
  const copyText = c.copyTo.length ? `抄送：${c.copyTo.join('，')}。` : null;
  const copyLines = copyText ? breakLines(copyText, { width: W - recCh, measure: recMeasure, firstIndent: recCh, restIndent: recCh + recMeasure('抄送：') }) : [];
  // 印发机关 one character in from the left, 印发日期 one character in from the right; a long organ name wraps.
  const printedOn = c.printedOn ? `${formatChineseDate(c.printedOn)}印发` : `${PLACEHOLDER_DATE}印发`;
  const printedOnW = width([{ text: printedOn, font: 'fangsong' }], recSize, recSpacing);
  const organLines = breakLines(c.printedBy, { width: W - 2 * recCh - printedOnW - recCh, measure: recMeasure, firstIndent: 0, restIndent: 0 });
  const recordLines = copyLines.length + organLines.length;
  const recordOnNewPage = y > BOTTOM - recordLines * PITCH + 0.01;
  if (recordOnNewPage) newPage();
  const recordGap = BOTTOM - recordLines * PITCH - y;
  y = BOTTOM - recordLines * PITCH;
  const rule = (yy: number, thick: boolean) => page().items.push({ kind: 'rule', role: 'record-rule', x1: L, x2: L + W, y: yy, thickness: mmToPt(thick ? PAGE_MM.recordRuleThick : PAGE_MM.recordRuleThin), color: BLACK });
  const recordLine = (role: ElementRole, x: number, text: string) =>
    page().items.push({ kind: 'text', role, x, y: y + (PITCH - recSize) / 2, size: recSize, color: BLACK, runs: [{ text, font: 'fangsong' }], spacing: recSpacing });
  rule(y, true);
  for (const line of copyLines) {
    recordLine('copy-to', L + line.indent, line.text);
    y += PITCH;
  }
  if (copyLines.length) rule(y, false);
  organLines.forEach((line, k) => {
    recordLine('printed', L + recCh, line.text);
    if (k === organLines.length - 1) recordLine('printed', L + W - recCh - printedOnW, printedOn);
    y += PITCH;
  });
  rule(BOTTOM, true);

  // ---- 页码: "— N —" 4号 宋体, 7 mm below the text block; odd pages right, even pages left, one character in.
  const pnSize = SIZE_PT.si;
  pages.forEach((p, i) => {
    const text = `— ${i + 1} —`;
    const w = width([{ text, font: 'songti' }], pnSize, 0);
    const x = (i + 1) % 2 === 1 ? L + W - pnSize - w : L + pnSize;
    p.items.push({ kind: 'text', role: 'page-number', x, y: BOTTOM + mmToPt(PAGE_MM.pageNumberBelowText) - pnSize / 2, size: pnSize, color: BLACK, runs: [{ text, font: 'songti' }], spacing: 0 });
  });

  return { pages, recordOnNewPage, recordGap, recordLines, markLines, markSize, titleLines, attachmentTitleLines };
}

/** A body paragraph's runs: a 一、 heading in 黑体 and a （一） heading in 楷体 up to the first 。, the rest 仿宋. */
export function headingRuns(p: string): Run[] {
  const font = LEVEL_FONT[paragraphLevel(p)];
  if (font === 'fangsong') return [{ text: p, font }];
  const cut = p.indexOf('。') + 1 || p.length;
  return cut < p.length ? [{ text: p.slice(0, cut), font }, { text: p.slice(cut), font: 'fangsong' }] : [{ text: p, font }];
}

/** The runs covering characters [from, to) of their concatenation (UTF-16 offsets). */
function sliceRuns(runs: Run[], from: number, to: number): Run[] {
  const out: Run[] = [];
  let at = 0;
  for (const r of runs) {
    const a = Math.max(from, at);
    const b = Math.min(to, at + r.text.length);
    if (a < b) out.push({ text: r.text.slice(a - at, b - at), font: r.font });
    at += r.text.length;
  }
  return out;
}

/** The text of a layout, page by page, in reading order (for tests and the plain-text view). */
export const layoutText = (l: Layout) => l.pages.map((p) => p.items.filter((i): i is PlacedLine => i.kind === 'text').map((i) => i.runs.map((r) => r.text).join('')));
