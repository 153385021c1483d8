import { ArrowLeftOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Grid, InputNumber, List, Progress, Select, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useSearchParams, useNavigate } from 'react-router';
import { ErrorAlert } from '../../../components/ErrorText.tsx';
import { PageTitle } from '../../../components/PageTitle.tsx';
import { common, useI18n } from '../../../i18n.tsx';
import { todayInChina } from '../../../time.ts';
import { useQuery } from '../../../use-query.ts';
import { useCurrentOffice } from '../../organization/components/OfficeScope.tsx';
import { reportsApi, type ChildSummary } from '../api.ts';
import { m } from '../messages.ts';
import { lastEndedQuarter } from '../periods.ts';

function Completion({ row }: { row: ChildSummary }) {
  const { t } = useI18n();
  if (!row.cycleOpened) return <Tag>{t(m.notOpened)}</Tag>;
  if (row.completionRate === null) return <span>—</span>;
  const rate = row.completionRate;
  return <Progress percent={rate} size="small" status={rate >= 100 ? 'success' : 'normal'} format={(p) => `${p}%`} style={{ minWidth: 140, marginBottom: 0 }} />;
}

/** A1-16: a prefecture reads its counties' and parks' completion for one quarter (read-only). */
export default function ChildrenPage() {
  const office = useCurrentOffice();
  const { t } = useI18n();
  const navigate = useNavigate();
  const narrow = !Grid.useBreakpoint().md;
  const [params, setParams] = useSearchParams();
  const fallback = lastEndedQuarter(todayInChina());
  const year = Number(params.get('year')) || fallback.year;
  const quarter = [1, 2, 3, 4].includes(Number(params.get('quarter'))) ? Number(params.get('quarter')) : fallback.quarter;
  const list = useQuery(() => reportsApi.children(office.id, { year, quarter }), [office.id, year, quarter]);
  const set = (next: { year?: number; quarter?: number }) => setParams({ year: String(next.year ?? year), quarter: String(next.quarter ?? quarter) }, { replace: true });
  const rows = [...(list.data ?? [])].sort((a, b) => (b.completionRate ?? -1) - (a.completionRate ?? -1));

  const columns: TableColumnsType<ChildSummary> = [
    { title: t(m.childOffice), dataIndex: 'officeName' },
    { title: t(m.completion), key: 'completion', width: 240, render: (_, r) => <Completion row={r} /> },
    { title: t(m.deadline), dataIndex: 'dueDate', render: (v: string | null, r) => (r.cycleOpened ? (v ?? t(m.calendarMissingShort)) : '—') },
    { title: t(m.units), dataIndex: 'units', align: 'right' },
    { title: t(m.submittedCount), dataIndex: 'submitted', align: 'right' },
    { title: t(m.onTimeCount), dataIndex: 'onTime', align: 'right' },
    { title: t(m.missingCount), dataIndex: 'missing', align: 'right', render: (v: number) => <span style={{ color: v ? '#cf1322' : undefined }}>{v}</span> },
  ];

  return (
    <div data-testid="report-children-page">
      <PageTitle
        title={t(m.childrenTitle)}
        subtitle={t(m.childrenSubtitle)}
        extra={
          <>
            <Button icon={<ArrowLeftOutlined />} onClick={() => void navigate(`/offices/${office.id}/reports`)}>
              {t(common.back)}
            </Button>
            <Button icon={<ReloadOutlined />} onClick={() => void list.reload()}>
              {t(common.reload)}
            </Button>
          </>
        }
      />
      <Flex wrap gap={8} align="center" style={{ marginBottom: 12 }}>
        <InputNumber aria-label={t(m.year)} min={2000} max={2100} precision={0} value={year} onChange={(v) => v && set({ year: v })} suffix={t(m.year)} style={{ width: 130 }} />
        <Select aria-label={t(m.quarter)} value={quarter} onChange={(q: number) => set({ quarter: q })} options={[1, 2, 3, 4].map((n) => ({ value: n, label: t(m.quarterN, { n }) }))} style={{ width: 120 }} />
      </Flex>
      <ErrorAlert error={list.error} />
      {narrow ? (
        <List<ChildSummary>
          loading={list.loading}
          dataSource={rows}
          rowKey="officeId"
          locale={{ emptyText: <Empty description={t(m.noChildren)} /> }}
          renderItem={(r) => (
            <Card size="small" style={{ marginBottom: 8 }} styles={{ body: { padding: '8px 12px' } }} data-testid="child-row">
              <Typography.Text strong>{r.officeName}</Typography.Text>
              <Completion row={r} />
              {r.cycleOpened ? (
                <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                  {t(m.submittedCount)} {r.submitted}/{r.units} · {t(m.onTimeCount)} {r.onTime} · {t(m.missingCount)} {r.missing}
                </Typography.Text>
              ) : null}
            </Card>
          )}
        />
      ) : (
        <Table<ChildSummary> rowKey="officeId" size="middle" loading={list.loading} dataSource={rows} columns={columns} pagination={false} scroll={{ x: 'max-content' }} data-testid="children-table" />
      )}
    </div>
  );
}
