import type { MeetingStatus, MinutesStatus } from '../../../shared/contracts/meetings.ts';
import { AppError } from '../../platform/errors.ts';

export type MeetingAction = 'send_notice' | 'postpone' | 'cancel' | 'hold' | 'draft_minutes' | 'review_minutes' | 'reopen_minutes' | 'archive_minutes';

/**
 * The meeting lifecycle (A1-8, A2-6): planned → notice sent → held → minutes drafted → minutes reviewed by the chair →
 * archived (存档备查). A meeting not yet held may be postponed (it keeps its state; a sent notice is re-sent) or
 * cancelled, each with a reason.
 */
export const MEETING_TRANSITIONS: Record<MeetingStatus, Partial<Record<MeetingAction, MeetingStatus>>> = {
  planned: { send_notice: 'notice_sent', postpone: 'planned', cancel: 'cancelled' },
  notice_sent: { hold: 'held', postpone: 'notice_sent', cancel: 'cancelled' },
  held: { draft_minutes: 'minutes_drafted' },
  minutes_drafted: { review_minutes: 'minutes_reviewed' },
  minutes_reviewed: { archive_minutes: 'archived', reopen_minutes: 'minutes_drafted' },
  archived: {},
  cancelled: {},
};

const STATUS_ZH: Record<MeetingStatus, string> = {
  planned: '筹备中', notice_sent: '已发通知', held: '已召开', minutes_drafted: '纪要起草中', minutes_reviewed: '纪要已审核', archived: '已存档', cancelled: '已取消',
};

export function nextMeetingStatus(from: MeetingStatus, action: MeetingAction): MeetingStatus {
  const to = MEETING_TRANSITIONS[from][action];
  if (!to) throw new AppError('INVALID_STATE_TRANSITION', `会议处于“${STATUS_ZH[from]}”状态，不能执行此操作 / a meeting that is ${from.replace('_', ' ')} cannot ${action.replace('_', ' ')}`, { from, action });
  return to;
}

/** Before it is held, a meeting's arrangements (agenda, attendance, chair) may change. */
export const ARRANGEABLE: readonly MeetingStatus[] = ['planned', 'notice_sent'];
/** Sign-in is open while the meeting runs and, for the office's record, until the minutes are drafted. */
export const SIGN_IN_OPEN: readonly MeetingStatus[] = ['notice_sent', 'held'];

export type MinutesAction = 'review' | 'reopen' | 'archive';

/** Minutes (and corrections, 勘误): drafted by the office, reviewed by the chair, archived and then frozen. */
export const MINUTES_TRANSITIONS: Record<MinutesStatus, Partial<Record<MinutesAction, MinutesStatus>>> = {
  draft: { review: 'reviewed' },
  reviewed: { archive: 'archived', reopen: 'draft' },
  archived: {},
};

export function nextMinutesStatus(from: MinutesStatus, action: MinutesAction): MinutesStatus {
  const to = MINUTES_TRANSITIONS[from][action];
  if (!to) {
    if (from === 'archived') throw new AppError('INVALID_STATE_TRANSITION', '纪要已存档，不可更改；如需更正请另立勘误记录 / archived minutes are frozen; add a correction instead', { from, action });
    throw new AppError('INVALID_STATE_TRANSITION', `纪要处于“${from}”状态，不能执行此操作 / ${from} minutes cannot ${action}`, { from, action });
  }
  return to;
}

/** Minutes content changes only while drafted. */
export function assertMinutesEditable(status: MinutesStatus): void {
  if (status === 'archived') throw new AppError('INVALID_STATE_TRANSITION', '纪要已存档，不可更改；如需更正请另立勘误记录 / archived minutes are frozen; add a correction instead', { status });
  if (status !== 'draft') throw new AppError('INVALID_STATE_TRANSITION', '纪要已审核，修改前须退回起草 / reviewed minutes must be reopened before they change', { status });
}
