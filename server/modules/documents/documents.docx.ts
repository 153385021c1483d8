// DOCX of an official document after GB/T 9704-2012. Word (or WPS, or LibreOffice) flows the text on the same grid
// as the PDF — exact 579-twip lines, 3号 characters narrowed to 28 to the line — naming the official fonts the users'
// PCs have. The layout model supplies what Word cannot know: the mark's size, the title's and the signature's lines,
// and whether the 版记 needs a page of its own; the 版记 itself is a table floating on the bottom of the text block.
import {
  AlignmentType,
  BorderStyle,
  Document,
  HeightRule,
  LineRuleType,
  Packer,
  Paragraph,
  TabStopType,
  TextRun,
  Table,
  TableCell,
  TableRow,
  VerticalAlign,
  WidthType,
  type IRunOptions,
} from 'docx';
import { GBT_PAGE, pageNumberFooters } from '../../platform/gbt9704-docx.ts';
import {
  CHAR_SPACING_TWIPS,
  LINE_PITCH_PT,
  LINE_PITCH_TWIPS,
  mmToTwips,
  OFFICIAL_FONTS,
  PAGE_MM,
  PAGE_PT,
  PAGE_TWIPS,
  ptToHalfPoints,
  ptToTwips,
  RED_HEX,
  SIZE_PT,
  splitParagraphs,
  type OfficialFont,
} from '../../platform/gbt9704.ts';
import { headingRuns, PLACEHOLDER_NUMBER, type DocumentContent, type Layout, type PlacedLine, type Run } from './documents.layout.ts';

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const CHAR = ptToTwips(SIZE_PT.san); // one 3号 character, for indents
const BODY = ptToHalfPoints(SIZE_PT.san);
const REC = ptToHalfPoints(SIZE_PT.si);
/** 4号 characters narrowed in the same proportion as 3号 ones. */
const REC_SPACING = Math.floor((CHAR_SPACING_TWIPS * SIZE_PT.si) / SIZE_PT.san);

/** Characters XML 1.0 cannot carry would make the file unreadable. */
const xmlSafe = (s: string) => s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '');
const font = (f: OfficialFont): IRunOptions['font'] => ({ ascii: OFFICIAL_FONTS[f], hAnsi: OFFICIAL_FONTS[f], eastAsia: OFFICIAL_FONTS[f], cs: OFFICIAL_FONTS[f] });
const run = (text: string, f: OfficialFont, size = BODY, extra: Partial<IRunOptions> = {}) =>
  new TextRun({ text: xmlSafe(text), font: font(f), size, characterSpacing: size === BODY ? CHAR_SPACING_TWIPS : size === REC ? REC_SPACING : undefined, language: { eastAsia: 'zh-CN' }, ...extra });
const runs = (rs: Run[], size = BODY) => rs.map((r) => run(r.text, r.font, size));
const exact = (line = LINE_PITCH_TWIPS) => ({ line, lineRule: LineRuleType.EXACT, before: 0, after: 0 });
const blank = (n = 1) => Array.from({ length: n }, () => new Paragraph({ children: [], spacing: exact() }));
const twipsFromPt = (pt: number) => Math.round(pt * 20);

/** The placed lines of a role, in order (the layout decided their words and positions). */
const linesOf = (layout: Layout, role: PlacedLine['role']) => layout.pages.flatMap((p) => p.items.filter((i): i is PlacedLine => i.kind === 'text' && i.role === role));

function bodyParagraph(text: string): Paragraph {
  return new Paragraph({ children: runs(headingRuns(text)), alignment: AlignmentType.JUSTIFIED, indent: { firstLine: 2 * CHAR }, spacing: exact() });
}

/** The 版记 as a table with the standard's rules (first and last 0.35 mm, between 0.25 mm) and no side borders. */
function recordTable(layout: Layout): Table {
  const thick = { style: BorderStyle.SINGLE, size: 8, color: '000000' }; // 1 pt ≈ 0.35 mm
  const thin = { style: BorderStyle.SINGLE, size: 6, color: '000000' }; // 0.75 pt ≈ 0.25 mm
  const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
  const L = PAGE_PT.marginLeft;
  const line = (l: PlacedLine, tail?: PlacedLine, below?: typeof thin) =>
    new Paragraph({
      border: below ? { bottom: { ...below, space: 0 } } : undefined,
      children: tail ? [run(l.runs[0]!.text, 'fangsong', REC), new TextRun({ text: '\t' }), run(tail.runs[0]!.text, 'fangsong', REC)] : [run(l.runs[0]!.text, 'fangsong', REC)],
      tabStops: tail ? [{ type: TabStopType.RIGHT, position: PAGE_TWIPS.textWidth - ptToTwips(SIZE_PT.si) }] : undefined,
      indent: { left: twipsFromPt(l.x - L) },
      spacing: exact(),
    });
  const copy = linesOf(layout, 'copy-to');
  const printed = linesOf(layout, 'printed');
  const [lastOrgan, date] = printed.slice(-2);
  // One row that cannot split: the thin rule between 抄送 and 印发 is the last 抄送 line's bottom border.
  const paragraphs = [
    ...copy.map((l, i) => line(l, undefined, i === copy.length - 1 ? thin : undefined)),
    ...printed.slice(0, -2).map((l) => line(l)),
    line(lastOrgan!, date),
  ];
  const rows = [
    new TableRow({
      height: { value: paragraphs.length * LINE_PITCH_TWIPS, rule: HeightRule.EXACT },
      cantSplit: true,
      children: [new TableCell({ children: paragraphs, borders: { top: thick, bottom: thick, left: none, right: none }, verticalAlign: VerticalAlign.CENTER, margins: { left: 0, right: 0, top: 0, bottom: 0 } })],
    }),
  ];
  return new Table({
    rows,
    width: { size: PAGE_TWIPS.textWidth, type: WidthType.DXA },
    columnWidths: [PAGE_TWIPS.textWidth],
    borders: { top: none, bottom: none, left: none, right: none, insideHorizontal: none, insideVertical: none },
  });
}

/**
 * Document defaults: 3号仿宋 narrowed to 28 a line on exact 579-twip lines; no widow/orphan control and no hanging
 * punctuation (the seed notice's own pagination shows neither), Chinese line-breaking rules on.
 */
const STYLES_XML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:docDefaults>
<w:rPrDefault><w:rPr><w:rFonts w:ascii="${OFFICIAL_FONTS.fangsong}" w:hAnsi="${OFFICIAL_FONTS.fangsong}" w:eastAsia="${OFFICIAL_FONTS.fangsong}" w:cs="${OFFICIAL_FONTS.fangsong}"/><w:spacing w:val="${CHAR_SPACING_TWIPS}"/><w:sz w:val="${BODY}"/><w:szCs w:val="${BODY}"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault>
<w:pPrDefault><w:pPr><w:widowControl w:val="0"/><w:kinsoku/><w:overflowPunct w:val="0"/><w:spacing w:before="0" w:after="0" w:line="${LINE_PITCH_TWIPS}" w:lineRule="exact"/></w:pPr></w:pPrDefault>
</w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>
<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/></w:style>
<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:semiHidden/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="0" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="0" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>
</w:styles>`;

export async function renderDocumentDocx(c: DocumentContent, layout: Layout, meta: { title: string; author: string }): Promise<Buffer> {
  const children: Array<Paragraph | Table> = [];
  const L = PAGE_PT.marginLeft;

  // ---- 版头
  let topUsed = 0;
  for (const role of ['copy-number', 'classification', 'urgency'] as const) {
    for (const l of linesOf(layout, role)) {
      children.push(new Paragraph({ children: runs(l.runs), spacing: exact() }));
      topUsed += LINE_PITCH_TWIPS;
    }
  }
  const markSize = layout.markSize;
  const markLine = Math.round(markSize * 1.25 * 20);
  layout.markLines.forEach((m, i) =>
    children.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        // Half-points rounded down: a substituted font must not push the last character to a line of its own.
        children: [run(m, 'xiaobiaosong', Math.floor(markSize * 2 * 0.98), { color: RED_HEX })],
        spacing: { line: markLine, lineRule: LineRuleType.EXACT, before: i === 0 ? Math.max(0, mmToTwips(PAGE_MM.issuerMarkTop) - topUsed) : 0, after: 0 },
      }),
    ),
  );
  children.push(...blank(2));
  const number = c.number ?? PLACEHOLDER_NUMBER;
  const redRule = { bottom: { style: BorderStyle.SINGLE, size: 12, color: RED_HEX, space: Math.round(mmToTwips(PAGE_MM.ruleBelowNumber) / 20) } };
  if (c.direction === 'upward' && c.signers.length) {
    children.push(
      new Paragraph({
        children: [run(number, 'fangsong'), new TextRun({ text: '\t' }), run('签发人：', 'fangsong'), run(c.signers.join('　'), 'kaiti')],
        tabStops: [{ type: TabStopType.RIGHT, position: PAGE_TWIPS.textWidth - CHAR }],
        indent: { left: CHAR },
        border: redRule,
        spacing: exact(),
      }),
    );
  } else {
    children.push(new Paragraph({ alignment: AlignmentType.CENTER, children: [run(number, 'fangsong')], border: redRule, spacing: exact() }));
  }

  // ---- 主体
  children.push(...blank(2));
  for (const t of layout.titleLines) {
    children.push(new Paragraph({ alignment: AlignmentType.CENTER, children: [run(t, 'xiaobiaosong', ptToHalfPoints(SIZE_PT.er), { characterSpacing: 0 })], spacing: exact(Math.round(LINE_PITCH_TWIPS * 1.2)) }));
  }
  children.push(...blank());
  if (c.addressees.length) children.push(new Paragraph({ alignment: AlignmentType.JUSTIFIED, children: [run(`${c.addressees.join('，')}：`, 'fangsong')], spacing: exact() }));
  for (const p of splitParagraphs(c.body)) children.push(bodyParagraph(p));
  if (c.attachmentNames.length) {
    children.push(...blank());
    const label = '附件：';
    const numbered = c.attachmentNames.length > 1;
    c.attachmentNames.forEach((name, i) => {
      const prefix = `${i === 0 ? label : ''}${numbered ? `${i + 1}. ` : ''}`;
      const hang = numbered ? Math.round(1.5 * CHAR) : 0; // "1. " is about one and a half characters
      children.push(
        new Paragraph({
          children: [run(prefix + name, 'fangsong')],
          indent: i === 0 ? { left: 2 * CHAR + label.length * CHAR + hang, hanging: label.length * CHAR + hang } : { left: 2 * CHAR + label.length * CHAR + hang, hanging: hang },
          spacing: exact(),
        }),
      );
    });
  }
  children.push(...blank(2));
  for (const role of ['signature', 'date'] as const) {
    for (const l of linesOf(layout, role)) children.push(new Paragraph({ children: runs(l.runs), indent: { left: twipsFromPt(l.x - L) }, spacing: exact() }));
  }
  if (c.note) children.push(new Paragraph({ children: [run(c.note, 'fangsong')], indent: { firstLine: 2 * CHAR }, spacing: exact() }));

  // ---- 附件
  c.attachments.forEach((a, i) => {
    children.push(new Paragraph({ pageBreakBefore: true, children: [run(c.attachments.length > 1 ? `附件${i + 1}` : '附件', 'heiti')], spacing: exact() }));
    children.push(...blank());
    for (const line of layout.attachmentTitleLines[i] ?? []) children.push(new Paragraph({ alignment: AlignmentType.CENTER, children: [run(line, 'xiaobiaosong', ptToHalfPoints(SIZE_PT.er), { characterSpacing: 0 })], spacing: exact() }));
    for (const p of splitParagraphs(a.body)) children.push(bodyParagraph(p));
  });

  // ---- 版记 at the foot of the last page: a spacer as tall as the layout's free space, less one line so a word
  // processor whose fonts wrap one line more than the model still keeps the 版记 on the same page.
  const gap = Math.floor((layout.recordGap - LINE_PITCH_PT) * 20);
  if (layout.recordOnNewPage || gap > 20) children.push(new Paragraph({ pageBreakBefore: layout.recordOnNewPage, children: [], spacing: { line: Math.max(20, gap), lineRule: LineRuleType.EXACT, before: 0, after: 0 } }));
  children.push(recordTable(layout));
  children.push(new Paragraph({ children: [], spacing: { line: 20, lineRule: LineRuleType.EXACT, before: 0, after: 0 } }));

  const doc = new Document({
    title: meta.title,
    creator: meta.author,
    description: 'GB/T 9704-2012',
    evenAndOddHeaderAndFooters: true,
    externalStyles: STYLES_XML,
    sections: [
      {
        properties: {
          page: GBT_PAGE,
        },
        footers: pageNumberFooters(),
        children,
      },
    ],
  });
  return Buffer.from(await Packer.toBuffer(doc));
}
