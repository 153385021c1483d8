// The ledger's filters live in the URL (a link or a reload shows the same list) and are what a saved view stores.
import type { TaskStatusName } from '../../../shared/contracts/ledger.ts';
import type { TaskQuery } from './api.ts';
import { STATUSES } from './messages.ts';

export const FILTER_KEYS = ['q', 'unitId', 'countyOfficeId', 'status', 'keyTask', 'deadlineFrom', 'deadlineTo', 'level', 'sort'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
export type LedgerFilters = Pick<TaskQuery, FilterKey>;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const SORTS = ['code', 'deadline', 'percent', 'updated'] as const;

/** Reads the filters from URL parameters (or a saved view), dropping anything the API would refuse. */
export function readFilters(get: (key: string) => unknown): LedgerFilters {
  const s = (k: FilterKey) => {
    const v = get(k);
    return typeof v === 'string' && v.trim() ? v.trim() : undefined;
  };
  const status = s('status');
  const keyTask = s('keyTask');
  const sort = s('sort');
  const from = s('deadlineFrom');
  const to = s('deadlineTo');
  return {
    q: s('q')?.slice(0, 100),
    unitId: s('unitId'),
    countyOfficeId: s('countyOfficeId'),
    status: STATUSES.includes(status as TaskStatusName) ? (status as TaskStatusName) : undefined,
    keyTask: keyTask === 'true' || keyTask === 'false' ? keyTask : undefined,
    deadlineFrom: from && DATE.test(from) ? from : undefined,
    deadlineTo: to && DATE.test(to) ? to : undefined,
    level: s('level') === 'all' ? 'all' : undefined,
    // code is the server's default order: left out, so a saved view does not pin it in the URL.
    sort: sort !== 'code' && (SORTS as readonly string[]).includes(sort ?? '') ? (sort as (typeof SORTS)[number]) : undefined,
  };
}

/** Only the filters that are set (for a saved view, and for URL parameters). */
export function setFilters(f: LedgerFilters): LedgerFilters {
  const out: Record<string, string> = {};
  for (const k of FILTER_KEYS) {
    const v = f[k];
    if (v !== undefined && v !== '') out[k] = String(v);
  }
  return out as LedgerFilters;
}
