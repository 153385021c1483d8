import { ArrowLeftOutlined, BellOutlined, CalendarOutlined, FileExcelOutlined, FileWordOutlined, ReloadOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Grid, List, Popconfirm, Segmented, Table, Typography, type TableColumnsType } from 'antd';
import { useMemo, useState, type HTMLAttributes, type MouseEvent } from 'react';
import { useNavigate, useParams } from 'react-router';
import { ErrorAlert } from '../../../components/ErrorText.tsx';
import { PageLoading } from '../../../components/PageLoading.tsx';
import { PageTitle } from '../../../components/PageTitle.tsx';
import { common, useI18n } from '../../../i18n.tsx';
import { formatInstant } from '../../../time.ts';
import { useQuery } from '../../../use-query.ts';
import { useCurrentOffice } from '../../organization/components/OfficeScope.tsx';
import { compilationUrl, reportsApi, statusWorkbookUrl, type StatusRow, type StatusTable } from '../api.ts';
import { CycleDeadline } from '../components/CycleDeadline.tsx';
import { CycleSummary } from '../components/CycleSummary.tsx';
import { ExtendDeadlineModal } from '../components/ExtendDeadlineModal.tsx';
import { ReportStatusTag, StatusLight, Timeliness } from '../components/ReportBadges.tsx';
import { m } from '../messages.ts';
import { periodLabel } from '../periods.ts';

const PENDING: ReadonlyArray<StatusRow['status']> = ['missing', 'draft', 'returned'];

function DaysLeft({ table }: { table: StatusTable }) {
  const { t } = useI18n();
  const due = table.cycle.dueDate;
  if (!due) return null;
  if (table.today > due) return <Typography.Text type="danger">{t(m.overdue)}</Typography.Text>;
  if (table.workingDaysLeft === 0) return <Typography.Text type="warning">{t(m.dueToday)}</Typography.Text>;
  return table.workingDaysLeft === null ? null : <Typography.Text>{t(m.workingDaysLeft, { n: table.workingDaysLeft })}</Typography.Text>;
}

/** 报送情况 of one quarter (A1-10): every unit with status, timeliness and light; reminders and exports for the office. */
export default function CycleStatusPage() {
  const office = useCurrentOffice();
  const { cycleId = '' } = useParams();
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const narrow = !Grid.useBreakpoint().md;
  const table = useQuery(() => reportsApi.status(office.id, cycleId), [office.id, cycleId]);
  const [filter, setFilter] = useState<'all' | 'pending'>('all');
  const [selected, setSelected] = useState<string[]>([]);
  const [reminding, setReminding] = useState(false);
  const canReview = office.can('report.review');
  const canExtend = office.can('report.rules');
  const [extending, setExtending] = useState(false);

  const rows = useMemo(() => {
    const all = table.data?.rows ?? [];
    return filter === 'pending' ? all.filter((r) => PENDING.includes(r.status)) : all;
  }, [table.data, filter]);

  if (!table.data) return table.error ? <ErrorAlert error={table.error} /> : <PageLoading />;
  const data = table.data;
  const cycle = data.cycle;
  const openReport = (r: StatusRow) => {
    if (r.reportId) void navigate(`/offices/${office.id}/reports/report/${r.reportId}`);
  };

  const remind = async (unitIds?: string[]) => {
    setReminding(true);
    try {
      const res = await reportsApi.remind(office.id, cycle.id, unitIds);
      void message.success(t(m.reminded, { units: res.units, people: res.reminded }));
      setSelected([]);
    } catch {
      // shown by the client
    } finally {
      setReminding(false);
    }
  };

  const columns: TableColumnsType<StatusRow> = [
    { title: t(m.light), key: 'light', width: 56, align: 'center', render: (_, r) => <StatusLight light={r.light} /> },
    {
      title: t(m.unit),
      dataIndex: 'unitName',
      render: (v: string, r) => (r.reportId ? <Typography.Link onClick={() => openReport(r)}>{v}</Typography.Link> : v),
    },
    { title: t(m.status), key: 'status', render: (_, r) => <ReportStatusTag status={r.status} /> },
    { title: t(m.timeliness), key: 'timeliness', render: (_, r) => <Timeliness timeliness={r.timeliness} lateWorkingDays={r.lateWorkingDays} /> },
    { title: t(m.submittedAt), dataIndex: 'submittedAt', render: (v: string | null) => (v ? formatInstant(v) : '—') },
    { title: t(m.liaison), dataIndex: 'liaisonName', render: (v: string | null) => v ?? <Typography.Text type="warning">{t(m.noLiaison)}</Typography.Text> },
  ];

  const pendingCount = data.rows.filter((r) => PENDING.includes(r.status)).length;
  return (
    <div data-testid="report-status-page">
      <PageTitle
        title={t(m.statusTitle, { period: periodLabel(t, cycle) })}
        subtitle={
          <Flex wrap gap={8} component="span">
            <span>
              {t(m.deadline)}{t(m.colon)}<CycleDeadline cycle={cycle} />
            </span>
            <DaysLeft table={data} />
          </Flex>
        }
        extra={
          <>
            <Button icon={<ArrowLeftOutlined />} onClick={() => void navigate(`/offices/${office.id}/reports`)}>
              {t(common.back)}
            </Button>
            <Button icon={<ReloadOutlined />} onClick={() => void table.reload()} loading={table.loading}>
              {t(common.reload)}
            </Button>
            {canExtend && (
              <Button icon={<CalendarOutlined />} onClick={() => setExtending(true)} data-testid="extend-deadline">
                {t(m.extendDeadline)}
              </Button>
            )}
            <Button icon={<FileExcelOutlined />} href={statusWorkbookUrl(office.id, cycle.id)} download data-testid="export-status">
              {t(m.exportStatus)}
            </Button>
            <Button icon={<FileWordOutlined />} href={compilationUrl(office.id, cycle.id)} download data-testid="export-compilation">
              {t(m.exportCompilation)}
            </Button>
          </>
        }
      />
      {!cycle.dueDate && <CycleDeadline cycle={cycle} banner />}
      {extending && (
        <ExtendDeadlineModal
          officeId={office.id}
          cycle={cycle}
          open
          onClose={() => setExtending(false)}
          onDone={() => {
            setExtending(false);
            void table.reload();
          }}
        />
      )}
      <CycleSummary summary={cycle.summary} />
      <Flex wrap gap={8} justify="space-between" align="center" style={{ marginBottom: 12 }}>
        <Segmented<'all' | 'pending'>
          value={filter}
          onChange={setFilter}
          options={[
            { value: 'all', label: `${t(m.filterAll)}（${data.rows.length}）` },
            { value: 'pending', label: `${t(m.filterPending)}（${pendingCount}）` },
          ]}
        />
        {canReview && (
          <Flex wrap gap={8}>
            {selected.length > 0 && (
              <Button icon={<BellOutlined />} loading={reminding} onClick={() => void remind(selected)} data-testid="remind-selected">
                {t(m.remindSelected, { n: selected.length })}
              </Button>
            )}
            <Popconfirm title={t(m.remindConfirm)} okText={t(m.remind)} cancelText={t(common.cancel)} onConfirm={() => remind()} disabled={pendingCount === 0}>
              <Button type="primary" icon={<BellOutlined />} loading={reminding} disabled={pendingCount === 0} data-testid="remind-all">
                {t(m.remindAll)}
              </Button>
            </Popconfirm>
          </Flex>
        )}
      </Flex>
      {narrow ? (
        <List<StatusRow>
          dataSource={rows}
          rowKey="unitId"
          data-testid="status-list"
          renderItem={(r) => (
            <Card size="small" style={{ marginBottom: 8, cursor: r.reportId ? 'pointer' : undefined }} styles={{ body: { padding: '8px 12px' } }} onClick={() => openReport(r)} data-testid="status-row">
              <Flex align="center" gap={8}>
                <StatusLight light={r.light} />
                <Typography.Text strong style={{ flex: 1 }}>
                  {r.unitName}
                </Typography.Text>
                <ReportStatusTag status={r.status} />
              </Flex>
              <Flex wrap gap={8} align="center" style={{ marginTop: 4, paddingInlineStart: 20 }}>
                {r.timeliness ? <Timeliness timeliness={r.timeliness} lateWorkingDays={r.lateWorkingDays} /> : null}
                {r.submittedAt ? <Typography.Text type="secondary">{formatInstant(r.submittedAt)}</Typography.Text> : null}
                <Typography.Text type={r.liaisonName ? 'secondary' : 'warning'}>
                  {t(m.liaison)}{t(m.colon)}{r.liaisonName ?? t(m.noLiaison)}
                </Typography.Text>
              </Flex>
            </Card>
          )}
        />
      ) : (
        <Table<StatusRow>
          rowKey="unitId"
          size="middle"
          dataSource={rows}
          columns={columns}
          pagination={false}
          scroll={{ x: 'max-content' }}
          rowSelection={
            canReview
              ? {
                  selectedRowKeys: selected,
                  onChange: (keys) => setSelected(keys.map(String)),
                  getCheckboxProps: (r) => ({ disabled: !PENDING.includes(r.status), 'aria-label': r.unitName }),
                }
              : undefined
          }
          onRow={(r) => ({ onClick: (e: MouseEvent<HTMLElement>) => !(e.target as HTMLElement).closest('.ant-table-selection-column') && openReport(r), style: { cursor: r.reportId ? 'pointer' : undefined }, 'data-testid': 'status-row' }) as HTMLAttributes<HTMLElement>}
          data-testid="status-table"
        />
      )}
    </div>
  );
}
