import { FormOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import type { TaskSummary } from '../../../../shared/contracts/ledger.ts';
import { ErrorAlert } from '../../../components/ErrorText.tsx';
import { PageLoading } from '../../../components/PageLoading.tsx';
import { PageTitle } from '../../../components/PageTitle.tsx';
import { common, useI18n } from '../../../i18n.tsx';
import { useSession } from '../../../session.tsx';
import { todayInChina } from '../../../time.ts';
import { useQuery } from '../../../use-query.ts';
import { useCurrentOffice } from '../../organization/components/OfficeScope.tsx';
import { ledgerApi } from '../api.ts';
import { ProgressForm } from '../components/ProgressForm.tsx';
import { KeyTaskTag, TaskPercent, TaskStatusTag } from '../components/TaskStatusTag.tsx';
import { m } from '../messages.ts';

const days = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/** 剩 n 天 / 今天到期 / 逾期 n 天, orange within 3 days, red when overdue (the supervision practice's yellow and red lights). */
function DeadlineHint({ task }: { task: TaskSummary }) {
  const { t } = useI18n();
  if (task.status === 'done' || task.status === 'cancelled') return null;
  const n = days(todayInChina(), task.deadline);
  if (n < 0) return <Tag color="error">{t(m.daysOver, { n: -n })}</Tag>;
  if (n === 0) return <Tag color="error">{t(m.dueToday)}</Tag>;
  return <Tag color={n <= 3 ? 'warning' : 'default'}>{t(m.daysLeft, { n })}</Tag>;
}

/**
 * 我的任务 (liaison and information officers): the tasks their unit leads or supports, soonest deadline first, each
 * with a 报送进展 form that opens in place — text, percent, one evidence file — so a report takes one screen on a phone.
 */
export default function MyTasksPage() {
  const office = useCurrentOffice();
  const session = useSession();
  const { t } = useI18n();
  const list = useQuery(() => ledgerApi.myTasks(office.id), [office.id]);
  const [open, setOpen] = useState<string | null>(null);
  const myUnits = new Set(session.posts.filter((p) => p.officeId === office.id && p.unitId && (p.post === 'liaison_officer' || p.post === 'information_officer')).map((p) => p.unitId));
  const unitNames = [...new Set(session.posts.filter((p) => p.officeId === office.id && p.unitId && myUnits.has(p.unitId)).map((p) => p.unitName))].filter(Boolean).join('、');

  if (!list.data) return list.error ? <ErrorAlert error={list.error} /> : <PageLoading />;
  const tasks = list.data.items;
  return (
    <div data-testid="my-tasks-page">
      <PageTitle
        title={t(m.myTasksTitle)}
        subtitle={unitNames ? `${unitNames} · ${t(m.myTasksSubtitle)}` : t(m.myTasksSubtitle)}
        extra={<Button icon={<ReloadOutlined />} onClick={() => void list.reload()} loading={list.loading} aria-label={t(common.reload)} />}
      />
      {tasks.length === 0 ? (
        <Empty description={t(m.noMyTasks)} />
      ) : (
        <Flex vertical gap={12}>
          {tasks.map((x) => {
            const closed = x.status === 'done' || x.status === 'cancelled';
            return (
              <Card key={x.id} size="small" data-testid="my-task" data-task-id={x.id} styles={{ body: { padding: 12 } }}>
                <Flex justify="space-between" align="start" gap={8}>
                  <Space size={6} wrap>
                    <Typography.Text type="secondary">{x.code}</Typography.Text>
                    <TaskStatusTag status={x.status} />
                    {x.keyTask && <KeyTaskTag />}
                    <Tag bordered={false}>{x.leadUnitId && myUnits.has(x.leadUnitId) ? t(m.myRoleLead) : t(m.myRoleCoop)}</Tag>
                  </Space>
                  <Link to={`/offices/${office.id}/my-tasks/${x.id}`} style={{ whiteSpace: 'nowrap' }}>
                    {t(m.details)}
                  </Link>
                </Flex>
                <Typography.Paragraph strong style={{ margin: '8px 0 6px', fontSize: 15 }} data-testid="my-task-title">
                  {x.title}
                </Typography.Paragraph>
                <Flex justify="space-between" align="center" gap={8} wrap>
                  <Space size={6} wrap>
                    <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                      {t(m.deadline)} {x.deadline}
                    </Typography.Text>
                    <DeadlineHint task={x} />
                  </Space>
                  <TaskPercent percent={x.percent} status={x.status} width={130} />
                </Flex>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {x.lastUpdateOn ? t(m.lastUpdateOn, { date: x.lastUpdateOn }) : t(m.neverUpdated)}
                </Typography.Text>
                {!closed &&
                  (open === x.id ? (
                    <div style={{ marginTop: 12, paddingTop: 12, borderTop: '1px solid #f0f0f0' }}>
                      <ProgressForm
                        officeId={office.id}
                        taskId={x.id}
                        initialPercent={x.childCount === 0 ? x.percent : null}
                        onCancel={() => setOpen(null)}
                        onDone={() => {
                          setOpen(null);
                          void list.reload();
                        }}
                      />
                    </div>
                  ) : (
                    <Button type="primary" ghost block icon={<FormOutlined />} style={{ marginTop: 10 }} onClick={() => setOpen(x.id)} data-testid="report-progress">
                      {t(m.addUpdate)}
                    </Button>
                  ))}
              </Card>
            );
          })}
        </Flex>
      )}
    </div>
  );
}
