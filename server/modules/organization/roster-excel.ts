// The roster workbook offices exchange today: 领导小组 / 办公室 / 成员单位 / 任职记录 sheets, built from roster data,
// and the 成员单位 sheet parsed back into validated rows and planned as changes (A1-4, A2-2, A2-7).
// Pure apart from exceljs and zlib: no database, no HTTP. The service loads state, plans, and applies the plan.
import ExcelJS from 'exceljs';
import type { z } from 'zod';
import { addDays } from '../../../shared/dates.ts';
import { PersonCreateSchema, UnitCreateSchema, type RosterImportChange, type RosterImportIssue, type RosterImportMode, type RosterImportReport } from '../../../shared/contracts/organization.ts';
import type { Post } from '../../../shared/roles.ts';
import { BORDER, displayWidth, openUploadedWorkbook, workbookProblem as unprocessable, writeTitleAndHeaders } from '../../platform/xlsx.ts';
import { ZIP_LIMITS, type ZipLimits } from '../../platform/zip.ts';

export { readZipDirectory, verifyZipEntries, ZIP_LIMITS, type ZipEntry, type ZipLimits } from '../../platform/zip.ts';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const SHEETS = { leadingGroup: '领导小组', office: '办公室', units: '成员单位', history: '任职记录' } as const;
export const LEADING_GROUP_HEADERS = ['序号', '小组职务', '姓名', '单位', '职务', '任职日期'] as const;
export const OFFICE_HEADERS = ['序号', '办公室职务', '姓名', '单位', '职务', '任职日期'] as const;
export const HISTORY_HEADERS = ['序号', '职务', '姓名', '单位', '任职日期', '离任日期'] as const;

type ContactKey = 'liaisonOfficer' | 'informationOfficer';
const CONTACTS: ReadonlyArray<{ key: ContactKey; post: Post; zh: string }> = [
  { key: 'liaisonOfficer', post: 'liaison_officer', zh: '联络员' },
  { key: 'informationOfficer', post: 'information_officer', zh: '信息员' },
];
const CONTACT_FIELDS = ['title', 'mobile', 'phone', 'email'] as const;
type ContactField = (typeof CONTACT_FIELDS)[number];
const CONTACT_SUFFIX: Record<'name' | ContactField, string> = { name: '', title: '职务', mobile: '手机', phone: '电话', email: '邮箱' };

/** The 成员单位 columns: `field` is the name used in import errors and changes, `header` the Chinese column title. */
export const UNIT_SHEET_COLUMNS: ReadonlyArray<{ field: string; header: string }> = [
  { field: 'seq', header: '序号' },
  { field: 'unitName', header: '单位名称' },
  { field: 'responsibleBody', header: '承担改革工作的内设机构' },
  ...CONTACTS.flatMap((c) => (['name', ...CONTACT_FIELDS] as const).map((f) => ({ field: f === 'name' ? c.key : `${c.key}.${f}`, header: `${c.zh}${CONTACT_SUFFIX[f]}` }))),
];
const columnOf = (field: string) => UNIT_SHEET_COLUMNS.find((c) => c.field === field)?.header ?? null;

// ---------------------------------------------------------------- export

export interface RosterPostRow { post: string; name: string; unitName: string | null; title: string | null; startDate: string }
export interface RosterContact { name: string; title: string | null; mobile: string | null; phone: string | null; email: string | null }
export interface RosterUnitRow { name: string; responsibleBody: string | null; liaisonOfficers: RosterContact[]; informationOfficers: RosterContact[] }
export interface RosterHistoryRow { post: string; name: string; unitName: string | null; startDate: string; endDate: string | null }
export interface RosterWorkbookData {
  /** The office's full name, e.g. 昌吉回族自治州. */
  officeName: string;
  asOf: string;
  generatedAt: Date;
  leadingGroup: RosterPostRow[];
  officePosts: RosterPostRow[];
  units: RosterUnitRow[];
  history: RosterHistoryRow[];
}


function addSheet(wb: ExcelJS.Workbook, name: string, title: string, headers: readonly string[], rows: Array<Array<string | number | null>>, textColumns: readonly string[] = []) {
  const ws = wb.addWorksheet(name, {
    views: [{ state: 'frozen', xSplit: 0, ySplit: 2 }],
    pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:2' },
  });
  writeTitleAndHeaders(ws, title, headers);
  for (const r of rows) {
    const row = ws.addRow(r.map((v) => v ?? ''));
    row.eachCell({ includeEmpty: true }, (c) => {
      c.border = BORDER;
      c.alignment = { vertical: 'middle', wrapText: true };
    });
  }
  headers.forEach((h, i) => {
    const col = ws.getColumn(i + 1);
    const widest = Math.max(displayWidth(h), ...rows.map((r) => displayWidth(String(r[i] ?? ''))));
    col.width = Math.min(Math.max(widest + 2, 6), 40);
    // Phone numbers stay text, also in cells typed in later (no 1.39E+10, no lost leading zeros).
    if (textColumns.includes(h)) col.numFmt = '@';
  });
  ws.autoFilter = { from: { row: 2, column: 1 }, to: { row: 2, column: headers.length } };
}

const joined = (xs: Array<string | null>) => (xs.some((x) => x) ? xs.map((x) => x ?? '').join('、') : null);

/** The roster workbook. Several holders of one post in a unit are listed in one cell, separated by 、(the A2-2 warning shows). */
export async function buildRosterWorkbook(d: RosterWorkbookData): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'reform-office 审改办工作平台';
  wb.created = d.generatedAt;
  wb.modified = d.generatedAt;
  const lg = `${d.officeName}工程建设项目审批制度改革领导小组`;
  const asOf = `（截至 ${d.asOf}）`;
  const posts = (rows: RosterPostRow[]) => rows.map((r, i) => [i + 1, r.post, r.name, r.unitName, r.title, r.startDate]);
  addSheet(wb, SHEETS.leadingGroup, `${lg}成员名单${asOf}`, LEADING_GROUP_HEADERS, posts(d.leadingGroup));
  addSheet(wb, SHEETS.office, `${lg}办公室组成人员名单${asOf}`, OFFICE_HEADERS, posts(d.officePosts));
  const contact = (cs: RosterContact[]) => [joined(cs.map((c) => c.name)), ...CONTACT_FIELDS.map((f) => joined(cs.map((c) => c[f])))];
  addSheet(
    wb,
    SHEETS.units,
    `${lg}成员单位联络员、信息员名单${asOf}`,
    UNIT_SHEET_COLUMNS.map((c) => c.header),
    d.units.map((u, i) => [i + 1, u.name, u.responsibleBody, ...contact(u.liaisonOfficers), ...contact(u.informationOfficers)]),
    UNIT_SHEET_COLUMNS.filter((c) => /\.(mobile|phone)$/.test(c.field)).map((c) => c.header),
  );
  addSheet(wb, SHEETS.history, `${lg}任职记录${asOf}`, HISTORY_HEADERS, d.history.map((h, i) => [i + 1, h.post, h.name, h.unitName, h.startDate, h.endDate]));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

// ---------------------------------------------------------------- the zip container: server/platform/zip.ts


// ---------------------------------------------------------------- parsing the 成员单位 sheet

export interface ParsedContact {
  /** One name, or several when a cell lists several holders (an export of a unit with two liaison officers). */
  names: string[];
  title: string | null;
  mobile: string | null;
  phone: string | null;
  email: string | null;
}
export interface ParsedUnitRow {
  /** The Excel row number. */
  row: number;
  unitName: string | null;
  responsibleBody: string | null;
  liaisonOfficer: ParsedContact | null;
  informationOfficer: ParsedContact | null;
  /** Row number of an earlier row with the same unit name. */
  duplicateOf: number | null;
  errors: RosterImportIssue[];
}
export interface ParsedRoster { sheet: string; rows: ParsedUnitRow[] }

export const MAX_IMPORT_ROWS = 2000;
const NAME_SEPARATORS = /[、，,;；\n]+/;

/** A cell's text whatever exceljs made of it: rich text, hyperlinks (typed e-mail addresses), formulas, numbers. */
export function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isInteger(v) ? v.toFixed(0) : String(v);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10);
  if ('richText' in v) return v.richText.map((r) => r.text).join('');
  if ('hyperlink' in v) return cellText(v.text as ExcelJS.CellValue);
  if ('formula' in v || 'sharedFormula' in v) return cellText((v as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
  return '';
}
const clean = (s: string) => s.replace(/[\u200b-\u200d\ufeff]/g, '').replace(/\u3000/g, ' ').trim();
const headerKey = (s: string) => s.replace(/[\s\u3000*＊:：]/g, '');

function describeIssue(field: string, issue: z.core.$ZodIssue): string {
  if (field.endsWith('.mobile')) return '手机号应为以 1 开头的 11 位数字 / mobile must be 11 digits starting with 1';
  if (issue.code === 'too_big') return `不能超过 ${String(issue.maximum)} 个字 / at most ${String(issue.maximum)} characters`;
  if (issue.code === 'too_small') return '不能为空 / required';
  if (issue.code === 'invalid_format' && issue.format === 'email') return '邮箱格式有误 / not a valid e-mail address';
  return issue.message;
}

const SCHEMAS: Record<'unitName' | 'responsibleBody' | 'name' | ContactField, z.ZodType> = {
  unitName: UnitCreateSchema.shape.name,
  responsibleBody: UnitCreateSchema.shape.responsibleBody,
  name: PersonCreateSchema.shape.name,
  title: PersonCreateSchema.shape.title,
  mobile: PersonCreateSchema.shape.mobile,
  phone: PersonCreateSchema.shape.phone,
  email: PersonCreateSchema.shape.email,
};

function parseRow(rowNumber: number, get: (field: string) => string): ParsedUnitRow {
  const errors: RosterImportIssue[] = [];
  const fail = (field: string, message: string) => {
    const column = columnOf(field);
    errors.push({ field, column, message: column ? `${column}：${message}` : message });
  };
  /** Validates with the same zod schema the API uses (same length limits and formats); an invalid value becomes null. */
  const check = (field: string, schema: z.ZodType, raw: string): string | null => {
    if (!raw) return null;
    const r = schema.safeParse(raw);
    if (r.success) return (r.data as string | null | undefined) ?? null;
    fail(field, describeIssue(field, r.error.issues[0]!));
    return null;
  };
  const rawName = get('unitName');
  const unitName = rawName ? check('unitName', SCHEMAS.unitName, rawName) : null;
  if (!rawName) fail('unitName', '单位名称不能为空 / the unit name is required');
  const responsibleBody = check('responsibleBody', SCHEMAS.responsibleBody, get('responsibleBody'));
  const contact = (key: ContactKey): ParsedContact | null => {
    const names = get(key).split(NAME_SEPARATORS).map(clean).filter(Boolean);
    const raw = Object.fromEntries(CONTACT_FIELDS.map((f) => [f, get(`${key}.${f}`)])) as Record<ContactField, string>;
    if (names.length === 0) {
      if (CONTACT_FIELDS.some((f) => raw[f])) fail(key, '填写了联系方式但未填写姓名 / contact details without a name');
      return null;
    }
    const valid = names.map((n) => check(key, SCHEMAS.name, n));
    if (valid.some((n) => n === null)) return null;
    // Several holders listed in one cell come from an export: their contact cells are lists too and are not re-read.
    if (names.length > 1) return { names, title: null, mobile: null, phone: null, email: null };
    raw.mobile = raw.mobile.replace(/[\s-]/g, '');
    raw.email = raw.email.replace(/^mailto:/i, '');
    const out = { names, title: null, mobile: null, phone: null, email: null } as ParsedContact;
    for (const f of CONTACT_FIELDS) out[f] = check(`${key}.${f}`, SCHEMAS[f], raw[f]);
    return out;
  };
  return { row: rowNumber, unitName, responsibleBody, liaisonOfficer: contact('liaisonOfficer'), informationOfficer: contact('informationOfficer'), duplicateOf: null, errors };
}

/**
 * Parses an uploaded roster workbook: the zip is checked first (readZipDirectory, verifyZipEntries), then exceljs
 * reads it, then the 成员单位 sheet is read by its Chinese headers (columns may be reordered; extra columns are
 * ignored). File-level problems throw AppError (400/422); row problems are collected per row.
 */
export async function parseRosterWorkbook(buf: Buffer, limits: ZipLimits = ZIP_LIMITS): Promise<ParsedRoster> {
  const wb = await openUploadedWorkbook(buf, limits);
  const ws = wb.worksheets.find((s) => s.name.trim() === SHEETS.units);
  if (!ws)
    throw unprocessable('MISSING_SHEET', `工作簿中没有「${SHEETS.units}」工作表 / the workbook has no sheet named ${SHEETS.units}`, {
      sheet: SHEETS.units,
      sheets: wb.worksheets.map((s) => s.name),
    });

  // The header row: the one of the first ten rows that names most of the expected columns (a title row may come first).
  let header = { row: 0, cols: new Map<string, number>(), score: 0 };
  for (let r = 1; r <= Math.min(ws.rowCount, 10); r++) {
    const cols = new Map<string, number>();
    ws.getRow(r).eachCell((cell, col) => {
      const h = headerKey(cellText(cell.value));
      if (h && !cols.has(h)) cols.set(h, col);
    });
    const score = UNIT_SHEET_COLUMNS.filter((c) => cols.has(c.header)).length;
    if (score > header.score) header = { row: r, cols, score };
  }
  const missing = UNIT_SHEET_COLUMNS.filter((c) => c.field !== 'seq' && !header.cols.has(c.header)).map((c) => c.header);
  if (missing.length > 0)
    throw unprocessable('MISSING_HEADER', `「${SHEETS.units}」表缺少表头：${missing.join('、')} / the sheet lacks the column(s): ${missing.join(', ')}`, {
      sheet: SHEETS.units,
      headerRow: header.row || null,
      missing,
    });
  const colOf = new Map(UNIT_SHEET_COLUMNS.map((c) => [c.field, header.cols.get(c.header)]));

  const rows: ParsedUnitRow[] = [];
  // eachRow visits only rows present in the file: a stray cell in row 1 000 000 costs one row, not a million.
  ws.eachRow((row, r) => {
    if (r <= header.row) return;
    const get = (field: string) => {
      const col = colOf.get(field);
      return col ? clean(cellText(row.getCell(col).value)) : '';
    };
    if (UNIT_SHEET_COLUMNS.every((c) => c.field === 'seq' || !get(c.field))) return; // blank (or only a 序号)
    if (rows.length >= MAX_IMPORT_ROWS)
      throw unprocessable('TOO_MANY_ROWS', `「${SHEETS.units}」表超过 ${MAX_IMPORT_ROWS} 行 / more than ${MAX_IMPORT_ROWS} rows`, { limit: MAX_IMPORT_ROWS });
    rows.push(parseRow(r, get));
  });
  if (rows.length === 0) throw unprocessable('NO_ROWS', `「${SHEETS.units}」表没有数据行 / the sheet has no data rows`, { sheet: SHEETS.units });

  const seen = new Map<string, number>();
  for (const r of rows) {
    if (!r.unitName) continue;
    const first = seen.get(r.unitName);
    if (first === undefined) seen.set(r.unitName, r.row);
    else {
      r.duplicateOf = first;
      r.errors.push({ field: 'unitName', column: columnOf('unitName'), message: `单位名称：与第 ${first} 行重复 / the same unit as row ${first}` });
    }
  }
  return { sheet: ws.name, rows };
}

// ---------------------------------------------------------------- planning: parsed rows × current state → changes

export interface ImportUnit { id: string; name: string; responsibleBody: string | null; isMember: boolean; active: boolean; sortOrder: number; version: number }
export interface ImportPerson { id: string; unitId: string | null; name: string; title: string | null; phone: string | null; mobile: string | null; email: string | null; version: number }
/** An appointment to a unit post in force on the import date. */
export interface ImportHolder { id: string; post: string; personId: string; personName: string; unitId: string | null; startDate: string; version: number }
export interface ImportState { units: ImportUnit[]; people: ImportPerson[]; holders: ImportHolder[] }

type Stamp = { version: number; createdAt: string; updatedAt: string };
export type ImportOp =
  | { kind: 'unit.create'; row: Stamp & { id: string; officeId: string; name: string; shortName: null; isMember: number; isHost: number; responsibleBody: string | null; phone: null; address: null; sortOrder: number; active: number } }
  | { kind: 'unit.update'; unitId: string; version: number; patch: { responsibleBody?: string; isMember?: number; active?: number } }
  | { kind: 'person.create'; row: Stamp & Omit<ImportPerson, 'version'> & { officeId: string } }
  | { kind: 'person.update'; personId: string; version: number; patch: Partial<Pick<ImportPerson, ContactField>> }
  | { kind: 'appointment.end'; appointmentId: string; version: number; endDate: string; replacedBy: string }
  | { kind: 'appointment.create'; row: Stamp & { id: string; officeId: string; post: Post; personId: string; unitId: string; startDate: string; endDate: null; note: string | null } };

export interface PlannedRow { row: number; unitName: string | null; action: 'create' | 'update' | 'unchanged'; changes: RosterImportChange[]; errors: RosterImportIssue[]; ops: ImportOp[] }
export interface ImportPlan { sheet: string; rows: PlannedRow[] }

export const IMPORT_NOTE = '名册导入 / roster import';

/**
 * What importing the rows would change, as report entries and as operations. Per row: create the unit when its
 * name is new, else update its responsible body (A1-4) and make it an active member unit; match the liaison and
 * information officer by name among the unit's people or create them, update their contact fields, and appoint
 * them from `date`. A2-2: a liaison officer replaces every other current holder (their appointments end the day
 * before). An information officer is added beside the current ones. Blank cells change nothing: an import never
 * clears a field, ends a post without naming a successor, or deletes a unit.
 */
export function planRosterImport(parsed: ParsedRoster, state: ImportState, opts: { officeId: string; date: string; now: string; newId: () => string }): ImportPlan {
  const { officeId, date, now, newId } = opts;
  const stamp = { version: 1, createdAt: now, updatedAt: now };
  const units = new Map(state.units.map((u) => [u.name, u]));
  const people = state.people.map((p) => ({ ...p }));
  let sortOrder = Math.max(0, ...state.units.map((u) => u.sortOrder));
  const change = (field: string, from: string | null, to: string | null): RosterImportChange => ({ field, column: columnOf(field), from, to });

  const rows = parsed.rows.map((r): PlannedRow => {
    const errors = [...r.errors];
    const changes: RosterImportChange[] = [];
    const ops: ImportOp[] = [];
    if (!r.unitName || r.duplicateOf !== null) return { row: r.row, unitName: r.unitName, action: 'unchanged', changes, errors, ops };
    const existing = units.get(r.unitName);
    let unitId: string;
    if (!existing) {
      unitId = newId();
      sortOrder += 10;
      ops.push({ kind: 'unit.create', row: { ...stamp, id: unitId, officeId, name: r.unitName, shortName: null, isMember: 1, isHost: 0, responsibleBody: r.responsibleBody, phone: null, address: null, sortOrder, active: 1 } });
      changes.push(change('unitName', null, r.unitName));
      if (r.responsibleBody) changes.push(change('responsibleBody', null, r.responsibleBody));
    } else {
      unitId = existing.id;
      const patch: { responsibleBody?: string; isMember?: number; active?: number } = {};
      if (r.responsibleBody && r.responsibleBody !== existing.responsibleBody) {
        patch.responsibleBody = r.responsibleBody;
        changes.push(change('responsibleBody', existing.responsibleBody, r.responsibleBody));
      }
      if (!existing.isMember) {
        patch.isMember = 1;
        changes.push(change('isMember', '否', '是'));
      }
      if (!existing.active) {
        patch.active = 1;
        changes.push(change('active', '否', '是'));
      }
      if (Object.keys(patch).length > 0) ops.push({ kind: 'unit.update', unitId, version: existing.version, patch });
    }

    for (const { key, post, zh } of CONTACTS) {
      const c = r[key];
      if (!c) continue;
      const holders = state.holders.filter((h) => h.post === post && h.unitId === unitId);
      const holderNames = holders.map((h) => h.personName);
      const was = holderNames.length ? holderNames.join('、') : null;
      if (c.names.length > 1) {
        // An exported cell listing today's holders changes nothing (the A2-2 warning stays visible); anything else is ambiguous.
        if (c.names.every((n) => holderNames.includes(n))) continue;
        const message =
          post === 'liaison_officer'
            ? `${zh}：每个成员单位只设 1 名联络员，请只填写 1 人（A2-2） / one liaison officer per member unit (A2-2): name one person`
            : `${zh}：一个单元格只能填写 1 人 / one person per cell`;
        errors.push({ field: key, column: columnOf(key), message });
        continue;
      }
      const name = c.names[0]!;
      const holder = holders.find((h) => h.personName === name);
      let person = holder ? people.find((p) => p.id === holder.personId) : people.find((p) => p.unitId === unitId && p.name === name);
      if (!person) {
        person = { id: newId(), unitId, name, title: c.title, phone: c.phone, mobile: c.mobile, email: c.email, version: 1 };
        people.push(person);
        const { version: _v, ...fields } = person;
        ops.push({ kind: 'person.create', row: { ...stamp, ...fields, officeId } });
        for (const f of CONTACT_FIELDS) if (c[f]) changes.push(change(`${key}.${f}`, null, c[f]));
      } else {
        const patch: Partial<Pick<ImportPerson, ContactField>> = {};
        for (const f of CONTACT_FIELDS) {
          const v = c[f];
          if (v !== null && v !== person[f]) {
            patch[f] = v;
            changes.push(change(`${key}.${f}`, person[f], v));
          }
        }
        if (Object.keys(patch).length > 0) {
          ops.push({ kind: 'person.update', personId: person.id, version: person.version, patch });
          Object.assign(person, patch);
          person.version += 1;
        }
      }
      const personId = person.id;
      const holds = holders.some((h) => h.personId === personId);
      const appoint = () => ops.push({ kind: 'appointment.create', row: { ...stamp, id: newId(), officeId, post, personId, unitId, startDate: date, endDate: null, note: IMPORT_NOTE } });
      // One liaison officer (A2-2) and one information officer (A1-13, A2-9) per unit: the person named replaces the
      // holders, whose appointments end the day before.
      const others = holders.filter((h) => h.personId !== personId);
      const endDate = addDays(date, -1);
      const tooNew = others.find((h) => h.startDate > endDate);
      if (tooNew) {
        errors.push({ field: key, column: columnOf(key), message: `${zh}：现任${zh}${tooNew.personName}于 ${tooNew.startDate} 任职，不能在当日替换 / the current ${post.replace('_', ' ')} started on ${tooNew.startDate} and cannot be replaced the same day` });
        continue;
      }
      for (const h of others) ops.push({ kind: 'appointment.end', appointmentId: h.id, version: h.version, endDate, replacedBy: personId });
      if (!holds) appoint();
      if (others.length > 0 || !holds) changes.push(change(key, was, name));
    }
    const action = !existing ? 'create' : changes.length > 0 ? 'update' : 'unchanged';
    return { row: r.row, unitName: r.unitName, action, changes, errors, ops };
  });
  return { sheet: parsed.sheet, rows };
}

/** The wire report of a plan (operations stay on the server). */
export function reportOf(plan: ImportPlan, mode: RosterImportMode): RosterImportReport {
  const rows = plan.rows.map(({ ops: _ops, ...r }) => r);
  const count = (a: PlannedRow['action']) => rows.filter((r) => r.action === a && r.errors.length === 0).length;
  return {
    mode,
    sheet: plan.sheet,
    rows,
    errorCount: rows.reduce((n, r) => n + r.errors.length, 0),
    summary: { rows: rows.length, create: count('create'), update: count('update'), unchanged: count('unchanged'), rowsWithErrors: rows.filter((r) => r.errors.length > 0).length },
  };
}
