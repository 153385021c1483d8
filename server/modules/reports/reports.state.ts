import type { ReportStatus } from '../../../shared/contracts/reports.ts';
import { AppError } from '../../platform/errors.ts';

export type ReportAction = 'submit' | 'accept' | 'return';

/** The quarterly report lifecycle (A1-10): the unit submits, the office accepts or returns it for revision. */
export const REPORT_TRANSITIONS: Record<ReportStatus, Partial<Record<ReportAction, ReportStatus>>> = {
  draft: { submit: 'submitted' },
  submitted: { accept: 'accepted', return: 'returned' },
  returned: { submit: 'submitted' },
  accepted: {},
};

export const EDITABLE_STATUSES: readonly ReportStatus[] = ['draft', 'returned'];

export function nextReportStatus(from: ReportStatus, action: ReportAction): ReportStatus {
  const to = REPORT_TRANSITIONS[from][action];
  if (!to) throw new AppError('INVALID_STATE_TRANSITION', `报告处于“${from}”状态，不能${action} / a ${from} report cannot be ${action === 'submit' ? 'submitted' : action + 'ed'}`, { from, action });
  return to;
}
