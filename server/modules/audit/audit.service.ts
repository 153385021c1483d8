import type { Db } from '../../db/db.ts';
import type { AuditEntry, AuditQuery } from '../../../shared/contracts/audit.ts';
import { verifyAuditChain } from '../../platform/audit.ts';
import type { AuditRepository } from './audit.repository.ts';

type Row = Awaited<ReturnType<AuditRepository['list']>>[number];
const parse = (s: string | null) => (s === null ? null : (JSON.parse(s) as unknown));
export const presentAuditEntry = (r: Row): AuditEntry => ({ ...r, before: parse(r.before), after: parse(r.after), prevHash: undefined } as unknown as AuditEntry);

const CSV_COLUMNS = ['seq', 'at', 'actorName', 'actorPost', 'officeId', 'action', 'entityType', 'entityId', 'before', 'after', 'requestId', 'ip', 'hash'] as const;
const csvCell = (v: unknown) => {
  const s = v === null || v === undefined ? '' : String(v);
  // Quote always; neutralise spreadsheet formulas.
  return `"${(/^[=+\-@]/.test(s) ? `'${s}` : s).replaceAll('"', '""')}"`;
};

export function createAuditService(deps: { db: Db; repo: AuditRepository; key: Buffer }) {
  return {
    async list(q: AuditQuery) {
      const rows = await deps.repo.list(deps.db, q);
      return { items: rows.map(presentAuditEntry), nextBefore: rows.length === q.limit ? rows[rows.length - 1]!.seq : null };
    },
    async exportCsv(q: AuditQuery): Promise<string> {
      const lines = [CSV_COLUMNS.join(',')];
      let before = q.before;
      for (;;) {
        const rows = await deps.repo.list(deps.db, { ...q, before, limit: 500 });
        for (const r of rows) lines.push(CSV_COLUMNS.map((c) => csvCell(r[c])).join(','));
        if (rows.length < 500) break;
        before = rows[rows.length - 1]!.seq;
      }
      return `\uFEFF${lines.join('\r\n')}\r\n`;
    },
    async verify() {
      const r = await verifyAuditChain(deps.db, deps.key);
      return { rows: r.rows, ok: r.problems.length === 0, problems: r.problems };
    },
  };
}
export type AuditService = ReturnType<typeof createAuditService>;
