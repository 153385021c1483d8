import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { DayKind } from './working-days.ts';

interface ChineseDaysJson {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

/** The official schedules shipped by the chinese-days package (2004–2026), grouped by year. */
export function chineseDaysYears(): Map<number, Array<{ date: string; kind: DayKind; name: string }>> {
  const require = createRequire(import.meta.url);
  const file = join(dirname(require.resolve('chinese-days')), 'chinese-days.json');
  const data = JSON.parse(readFileSync(file, 'utf8')) as ChineseDaysJson;
  const out = new Map<number, Array<{ date: string; kind: DayKind; name: string }>>();
  const add = (date: string, kind: DayKind, raw: string) => {
    const y = Number(date.slice(0, 4));
    // "National Day,国庆节,7" → 国庆节
    const name = raw.split(',')[1] ?? raw;
    if (!out.has(y)) out.set(y, []);
    out.get(y)!.push({ date, kind, name });
  };
  for (const [d, n] of Object.entries(data.holidays)) add(d, 'holiday', n);
  for (const [d, n] of Object.entries(data.workdays)) add(d, 'workday', n);
  for (const list of out.values()) list.sort((a, b) => a.date.localeCompare(b.date));
  return out;
}
