import type { DocumentStatus, IncomingStatus } from '../../../shared/contracts/documents.ts';
import { DOCUMENT_STATUS_LABELS, INCOMING_STATUS_LABELS } from '../../../shared/contracts/documents.ts';
import { AppError } from '../../platform/errors.ts';

export type DocumentAction = 'submit' | 'submit_direct' | 'approve_step' | 'approve_last' | 'return' | 'sign' | 'number' | 'issue' | 'void' | 'cancel';

/**
 * The outgoing document lifecycle (A2-12). 核稿: each reviewer of the office's chain approves in turn or returns the
 * draft; with no chain the draft goes straight to sign-off. The number is given only after sign-off; a numbered
 * document is issued (and distributed) or voided — the number stays in the register either way, never reused.
 */
export const DOCUMENT_TRANSITIONS: Record<DocumentStatus, Partial<Record<DocumentAction, DocumentStatus>>> = {
  draft: { submit: 'in_review', submit_direct: 'awaiting_signoff', cancel: 'cancelled' },
  in_review: { approve_step: 'in_review', approve_last: 'awaiting_signoff', return: 'draft', cancel: 'cancelled' },
  awaiting_signoff: { sign: 'signed', return: 'draft', cancel: 'cancelled' },
  signed: { number: 'numbered', cancel: 'cancelled' },
  numbered: { issue: 'issued', void: 'voided' },
  issued: {},
  voided: {},
  cancelled: {},
};

export const EDITABLE_DOCUMENT_STATUSES: readonly DocumentStatus[] = ['draft'];

export function nextDocumentStatus(from: DocumentStatus, action: DocumentAction): DocumentStatus {
  const to = DOCUMENT_TRANSITIONS[from][action];
  if (!to)
    throw new AppError('INVALID_STATE_TRANSITION', `公文处于“${DOCUMENT_STATUS_LABELS[from]}”状态，不能执行此操作 / a ${from} document cannot ${action.replace('_', ' ')}`, { from, action });
  return to;
}

export type IncomingAction = 'register' | 'reject' | 'forward' | 'file' | 'instruct' | 'close';

/**
 * Incoming documents and major-matter reports (A2-11, A2-12): the office registers each under its own incoming number,
 * forwards (呈批) it — major matters to the leader — who records an instruction that goes back to the submitter;
 * a filing (报备) can simply be filed; the office closes what has been instructed.
 */
export const INCOMING_TRANSITIONS: Record<IncomingStatus, Partial<Record<IncomingAction, IncomingStatus>>> = {
  submitted: { register: 'registered', reject: 'rejected' },
  registered: { forward: 'forwarded', file: 'filed' },
  forwarded: { instruct: 'instructed' },
  instructed: { close: 'closed' },
  filed: {},
  closed: {},
  rejected: {},
};

export function nextIncomingStatus(from: IncomingStatus, action: IncomingAction): IncomingStatus {
  const to = INCOMING_TRANSITIONS[from][action];
  if (!to) throw new AppError('INVALID_STATE_TRANSITION', `来文处于“${INCOMING_STATUS_LABELS[from]}”状态，不能执行此操作 / an incoming item that is ${from} cannot be ${action}ed`, { from, action });
  return to;
}
