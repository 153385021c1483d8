import { Empty, Timeline, Typography } from 'antd';
import { useI18n } from '../../../i18n.tsx';
import { formatInstant } from '../../../time.ts';
import type { ReportEvent } from '../api.ts';
import { m } from '../messages.ts';

const COLORS: Record<string, string> = { submit: 'blue', return: 'red', accept: 'green' };

/** The report's timeline: each submission (with its revision), return (with the reason) and acceptance. */
export function ReportHistory({ events }: { events: ReportEvent[] }) {
  const { t } = useI18n();
  if (events.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(m.noHistory)} />;
  const label = (e: ReportEvent) => (e.action === 'submit' ? t(m.ev_submit, { n: e.revision }) : e.action === 'return' ? t(m.ev_return) : e.action === 'accept' ? t(m.ev_accept) : e.action);
  return (
    <Timeline
      data-testid="report-history"
      items={events.map((e) => ({
        key: e.id,
        color: COLORS[e.action] ?? 'gray',
        content: (
          <div data-testid="history-event" data-action={e.action}>
            <Typography.Text strong style={{ display: 'block' }}>
              {label(e)}
            </Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {formatInstant(e.at)}
              {e.actorName ? ` · ${e.actorName}` : ''}
            </Typography.Text>
            {e.reason ? (
              <Typography.Paragraph style={{ margin: '4px 0 0', whiteSpace: 'pre-wrap' }} data-testid="history-reason">
                {t(m.reasonLabel)}{t(m.colon)}{e.reason}
              </Typography.Paragraph>
            ) : null}
          </div>
        ),
      }))}
    />
  );
}
