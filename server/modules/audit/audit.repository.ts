import type { Db } from '../../db/db.ts';
import type { AuditQuery } from '../../../shared/contracts/audit.ts';

export function createAuditRepository() {
  return {
    list: (db: Db, q: AuditQuery) => {
      let query = db.selectFrom('auditLog').selectAll();
      if (q.officeId) query = query.where('officeId', '=', q.officeId);
      if (q.action) query = query.where((eb) => eb.or([eb('action', '=', q.action!), eb('action', 'like', `${q.action!.replace(/[%_\\]/g, '')}.%`)]));
      if (q.entityType) query = query.where('entityType', '=', q.entityType);
      if (q.entityId) query = query.where('entityId', '=', q.entityId);
      if (q.actorAccountId) query = query.where('actorAccountId', '=', q.actorAccountId);
      // Rows hold toISOString() text; compare in the same form ('…:00Z' sorts after '…:00.000Z' as text).
      if (q.from) query = query.where('at', '>=', new Date(q.from).toISOString());
      if (q.to) query = query.where('at', '<', new Date(q.to).toISOString());
      if (q.before) query = query.where('seq', '<', q.before);
      return query.orderBy('seq', 'desc').limit(q.limit).execute();
    },
  };
}
export type AuditRepository = ReturnType<typeof createAuditRepository>;
