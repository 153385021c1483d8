// Generates a reform task ledger workbook the way offices keep it (title row, Chinese headers with line breaks,
// group headings merged across the row, 牵头单位 merged over the tasks of a group, deadlines in several spellings),
// for the import benchmark (bench/ledger-import.ts) and the import tests. Deterministic: no clock, no Math.random.
import ExcelJS from 'exceljs';

export interface SampleLedgerOptions {
  /** Data rows in total (headings included). */
  rows: number;
  /** Rows per group: a heading then `groupSize - 1` tasks. 0: no headings. */
  groupSize?: number;
  /** The office's unit names (lead and cooperating units are drawn from them). */
  units: string[];
  /** Child office names; every 10th task is pushed down to one of them. */
  counties?: string[];
  officeName?: string;
  /** Prefix of the 任务编号 column; null leaves it blank (codes are assigned). */
  codePrefix?: string | null;
}

const HEADERS = ['序号', '任务编号', '任务内容', '具体要求或\n工作措施', '牵头单位', '配合单位', '责任县市', '完成时限', '是否重点任务', '进展情况', '完成进度'];
const VERBS = ['深化', '优化', '推行', '完善', '压减', '推进', '建立', '规范'];
const OBJECTS = ['工程建设项目审批流程', '区域评估成果应用', '联合审图机制', '多测合一改革', '告知承诺制', '竣工联合验收', '水电气暖报装', '审批管理系统对接'];
const CN = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const ordinal = (n: number) => (n <= 10 ? CN[n - 1]! : n < 20 ? `十${CN[n - 11] ?? ''}` : `${CN[Math.floor(n / 10) - 1]}十${CN[(n % 10) - 1] ?? ''}`);

/** The sample ledger as an .xlsx buffer. */
export async function buildSampleLedger(o: SampleLedgerOptions): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('任务台账');
  const n = HEADERS.length;
  ws.mergeCells(1, 1, 1, n);
  ws.getCell(1, 1).value = `${o.officeName ?? '昌吉州'}工程建设项目审批制度改革任务台账`;
  ws.getRow(2).values = HEADERS;
  const groupSize = o.groupSize ?? 50;
  const leadOf = (task: number) => o.units[Math.floor((task - 1) / 3) % o.units.length]!;
  const merges: number[] = [];
  let group = 0;
  let task = 0;
  for (let i = 0, r = 3; i < o.rows; i++, r++) {
    const inGroup = groupSize > 0 ? i % groupSize : i + 1;
    if (groupSize > 0 && inGroup === 0) {
      group++;
      ws.getCell(r, 1).value = `${ordinal(group)}、${VERBS[group % VERBS.length]}${OBJECTS[group % OBJECTS.length]}（第${group}组）`;
      ws.mergeCells(r, 1, r, n);
      continue;
    }
    task++;
    const lead = leadOf(task);
    const coop = [o.units[(task + 1) % o.units.length]!, o.units[(task + 5) % o.units.length]!].filter((u) => u !== lead);
    const month = (task % 12) + 1;
    const deadline: ExcelJS.CellValue = [new Date(Date.UTC(2027, month - 1, 15)), `2027年${month}月底`, `2027.${month}.20`, `2027-${String(month).padStart(2, '0')}-10`][task % 4]!;
    ws.getRow(r).values = [
      inGroup,
      o.codePrefix === null ? null : `${o.codePrefix ?? 'T'}-${String(task).padStart(5, '0')}`,
      `${VERBS[task % VERBS.length]}${OBJECTS[task % OBJECTS.length]}（第${task}项）`,
      `按照实施方案要求，${OBJECTS[(task + 3) % OBJECTS.length]}，明确责任分工和时间节点，第${task}项措施。`,
      lead,
      coop.join(task % 2 ? '、' : '，'),
      o.counties?.length && task % 10 === 0 ? o.counties[task % o.counties.length]! : null,
      deadline,
      task % 7 === 0 ? '是' : '否',
      task % 3 === 0 ? `已召开专题会议研究部署，完成第${task}项方案起草。` : null,
      task % 3 === 0 ? (task * 7) % 100 : null,
    ];
    // Three tasks in a row share a lead unit: its cell is merged over them when they are in one group (as offices do).
    const sameGroup = groupSize === 0 || inGroup + 2 < groupSize;
    if (task % 3 === 1 && sameGroup && i + 2 < o.rows) merges.push(r);
  }
  for (const r of merges) {
    ws.getCell(r + 1, 5).value = null;
    ws.getCell(r + 2, 5).value = null;
    ws.mergeCells(r, 5, r + 2, 5);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
