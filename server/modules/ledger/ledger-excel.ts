// The reform task ledger as offices keep it in Excel today: a title row, Chinese headers, one row per task, group
// headings (一、深化审批流程改革) over the tasks below them, and merged cells (a 牵头单位 merged over several rows).
// parseLedgerWorkbook reads such a file into rows with per-row errors; planLedgerImport resolves the rows against the
// office (units, counties, codes) into TaskCreate inputs; buildLedgerWorkbook writes the ledger back in the same
// layout, so an export imports again. Pure apart from exceljs: no database, no HTTP.
import ExcelJS from 'exceljs';
import { TASK_STATUS_LABELS, TaskCreateSchema, type LedgerImportIssue, type LedgerImportMode, type LedgerImportReport, type TaskCreateParsed, type TaskStatusName } from '../../../shared/contracts/ledger.ts';
import { MIME } from '../../platform/uploads.ts';
import { BORDER, fill, openUploadedWorkbook, workbookProblem as unprocessable, writeTitleAndHeaders } from '../../platform/xlsx.ts';

export const XLSX_MIME = MIME.xlsx;

// ---------------------------------------------------------------- the layout

export type LedgerField = 'seq' | 'code' | 'title' | 'description' | 'lead' | 'cooperating' | 'counties' | 'deadline' | 'keyTask' | 'progress' | 'percent' | 'status';

/** The columns in export order. `aliases`: other headers offices use for the same column (matched ignoring spaces, line breaks and a bracketed note). */
export const LEDGER_COLUMNS: ReadonlyArray<{ field: LedgerField; header: string; aliases: readonly string[]; width: number }> = [
  { field: 'seq', header: '序号', aliases: [], width: 6 },
  { field: 'code', header: '任务编号', aliases: ['编号'], width: 12 },
  { field: 'title', header: '任务内容', aliases: ['任务名称', '工作任务', '改革任务', '重点任务名称'], width: 34 },
  { field: 'description', header: '具体要求或工作措施', aliases: ['具体要求', '工作措施', '具体措施', '主要措施', '工作要求', '具体工作措施'], width: 44 },
  { field: 'lead', header: '牵头单位', aliases: ['责任单位', '牵头部门', '牵头责任单位'], width: 18 },
  { field: 'cooperating', header: '配合单位', aliases: ['配合部门', '协同单位', '参与单位'], width: 24 },
  { field: 'counties', header: '责任县市', aliases: ['责任县市园区', '县市园区', '责任县市区', '责任县区'], width: 16 },
  { field: 'deadline', header: '完成时限', aliases: ['时限', '完成时间', '完成期限', '时间节点'], width: 12 },
  { field: 'keyTask', header: '是否重点任务', aliases: ['重点任务', '是否重点'], width: 8 },
  { field: 'progress', header: '进展情况', aliases: ['工作进展', '推进情况', '进展'], width: 40 },
  { field: 'percent', header: '完成进度', aliases: ['完成率', '进度', '完成百分比'], width: 9 },
  // Export only (derived, never imported).
  { field: 'status', header: '状态', aliases: ['任务状态'], width: 9 },
];
const REQUIRED: readonly LedgerField[] = ['title', 'lead', 'deadline'];

/** Header text → field: NFKC (full-width forms), no spaces or line breaks, no bracketed note (完成进度（%）), no * or colon. */
const headerKey = (s: string) => s.normalize('NFKC').replace(/\([^)]*\)/g, '').replace(/[\s*:]/g, '');
const HEADER_FIELDS = new Map<string, LedgerField>(LEDGER_COLUMNS.flatMap((c) => [c.header, ...c.aliases].map((h) => [headerKey(h), c.field] as const)));

export const MAX_LEDGER_ROWS = 10_000;
const CN_DIGITS = '零一二三四五六七八九';
/** A Chinese ordinal as written in a 序号 cell: 一 … 十 … 九十九 … (headings of the first level). */
const CN_ORDINAL = /^[一二三四五六七八九十百零〇]+[、.．]?$/;
const CN_HEADING = /^[一二三四五六七八九十百零〇]+[、.．]\s*/;
/** A note under the table (注：…, 填表人：…): not a task. */
const NOTE_ROW = /^(注\d*|说明|备注|填表人|填报人|制表人|审核人|联系人|联系电话|填报单位|填表说明|填报说明)\s*[:：]/;
const NAME_SEPARATORS = /[、,，;；\s]+/;
/** 责任县市 values meaning every child office. */
const ALL_COUNTIES = new Set(['各县市', '各县市区', '全州各县市', '各县', '全部县市', '全部']);

/** 1 → 一, 12 → 十二, 23 → 二十三, 105 → 一百零五 (the 序号 of a heading row). */
export function chineseOrdinal(n: number): string {
  if (n <= 0 || n >= 10_000) return String(n);
  const units = ['', '十', '百', '千'];
  const digits = String(n).split('').map(Number);
  let out = '';
  let zero = false;
  digits.forEach((d, i) => {
    const unit = units[digits.length - 1 - i]!;
    if (d === 0) zero = out !== '';
    else {
      if (zero) out += '零';
      zero = false;
      out += CN_DIGITS[d]! + unit;
    }
  });
  return out.replace(/^一十/, '十');
}

// ---------------------------------------------------------------- cell values

/** A cell's text whatever exceljs made of it: rich text, hyperlinks, formulas (their cached result), numbers, dates. */
export function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isInteger(v) ? v.toFixed(0) : String(v);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10);
  if ('richText' in v) return v.richText.map((r) => r.text).join('');
  if ('hyperlink' in v) return cellText(v.text as ExcelJS.CellValue);
  if ('formula' in v || 'sharedFormula' in v) return cellText((v as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
  if ('error' in v) return '';
  return '';
}

const clean = (s: string) => s.replace(/[\u200b-\u200d\ufeff]/g, '').replace(/\u3000/g, ' ').replace(/\r\n?/g, '\n').trim();
const nfkc = (s: string) => s.normalize('NFKC');
const isRealDate = (y: number, m: number, d: number) => m >= 1 && m <= 12 && d >= 1 && d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
const iso = (y: number, m: number, d: number) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
const monthEnd = (y: number, m: number) => iso(y, m, new Date(Date.UTC(y, m, 0)).getUTCDate());

export type DateResult = { ok: true; date: string } | { ok: false; message: string };

/**
 * A 完成时限 cell: a date cell, an Excel serial, or text — 2026-12-31, 2026/12/31, 2026.12.31, 2026年12月31日,
 * 2026年12月底 / 2026年12月 / 2026-12 (the last day of the month), 2026年底, 2026年上半年, 2026年第三季度;
 * a trailing 前 / 以前 / 之前 / 完成 is dropped. Vague deadlines (长期坚持, 持续推进) are refused.
 */
export function parseDeadline(v: ExcelJS.CellValue): DateResult {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? { ok: false, message: '不是有效日期 / not a valid date' } : { ok: true, date: v.toISOString().slice(0, 10) };
  if (typeof v === 'number') {
    // A serial typed into a cell without a date format: 1955-01-01 … 2118-12-31.
    if (Number.isFinite(v) && v >= 20_000 && v < 80_000) return { ok: true, date: new Date(Math.round((v - 25_569) * 86_400_000)).toISOString().slice(0, 10) };
    return { ok: false, message: `无法识别的日期「${v}」 / "${v}" is not a date` };
  }
  const raw = clean(cellText(v));
  const s = nfkc(raw).replace(/\s+/g, '').replace(/(完成)$/, '').replace(/(以前|之前|前)$/, '');
  const bad = (): DateResult => ({
    ok: false,
    message: `无法识别「${raw}」，请填写具体日期，如 2026-12-31、2026年12月31日或2026年12月底 / cannot read the deadline "${raw}"; give a date such as 2026-12-31 or 2026年12月底`,
  });
  let m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(s);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    return isRealDate(y, mo, d) ? { ok: true, date: iso(y, mo, d) } : { ok: false, message: `「${raw}」不是有效日期 / "${raw}" is not a real date` };
  }
  m = /^(\d{4})[-/.年](\d{1,2})月?(底|末|份)?$/.exec(s);
  if (m) {
    const [y, mo] = [Number(m[1]), Number(m[2])];
    return mo >= 1 && mo <= 12 ? { ok: true, date: monthEnd(y, mo) } : bad();
  }
  m = /^(\d{4})年?(年底|年末|年内|底|末|上半年|下半年|全年)$/.exec(s);
  if (m) return { ok: true, date: m[2] === '上半年' ? iso(Number(m[1]), 6, 30) : iso(Number(m[1]), 12, 31) };
  m = /^(\d{4})年?第?([一二三四1-4])季度(末|底)?$/.exec(s);
  if (m) {
    const q = '一二三四'.includes(m[2]!) ? '一二三四'.indexOf(m[2]!) + 1 : Number(m[2]);
    return { ok: true, date: monthEnd(Number(m[1]), q * 3) };
  }
  return bad();
}

/** 是否重点任务: 是/否 (and Y/N, √, 1/0); blank is 否. */
function parseYesNo(s: string): boolean | null {
  const v = nfkc(s).trim().toLowerCase();
  if (['', '否', '不是', '非', 'n', 'no', 'false', '0', '×', 'x', '-'].includes(v)) return false;
  if (['是', '重点', '重点任务', 'y', 'yes', 'true', '1', '√', '✓', '✔'].includes(v)) return true;
  return null;
}

/** 完成进度: 60, 60%, 0.6 in a cell formatted as a percentage, ６０％. Integer 0–100 (rounded). */
function parsePercent(cell: ExcelJS.Cell): number | null | 'bad' {
  const v = cell.value;
  if (v === null || v === undefined || v === '') return null;
  let n: number;
  if (typeof v === 'number' || (typeof v === 'object' && v !== null && 'result' in v && typeof v.result === 'number')) {
    n = typeof v === 'number' ? v : (v as { result: number }).result;
    // 0.6 shown as 60% (not a literal "%" in quotes as the export writes it).
    const fmt = (cell.numFmt ?? '').replace(/"[^"]*"/g, '').replace(/\\%/g, '');
    if (fmt.includes('%')) n *= 100;
  } else {
    const s = nfkc(clean(cellText(v))).replace(/\s+/g, '');
    if (!s) return null;
    const m = /^(\d+(?:\.\d+)?)%?$/.exec(s);
    if (!m) return 'bad';
    n = Number(m[1]);
  }
  if (!Number.isFinite(n) || n < 0 || n > 100) return 'bad';
  return Math.round(n);
}

const splitNames = (s: string) => nfkc(s).split(NAME_SEPARATORS).map((x) => x.trim()).filter(Boolean);

// ---------------------------------------------------------------- parsing

export interface ParsedLedgerRow {
  /** The Excel row number. */
  row: number;
  kind: 'group' | 'task';
  /** The heading row above this task (null before the first heading, and for headings). */
  parentRow: number | null;
  code: string | null;
  title: string | null;
  description: string | null;
  /** Unit names as written: the first leads; further names in 牵头单位 are treated as cooperating units. */
  lead: string[];
  cooperating: string[];
  counties: string[];
  deadline: string | null;
  keyTask: boolean;
  progress: string | null;
  percent: number | null;
  errors: LedgerImportIssue[];
}
export interface ParsedLedger {
  sheet: string;
  headerRow: number;
  /** The header text of each column as found in the file (row errors name it). */
  columns: Partial<Record<LedgerField, string>>;
  rows: ParsedLedgerRow[];
}


/** Finds the sheet and row holding the ledger headers: of the first 15 rows of every sheet, the one naming most columns. */
function findHeader(wb: ExcelJS.Workbook) {
  let best: { ws: ExcelJS.Worksheet; row: number; cols: Map<LedgerField, { col: number; header: string }> } | null = null;
  for (const ws of wb.worksheets) {
    for (let r = 1; r <= Math.min(ws.rowCount, 15); r++) {
      const cols = new Map<LedgerField, { col: number; header: string }>();
      ws.getRow(r).eachCell((cell, col) => {
        const header = clean(cellText(cell.value));
        const field = HEADER_FIELDS.get(headerKey(header));
        if (field && !cols.has(field)) cols.set(field, { col, header: header.replace(/\s+/g, '') });
      });
      // 重点任务 is the flag beside a 任务内容 column, but the task itself in a ledger of key tasks that has none.
      const key = cols.get('keyTask');
      if (key && !cols.has('title') && headerKey(key.header) === '重点任务') {
        cols.set('title', key);
        cols.delete('keyTask');
      }
      if (!best || cols.size > best.cols.size) best = { ws, row: r, cols };
    }
  }
  return best;
}

/**
 * Parses an uploaded ledger workbook. The zip is checked before exceljs sees it; file-level problems throw AppError
 * (400 not an xlsx, 422 damaged / zip bomb / no ledger headers / too many rows); row problems are collected per row.
 * Headings: a row whose text is one cell merged across the row, or whose 序号 is 一、二 …, or whose only text starts
 * with 一、 — it becomes a parent task of the rows below it until the next heading. A merged cell's value applies to
 * every row it spans (exceljs returns the master's value for each cell of a merge).
 */
export async function parseLedgerWorkbook(buf: Buffer): Promise<ParsedLedger> {
  const wb = await openUploadedWorkbook(buf);
  const header = findHeader(wb);
  const missing = REQUIRED.filter((f) => !header?.cols.has(f)).map((f) => LEDGER_COLUMNS.find((c) => c.field === f)!.header);
  if (!header || missing.length > 0)
    throw unprocessable('MISSING_HEADER', `未找到台账表头：缺少 ${missing.join('、')} 列 / no ledger header row: missing ${missing.join(', ')}`, { missing, sheets: wb.worksheets.map((s) => s.name) });
  const { ws } = header;
  const cols = [...header.cols.entries()].filter(([f]) => f !== 'status');
  const columns = Object.fromEntries(cols.map(([f, c]) => [f, c.header])) as Partial<Record<LedgerField, string>>;
  const colOf = (f: LedgerField) => header.cols.get(f)?.col;

  const rows: ParsedLedgerRow[] = [];
  let heading: number | null = null;
  const codes = new Map<string, number>();
  // eachRow visits only rows present in the file: a stray cell in row 1 000 000 costs one row, not a million.
  ws.eachRow((row, r) => {
    if (r <= header.row) return;
    const cells = cols.map(([field, c]) => {
      const cell = row.getCell(c.col);
      return { field, cell, text: clean(cellText(cell.value)) };
    });
    const filled = cells.filter((c) => c.text);
    if (filled.length === 0 || filled.every((c) => c.field === 'seq')) return;
    // The lower line of a two-line header (cells merged down from the header row): not a task.
    if (filled.every((c) => c.cell.isMerged && Number(c.cell.master.row) <= header.row)) return;
    const texts = new Set(filled.map((c) => c.text));

    // A heading merged across the row: one master cell covering three or more of the ledger's columns.
    const spans = new Map<string, { cell: ExcelJS.Cell; n: number }>();
    for (const c of cells) {
      if (!c.cell.isMerged) continue;
      const m = c.cell.master;
      const s = spans.get(m.address) ?? { cell: m, n: 0 };
      s.n++;
      spans.set(m.address, s);
    }
    const wide = [...spans.values()].find((s) => s.n >= 3 && clean(cellText(s.cell.value)));
    const wideOnly = wide && filled.every((c) => c.field === 'seq' || (c.cell.isMerged && c.cell.master.address === wide.cell.address));
    if (wideOnly && Number(wide.cell.row) < r) return; // the second line of a heading merged over two rows
    const seqText = filled.find((c) => c.field === 'seq')?.text ?? '';
    const only = texts.size === 1 ? [...texts][0]! : null;
    if (only && NOTE_ROW.test(only)) return; // 注：… / 填表人：… under the table
    const isGroup = Boolean(wideOnly) || CN_ORDINAL.test(seqText) || (only !== null && CN_HEADING.test(only));

    if (rows.length >= MAX_LEDGER_ROWS) throw unprocessable('TOO_MANY_ROWS', `台账超过 ${MAX_LEDGER_ROWS} 行，请分批导入 / more than ${MAX_LEDGER_ROWS} rows; import in parts`, { limit: MAX_LEDGER_ROWS });
    const errors: LedgerImportIssue[] = [];
    const fail = (field: LedgerField, message: string, suggestion: string | null = null) => {
      const column = columns[field] ?? LEDGER_COLUMNS.find((c) => c.field === field)!.header;
      errors.push({ field, column, message: `${column}：${message}`, suggestion });
    };
    const get = (f: LedgerField) => (wideOnly ? '' : (cells.find((c) => c.field === f)?.text ?? ''));
    const cellOf = (f: LedgerField) => {
      const c = colOf(f);
      return c ? row.getCell(c) : null;
    };

    let title: string | null;
    if (wideOnly) title = clean(cellText(wide.cell.value)).replace(CN_HEADING, '');
    else if (isGroup && !get('title') && only) title = only.replace(CN_HEADING, '');
    else title = (isGroup ? get('title').replace(CN_HEADING, '') : get('title')) || null;
    if (!title) fail('title', '不能为空 / the task needs a title');
    const code = get('code') || null;
    if (code) {
      const first = codes.get(code);
      if (first !== undefined) fail('code', `「${code}」与第 ${first} 行重复 / "${code}" repeats row ${first}`);
      else codes.set(code, r);
    }
    let deadline: string | null = null;
    const dl = cellOf('deadline');
    if (!wideOnly && dl && get('deadline')) {
      const d = parseDeadline(dl.value);
      if (d.ok) deadline = d.date;
      else fail('deadline', d.message);
    }
    const keyRaw = get('keyTask');
    const keyTask = parseYesNo(keyRaw);
    if (keyTask === null) fail('keyTask', `请填写“是”或“否”（不是「${keyRaw}」） / write 是 or 否, not "${keyRaw}"`);
    let percent: number | null = null;
    const pc = cellOf('percent');
    if (!wideOnly && pc) {
      const p = parsePercent(pc);
      if (p === 'bad') fail('percent', `「${get('percent')}」不是 0–100 的百分比 / "${get('percent')}" is not a percentage 0–100`);
      else percent = p;
    }
    if (isGroup) heading = r;
    rows.push({
      row: r,
      kind: isGroup ? 'group' : 'task',
      parentRow: isGroup ? null : heading,
      code,
      title,
      description: get('description') || null,
      lead: splitNames(get('lead')),
      cooperating: splitNames(get('cooperating')),
      counties: splitNames(get('counties')),
      deadline,
      keyTask: keyTask ?? false,
      progress: get('progress') || null,
      percent,
      errors,
    });
  });
  if (rows.length === 0) throw unprocessable('NO_ROWS', '台账没有数据行 / the ledger has no rows', { sheet: ws.name, headerRow: header.row });
  return { sheet: ws.name, headerRow: header.row, columns, rows };
}

// ---------------------------------------------------------------- planning: rows × the office → task inputs

export interface LedgerImportState {
  units: Array<{ id: string; name: string; shortName: string | null; isHost: boolean; active: boolean }>;
  /** The office's child offices (counties, parks): the push-down targets. */
  counties: Array<{ id: string; name: string; shortName: string | null }>;
  /** Every task code already in the office's ledger. */
  existingCodes: Set<string>;
  /** Top-level tasks already in the ledger (new codes continue after them, as createTask numbers them). */
  topLevelCount: number;
  /** Today (China): the year of new top-level codes. */
  today: string;
}

export interface PlannedLedgerRow {
  row: number;
  kind: 'group' | 'task';
  parentRow: number | null;
  code: string | null;
  title: string | null;
  errors: LedgerImportIssue[];
  /** What createTask receives (parentId is filled in when the heading's task exists). */
  input: TaskCreateParsed | null;
  /** Rows below a heading, or county copies: the figure is rolled up, not set. */
  hasChildren: boolean;
  progress: string | null;
  percent: number | null;
}
export interface LedgerImportPlan { sheet: string; headerRow: number; rows: PlannedLedgerRow[] }

/** Longest common subsequence of two short strings (unit names): how much of a typed name an existing name covers. */
function lcs(a: string[], b: string[]): number {
  const prev = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    let diag = 0;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = a[i - 1] === b[j - 1] ? diag + 1 : Math.max(prev[j]!, prev[j - 1]!);
      diag = up;
    }
  }
  return prev[b.length]!;
}

/**
 * The existing name closest to a typed one: the one covering most of its characters in order (州发改委 → 州发展和改革委员会,
 * 州财正局 → 州财政局), ties to the shorter difference; none below 60 % coverage (州统计局 does not suggest 州财政局).
 */
export function closestName(typed: string, candidates: Array<{ label: string; keys: string[] }>): string | null {
  const q = [...typed];
  let best: { label: string; cover: number; dice: number } | null = null;
  for (const c of candidates) {
    for (const k of c.keys) {
      const kk = [...k];
      const n = lcs(q, kk);
      const cover = n / Math.max(q.length, 1);
      const dice = (2 * n) / (q.length + kk.length);
      if (!best || cover > best.cover || (cover === best.cover && dice > best.dice)) best = { label: c.label, cover, dice };
    }
  }
  return best && best.cover >= 0.6 ? best.label : null;
}

const nameKey = (s: string) => nfkc(s).replace(/\s+/g, '');
const withoutNote = (s: string) => s.replace(/\([^)]*\)$/, '');

/** Resolves names against a list by full or short name, then without a trailing bracketed note (州发改委（牵头）). */
function resolver<T extends { id: string; name: string; shortName: string | null }>(items: T[]) {
  const byKey = new Map<string, T>();
  for (const it of items) for (const k of [it.name, it.shortName]) if (k && !byKey.has(nameKey(k))) byKey.set(nameKey(k), it);
  const candidates = items.map((it) => ({ label: it.name, keys: [nameKey(it.name), ...(it.shortName ? [nameKey(it.shortName)] : [])] }));
  return (name: string): { item: T } | { suggestion: string | null } => {
    const k = nameKey(name);
    const hit = byKey.get(k) ?? byKey.get(withoutNote(k));
    return hit ? { item: hit } : { suggestion: closestName(withoutNote(k), candidates) };
  };
}

const FIELD_OF_INPUT: Record<string, LedgerField> = { code: 'code', title: 'title', description: 'description', cooperatingUnitIds: 'cooperating', countyOfficeIds: 'counties', deadline: 'deadline', leadUnitId: 'lead' };

/**
 * Plans the import: per row the lead unit (the first name; more names in 牵头单位 join the cooperating units), the
 * cooperating units, the counties to push down to (names, short names, or 各县市 for all), the deadline, the code
 * (the file's, or the next free one the way createTask numbers: 2026-07, and 2026-07-1 under a heading). A heading
 * without its own 牵头单位 takes the one its tasks share, else the office's host unit; without 完成时限, the latest of
 * its tasks'. Every problem is a row error; the inputs are checked with the API's own TaskCreateSchema.
 */
export function planLedgerImport(parsed: ParsedLedger, state: LedgerImportState, opts: { fileName: string | null }): LedgerImportPlan {
  const columns = parsed.columns;
  const unitOf = resolver(state.units);
  const countyOf = resolver(state.counties);
  const host = state.units.find((u) => u.isHost && u.active) ?? null;
  const issue = (field: LedgerField, message: string, suggestion: string | null = null): LedgerImportIssue => {
    const column = columns[field] ?? LEDGER_COLUMNS.find((c) => c.field === field)!.header;
    return { field, column, message: `${column}：${message}`, suggestion };
  };
  const children = new Map<number, ParsedLedgerRow[]>();
  for (const r of parsed.rows) if (r.parentRow !== null) children.set(r.parentRow, [...(children.get(r.parentRow) ?? []), r]);

  // Names → ids, row by row.
  const resolved = parsed.rows.map((r) => {
    const errors = [...r.errors];
    const unit = (field: LedgerField, name: string): string | null => {
      const hit = unitOf(name);
      if ('item' in hit) {
        if (!hit.item.active) errors.push(issue(field, `「${name}」已停用 / "${name}" is no longer active`));
        return hit.item.id;
      }
      errors.push(
        issue(
          field,
          hit.suggestion ? `未找到单位「${name}」，是否为「${hit.suggestion}」？ / unknown unit "${name}" — did you mean "${hit.suggestion}"?` : `本办公室没有「${name}」这个单位 / no unit named "${name}" in this office`,
          hit.suggestion,
        ),
      );
      return null;
    };
    const leadIds = r.lead.map((n) => unit('lead', n));
    const coopIds = r.cooperating.map((n) => unit('cooperating', n));
    let countyIds: Array<string | null> = [];
    if (r.counties.some((n) => ALL_COUNTIES.has(withoutNote(nameKey(n))))) countyIds = state.counties.map((c) => c.id);
    else
      countyIds = r.counties.map((n) => {
        const hit = countyOf(n);
        if ('item' in hit) return hit.item.id;
        errors.push(
          issue(
            'counties',
            hit.suggestion
              ? `未找到下级县市（园区）「${n}」，是否为「${hit.suggestion}」？ / unknown county "${n}" — did you mean "${hit.suggestion}"?`
              : `「${n}」不是本办公室的下级县市（园区） / "${n}" is not a county or park under this office`,
            hit.suggestion,
          ),
        );
        return null;
      });
    return { r, errors, leadId: leadIds[0] ?? null, coop: [...leadIds.slice(1), ...coopIds].filter((x): x is string => x !== null), counties: countyIds.filter((x): x is string => x !== null) };
  });
  const byRow = new Map(resolved.map((x) => [x.r.row, x]));

  // Codes: the file's, else the next free one (as nextCode does), never one in the ledger or elsewhere in the file.
  const taken = new Set([...state.existingCodes, ...parsed.rows.map((r) => r.code).filter((c): c is string => c !== null)]);
  for (const x of resolved) if (x.r.code && state.existingCodes.has(x.r.code)) x.errors.push(issue('code', `「${x.r.code}」已在台账中 / "${x.r.code}" is already in the ledger`));
  const year = state.today.slice(0, 4);
  let top = state.topLevelCount;
  const codeOf = new Map<number, string>();
  const childCount = new Map<number, number>();
  for (const { r } of resolved) {
    let code = r.code;
    if (r.parentRow === null) top++;
    if (!code) {
      if (r.parentRow === null) {
        let n = top;
        while (taken.has(`${year}-${String(n).padStart(2, '0')}`)) n++;
        code = `${year}-${String(n).padStart(2, '0')}`;
      } else {
        const parentCode = codeOf.get(r.parentRow) ?? '';
        let k = (childCount.get(r.parentRow) ?? 0) + 1;
        while (taken.has(`${parentCode}-${k}`)) k++;
        code = `${parentCode}-${k}`;
      }
      taken.add(code);
    }
    if (r.parentRow !== null) childCount.set(r.parentRow, (childCount.get(r.parentRow) ?? 0) + 1);
    codeOf.set(r.row, code);
  }

  const rows = resolved.map(({ r, errors, leadId, coop, counties }): PlannedLedgerRow => {
    const kids = children.get(r.row) ?? [];
    let lead = leadId;
    let deadline = r.deadline;
    if (r.kind === 'group' && r.lead.length === 0) {
      const kidLeads = [...new Set(kids.map((k) => byRow.get(k.row)!.leadId).filter((x): x is string => x !== null))];
      lead = kidLeads.length === 1 ? kidLeads[0]! : (host?.id ?? null);
      if (!lead) errors.push(issue('lead', '分组标题行未填写牵头单位，且办公室没有牵头承办单位 / the heading needs a lead unit'));
    } else if (r.lead.length === 0) errors.push(issue('lead', '不能为空 / the lead unit is required'));
    if (r.kind === 'group' && !deadline && !r.errors.some((e) => e.field === 'deadline')) {
      deadline = kids.map((k) => k.deadline).filter((d): d is string => d !== null).sort().pop() ?? null;
      if (!deadline) errors.push(issue('deadline', '分组标题行及其下属任务都没有完成时限 / neither the heading nor its tasks have a deadline'));
    } else if (!deadline && !r.errors.some((e) => e.field === 'deadline')) errors.push(issue('deadline', '不能为空 / the deadline is required'));
    if (r.progress && r.progress.length > 5000) errors.push(issue('progress', '不能超过 5000 个字 / at most 5000 characters'));

    let input: TaskCreateParsed | null = null;
    if (errors.length === 0) {
      const label = `Excel 导入：${(opts.fileName ?? '台账').slice(0, 200)} 第 ${r.row} 行`;
      const parsedInput = TaskCreateSchema.safeParse({
        code: codeOf.get(r.row)!, title: r.title ?? '', description: r.description, source: { type: 'other', label }, leadUnitId: lead ?? '',
        cooperatingUnitIds: [...new Set(coop)].filter((u) => u !== lead), countyOfficeIds: [...new Set(counties)], deadline: deadline ?? '', keyTask: r.keyTask,
      });
      if (parsedInput.success) input = parsedInput.data;
      else
        for (const e of parsedInput.error.issues) {
          const field = FIELD_OF_INPUT[String(e.path[0])] ?? 'title';
          const max = e.code === 'too_big' ? String(e.maximum) : null;
          errors.push(issue(field, max ? `不能超过 ${max} 个${field === 'cooperating' || field === 'counties' ? '' : '字'} / at most ${max}` : e.message));
        }
    }
    return {
      row: r.row, kind: r.kind, parentRow: r.parentRow, code: codeOf.get(r.row) ?? null, title: r.title, errors, input,
      hasChildren: kids.length > 0 || counties.length > 0, progress: r.progress, percent: r.percent,
    };
  });
  return { sheet: parsed.sheet, headerRow: parsed.headerRow, rows };
}

/** The wire report of a plan (inputs stay on the server). */
export function ledgerReportOf(plan: LedgerImportPlan, mode: LedgerImportMode, taskIds: Map<number, string> = new Map()): LedgerImportReport {
  const rows = plan.rows.map((r) => ({ row: r.row, kind: r.kind, parentRow: r.parentRow, code: r.code, title: r.title, taskId: taskIds.get(r.row) ?? null, errors: r.errors }));
  return {
    mode,
    sheet: plan.sheet,
    headerRow: plan.headerRow,
    rows,
    errorCount: rows.reduce((n, r) => n + r.errors.length, 0),
    summary: {
      rows: rows.length,
      groups: plan.rows.filter((r) => r.kind === 'group').length,
      tasks: plan.rows.filter((r) => r.kind === 'task').length,
      progressUpdates: plan.rows.filter((r) => r.progress).length,
      countyCopies: plan.rows.reduce((n, r) => n + (r.input?.countyOfficeIds.length ?? 0), 0),
      rowsWithErrors: rows.filter((r) => r.errors.length > 0).length,
    },
  };
}

// ---------------------------------------------------------------- export

export interface LedgerExportTask {
  code: string;
  title: string;
  description: string | null;
  leadUnitName: string | null;
  cooperatingUnitNames: string[];
  countyNames: string[];
  deadline: string;
  keyTask: boolean;
  /** The latest submitted progress update's text. */
  progress: string | null;
  percent: number | null;
  status: TaskStatusName;
}
export interface LedgerWorkbookData {
  /** The office's full name, e.g. 昌吉回族自治州. */
  officeName: string;
  asOf: string;
  generatedAt: Date;
  /** Top-level tasks in order, each with its subtasks (deeper levels flattened under the top one). */
  tasks: Array<LedgerExportTask & { children: LedgerExportTask[] }>;
}

const GROUP_FILL = fill('FFEDEDED');
/** Key tasks (是否重点任务 = 是): a light orange row. */
export const KEY_TASK_ARGB = 'FFFCE4D6';
const EXPORT_COLUMNS = LEDGER_COLUMNS;

/**
 * The ledger workbook: a title row, bold frozen headers, one row per task. When the ledger has subtasks, every
 * top-level task is a heading row numbered 一、二 … (bold, grey) followed by its subtasks numbered 1, 2 …; otherwise
 * rows are numbered 1, 2 …. Deadlines are date cells, 完成进度 a number shown with %, 状态 the derived status; key
 * tasks are highlighted. A4 landscape, one page wide, header rows repeated on every page.
 */
export async function buildLedgerWorkbook(d: LedgerWorkbookData): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'reform-office 审改办工作平台';
  wb.created = d.generatedAt;
  wb.modified = d.generatedAt;
  const n = EXPORT_COLUMNS.length;
  const ws = wb.addWorksheet('任务台账', {
    views: [{ state: 'frozen', xSplit: 0, ySplit: 2, topLeftCell: 'A3', activeCell: 'A3' }],
    pageSetup: {
      paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:2', horizontalCentered: true,
      margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: '&C第 &P 页，共 &N 页' },
  });
  ws.columns = EXPORT_COLUMNS.map((c) => ({ key: c.field, width: c.width }));
  writeTitleAndHeaders(ws, `${d.officeName}工程建设项目审批制度改革任务台账（截至 ${d.asOf}）`, EXPORT_COLUMNS.map((c) => c.header), { titleHeight: 30, headerHeight: 30 });

  const grouped = d.tasks.some((t) => t.children.length > 0);
  const center = new Set<LedgerField>(['seq', 'code', 'deadline', 'keyTask', 'percent', 'status']);
  const add = (seq: string | number, t: LedgerExportTask, group: boolean) => {
    const row = ws.addRow({
      seq, code: t.code, title: t.title, description: t.description ?? '', lead: t.leadUnitName ?? '', cooperating: t.cooperatingUnitNames.join('、'), counties: t.countyNames.join('、'),
      deadline: new Date(`${t.deadline}T00:00:00Z`), keyTask: t.keyTask ? '是' : '否', progress: t.progress ?? '', percent: t.percent ?? '', status: TASK_STATUS_LABELS[t.status].zh,
    });
    EXPORT_COLUMNS.forEach((c, i) => {
      const cell = row.getCell(i + 1);
      cell.border = BORDER;
      cell.alignment = { vertical: 'middle', horizontal: center.has(c.field) ? 'center' : 'left', wrapText: true };
      if (group) cell.font = { bold: true };
      if (t.keyTask) cell.fill = fill(KEY_TASK_ARGB);
      else if (group) cell.fill = GROUP_FILL;
    });
    row.getCell('deadline').numFmt = 'yyyy-mm-dd';
    row.getCell('percent').numFmt = '0"%"';
  };
  d.tasks.forEach((t, i) => {
    add(grouped ? chineseOrdinal(i + 1) : i + 1, t, grouped);
    t.children.forEach((c, j) => add(j + 1, c, false));
  });
  ws.autoFilter = { from: { row: 2, column: 1 }, to: { row: 2, column: n } };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
