import { sql } from 'kysely';
import type { Db, Tx } from '../../db/db.ts';
import type { DocumentsTable, IncomingItemsTable } from '../../db/schema.ts';

type Q = Db | Tx;
type Insert<T> = { [K in keyof T]: T[K] extends import('kysely').Generated<infer U> ? U : T[K] };

/** The office rule key of the 核稿 chain and incoming time limits (platform/office-rules.ts). */
export const RULES_KEY = 'documents';

export type DocumentRow = DocumentsTable & { version: number; sealedOnBehalf: number; reviewRound: number };
export type IncomingRow = IncomingItemsTable & { version: number };

export function createDocumentsRepository() {
  return {
    // ---- offices, people, units
    findOffice: (q: Q, id: string) => q.selectFrom('offices').selectAll().where('id', '=', id).executeTakeFirst(),
    childOffices: (q: Q, officeId: string) => q.selectFrom('offices').select(['id', 'name', 'shortName']).where('parentId', '=', officeId).execute(),
    findUnit: (q: Q, officeId: string, id: string) => q.selectFrom('units').select(['id', 'name', 'officeId']).where('officeId', '=', officeId).where('id', '=', id).executeTakeFirst(),
    peopleByIds: (q: Q, officeId: string, ids: string[]) =>
      ids.length ? q.selectFrom('people').select(['id', 'name']).where('officeId', '=', officeId).where('id', 'in', ids).execute() : Promise.resolve([]),
    personName: async (q: Q, id: string) => (await q.selectFrom('people').select('name').where('id', '=', id).executeTakeFirst())?.name ?? null,

    // ---- documents
    insertDocument: (q: Q, row: Insert<DocumentsTable>) => q.insertInto('documents').values(row).execute(),
    findDocument: (q: Q, officeId: string, id: string) => q.selectFrom('documents').selectAll().where('officeId', '=', officeId).where('id', '=', id).executeTakeFirst() as Promise<DocumentRow | undefined>,
    findDocumentById: (q: Q, id: string) => q.selectFrom('documents').selectAll().where('id', '=', id).executeTakeFirst() as Promise<DocumentRow | undefined>,
    /** A document row locked for the numbering transaction (PostgreSQL: FOR UPDATE; SQLite writers are serial). */
    lockDocument: (q: Q, dialect: 'sqlite' | 'postgres', officeId: string, id: string) => {
      const base = q.selectFrom('documents').selectAll().where('officeId', '=', officeId).where('id', '=', id);
      return (dialect === 'postgres' ? base.forUpdate() : base).executeTakeFirst() as Promise<DocumentRow | undefined>;
    },
    /** The office's documents; `visibleAll` false: issued ones and those the person reviews. */
    listDocuments: (q: Q, officeId: string, f: { status?: string; q?: string; visibleAll: boolean; reviewerPersonId: string | null }) =>
      q
        .selectFrom('documents')
        .select(['id', 'officeId', 'issuer', 'kind', 'direction', 'title', 'status', 'issuedAt', 'createdAt', 'updatedAt', 'version', 'docNumber', 'signedOn'])
        .where('officeId', '=', officeId)
        .$if(Boolean(f.status), (qb) => qb.where('status', '=', f.status!))
        .$if(Boolean(f.q), (qb) => qb.where((w) => w.or([w('title', 'like', `%${f.q}%`), w('docNumber', 'like', `%${f.q}%`)])))
        .$if(!f.visibleAll, (qb) =>
          qb.where((w) =>
            w.or([
              w('status', '=', 'issued'),
              w.exists(w.selectFrom('documentReviews').select('documentReviews.id').whereRef('documentReviews.documentId', '=', 'documents.id').where('documentReviews.reviewerPersonId', '=', f.reviewerPersonId ?? '-')),
            ]),
          ),
        )
        .orderBy('updatedAt', 'desc')
        .orderBy('id', 'desc')
        .limit(500)
        .execute(),
    updateDocument: async (q: Q, id: string, version: number, patch: Partial<Insert<DocumentsTable>>) =>
      Number((await q.updateTable('documents').set({ ...patch, version: version + 1 }).where('id', '=', id).where('version', '=', version).executeTakeFirst()).numUpdatedRows),

    insertReviews: (q: Q, rows: Array<{ id: string; documentId: string; round: number; step: number; reviewerPersonId: string; reviewerName: string; decision: null; comment: null; decidedAt: null }>) =>
      rows.length ? q.insertInto('documentReviews').values(rows).execute() : Promise.resolve([]),
    listReviews: (q: Q, documentId: string) => q.selectFrom('documentReviews').selectAll().where('documentId', '=', documentId).orderBy('round').orderBy('step').execute(),
    decideReview: (q: Q, id: string, decision: 'approved' | 'returned', comment: string | null, at: string) =>
      q.updateTable('documentReviews').set({ decision, comment, decidedAt: at }).where('id', '=', id).where('decision', 'is', null).execute(),
    isReviewer: async (q: Q, documentId: string, personId: string) =>
      Boolean(await q.selectFrom('documentReviews').select('id').where('documentId', '=', documentId).where('reviewerPersonId', '=', personId).executeTakeFirst()),

    insertEvent: (q: Q, row: { id: string; documentId: string; action: string; at: string; actorName: string | null; detail: string | null }) => q.insertInto('documentEvents').values(row).execute(),
    listEvents: (q: Q, documentId: string) => q.selectFrom('documentEvents').selectAll().where('documentId', '=', documentId).orderBy('at').orderBy('id').execute(),

    /**
     * The next serial of a counter, inside the caller's transaction: an atomic upsert. On PostgreSQL the counter row
     * stays locked until the transaction ends, so concurrent numberings queue and a rolled-back one leaves no gap.
     */
    nextSerial: async (q: Q, scope: string, year: number) => {
      const r = await q
        .insertInto('documentCounters')
        .values({ scope, year, lastSerial: 1 })
        .onConflict((oc) => oc.columns(['scope', 'year']).doUpdateSet({ lastSerial: sql<number>`document_counters.last_serial + 1` }))
        .returning('lastSerial')
        .executeTakeFirstOrThrow();
      return Number(r.lastSerial);
    },
    insertNumber: (q: Q, row: { id: string; issuerCode: string; year: number; serial: number; number: string; documentId: string; officeId: string; assignedAt: string; assignedByName: string | null; voidedAt: null; voidReason: null }) =>
      q.insertInto('documentNumbers').values(row).execute(),
    voidNumber: (q: Q, documentId: string, at: string, reason: string) => q.updateTable('documentNumbers').set({ voidedAt: at, voidReason: reason }).where('documentId', '=', documentId).execute(),
    register: (q: Q, officeId: string, f: { year?: number; issuerCode?: string }) =>
      q
        .selectFrom('documentNumbers')
        .innerJoin('documents', 'documents.id', 'documentNumbers.documentId')
        .select(['documentNumbers.number', 'documentNumbers.issuerCode', 'documentNumbers.year', 'documentNumbers.serial', 'documentNumbers.documentId', 'documents.title', 'documents.status', 'documentNumbers.assignedAt', 'documentNumbers.assignedByName', 'documentNumbers.voidedAt', 'documentNumbers.voidReason'])
        .where('documentNumbers.officeId', '=', officeId)
        .$if(f.year !== undefined, (qb) => qb.where('documentNumbers.year', '=', f.year!))
        .$if(f.issuerCode !== undefined, (qb) => qb.where('documentNumbers.issuerCode', '=', f.issuerCode!))
        .orderBy('documentNumbers.issuerCode')
        .orderBy('documentNumbers.year', 'desc')
        .orderBy('documentNumbers.serial')
        .execute(),

    // ---- distribution and receipts
    insertDistribution: async (q: Q, row: { id: string; documentId: string; officeId: string; role: string; recipientType: string; recipientId: string; recipientOfficeId: string; recipientName: string; distributedAt: string; distributedByName: string | null }) => {
      const r = await q.insertInto('documentDistributions').values(row).onConflict((oc) => oc.columns(['documentId', 'recipientType', 'recipientId']).doNothing()).executeTakeFirst();
      return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
    },
    listDistributions: (q: Q, documentId: string) => q.selectFrom('documentDistributions').selectAll().where('documentId', '=', documentId).orderBy('distributedAt').orderBy('id').execute(),
    listReceipts: (q: Q, distributionIds: string[]) =>
      distributionIds.length ? q.selectFrom('documentReceipts').selectAll().where('distributionId', 'in', distributionIds).orderBy('readAt').execute() : Promise.resolve([]),
    /** What was distributed to this office (as a child office) or to the given units of it. */
    listReceived: (q: Q, officeId: string, f: { asOffice: boolean; unitIds: string[]; accountId: string }) =>
      q
        .selectFrom('documentDistributions')
        .innerJoin('documents', 'documents.id', 'documentDistributions.documentId')
        .innerJoin('offices', 'offices.id', 'documentDistributions.officeId')
        .leftJoin('documentReceipts', (j) => j.onRef('documentReceipts.distributionId', '=', 'documentDistributions.id').on('documentReceipts.accountId', '=', f.accountId))
        .select([
          'documentDistributions.id as distributionId', 'documentDistributions.documentId', 'offices.name as fromOfficeName', 'documents.docNumber as number', 'documents.title',
          'documentDistributions.role', 'documentDistributions.recipientName', 'documentDistributions.distributedAt', 'documentReceipts.readAt',
        ])
        .where('documentDistributions.recipientOfficeId', '=', officeId)
        .where((w) => {
          const ors = [];
          if (f.asOffice) ors.push(w('documentDistributions.recipientType', '=', 'office'));
          if (f.unitIds.length) ors.push(w.and([w('documentDistributions.recipientType', '=', 'unit'), w('documentDistributions.recipientId', 'in', f.unitIds)]));
          return ors.length ? w.or(ors) : sql<boolean>`1 = 0`;
        })
        .orderBy('documentDistributions.distributedAt', 'desc')
        .execute(),
    findDistribution: (q: Q, id: string) => q.selectFrom('documentDistributions').selectAll().where('id', '=', id).executeTakeFirst(),
    insertReceipt: async (q: Q, row: { id: string; distributionId: string; accountId: string; readerName: string; readAt: string }) => {
      const r = await q.insertInto('documentReceipts').values(row).onConflict((oc) => oc.columns(['distributionId', 'accountId']).doNothing()).executeTakeFirst();
      return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
    },

    // ---- files (documents' and incoming items' attachments)
    insertFile: (q: Q, row: { id: string; officeId: string; ownerType: string; ownerId: string; filename: string; mime: string; size: number; digest: string; content: Buffer; uploadedByName: string | null; deletedAt: null; createdAt: string }) =>
      q.insertInto('files').values(row).execute(),
    listFiles: (q: Q, ownerType: 'document' | 'incoming', ownerId: string) =>
      q.selectFrom('files').select(['id', 'filename', 'mime', 'size', 'digest', 'createdAt']).where('ownerType', '=', ownerType).where('ownerId', '=', ownerId).where('deletedAt', 'is', null).orderBy('createdAt').orderBy('id').execute(),
    listFilesWithContent: (q: Q, ownerType: 'document' | 'incoming', ownerId: string) =>
      q.selectFrom('files').select(['id', 'filename', 'digest', 'content']).where('ownerType', '=', ownerType).where('ownerId', '=', ownerId).where('deletedAt', 'is', null).orderBy('createdAt').orderBy('id').execute(),
    findFile: (q: Q, ownerType: 'document' | 'incoming', ownerId: string, id: string) =>
      q.selectFrom('files').selectAll().where('ownerType', '=', ownerType).where('ownerId', '=', ownerId).where('id', '=', id).where('deletedAt', 'is', null).executeTakeFirst(),
    markFileDeleted: (q: Q, id: string, now: string) => q.updateTable('files').set({ deletedAt: now }).where('id', '=', id).execute(),

    // ---- incoming items
    insertIncoming: (q: Q, row: Insert<IncomingItemsTable>) => q.insertInto('incomingItems').values(row).execute(),
    findIncoming: (q: Q, officeId: string, id: string) => q.selectFrom('incomingItems').selectAll().where('officeId', '=', officeId).where('id', '=', id).executeTakeFirst() as Promise<IncomingRow | undefined>,
    findIncomingById: (q: Q, id: string) => q.selectFrom('incomingItems').selectAll().where('id', '=', id).executeTakeFirst() as Promise<IncomingRow | undefined>,
    listIncoming: (q: Q, officeId: string, f: { status?: string; category?: string; batchId?: string }) =>
      q
        .selectFrom('incomingItems')
        .selectAll()
        .where('officeId', '=', officeId)
        .$if(Boolean(f.status), (qb) => qb.where('status', '=', f.status!))
        .$if(Boolean(f.category), (qb) => qb.where('category', '=', f.category!))
        .$if(Boolean(f.batchId), (qb) => qb.where('batchId', '=', f.batchId!))
        .orderBy('submittedAt', 'desc')
        .orderBy('id', 'desc')
        .limit(500)
        .execute() as Promise<IncomingRow[]>,
    /** What a unit (liaison) or a child office submitted. */
    listSubmitted: (q: Q, f: { unitIds: string[]; officeId: string | null }) =>
      q
        .selectFrom('incomingItems')
        .selectAll()
        .where((w) => {
          const ors = [];
          if (f.unitIds.length) ors.push(w('sourceUnitId', 'in', f.unitIds));
          if (f.officeId) ors.push(w('sourceOfficeId', '=', f.officeId));
          return ors.length ? w.or(ors) : sql<boolean>`1 = 0`;
        })
        .orderBy('submittedAt', 'desc')
        .orderBy('id', 'desc')
        .limit(500)
        .execute() as Promise<IncomingRow[]>,
    updateIncoming: async (q: Q, id: string, version: number, patch: Partial<Insert<IncomingItemsTable>>) =>
      Number((await q.updateTable('incomingItems').set({ ...patch, version: version + 1 }).where('id', '=', id).where('version', '=', version).executeTakeFirst()).numUpdatedRows),
    insertIncomingEvent: (q: Q, row: { id: string; itemId: string; action: string; at: string; actorName: string | null; detail: string | null }) => q.insertInto('incomingEvents').values(row).execute(),
    listIncomingEvents: (q: Q, itemIds: string[]) =>
      itemIds.length ? q.selectFrom('incomingEvents').selectAll().where('itemId', 'in', itemIds).orderBy('at').orderBy('id').execute() : Promise.resolve([]),
  };
}
export type DocumentsRepository = ReturnType<typeof createDocumentsRepository>;
