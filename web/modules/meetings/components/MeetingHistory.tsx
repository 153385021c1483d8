import { Card, Timeline, Typography } from 'antd';
import { useI18n, type Text } from '../../../i18n.tsx';
import { useQuery } from '../../../use-query.ts';
import { meetingsApi } from '../api.ts';
import { m } from '../messages.ts';
import { formatMinute } from './common.tsx';

const ACTIONS: Record<string, Text> = {
  create: m.eventCreate,
  set_chair: m.eventSetChair,
  send_notice: m.eventSendNotice,
  postpone: m.eventPostpone,
  cancel: m.eventCancel,
  hold: m.eventHold,
  draft_minutes: m.eventDraftMinutes,
  review_minutes: m.eventReviewMinutes,
  reopen_minutes: m.eventReopenMinutes,
  archive_minutes: m.eventArchiveMinutes,
};

/** 办理记录: who did what to the meeting and when, with the reason of a postponement or cancellation. */
export function MeetingHistory({ officeId, meetingId, version }: { officeId: string; meetingId: string; version: number }) {
  const { t } = useI18n();
  const q = useQuery(() => meetingsApi.history(officeId, meetingId), [officeId, meetingId, version]);
  return (
    <Card size="small" title={t(m.history)} style={{ marginBottom: 16 }} data-testid="meeting-history">
      <Timeline
        items={(q.data ?? []).map((e) => {
          const label = ACTIONS[e.action];
          return {
            key: e.id,
            content: (
              <span data-testid="history-event" data-action={e.action}>
                {label ? t(label) : e.action}
                <Typography.Text type="secondary">
                  {' '}
                  {formatMinute(e.at)}
                  {e.actorName ? ` · ${e.actorName}` : ''}
                </Typography.Text>
                {e.reason && <div>{e.reason}</div>}
              </span>
            ),
          };
        })}
      />
    </Card>
  );
}
