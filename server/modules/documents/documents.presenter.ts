// The wire shapes of documents: rows never leave the module as they are.
import {
  DOCUMENT_STATUS_LABELS,
  type Document,
  type DocumentStatus,
  type Issuer,
  type Recipient,
} from '../../../shared/contracts/documents.ts';
import type { DocumentRow, DocumentsRepository } from './documents.repository.ts';
import { signerLabel } from './documents.rules.ts';

type Reviews = Awaited<ReturnType<DocumentsRepository['listReviews']>>;
type Files = Awaited<ReturnType<DocumentsRepository['listFiles']>>;

const json = <T>(s: string | null, fallback: T): T => (s ? (JSON.parse(s) as T) : fallback);

export function presentDocument(row: DocumentRow, reviews: Reviews, files: Files, abilities: Document['abilities']): Document {
  const status = row.status as DocumentStatus;
  const step = status === 'in_review' ? reviews.find((r) => r.round === row.reviewRound && r.decision === null) : undefined;
  return {
    id: row.id,
    officeId: row.officeId,
    issuer: row.issuer as Issuer,
    issuerCode: row.issuerCode,
    issuerName: row.issuerName,
    kind: row.kind as Document['kind'],
    direction: row.direction as Document['direction'],
    title: row.title,
    addressees: json<Recipient[]>(row.addressees, []),
    body: row.body,
    attachments: json<Document['attachments']>(row.attachments, []),
    copyTo: json<Recipient[]>(row.copyTo, []),
    classification: row.classification as Document['classification'],
    secrecyPeriod: row.secrecyPeriod,
    urgency: row.urgency as Document['urgency'],
    disclosure: row.disclosure as Document['disclosure'],
    disclosureReason: row.disclosureReason,
    note: row.note,
    sealedOnBehalf: Boolean(row.sealedOnBehalf),
    signatureName: row.signatureName,
    printedBy: row.printedBy,
    printedOn: row.printedOn,
    status,
    statusLabel: DOCUMENT_STATUS_LABELS[status],
    reviewRound: row.reviewRound,
    reviews: reviews.map((r) => ({ round: r.round, step: r.step, reviewerPersonId: r.reviewerPersonId, reviewerName: r.reviewerName, decision: r.decision as 'approved' | 'returned' | null, comment: r.comment, decidedAt: r.decidedAt })),
    currentReviewer: step ? { personId: step.reviewerPersonId, name: step.reviewerName } : null,
    signoff:
      row.signedByPersonId && row.signedByName && row.signedOn && row.signedAt && row.signVia
        ? {
            signerLabel: signerLabel(row.signedByName, row.signVia as 'post' | 'delegation'),
            signedByPersonId: row.signedByPersonId,
            signedByName: row.signedByName,
            signedOn: row.signedOn,
            signedAt: row.signedAt,
            via: row.signVia as 'post' | 'delegation',
            delegationId: row.delegationId,
            onBehalfOfName: row.onBehalfOfName,
            opinion: row.signOpinion,
          }
        : null,
    number:
      row.docNumber && row.issuerCode && row.docYear !== null && row.docSerial !== null && row.numberedAt
        ? { text: row.docNumber, issuerCode: row.issuerCode, year: row.docYear, serial: row.docSerial, numberedAt: row.numberedAt, numberedByName: row.numberedByName }
        : null,
    issuedAt: row.issuedAt,
    issuedByName: row.issuedByName,
    digest: row.digest,
    closedAt: row.closedAt,
    closeReason: row.closeReason,
    files: files.map((f) => ({ id: f.id, filename: f.filename, mime: f.mime, size: f.size, digest: f.digest, createdAt: f.createdAt })),
    createdByName: row.createdByName,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    version: row.version,
    abilities,
  };
}

type ListRow = Awaited<ReturnType<DocumentsRepository['listDocuments']>>[number];
export const presentListItem = (r: ListRow) => ({
  id: r.id,
  officeId: r.officeId,
  issuer: r.issuer as Issuer,
  kind: r.kind as Document['kind'],
  direction: r.direction as Document['direction'],
  title: r.title,
  status: r.status as DocumentStatus,
  statusLabel: DOCUMENT_STATUS_LABELS[r.status as DocumentStatus],
  issuedAt: r.issuedAt,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
  version: r.version,
  number: r.docNumber,
  signedOn: r.signedOn,
});
