// A1-10 exports, pure apart from exceljs and docx: no database, no HTTP. The service loads the data.
// - the status table of a cycle as a workbook (报送情况表), lights as cell fills, A4 landscape;
// - the accepted reports of a cycle compiled into one DOCX (书面汇报汇编) laid out after GB/T 9704-2012 with the
//   shared geometry of platform/gbt9704.ts: A4, margins 37/35/28/26 mm, 3号仿宋 on 22 lines of 28 characters,
//   2号小标宋 titles, "— N —" page numbers (odd pages right, even pages left).
import {
  AlignmentType,
  Bookmark,
  Document,
  HeadingLevel,
  LeaderType,
  LineRuleType,
  Packer,
  PageReference,
  Paragraph,
  Tab,
  TabStopType,
  TextRun,
  type IRunOptions,
  type ISectionOptions,
} from 'docx';
import { chinaDateTime } from '../../platform/clock.ts';
import { GBT_PAGE, pageNumberFooters } from '../../platform/gbt9704-docx.ts';
import ExcelJS from 'exceljs';
import { BORDER, displayWidth, writeTitleAndHeaders } from '../../platform/xlsx.ts';
import type { StatusTable } from '../../../shared/contracts/reports.ts';
import {
  CHAR_SPACING_TWIPS,
  formatChineseDate,
  LEVEL_FONT,
  LINE_PITCH_TWIPS,
  mmToTwips,
  OFFICIAL_FONTS,
  PAGE_TWIPS,
  paragraphLevel,
  ptToHalfPoints,
  ptToTwips,
  SIZE_PT,
  splitParagraphs,
} from '../../platform/gbt9704.ts';

// ---------------------------------------------------------------- shared

/** "2026年第3季度" */
export const periodLabel = (year: number, quarter: number) => `${year}年第${quarter}季度`;


/** Characters XML 1.0 cannot carry (control characters, lone surrogates) would make the file unreadable. */
const xmlSafe = (s: string) => s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '');

// ---------------------------------------------------------------- the status workbook

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export const STATUS_SHEET = '报送情况';
export const STATUS_HEADERS = ['序号', '成员单位', '联络员', '状态', '是否按时', '逾期工作日', '提交时间'] as const;
export const STATUS_WORDS: Record<StatusTable['rows'][number]['status'], string> = {
  accepted: '已采用',
  submitted: '已提交',
  returned: '退回修改',
  draft: '草稿',
  missing: '未报送',
};
/** Excel's own "light red / yellow / green fill with dark text": recognisable on screen and legible in print. */
const LIGHT_STYLE: Record<'red' | 'yellow' | 'green', { fill: string; font: string }> = {
  red: { fill: 'FFFFC7CE', font: 'FF9C0006' },
  yellow: { fill: 'FFFFEB9C', font: 'FF9C5700' },
  green: { fill: 'FFC6EFCE', font: 'FF006100' },
};

export interface StatusWorkbookData {
  /** The office's full name, e.g. 昌吉回族自治州. */
  officeName: string;
  table: StatusTable;
  generatedAt: Date;
}

/**
 * The summary of the printed rows, self-consistent with them: 已报 = submitted or accepted (按时 + 逾期, judged by the
 * first submission), 未报 = no report or a draft, and a report returned for revision counted apart (待重新提交).
 */
export function statusSummary(rows: StatusTable['rows']) {
  const reported = rows.filter((r) => r.status === 'submitted' || r.status === 'accepted');
  return {
    units: rows.length,
    submitted: reported.length,
    onTime: reported.filter((r) => r.timeliness === 'on_time').length,
    late: reported.filter((r) => r.timeliness === 'late').length,
    missing: rows.filter((r) => r.status === 'missing' || r.status === 'draft').length,
    returned: rows.filter((r) => r.status === 'returned').length,
  };
}

export function statusSummaryText(rows: StatusTable['rows']): string {
  const s = statusSummary(rows);
  return `合计：应报 ${s.units} 家，已报 ${s.submitted} 家（按时 ${s.onTime} 家，逾期 ${s.late} 家），未报 ${s.missing} 家${s.returned ? `，退回修改待重新提交 ${s.returned} 家` : ''}。`;
}

/** 报送情况表: title, bold frozen header, one row per member unit, the summary, a note on the lights. */
export async function buildStatusWorkbook(d: StatusWorkbookData): Promise<Buffer> {
  const { table } = d;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'reform-office 审改办工作平台';
  wb.created = d.generatedAt;
  wb.modified = d.generatedAt;
  const ws = wb.addWorksheet(STATUS_SHEET, {
    views: [{ state: 'frozen', xSplit: 0, ySplit: 2 }],
    pageSetup: {
      paperSize: 9, // A4
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      printTitlesRow: '1:2',
      margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: '&C第 &P 页，共 &N 页' },
  });
  const n = STATUS_HEADERS.length;

  writeTitleAndHeaders(ws, `${d.officeName} ${periodLabel(table.cycle.year, table.cycle.quarter)}改革工作书面汇报报送情况（截至 ${table.today}）`, STATUS_HEADERS, { titleHeight: 30, wrapTitle: true });

  const values = table.rows.map((r, i) => [
    i + 1,
    r.unitName,
    r.liaisonName ?? '',
    STATUS_WORDS[r.status],
    r.timeliness === 'on_time' ? '按时' : r.timeliness === 'late' ? '逾期' : '',
    r.timeliness ? (r.lateWorkingDays ?? 0) : '',
    r.submittedAt ? chinaDateTime(new Date(r.submittedAt)) : '',
  ]);
  table.rows.forEach((r, i) => {
    const row = ws.addRow(values[i]);
    row.height = 20;
    row.eachCell({ includeEmpty: true }, (c, col) => {
      c.border = BORDER;
      c.alignment = { vertical: 'middle', wrapText: true, horizontal: col === 2 ? 'left' : 'center' };
    });
    if (r.light !== 'none') {
      const style = LIGHT_STYLE[r.light];
      const c = row.getCell(4);
      c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: style.fill } };
      c.font = { color: { argb: style.font } };
    }
    if (r.timeliness === 'late') row.getCell(5).font = { color: { argb: LIGHT_STYLE.red.font } };
  });

  const summary = ws.addRow([statusSummaryText(table.rows)]);
  ws.mergeCells(summary.number, 1, summary.number, n);
  summary.getCell(1).font = { bold: true };
  summary.getCell(1).alignment = { vertical: 'middle', wrapText: true };
  summary.getCell(1).border = BORDER;
  summary.height = 22;

  const due = table.cycle.dueDate ? `报送期限：${table.cycle.dueDate}（季度结束后 ${table.cycle.dueWorkingDays} 个工作日内，A1-10）。` : '报送期限待定（工作日历未载入）。';
  const note = ws.addRow([`注：${due}状态颜色：红色为逾期未报，黄色为临近期限未报，绿色为已报送。是否按时以首次提交为准。`]);
  ws.mergeCells(note.number, 1, note.number, n);
  note.getCell(1).alignment = { vertical: 'middle', wrapText: true };
  note.getCell(1).font = { size: 10 };
  note.height = 30;

  const widths = STATUS_HEADERS.map((h, i) => Math.min(Math.max(displayWidth(h), ...values.map((v) => displayWidth(String(v[i] ?? '')))) + 2, 44));
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = Math.max(w, 8)));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

// ---------------------------------------------------------------- the compilation (DOCX, GB/T 9704)

export interface CompilationReport {
  unitName: string;
  title: string;
  /** Plain text; each non-empty line is a paragraph. */
  body: string;
  attachments: string[];
}
export interface CompilationData {
  /** The office's full name, e.g. 昌吉回族自治州. */
  officeName: string;
  year: number;
  quarter: number;
  /** The compilation's date, YYYY-MM-DD (China). */
  date: string;
  reports: CompilationReport[];
}

/** Word/WPS on the users' PCs have the official fonts; LibreOffice substitutes its own. */
const F = OFFICIAL_FONTS;
const SIZE = { title: ptToHalfPoints(SIZE_PT.er), cover: ptToHalfPoints(26) /* 1号 */, body: ptToHalfPoints(SIZE_PT.san), pageNumber: ptToHalfPoints(SIZE_PT.si) };
/** One 3号 character in twips, for indents. */
const CHAR = ptToTwips(SIZE_PT.san);
/**
 * 28 characters in the 156 mm line: each 3号 character narrowed by CHAR_SPACING_TWIPS on the runs. Not a character
 * grid (docGrid): LibreOffice spreads a grid's characters far wider than Word does (about 20 to the line).
 */
const BODY = { characterSpacing: CHAR_SPACING_TWIPS };

const font = (name: string): IRunOptions['font'] => ({ ascii: name, hAnsi: name, eastAsia: name, cs: name });
const run = (text: string, face: string, size: number, extra: Partial<IRunOptions> = {}) =>
  new TextRun({ text: xmlSafe(text), font: font(face), size, language: { eastAsia: 'zh-CN' }, ...extra });
/** Exact line height: 22 lines fill the 225 mm text block. */
const exact = (line = LINE_PITCH_TWIPS) => ({ line, lineRule: LineRuleType.EXACT });
const blank = () => new Paragraph({ children: [], spacing: exact() });

export const compilationTitle = (year: number, quarter: number) => `${periodLabel(year, quarter)}成员单位改革工作书面汇报汇编`;
const ISSUER_TAIL = '领导小组办公室';
export const compilationIssuer = (officeName: string) => `${officeName}工程建设项目审批制度改革${ISSUER_TAIL}`;

/** The paragraphs of a plain-text body: one per non-empty line, hand-typed indentation removed, unsafe characters dropped. */
export const bodyParagraphs = (body: string) => splitParagraphs(xmlSafe(body).replace(/\r(?!\n)/g, '\n').replace(/\t/g, ' '));

/** A body paragraph, first line two characters in; a heading (一、 黑体, （一） 楷体) keeps its font up to its first 。. */
function bodyParagraph(line: string): Paragraph {
  const level = paragraphLevel(line);
  const face = F[LEVEL_FONT[level]];
  const cut = face === F.fangsong ? 0 : line.indexOf('。') + 1 || line.length;
  const children = [];
  if (cut > 0) children.push(run(line.slice(0, cut), face, SIZE.body, BODY));
  if (cut < line.length) children.push(run(line.slice(cut), F.fangsong, SIZE.body, BODY));
  return new Paragraph({ children, alignment: AlignmentType.JUSTIFIED, indent: { firstLine: 2 * CHAR, firstLineChars: 200 }, spacing: exact() });
}

/** 附件说明: one blank line below the body, "附件：" two characters in, further names aligned under the first. */
function attachmentLines(names: string[]): Paragraph[] {
  if (names.length === 0) return [];
  const label = '附件：';
  const left = (2 + label.length) * CHAR;
  return [
    blank(),
    ...names.map(
      (name, i) =>
        new Paragraph({
          children: [run(`${i === 0 ? label : ''}${names.length > 1 ? `${i + 1}. ` : ''}${name}`, F.fangsong, SIZE.body, BODY)],
          indent: i === 0 ? { left, hanging: label.length * CHAR } : { left },
          spacing: exact(),
        }),
    ),
  ];
}

const bookmarkOf = (i: number) => `report_${i + 1}`;

/** One unit's report: unit name (a heading, bookmarked for the contents), title, body, attachments; a new page each. */
function reportPages(r: CompilationReport, i: number): Paragraph[] {
  return [
    new Paragraph({
      heading: HeadingLevel.HEADING_1,
      pageBreakBefore: i > 0,
      children: [new Bookmark({ id: bookmarkOf(i), children: [run(r.unitName, F.heiti, SIZE.body)] })],
      spacing: exact(),
    }),
    blank(),
    new Paragraph({ alignment: AlignmentType.CENTER, children: [run(r.title, F.xiaobiaosong, SIZE.title)], spacing: exact(Math.round(LINE_PITCH_TWIPS * 1.2)) }),
    blank(),
    ...bodyParagraphs(r.body).map(bodyParagraph),
    ...attachmentLines(r.attachments),
  ];
}

/** 书面汇报汇编: cover, contents (unit, page, title), then each unit's report on a new page, pages numbered from 1. */
export async function buildCompilationDocx(d: CompilationData): Promise<Buffer> {
  const period = periodLabel(d.year, d.quarter);
  // The issuer in two balanced lines, "…审批制度改革" / "领导小组办公室"; 2号, smaller only when the first line would wrap.
  const issuerHead = compilationIssuer(d.officeName).slice(0, -ISSUER_TAIL.length);
  const issuerSize = Math.min(SIZE.title, ptToHalfPoints(Math.floor((PAGE_TWIPS.textWidth / 20) / [...issuerHead].length)));
  const cover: ISectionOptions = {
    properties: { page: GBT_PAGE },
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { before: mmToTwips(30), after: mmToTwips(40) },
        children: [run(issuerHead, F.xiaobiaosong, issuerSize), run(ISSUER_TAIL, F.xiaobiaosong, issuerSize, { break: 1 })],
      }),
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { line: ptToTwips(26 * 1.5), lineRule: LineRuleType.EXACT, after: mmToTwips(90) },
        children: [run(period, F.xiaobiaosong, SIZE.cover), run('成员单位改革工作书面汇报汇编', F.xiaobiaosong, SIZE.cover, { break: 1 })],
      }),
      new Paragraph({ alignment: AlignmentType.CENTER, children: [run(formatChineseDate(d.date), F.fangsong, SIZE.body)], spacing: exact() }),
    ],
  };

  const contentsHeading = new Paragraph({ alignment: AlignmentType.CENTER, children: [run('目　　录', F.heiti, SIZE.title)], spacing: { ...exact(Math.round(LINE_PITCH_TWIPS * 1.2)), after: LINE_PITCH_TWIPS } });
  const pageTab = { type: TabStopType.RIGHT, position: PAGE_TWIPS.textWidth, leader: LeaderType.MIDDLE_DOT };
  const contents: ISectionOptions = {
    properties: { page: GBT_PAGE },
    children: d.reports.length
      ? [
          contentsHeading,
          // A plain list rather than a TOC field, which LibreOffice does not update on conversion. The page numbers are
          // PAGEREF fields to the bookmarked unit headings: LibreOffice lays them out, Word fills them in on opening.
          ...d.reports.flatMap((r, i) => [
            new Paragraph({
              tabStops: [pageTab],
              spacing: exact(),
              children: [run(`${i + 1}. ${r.unitName}`, F.fangsong, SIZE.body), new TextRun({ children: [new Tab()] }), new PageReference(bookmarkOf(i), { hyperlink: true })],
            }),
            new Paragraph({ indent: { left: 2 * CHAR }, spacing: exact(), children: [run(r.title, F.fangsong, SIZE.body, BODY)] }),
          ]),
        ]
      : [contentsHeading, new Paragraph({ alignment: AlignmentType.CENTER, children: [run(`${period}暂无已采用的成员单位书面汇报。`, F.fangsong, SIZE.body)], spacing: exact() })],
  };

  const sections: ISectionOptions[] = [cover, contents];
  if (d.reports.length) {
    sections.push({
      properties: { page: { ...GBT_PAGE, pageNumbers: { start: 1 } } },
      footers: pageNumberFooters(),
      children: d.reports.flatMap(reportPages),
    });
  }

  const doc = new Document({
    creator: 'reform-office 审改办工作平台',
    title: xmlSafe(`${d.officeName}${compilationTitle(d.year, d.quarter)}`),
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: {
        document: { run: { font: font(F.fangsong), size: SIZE.body, language: { value: 'zh-CN', eastAsia: 'zh-CN' } }, paragraph: { spacing: exact() } },
      },
      paragraphStyles: [
        {
          id: 'Heading1',
          name: 'heading 1',
          basedOn: 'Normal',
          next: 'Normal',
          quickFormat: true,
          run: { font: font(F.heiti), size: SIZE.body, bold: false, color: '000000' },
          paragraph: { outlineLevel: 0, spacing: exact(), keepNext: true },
        },
      ],
    },
    sections,
  });
  return Packer.toBuffer(doc);
}
