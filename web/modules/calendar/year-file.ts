// A year file typed or downloaded elsewhere, read into rows of the year editor (the server validates again on PUT).
import type { CalendarDay } from './api.ts';

export interface YearFile {
  days: CalendarDay[];
  /** Dates outside the year being edited, left out. */
  skipped: number;
  source?: string;
  note?: string | null;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** "National Day,国庆节,7" (chinese-days) → 国庆节; a plain name stays as it is. */
const chineseDaysName = (raw: string) => (raw.includes(',') ? (raw.split(',')[1] ?? raw) : raw).trim();

/**
 * Our own shape { source?, note?, days: [{ date, kind, name }] }, or the chinese-days per-year JSON
 * { holidays: { "2027-01-01": "New Year's Day,元旦,1" }, workdays: { … } }. Throws with a readable reason.
 */
export function parseYearFile(text: string, year: number): YearFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new Error('不是有效的 JSON / not valid JSON');
  }
  if (!data || typeof data !== 'object') throw new Error('不是对象 / not an object');
  const o = data as Record<string, unknown>;
  const all: CalendarDay[] = [];
  if (Array.isArray(o.days)) {
    for (const d of o.days as Array<Record<string, unknown>>) {
      if (typeof d?.date !== 'string' || !DATE.test(d.date) || (d.kind !== 'holiday' && d.kind !== 'workday')) throw new Error(`无法识别的行 / unreadable row: ${JSON.stringify(d)}`);
      all.push({ date: d.date, kind: d.kind, name: typeof d.name === 'string' && d.name.trim() ? d.name.trim() : d.kind === 'holiday' ? '节假日' : '调休上班' });
    }
  } else if (o.holidays && typeof o.holidays === 'object') {
    for (const [kind, map] of [['holiday', o.holidays], ['workday', o.workdays ?? {}]] as const) {
      for (const [date, name] of Object.entries(map as Record<string, unknown>)) {
        if (!DATE.test(date)) throw new Error(`无法识别的日期 / unreadable date: ${date}`);
        all.push({ date, kind, name: chineseDaysName(String(name ?? '')) || (kind === 'holiday' ? '节假日' : '调休上班') });
      }
    }
  } else {
    throw new Error('缺少 days 或 holidays / no "days" or "holidays"');
  }
  const days = all.filter((d) => Number(d.date.slice(0, 4)) === year).sort((a, b) => a.date.localeCompare(b.date));
  return {
    days,
    skipped: all.length - days.length,
    source: typeof o.source === 'string' ? o.source : undefined,
    note: typeof o.note === 'string' ? o.note : undefined,
  };
}
