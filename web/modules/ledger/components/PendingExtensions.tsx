import { Alert, Space } from 'antd';
import { Link } from 'react-router';
import { useI18n } from '../../../i18n.tsx';
import { useQuery } from '../../../use-query.ts';
import { ledgerApi } from '../api.ts';
import { m } from '../messages.ts';

/** For the office: extension requests waiting for a decision, each a link to its task. Nothing when there are none. */
export function PendingExtensions({ officeId }: { officeId: string }) {
  const { t } = useI18n();
  const pending = useQuery(() => ledgerApi.extensions(officeId, 'pending'), [officeId]);
  const items = pending.data ?? [];
  if (items.length === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 12 }}
      data-testid="pending-extensions"
      title={t(m.pendingExtensions, { n: items.length })}
      description={
        <Space direction="vertical" size={2}>
          {items.slice(0, 5).map((r) => (
            <Link key={r.id} to={`/offices/${officeId}/ledger/tasks/${r.taskId}`}>
              {r.taskCode} {r.taskTitle}（{r.currentDeadline} → {r.newDeadline}，{r.unitName ?? r.requestedByName}）
            </Link>
          ))}
        </Space>
      }
    />
  );
}
