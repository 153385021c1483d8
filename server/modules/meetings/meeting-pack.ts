// The meeting pack (会议材料包) as ONE download: a zip holding the agenda as a PDF (printable, fit to circulate) and every
// agenda item's materials as uploaded, in agenda order, with an SM3 manifest.
//
// Why a zip rather than one PDF: materials arrive as DOCX, XLSX and PDF. Merging them into one PDF would mean converting
// Office files on the server (LibreOffice per request, slow and lossy for spreadsheets) and would change the bytes whose
// SM3 digests are recorded at upload and in the archive entry. A zip keeps each file bit-exact (its digest still
// verifies), opens natively on Windows, macOS and phones, and the agenda PDF inside is the cover sheet.
import type { Meeting } from '../../../shared/contracts/meetings.ts';
import { formatChineseDate, type FontOptions } from '../../platform/gbt9704.ts';
import { chinaDate } from '../../platform/clock.ts';
import { formatChinaDateTime } from './meetings.service.ts';
import { chineseNumeral, createGridTypesetter, type Para } from './minutes-export.ts';
import { sm3 } from './minutes-digest.ts';
import { writeZip } from './zip-writer.ts';

export interface PackInput {
  meeting: Meeting;
  items: Meeting['agenda'];
  files: Array<{ id: string; ownerId: string; filename: string; content: Buffer; digest: string; createdAt: string }>;
  office: { shortName: string };
  fonts?: FontOptions;
}

/** A name safe as a zip path segment on every system (no separators, no reserved characters, not too long). */
const segment = (s: string, max = 40) => {
  const clean = s.replace(/[\u0000-\u001f\u007f\\/:*?"<>|]/g, '').trim();
  return ([...clean].slice(0, max).join('') || 'file').replace(/^\.+/, '_');
};

const p = (text: string, font: Para['runs'][number]['font'] = 'fangsong', indent = 2): Para => ({ runs: [{ text, font }], indent, hanging: 0 });

/** The agenda as a PDF page set on the GB/T 9704 grid. */
export async function renderAgendaPdf(input: PackInput): Promise<Buffer> {
  const { meeting: m, items, office } = input;
  const ts = createGridTypesetter(input.fonts ?? {});
  const y = ts.top;
  ts.centred(`${m.title}议程`, 'xiaobiaosong', 22, y);
  ts.gridFrom(y + 22, 1);
  const line = (label: string, value: string) => ts.paragraph({ runs: [{ text: label, font: 'heiti' }, { text: value, font: 'fangsong' }], indent: 0, hanging: 5 });
  line('会议类型：', `${m.kindLabel}（${m.rule}）`);
  line('会议时间：', formatChinaDateTime(m.startsAt));
  line('会议地点：', m.place);
  line('主 持 人：', m.chair?.name ?? '待定');
  if (m.materialCutoff) line('材料截止：', formatChinaDateTime(m.materialCutoff));
  ts.paragraph({ runs: [], indent: 0, hanging: 0 });
  for (const [i, item] of items.entries()) {
    ts.paragraph(p(`${chineseNumeral(i + 1)}、${item.title}${item.presenterUnitName ? `（${item.presenterUnitName}汇报）` : ''}`, 'heiti'));
    if (item.description) ts.paragraph(p(item.description));
    const files = input.files.filter((f) => f.ownerId === item.id);
    if (!files.length) ts.paragraph(p('材料：尚未报送', 'kaiti'));
    for (const [j, f] of files.entries()) ts.paragraph({ runs: [{ text: `材料${j + 1}：`, font: 'kaiti' }, { text: `${f.filename}（SM3 ${f.digest.slice(0, 16)}…）`, font: 'fangsong' }], indent: 2, hanging: 0 });
  }
  ts.record(`${office.shortName}工程建设项目审批制度改革领导小组办公室`, `${formatChineseDate(chinaDate(new Date(m.startsAt)))}`);
  return ts.finish(`${m.title}议程`);
}

/** The zip: 00-议程.pdf, then NN-<item>/<material> in agenda order, and SM3SUMS.txt listing every file's digest. */
export async function buildMeetingPack(input: PackInput): Promise<{ filename: string; data: Buffer }> {
  const when = new Date(input.meeting.startsAt);
  const agenda = await renderAgendaPdf(input);
  const entries = [{ name: '00-议程.pdf', data: agenda, date: when }];
  const used = new Set<string>();
  for (const [i, item] of input.items.entries()) {
    const dir = `${String(i + 1).padStart(2, '0')}-${segment(item.title)}`;
    for (const f of input.files.filter((x) => x.ownerId === item.id)) {
      let name = `${dir}/${segment(f.filename, 80)}`;
      for (let k = 2; used.has(name); k++) name = `${dir}/${k}-${segment(f.filename, 80)}`;
      used.add(name);
      entries.push({ name, data: f.content, date: new Date(f.createdAt) });
    }
  }
  const sums = entries.map((e) => `${sm3(e.data)}  ${e.name}`).join('\n');
  entries.push({ name: 'SM3SUMS.txt', data: Buffer.from(`# SM3 (GB/T 32905-2016) of every file in this pack\n${sums}\n`, 'utf8'), date: when });
  return { filename: `${segment(input.meeting.title, 60)}-会议材料包.zip`, data: writeZip(entries) };
}
