import { BarsOutlined, ClearOutlined, DownloadOutlined, FilterOutlined, PlusOutlined, ReloadOutlined, ScheduleOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, Flex, Grid, Input, List, Pagination, Segmented, Select, Space, Table, Typography, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { TaskSummary } from '../../../../shared/contracts/ledger.ts';
import { ErrorAlert } from '../../../components/ErrorText.tsx';
import { PageTitle } from '../../../components/PageTitle.tsx';
import { common, useI18n } from '../../../i18n.tsx';
import { useSession } from '../../../session.tsx';
import { useQuery } from '../../../use-query.ts';
import { useCurrentOffice } from '../../organization/components/OfficeScope.tsx';
import { ledgerApi, type SavedView } from '../api.ts';
import { BulkAssignModal } from '../components/BulkAssignModal.tsx';
import { PendingExtensions } from '../components/PendingExtensions.tsx';
import { SavedViews } from '../components/SavedViews.tsx';
import { TaskFormModal } from '../components/TaskFormModal.tsx';
import { KeyTaskTag, TaskPercent, TaskStatusTag } from '../components/TaskStatusTag.tsx';
import { TaskTimeline } from '../components/TaskTimeline.tsx';
import { FILTER_KEYS, readFilters, setFilters, type FilterKey } from '../ledger-filters.ts';
import { m, STATUS_LABELS, STATUSES } from '../messages.ts';

const PAGE_SIZES = [20, 50, 100, 200];

/**
 * 改革任务台账: the office's tasks with filters kept in the URL (unit, county, status, key task, deadline range,
 * Chinese text search), paging, saved views, a list or a timeline of the same tasks; the office adds tasks,
 * reassigns lead units in bulk, imports and exports Excel.
 */
export default function LedgerPage() {
  const office = useCurrentOffice();
  const session = useSession();
  const { t } = useI18n();
  const navigate = useNavigate();
  const narrow = !Grid.useBreakpoint().md;
  const [params, setParams] = useSearchParams();
  const canManage = office.can('ledger.manage');

  const filters = readFilters((k) => params.get(k));
  const view = params.get('view') === 'timeline' ? 'timeline' : 'table';
  const pageSize = PAGE_SIZES.includes(Number(params.get('size'))) ? Number(params.get('size')) : 50;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const [q, setQ] = useState(filters.q ?? '');
  const [selected, setSelected] = useState<string[]>([]);
  const [dialog, setDialog] = useState<'create' | 'assign' | null>(null);
  const [filtersOpen, setFiltersOpen] = useState(false);

  const counties = useMemo(() => session.offices.filter((o) => o.parentId === office.id).map((o) => ({ id: o.id, name: o.name })), [session.offices, office.id]);
  const units = useQuery(() => ledgerApi.units(office.id), [office.id]);
  const queryKey = JSON.stringify({ filters, page, pageSize });
  const list = useQuery(() => ledgerApi.tasks(office.id, { ...filters, limit: pageSize, offset: (page - 1) * pageSize }), [office.id, queryKey]);
  const rows = list.data?.items ?? [];

  const update = (patch: Record<string, string | undefined>, keepPage = false) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    if (!keepPage) next.delete('page');
    setParams(next, { replace: true });
    setSelected([]);
  };
  const setFilter = (key: FilterKey, value: string | undefined) => update({ [key]: value });
  const applyView = (v: SavedView) => {
    const f = readFilters((k) => v.filters[k]);
    const next = new URLSearchParams();
    for (const [k, val] of Object.entries(setFilters(f))) next.set(k, String(val));
    if (view === 'timeline') next.set('view', 'timeline');
    setQ(f.q ?? '');
    setParams(next, { replace: true });
    setSelected([]);
  };
  const anyFilter = FILTER_KEYS.some((k) => k !== 'sort' && filters[k] !== undefined);
  const taskPath = (x: TaskSummary) => `/offices/${office.id}/ledger/tasks/${x.id}`;

  const columns: TableColumnsType<TaskSummary> = [
    { title: t(m.code), dataIndex: 'code', width: 96, render: (v: string, x) => <Link to={taskPath(x)}>{v}</Link> },
    {
      title: t(m.title),
      dataIndex: 'title',
      render: (v: string, x) => (
        <Space size={4} wrap>
          <Link to={taskPath(x)} style={{ color: 'inherit' }} data-testid="task-title">
            {x.depth > 0 ? '└ ' : ''}
            {v}
          </Link>
          {x.keyTask && <KeyTaskTag />}
          {x.childCount > 0 && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t(m.subtasks, { n: x.childCount })}</Typography.Text>}
        </Space>
      ),
    },
    { title: t(m.leadUnit), dataIndex: 'leadUnitName', width: 180, render: (v: string | null) => v ?? '—' },
    { title: t(m.deadline), dataIndex: 'deadline', width: 110 },
    { title: t(m.percent), dataIndex: 'percent', width: 140, render: (v: number | null, x) => <TaskPercent percent={v} status={x.status} /> },
    { title: t(m.status), dataIndex: 'status', width: 96, render: (_, x) => <TaskStatusTag status={x.status} /> },
    { title: t(m.lastUpdate), dataIndex: 'lastUpdateOn', width: 110, responsive: ['xxl'], render: (v: string | null) => v ?? '—' },
  ];

  const pagination = {
    current: page,
    pageSize,
    total: list.data?.total ?? 0,
    showSizeChanger: !narrow,
    pageSizeOptions: PAGE_SIZES,
    size: narrow ? ('small' as const) : undefined,
    showTotal: (n: number) => t(m.total, { n }),
    onChange: (p: number, size: number) => update({ page: p > 1 ? String(p) : undefined, size: size !== 50 ? String(size) : undefined }, true),
  };

  const unitOptions = (units.data ?? []).map((u) => ({ value: u.id, label: u.name }));
  const activeFilters = FILTER_KEYS.filter((k) => k !== 'sort' && k !== 'q' && k !== 'level' && filters[k] !== undefined).length;
  const showFilters = !narrow || filtersOpen || activeFilters > 0;
  const filterBar = (
    <Flex wrap gap={8} style={{ marginBottom: 8 }} data-testid="ledger-filters">
      <Input.Search
        allowClear
        value={q}
        placeholder={t(m.searchPlaceholder)}
        aria-label={t(common.search)}
        onChange={(e) => {
          setQ(e.target.value);
          if (!e.target.value) setFilter('q', undefined);
        }}
        onSearch={(v) => setFilter('q', v.trim() || undefined)}
        style={{ width: narrow ? 'calc(100% - 92px)' : 260 }}
        data-testid="filter-q"
      />
      {narrow && (
        <Button icon={<FilterOutlined />} type={activeFilters ? 'primary' : 'default'} ghost={activeFilters > 0} onClick={() => setFiltersOpen((o) => !o)} style={{ width: 84 }} data-testid="toggle-filters">
          {activeFilters ? t(m.filtersOn, { n: activeFilters }) : t(m.filters)}
        </Button>
      )}
      {showFilters && (
        <>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t(m.allUnits)}
            aria-label={t(m.leadUnit)}
            value={filters.unitId}
            onChange={(v?: string) => setFilter('unitId', v)}
            options={unitOptions}
            style={{ width: narrow ? '100%' : 220 }}
            data-testid="filter-unit"
          />
          {counties.length > 0 && (
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t(m.allCounties)}
              aria-label={t(m.counties)}
              value={filters.countyOfficeId}
              onChange={(v?: string) => setFilter('countyOfficeId', v)}
              options={counties.map((c) => ({ value: c.id, label: c.name }))}
              style={{ width: narrow ? 'calc(50% - 4px)' : 200 }}
              data-testid="filter-county"
            />
          )}
          <Select
            allowClear
            placeholder={t(m.allStatus)}
            aria-label={t(m.status)}
            value={filters.status}
            onChange={(v?: string) => setFilter('status', v)}
            options={STATUSES.map((s) => ({ value: s, label: <TaskStatusTag status={s} />, title: t(STATUS_LABELS[s]) }))}
            style={{ width: narrow ? 'calc(50% - 4px)' : 130 }}
            data-testid="filter-status"
          />
          <Select
            allowClear
            placeholder={t(m.anyKey)}
            aria-label={t(m.keyTask)}
            value={filters.keyTask}
            onChange={(v?: string) => setFilter('keyTask', v)}
            options={[
              { value: 'true', label: t(m.keyOnly) },
              { value: 'false', label: t(m.nonKeyOnly) },
            ]}
            style={{ width: narrow ? 'calc(50% - 4px)' : 130 }}
            data-testid="filter-key"
          />
          <Flex align="center" gap={6} style={{ width: narrow ? '100%' : undefined }}>
            <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
              {t(m.deadline)}
            </Typography.Text>
            <Input type="date" aria-label={t(m.deadlineFrom)} title={t(m.deadlineFrom)} value={filters.deadlineFrom ?? ''} onChange={(e) => setFilter('deadlineFrom', e.target.value || undefined)} style={{ width: narrow ? undefined : 150, flex: narrow ? 1 : undefined }} data-testid="filter-from" />
            <span>~</span>
            <Input type="date" aria-label={t(m.deadlineTo)} title={t(m.deadlineTo)} value={filters.deadlineTo ?? ''} onChange={(e) => setFilter('deadlineTo', e.target.value || undefined)} style={{ width: narrow ? undefined : 150, flex: narrow ? 1 : undefined }} data-testid="filter-to" />
          </Flex>
        </>
      )}
    </Flex>
  );

  const toolBar = (
    <Flex wrap gap={8} align="center" justify="space-between" style={{ marginBottom: 12 }}>
      <Flex wrap gap={8} align="center">
        <Segmented
          value={view}
          onChange={(v) => update({ view: v === 'timeline' ? 'timeline' : undefined }, true)}
          options={[
            { value: 'table', label: t(m.viewTable), icon: <BarsOutlined /> },
            { value: 'timeline', label: t(m.viewTimeline), icon: <ScheduleOutlined /> },
          ]}
          data-testid="view-switch"
        />
        <Select
          aria-label={t(m.sortBy)}
          value={filters.sort ?? 'code'}
          onChange={(v: string) => setFilter('sort', v === 'code' ? undefined : v)}
          options={[
            { value: 'code', label: t(m.sortCode) },
            { value: 'deadline', label: t(m.sortDeadline) },
            { value: 'percent', label: t(m.sortPercent) },
            { value: 'updated', label: t(m.sortUpdated) },
          ]}
          style={{ width: 120 }}
        />
        <Checkbox checked={filters.level === 'all'} onChange={(e) => setFilter('level', e.target.checked ? 'all' : undefined)}>
          {t(m.allLevels)}
        </Checkbox>
        <SavedViews officeId={office.id} filters={filters} onApply={applyView} />
        {anyFilter && (
          <Button
            type="link"
            icon={<ClearOutlined />}
            onClick={() => {
              setQ('');
              update(Object.fromEntries(FILTER_KEYS.filter((k) => k !== 'sort').map((k) => [k, undefined])));
            }}
          >
            {t(m.clearFilters)}
          </Button>
        )}
      </Flex>
      {canManage && selected.length > 0 && (
        <Space data-testid="bulk-bar">
          <Typography.Text>{t(m.selected, { n: selected.length })}</Typography.Text>
          <Button onClick={() => setDialog('assign')} data-testid="bulk-assign">
            {t(m.bulkAssign)}
          </Button>
        </Space>
      )}
    </Flex>
  );

  const cards = (
    <List<TaskSummary>
      loading={list.loading}
      dataSource={rows}
      rowKey="id"
      pagination={pagination}
      locale={{ emptyText: t(m.noTasks) }}
      data-testid="ledger-cards"
      renderItem={(x) => (
        <Card size="small" style={{ marginBottom: 8 }} data-testid="ledger-card">
          <Flex justify="space-between" align="center" gap={8}>
            <Space size={6}>
              {canManage && (
                <Checkbox
                  checked={selected.includes(x.id)}
                  aria-label={x.code}
                  onChange={(e) => setSelected((s) => (e.target.checked ? [...s, x.id] : s.filter((id) => id !== x.id)))}
                />
              )}
              <Typography.Text type="secondary">{x.code}</Typography.Text>
              {x.keyTask && <KeyTaskTag />}
            </Space>
            <TaskStatusTag status={x.status} />
          </Flex>
          <Link to={taskPath(x)} style={{ display: 'block', margin: '6px 0', fontWeight: 500, color: 'inherit' }}>
            {x.title}
          </Link>
          <Flex justify="space-between" align="center" gap={8} wrap>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {x.leadUnitName ?? '—'} · {t(m.deadline)} {x.deadline}
            </Typography.Text>
            <TaskPercent percent={x.percent} status={x.status} width={120} />
          </Flex>
        </Card>
      )}
    />
  );

  return (
    <div data-testid="ledger-page">
      <PageTitle
        title={t(m.ledgerTitle)}
        subtitle={office.name}
        extra={
          <>
            <Button icon={<ReloadOutlined />} onClick={() => void list.reload()} aria-label={t(common.reload)}>
              {narrow ? null : t(common.reload)}
            </Button>
            <Button icon={<DownloadOutlined />} href={ledgerApi.exportUrl(office.id)} download data-testid="export-excel" aria-label={t(m.exportExcel)} title={t(m.exportExcel)}>
              {narrow ? null : t(m.exportExcel)}
            </Button>
            {canManage && (
              <Button icon={<UploadOutlined />} onClick={() => void navigate(`/offices/${office.id}/ledger/import`)} data-testid="import-excel" aria-label={t(m.importExcel)} title={t(m.importExcel)}>
                {narrow ? null : t(m.importExcel)}
              </Button>
            )}
            {canManage && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog('create')} data-testid="new-task">
                {t(m.newTask)}
              </Button>
            )}
          </>
        }
      />
      {canManage && <PendingExtensions officeId={office.id} />}
      {filterBar}
      {toolBar}
      <ErrorAlert error={list.error} />
      {view === 'timeline' ? (
        <>
          <TaskTimeline officeId={office.id} tasks={rows} linkTo={taskPath} />
          {(list.data?.total ?? 0) > rows.length && (
            <Flex justify="space-between" align="center" wrap gap={8} style={{ marginTop: 8 }}>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t(m.timelinePageOnly, { n: rows.length })}
              </Typography.Text>
              <Pagination {...pagination} />
            </Flex>
          )}
        </>
      ) : narrow ? (
        cards
      ) : (
        <Table<TaskSummary>
          rowKey="id"
          size="small"
          loading={list.loading}
          dataSource={rows}
          columns={columns}
          pagination={pagination}
          scroll={{ x: 960 }}
          rowSelection={canManage ? { selectedRowKeys: selected, onChange: (keys) => setSelected(keys as string[]), preserveSelectedRowKeys: false } : undefined}
          locale={{ emptyText: t(m.noTasks) }}
          data-testid="ledger-table"
        />
      )}
      {dialog === 'create' && (
        <TaskFormModal
          officeId={office.id}
          task={null}
          units={units.data ?? []}
          counties={counties}
          onClose={() => setDialog(null)}
          onDone={(task) => {
            setDialog(null);
            void navigate(`/offices/${office.id}/ledger/tasks/${task.id}`);
          }}
        />
      )}
      {dialog === 'assign' && (
        <BulkAssignModal
          officeId={office.id}
          taskIds={selected}
          units={(units.data ?? []).filter((u) => u.active)}
          onClose={() => setDialog(null)}
          onDone={() => {
            setDialog(null);
            setSelected([]);
            void list.reload();
          }}
        />
      )}
    </div>
  );
}
