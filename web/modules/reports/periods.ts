// Quarters as the pages name them: "2026 年第 3 季度", and the quarter that ended last (the one being collected).
import type { Text, Vars } from '../../i18n.tsx';
import { m } from './messages.ts';

type T = (text: Text, vars?: Vars) => string;

export const periodLabel = (t: T, c: { year: number; quarter: number }) => t(m.period, { year: c.year, quarter: c.quarter });

/** The quarter that ended most recently before `today` (YYYY-MM-DD). */
export function lastEndedQuarter(today: string): { year: number; quarter: number } {
  const y = Number(today.slice(0, 4));
  const q = Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1;
  return q === 1 ? { year: y - 1, quarter: 4 } : { year: y, quarter: q - 1 };
}
