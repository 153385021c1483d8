// Workbooks: reading an uploaded .xlsx safely and the house style of the ones we write (a merged title row, a bold
// frozen header row, thin borders). Used by the roster, ledger and report exports and imports.
import ExcelJS from 'exceljs';
import { AppError } from './errors.ts';
import { readZipDirectory, verifyZipEntries, ZIP_LIMITS, type ZipLimits } from './zip.ts';

const THIN = { style: 'thin' } as const;
export const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };
export const fill = (argb: string) => ({ type: 'pattern', pattern: 'solid', fgColor: { argb } }) as const;
export const HEADER_FILL = fill('FFD9E1F2');

/** Display width in Excel character units: CJK and full-width characters count double. */
export const displayWidth = (s: string) => [...s].reduce((n, ch) => n + ((ch.codePointAt(0) ?? 0) > 0xff ? 2 : 1), 0);

/** A file-level problem with an uploaded workbook (422, the reason named). */
export const workbookProblem = (reason: string, message: string, extra: Record<string, unknown> = {}) => new AppError('UNPROCESSABLE', message, { reason, ...extra });
const NOT_XLSX = () =>
  new AppError('VALIDATION_FAILED', '不是 .xlsx 文件（旧版 .xls、加密或 WPS 专有格式请另存为 .xlsx） / not an .xlsx workbook (save .xls or encrypted files as .xlsx)', { reason: 'NOT_XLSX' });

/**
 * Opens an uploaded workbook: the zip directory and every entry's real size are checked (zip bombs, lying headers)
 * before exceljs sees a byte; then 400 not an xlsx, 422 damaged or without sheets.
 */
export async function openUploadedWorkbook(buf: Buffer, limits: ZipLimits = ZIP_LIMITS): Promise<ExcelJS.Workbook> {
  const entries = readZipDirectory(buf, limits, NOT_XLSX);
  const names = new Set(entries.map((e) => e.name));
  if (!names.has('[Content_Types].xml') || !names.has('xl/workbook.xml')) throw NOT_XLSX();
  await verifyZipEntries(buf, entries);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
  } catch {
    throw workbookProblem('CORRUPT_XLSX', '无法读取工作簿内容，请用 Excel 或 WPS 另存为 .xlsx 后重试 / the workbook cannot be read; re-save it as .xlsx');
  }
  if (wb.worksheets.length === 0) throw workbookProblem('EMPTY_WORKBOOK', '工作簿中没有工作表 / the workbook has no sheets');
  return wb;
}

/** Row 1: the title merged across the columns; row 2: bold, centred, shaded, bordered headers. */
export function writeTitleAndHeaders(ws: ExcelJS.Worksheet, title: string, headers: readonly string[], opts: { titleHeight?: number; headerHeight?: number; wrapTitle?: boolean } = {}) {
  ws.mergeCells(1, 1, 1, headers.length);
  const t = ws.getCell(1, 1);
  t.value = title;
  t.font = { bold: true, size: 14 };
  t.alignment = { horizontal: 'center', vertical: 'middle', ...(opts.wrapTitle ? { wrapText: true } : {}) };
  ws.getRow(1).height = opts.titleHeight ?? 28;
  const head = ws.getRow(2);
  headers.forEach((h, i) => {
    const c = head.getCell(i + 1);
    c.value = h;
    c.font = { bold: true };
    c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    c.fill = HEADER_FILL;
    c.border = BORDER;
  });
  head.height = opts.headerHeight ?? 22;
}
