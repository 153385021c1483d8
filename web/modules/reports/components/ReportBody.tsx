import { Typography } from 'antd';
import { useI18n } from '../../../i18n.tsx';
import { m } from '../messages.ts';

/** The plain-text body as written (line breaks kept), readable on a phone. */
export function ReportBody({ body }: { body: string }) {
  const { t } = useI18n();
  if (!body.trim()) return <Typography.Text type="secondary">{t(m.emptyBody)}</Typography.Text>;
  return (
    <Typography.Paragraph data-testid="report-body" style={{ whiteSpace: 'pre-wrap', fontSize: 15, lineHeight: 1.8, marginBottom: 0 }}>
      {body}
    </Typography.Paragraph>
  );
}
