import { EditOutlined } from '@ant-design/icons';
import { App, Alert, Button, Card, Flex, InputNumber, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { Compliance, MeetingKind } from '../../../../shared/contracts/meetings.ts';
import { ErrorAlert } from '../../../components/ErrorText.tsx';
import { PageLoading } from '../../../components/PageLoading.tsx';
import { PageTitle } from '../../../components/PageTitle.tsx';
import { common, useI18n } from '../../../i18n.tsx';
import { todayInChina } from '../../../time.ts';
import { useQuery } from '../../../use-query.ts';
import { useCurrentOffice } from '../../organization/components/OfficeScope.tsx';
import { meetingsApi } from '../api.ts';
import { ReasonModal } from '../components/ReasonModal.tsx';
import { KIND_LABELS, m } from '../messages.ts';

type Series = Compliance['series'][number];
type Period = Series['periods'][number];
type Overdue = Compliance['overdueDecisions'][number];

const STATE = {
  held: { color: 'green', text: m.periodHeld },
  breach: { color: 'red', text: m.periodBreach },
  pending: { color: 'blue', text: m.periodPending },
  future: { color: 'default', text: m.periodFuture },
} as const;

/**
 * 会议制度执行情况 (A1-8, A2-6): per quarter whether a plenary was held and who chaired it, per month whether the office
 * met; periods without one in red (an explanation is shown beside it, never in its place); overdue decisions.
 */
export default function CompliancePage() {
  const office = useCurrentOffice();
  const { t } = useI18n();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const year = Number(params.get('year')) || Number(todayInChina().slice(0, 4));
  const q = useQuery(() => meetingsApi.compliance(office.id, year), [office.id, year]);
  const [explaining, setExplaining] = useState<{ kind: MeetingKind; period: string } | null>(null);
  const canExplain = office.can('meeting.manage');
  const meetingPath = (id: string) => `/offices/${office.id}/meetings/${id}`;

  const columns = (s: Series): TableColumnsType<Period> => [
    { title: t(m.period), dataIndex: 'period', width: 100 },
    {
      title: t(m.status),
      dataIndex: 'state',
      width: 100,
      render: (v: Period['state']) => (
        <Tag color={STATE[v].color} data-testid="period-state" data-state={v}>
          {t(STATE[v].text)}
        </Tag>
      ),
    },
    {
      title: `${t(m.meeting)} / ${t(m.chair)}`,
      dataIndex: 'meetings',
      render: (list: Period['meetings']) =>
        list.length ? (
          <Flex vertical>
            {list.map((x) => (
              <span key={x.meetingId}>
                <Link to={meetingPath(x.meetingId)}>{x.title}</Link>
                <Typography.Text type="secondary">
                  {' '}
                  {x.date}
                  {x.chairName ? ` · ${t(m.chair)}：${x.chairName}${x.chairVia === 'delegation' ? `（${t(m.delegated)}）` : ''}` : ''}
                </Typography.Text>
              </span>
            ))}
          </Flex>
        ) : (
          '—'
        ),
    },
    {
      title: t(m.explanation),
      dataIndex: 'explanation',
      render: (v: string | null, p) => (
        <Flex gap={8} align="center" wrap>
          {v && <span data-testid="period-explanation">{v}</span>}
          {canExplain && p.state === 'breach' && (
            <Button size="small" icon={<EditOutlined />} onClick={() => setExplaining({ kind: s.kind, period: p.period })} data-testid="explain">
              {t(m.explain)}
            </Button>
          )}
        </Flex>
      ),
    },
  ];

  const overdueColumns: TableColumnsType<Overdue> = [
    { title: t(m.meeting), dataIndex: 'meetingTitle', render: (v: string, d) => <Link to={`${meetingPath(d.meetingId)}/minutes`}>{v}</Link> },
    { title: t(m.decisionText), dataIndex: 'text', render: (v: string, d) => `${t(m.decision, { n: d.number })}　${v}` },
    { title: t(m.ownerUnit), dataIndex: 'ownerUnitName', width: 160 },
    { title: t(m.deadline), dataIndex: 'deadline', width: 110 },
    { title: t(m.status), dataIndex: 'overdueDays', width: 110, render: (n: number) => <Tag color="red">{t(m.overdue, { n })}</Tag> },
    { title: t(m.openTask), dataIndex: 'followUp', width: 100, render: (f: Overdue['followUp']) => (f?.taskId ? <Link to={`/offices/${office.id}/ledger/tasks/${f.taskId}`}>{t(m.openTask)}</Link> : '—') },
  ];

  return (
    <div data-testid="compliance-page">
      <PageTitle
        title={t(m.complianceTitle)}
        subtitle={t(m.complianceSubtitle)}
        extra={<InputNumber aria-label={t(m.year)} min={2000} max={2100} value={year} onChange={(v) => v && setParams({ year: String(v) }, { replace: true })} prefix={t(m.year)} style={{ width: 150 }} data-testid="compliance-year" />}
      />
      <ErrorAlert error={q.error} />
      {!q.data ? (
        q.loading && <PageLoading />
      ) : (
        <>
          {q.data.series.map((s) => (
            <Card
              key={s.kind}
              size="small"
              style={{ marginBottom: 16 }}
              title={`${t(KIND_LABELS[s.kind])}（${s.rule}，${t(s.cadence === 'quarterly' ? m.quarterly : m.monthly)}）`}
              extra={s.breaches > 0 ? <Tag color="red">{t(m.breaches, { n: s.breaches })}</Tag> : null}
              data-testid="compliance-series"
              data-kind={s.kind}
            >
              <Table
                rowKey="period"
                size="small"
                pagination={false}
                columns={columns(s)}
                dataSource={s.periods}
                scroll={{ x: 560 }}
                onRow={(p) => ({ style: p.state === 'breach' ? { background: '#fff1f0' } : undefined })}
              />
            </Card>
          ))}
          <Card size="small" title={t(m.overdueDecisions)} data-testid="overdue-decisions">
            {q.data.overdueDecisions.length === 0 ? (
              <Alert type="success" showIcon title={t(m.noOverdue)} />
            ) : (
              <Table rowKey="decisionId" size="small" pagination={false} columns={overdueColumns} dataSource={q.data.overdueDecisions} scroll={{ x: 720 }} />
            )}
          </Card>
        </>
      )}
      <ReasonModal
        open={explaining !== null}
        title={t(m.explainTitle, { period: explaining?.period ?? '' })}
        okText={t(common.save)}
        label={t(m.explanation)}
        testId="explain"
        onClose={() => setExplaining(null)}
        onSubmit={async ({ reason }) => {
          await meetingsApi.explain(office.id, { kind: explaining!.kind, period: explaining!.period, note: reason });
          setExplaining(null);
          void message.success(t(m.explained));
          void q.reload();
        }}
      />
    </div>
  );
}
