// Rule data per office (A1-16, A1-17, A2-15): each office may adapt the rules that drive the software (deadlines,
// cadences, who convenes); an office that has not set a rule inherits it from its nearest ancestor that did,
// else the built-in prefecture template.
import type { z } from 'zod';
import type { Db, Tx } from '../db/db.ts';
import type { RequestContext } from './actor.ts';
import type { Audit } from './audit.ts';
import type { Clock } from './clock.ts';
import { AppError } from './errors.ts';

type Q = Db | Tx;

export function createOfficeRulesRepository() {
  return {
    /** The office and its ancestors, nearest first. */
    chain: async (q: Q, officeId: string) => {
      const office = await q.selectFrom('offices').select(['path']).where('id', '=', officeId).executeTakeFirst();
      return office ? office.path.split('/').filter(Boolean).reverse() : [];
    },
    find: (q: Q, key: string, officeIds: string[]) =>
      officeIds.length ? q.selectFrom('officeRules').selectAll().where('key', '=', key).where('officeId', 'in', officeIds).execute() : Promise.resolve([]),
    /** Version 0 creates the office's own rule; otherwise an optimistic update. 0 rows: a concurrent change won. */
    upsert: async (q: Q, officeId: string, key: string, value: string, version: number, now: string) => {
      if (version === 0) {
        const r = await q.insertInto('officeRules').values({ officeId, key, value, version: 1, updatedAt: now }).onConflict((oc) => oc.columns(['officeId', 'key']).doNothing()).executeTakeFirst();
        return Number(r.numInsertedOrUpdatedRows ?? 0);
      }
      const r = await q.updateTable('officeRules').set({ value, version: version + 1, updatedAt: now }).where('officeId', '=', officeId).where('key', '=', key).where('version', '=', version).executeTakeFirst();
      return Number(r.numUpdatedRows);
    },
  };
}

export interface ResolvedRules<T> {
  rules: T;
  /** null: this office's own rule; an office id: inherited from that ancestor; 'default': the built-in template. */
  inheritedFrom: string | null;
  /** The version to send back in If-Match (0 when the office has no rule of its own yet). */
  version: number;
}

/** One rule key with its schema and template; get() resolves inheritance, set() writes the office's own rule, audited. */
export function createOfficeRule<S extends z.ZodTypeAny>(deps: { db: Db; audit: Audit; clock: Clock }, key: string, schema: S, template: z.output<S>) {
  const repo = createOfficeRulesRepository();
  async function get(officeId: string): Promise<ResolvedRules<z.output<S>>> {
    const chain = await repo.chain(deps.db, officeId);
    const rows = await repo.find(deps.db, key, chain);
    for (const id of chain) {
      const row = rows.find((r) => r.officeId === id);
      if (row) return { rules: schema.parse(JSON.parse(row.value)) as z.output<S>, inheritedFrom: id === officeId ? null : id, version: id === officeId ? row.version : 0 };
    }
    return { rules: template, inheritedFrom: 'default', version: 0 };
  }
  async function set(officeId: string, value: z.output<S>, version: number, ctx: RequestContext): Promise<ResolvedRules<z.output<S>>> {
    const before = await get(officeId);
    await deps.db.transaction().execute(async (trx) => {
      if ((await repo.upsert(trx, officeId, key, JSON.stringify(value), version, deps.clock.now().toISOString())) === 0) throw new AppError('VERSION_MISMATCH', undefined, { entity: 'rules' });
      await deps.audit.record(trx, ctx, { officeId, action: `${key}.rules.update`, entityType: 'office_rules', entityId: officeId, before: before.rules, after: value });
    });
    return get(officeId);
  }
  return { get, set };
}
