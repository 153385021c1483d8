import type { z } from 'zod';
import type {
  BatchSchema,
  DistributionListSchema,
  Document,
  DocumentDraftSchema,
  DocumentHistorySchema,
  DocumentListItemSchema,
  DocumentRulesResponseSchema,
  DocumentRules,
  DocumentStatus,
  IncomingCategory,
  IncomingItem,
  IncomingStatus,
  InstructionTask,
  ReceivedItemSchema,
  RegisterSchema,
  SubmissionSchema,
  VerifySchema,
} from '../../../shared/contracts/documents.ts';
import type { Person, Unit } from '../../../shared/contracts/organization.ts';
import { api } from '../../api.ts';

export type { Document, DocumentRules, IncomingItem };
export type DocumentDraft = z.input<typeof DocumentDraftSchema>;
export type DocumentListItem = z.infer<typeof DocumentListItemSchema>;
export type DocumentHistory = z.infer<typeof DocumentHistorySchema>;
export type DistributionList = z.infer<typeof DistributionListSchema>;
export type Register = z.infer<typeof RegisterSchema>;
export type Verify = z.infer<typeof VerifySchema>;
export type ReceivedItem = z.infer<typeof ReceivedItemSchema>;
export type RulesResponse = z.infer<typeof DocumentRulesResponseSchema>;
export type Submission = z.input<typeof SubmissionSchema>;
export type Batch = z.infer<typeof BatchSchema>;
export type Recipient = { role: 'addressee' | 'copy_to'; unitId?: string | null; officeId?: string | null };

const enc = encodeURIComponent;
const base = (officeId: string) => `/api/v1/documents/offices/${enc(officeId)}`;
const doc = (officeId: string, id: string) => `${base(officeId)}/documents/${enc(id)}`;
const inc = (officeId: string, id: string) => `${base(officeId)}/incoming/${enc(id)}`;
const sub = (officeId: string, id: string) => `${base(officeId)}/submissions/${enc(id)}`;
const rec = (officeId: string, id: string) => `${base(officeId)}/received/${enc(id)}`;

/**
 * Official documents (A2-12) and incoming items (A2-11). State changes send the version read (If-Match); refusals
 * come back with the rule named (details.rule) and are shown by the page (quiet).
 */
export const documentsApi = {
  list: (officeId: string, query: { status?: DocumentStatus; q?: string }) => api.get<{ items: DocumentListItem[] }>(`${base(officeId)}/documents`, { query }).then((r) => r.items),
  get: (officeId: string, id: string) => api.get<Document>(doc(officeId, id)),
  create: (officeId: string, body: DocumentDraft) => api.post<Document>(`${base(officeId)}/documents`, body, { quiet: true }),
  update: (officeId: string, d: Document, body: DocumentDraft) => api.put<Document>(doc(officeId, d.id), body, { ifMatch: d.version, quiet: true }),
  submit: (officeId: string, d: Document) => api.post<Document>(`${doc(officeId, d.id)}/submit`, {}, { ifMatch: d.version, quiet: true }),
  approve: (officeId: string, d: Document, comment?: string) => api.post<Document>(`${doc(officeId, d.id)}/approve`, comment ? { comment } : {}, { ifMatch: d.version, quiet: true }),
  returnToDraft: (officeId: string, d: Document, reason: string) => api.post<Document>(`${doc(officeId, d.id)}/return`, { reason }, { ifMatch: d.version, quiet: true }),
  sign: (officeId: string, d: Document, opinion?: string) => api.post<Document>(`${doc(officeId, d.id)}/sign`, opinion ? { opinion } : {}, { ifMatch: d.version, quiet: true }),
  number: (officeId: string, d: Document) => api.post<Document>(`${doc(officeId, d.id)}/number`, {}, { ifMatch: d.version, quiet: true }),
  issue: (officeId: string, d: Document) => api.post<Document>(`${doc(officeId, d.id)}/issue`, {}, { ifMatch: d.version, quiet: true }),
  distribute: (officeId: string, id: string, recipients: Recipient[]) => api.post<DistributionList>(`${doc(officeId, id)}/distribute`, { recipients }, { quiet: true }),
  voidNumber: (officeId: string, d: { id: string; version: number }, reason: string) => api.post<Document>(`${doc(officeId, d.id)}/void`, { reason }, { ifMatch: d.version, quiet: true }),
  cancel: (officeId: string, d: Document, reason: string) => api.post<Document>(`${doc(officeId, d.id)}/cancel`, { reason }, { ifMatch: d.version, quiet: true }),
  history: (officeId: string, id: string) => api.get<DocumentHistory>(`${doc(officeId, id)}/history`),
  distribution: (officeId: string, id: string) => api.get<DistributionList>(`${doc(officeId, id)}/distribution`),
  verify: (officeId: string, id: string) => api.get<Verify>(`${doc(officeId, id)}/verify`, { quiet: true }),
  pdfUrl: (officeId: string, id: string) => `${doc(officeId, id)}/pdf`,
  docxUrl: (officeId: string, id: string) => `${doc(officeId, id)}/docx`,
  upload: (officeId: string, id: string, file: Blob, filename: string) => api.upload<Document>(`${doc(officeId, id)}/attachments`, file, filename, { quiet: true }),
  fileUrl: (officeId: string, id: string, fileId: string) => `${doc(officeId, id)}/attachments/${enc(fileId)}`,
  removeFile: (officeId: string, id: string, fileId: string) => api.delete<Document>(`${doc(officeId, id)}/attachments/${enc(fileId)}`, { quiet: true }),
  register: (officeId: string, query: { year?: number; issuerCode?: string }) => api.get<Register>(`${base(officeId)}/register`, { query }),
  rules: (officeId: string) => api.get<RulesResponse>(`${base(officeId)}/rules`),
  setRules: (officeId: string, body: DocumentRules, version: number) => api.put<RulesResponse>(`${base(officeId)}/rules`, body, { ifMatch: version, quiet: true }),

  received: (officeId: string) => api.get<{ items: ReceivedItem[] }>(`${base(officeId)}/received`).then((r) => r.items),
  openReceived: (officeId: string, distributionId: string) => api.get<Document>(rec(officeId, distributionId)),
  receivedPdfUrl: (officeId: string, distributionId: string) => `${rec(officeId, distributionId)}/pdf`,
  receivedDocxUrl: (officeId: string, distributionId: string) => `${rec(officeId, distributionId)}/docx`,

  submitItem: (officeId: string, body: Submission) => api.post<IncomingItem>(`${base(officeId)}/submissions`, body, { quiet: true }),
  mySubmissions: (officeId: string) => api.get<{ items: IncomingItem[] }>(`${base(officeId)}/submissions`).then((r) => r.items),
  submission: (officeId: string, id: string) => api.get<IncomingItem>(sub(officeId, id)),
  uploadSubmissionFile: (officeId: string, id: string, file: Blob, filename: string) => api.upload<IncomingItem>(`${sub(officeId, id)}/attachments`, file, filename, { quiet: true }),
  submissionFileUrl: (officeId: string, id: string, fileId: string) => `${sub(officeId, id)}/attachments/${enc(fileId)}`,

  inbox: (officeId: string, query: { status?: IncomingStatus; category?: IncomingCategory }) => api.get<{ items: IncomingItem[] }>(`${base(officeId)}/incoming`, { query }).then((r) => r.items),
  item: (officeId: string, id: string) => api.get<IncomingItem>(inc(officeId, id)),
  itemFileUrl: (officeId: string, id: string, fileId: string) => `${inc(officeId, id)}/attachments/${enc(fileId)}`,
  registerItem: (officeId: string, i: IncomingItem) => api.post<IncomingItem>(`${inc(officeId, i.id)}/register`, {}, { ifMatch: i.version, quiet: true }),
  rejectItem: (officeId: string, i: IncomingItem, reason: string) => api.post<IncomingItem>(`${inc(officeId, i.id)}/reject`, { reason }, { ifMatch: i.version, quiet: true }),
  fileItem: (officeId: string, i: IncomingItem) => api.post<IncomingItem>(`${inc(officeId, i.id)}/file`, {}, { ifMatch: i.version, quiet: true }),
  instruct: (officeId: string, i: IncomingItem, instruction: string) => api.post<IncomingItem>(`${inc(officeId, i.id)}/instruct`, { instruction }, { ifMatch: i.version, quiet: true }),
  closeItem: (officeId: string, i: IncomingItem) => api.post<IncomingItem>(`${inc(officeId, i.id)}/close`, {}, { ifMatch: i.version, quiet: true }),
  /** A2-11: the instruction becomes a ledger task (lead unit, deadline), linked both ways. */
  createTask: (officeId: string, i: IncomingItem, body: InstructionTask) => api.post<IncomingItem>(`${inc(officeId, i.id)}/task`, body, { ifMatch: i.version, quiet: true }),
  linkTask: (officeId: string, i: IncomingItem, taskId: string | null) => api.put<IncomingItem>(`${inc(officeId, i.id)}/task`, { taskId }, { quiet: true }),
  forward: (officeId: string, itemIds: string[], to: 'leader' | 'director', note?: string) => api.post<Batch>(`${base(officeId)}/incoming/forward`, { itemIds, to, ...(note ? { note } : {}) }, { quiet: true }),
  batch: (officeId: string, batchId: string) => api.get<Batch>(`${base(officeId)}/incoming/batches/${enc(batchId)}`),

  units: (officeId: string) => api.get<{ items: Unit[] }>(`/api/v1/organization/offices/${enc(officeId)}/units`).then((r) => r.items),
  people: (officeId: string) => api.get<{ items: Person[] }>(`/api/v1/organization/offices/${enc(officeId)}/people`).then((r) => r.items),
};
