import { PlusOutlined, ReloadOutlined, SettingOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Grid, List, Table, Typography, type TableColumnsType } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { useNavigate } from 'react-router';
import { ErrorAlert } from '../../../components/ErrorText.tsx';
import { PageTitle } from '../../../components/PageTitle.tsx';
import { common, useI18n } from '../../../i18n.tsx';
import { formatInstant } from '../../../time.ts';
import { useQuery } from '../../../use-query.ts';
import { useCurrentOffice } from '../../organization/components/OfficeScope.tsx';
import { reportsApi, type Cycle } from '../api.ts';
import { CycleDeadline } from '../components/CycleDeadline.tsx';
import { SummaryLine } from '../components/CycleSummary.tsx';
import { OpenCycleModal } from '../components/OpenCycleModal.tsx';
import { m } from '../messages.ts';
import { periodLabel } from '../periods.ts';

/** 季度书面汇报 (A1-10): the office's reporting quarters with their deadlines and counts; a row opens its status table. */
export default function CyclesPage() {
  const office = useCurrentOffice();
  const { t } = useI18n();
  const navigate = useNavigate();
  const narrow = !Grid.useBreakpoint().md;
  const cycles = useQuery(() => reportsApi.cycles(office.id), [office.id]);
  const rules = useQuery(() => reportsApi.rules(office.id), [office.id]);
  const [opening, setOpening] = useState(false);
  const canReview = office.can('report.review');
  const base = `/offices/${office.id}/reports`;
  const openCycle = (c: Cycle) => void navigate(`${base}/cycles/${c.id}`);

  const columns: TableColumnsType<Cycle> = [
    {
      title: t(m.quarter),
      key: 'period',
      render: (_, c) => (
        <>
          <Typography.Link strong onClick={() => openCycle(c)}>
            {periodLabel(t, c)}
          </Typography.Link>
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
            {t(m.periodRange, { start: c.periodStart, end: c.periodEnd })}
          </Typography.Text>
        </>
      ),
    },
    { title: t(m.deadline), key: 'due', render: (_, c) => <CycleDeadline cycle={c} /> },
    { title: t(m.units), key: 'units', align: 'right', render: (_, c) => c.summary.units },
    { title: t(m.submittedCount), key: 'submitted', align: 'right', render: (_, c) => c.summary.submitted },
    { title: t(m.onTimeCount), key: 'onTime', align: 'right', render: (_, c) => <span style={{ color: '#389e0d' }}>{c.summary.onTime}</span> },
    { title: t(m.lateCount), key: 'late', align: 'right', render: (_, c) => <span style={{ color: c.summary.late ? '#cf1322' : undefined }}>{c.summary.late}</span> },
    { title: t(m.returnedCount), key: 'returned', align: 'right', render: (_, c) => c.summary.returned },
    { title: t(m.acceptedCount), key: 'accepted', align: 'right', render: (_, c) => c.summary.accepted },
    { title: t(m.missingCount), key: 'missing', align: 'right', render: (_, c) => <span style={{ color: c.summary.missing ? '#cf1322' : undefined }}>{c.summary.missing}</span> },
    { title: t(m.openedAt), key: 'openedAt', responsive: ['xl'], render: (_, c) => formatInstant(c.openedAt) },
  ];

  const list = cycles.data ?? [];
  return (
    <div data-testid="report-cycles-page">
      <PageTitle
        title={t(m.cyclesTitle)}
        subtitle={rules.data ? t(m.cyclesSubtitle, { n: rules.data.rules.dueWorkingDays }) : office.name}
        extra={
          <>
            <Button icon={<ReloadOutlined />} onClick={() => void cycles.reload()}>
              {t(common.reload)}
            </Button>
            <Button icon={<SettingOutlined />} onClick={() => void navigate(`${base}/rules`)} data-testid="report-rules-link">
              {t(m.rules)}
            </Button>
            {canReview && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpening(true)} data-testid="open-cycle">
                {t(m.openCycle)}
              </Button>
            )}
          </>
        }
      />
      <ErrorAlert error={cycles.error} />
      {list.find((c) => !c.dueDate) && <CycleDeadline cycle={list.find((c) => !c.dueDate)!} banner />}
      {!cycles.loading && list.length === 0 ? (
        <Card>
          <Empty description={t(m.noCycles)} />
        </Card>
      ) : narrow ? (
        <List<Cycle>
          loading={cycles.loading}
          dataSource={list}
          rowKey="id"
          data-testid="cycles-list"
          renderItem={(c) => (
            <Card size="small" hoverable title={periodLabel(t, c)} onClick={() => openCycle(c)} style={{ marginBottom: 8 }} data-testid="cycle-row">
              <div>
                {t(m.deadline)}{t(m.colon)}<CycleDeadline cycle={c} />
              </div>
              <Typography.Text type="secondary">
                <SummaryLine summary={c.summary} />
              </Typography.Text>
            </Card>
          )}
        />
      ) : (
        <Table<Cycle>
          rowKey="id"
          size="middle"
          loading={cycles.loading}
          dataSource={list}
          columns={columns}
          pagination={false}
          scroll={{ x: 'max-content' }}
          onRow={(c) => ({ onClick: () => openCycle(c), style: { cursor: 'pointer' }, 'data-testid': 'cycle-row' }) as HTMLAttributes<HTMLElement>}
          data-testid="cycles-table"
        />
      )}
      <OpenCycleModal
        officeId={office.id}
        open={opening}
        onClose={() => setOpening(false)}
        onDone={(c) => {
          setOpening(false);
          openCycle(c);
        }}
      />
    </div>
  );
}
