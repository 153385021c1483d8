import { ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Col, Empty, Grid, List, Row, Statistic, Typography } from 'antd';
import { useMemo } from 'react';
import { Link, useNavigate } from 'react-router';
import type { Dashboard, TaskStatusName } from '../../../../shared/contracts/ledger.ts';
import { ErrorAlert } from '../../../components/ErrorText.tsx';
import { PageLoading } from '../../../components/PageLoading.tsx';
import { PageTitle } from '../../../components/PageTitle.tsx';
import { common, useI18n } from '../../../i18n.tsx';
import { useSession } from '../../../session.tsx';
import { useQuery } from '../../../use-query.ts';
import { useCurrentOffice } from '../../organization/components/OfficeScope.tsx';
import { ledgerApi } from '../api.ts';
import { ChangesCard } from '../components/ChangesCard.tsx';
import { EChart, type ChartOption } from '../components/EChart.tsx';
import { STATUS_COLORS } from '../components/TaskStatusTag.tsx';
import { m, STATUS_LABELS, STATUSES } from '../messages.ts';

const PRIMARY = '#1f4e8c';
type Area = Dashboard['byUnit'][number] | Dashboard['byCounty'][number];

/** Horizontal bars of average percent done (0–100), one per unit or county, longest names truncated on phones. */
function percentBars(rows: Array<{ name: string; area: Area }>, t: (x: { zh: string; en: string }, v?: Record<string, string | number>) => string, narrow: boolean): ChartOption {
  return {
    grid: { left: 8, right: 72, top: 8, bottom: 8, containLabel: true },
    tooltip: {
      trigger: 'item',
      formatter: (p: { dataIndex: number }) => {
        const r = rows[p.dataIndex];
        if (!r) return '';
        const a = r.area;
        const pct = a.averagePercent === null ? t(m.noFigure) : `${a.averagePercent}%`;
        return `${r.name}<br/>${t(m.averagePercent)}：${pct}<br/>${t(m.tasksN, { n: a.tasks })} · ${t(m.doneN, { n: a.done })} · ${t(m.overdueN, { n: a.overdue })} · ${t(m.atRiskN, { n: a.atRisk })}`;
      },
    },
    xAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' }, splitLine: { lineStyle: { color: '#f0f0f0' } } },
    yAxis: { type: 'category', inverse: true, data: rows.map((r) => r.name), axisTick: { show: false }, axisLabel: { width: narrow ? 96 : 200, overflow: 'truncate' } },
    series: [
      {
        type: 'bar',
        barMaxWidth: 18,
        data: rows.map((r) => ({
          value: r.area.averagePercent ?? 0,
          itemStyle: { color: r.area.overdue > 0 ? STATUS_COLORS.overdue : r.area.atRisk > 0 ? STATUS_COLORS.at_risk : PRIMARY, borderRadius: [0, 3, 3, 0] },
        })),
        label: {
          show: true,
          position: 'right',
          color: '#595959',
          formatter: (p: { dataIndex: number }) => {
            const a = rows[p.dataIndex]?.area;
            return a ? `${a.averagePercent === null ? '—' : `${a.averagePercent}%`} · ${t(m.tasksN, { n: a.tasks })}` : '';
          },
        },
      },
    ],
  };
}

/** What a chart shows, as text for screen readers (and for tests that cannot read a canvas). */
const describeAreas = (rows: Array<{ name: string; area: Area }>) => rows.map((r) => `${r.name} ${r.area.averagePercent === null ? '—' : `${r.area.averagePercent}%`}（${r.area.tasks}）`).join('；');

/**
 * 任务督办驾驶舱: status figures, completion by lead unit, by county or park (a bar per area, click to open its
 * dashboard), key tasks without an update this month, and the monthly trend of updates and closed tasks.
 */
export default function DashboardPage() {
  const office = useCurrentOffice();
  const session = useSession();
  const { t } = useI18n();
  const navigate = useNavigate();
  const narrow = !Grid.useBreakpoint().md;
  const data = useQuery(() => ledgerApi.dashboard(office.id), [office.id]);
  const d = data.data;

  const units = useMemo(() => (d ? [...d.byUnit].sort((a, b) => (b.averagePercent ?? -1) - (a.averagePercent ?? -1)).map((u) => ({ name: u.unitName, area: u as Area, id: u.unitId })) : []), [d]);
  const counties = useMemo(() => (d ? d.byCounty.map((c) => ({ name: c.officeName, area: c as Area, id: c.officeId })) : []), [d]);
  const statusCounts = STATUSES.map((s) => ({ status: s, n: d?.totals.byStatus[s] ?? 0 }));
  const thisMonth = d?.trend[d.trend.length - 1];

  const unitOption = useMemo(() => percentBars(units, t, narrow), [units, t, narrow]);
  const countyOption = useMemo(() => percentBars(counties, t, narrow), [counties, t, narrow]);
  const statusOption = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'item', formatter: '{b}：{c}（{d}%）' },
      legend: { bottom: 0, icon: 'circle', itemWidth: 8, itemHeight: 8 },
      series: [
        {
          type: 'pie',
          radius: ['45%', '70%'],
          center: ['50%', '45%'],
          avoidLabelOverlap: true,
          label: { formatter: '{c}' },
          data: statusCounts.filter((s) => s.n > 0).map((s) => ({ name: t(STATUS_LABELS[s.status]), value: s.n, status: s.status, itemStyle: { color: STATUS_COLORS[s.status] } })),
        },
      ],
    }),
    [JSON.stringify(statusCounts), t],
  );
  const trendOption = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { bottom: 0 },
      grid: { left: 8, right: 16, top: 16, bottom: 36, containLabel: true },
      xAxis: { type: 'category', data: (d?.trend ?? []).map((x) => x.month), boundaryGap: false },
      yAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { color: '#f0f0f0' } } },
      series: [
        { name: t(m.trendUpdates), type: 'line', data: (d?.trend ?? []).map((x) => x.updates), itemStyle: { color: PRIMARY }, areaStyle: { color: 'rgba(31,78,140,0.08)' } },
        { name: t(m.trendDone), type: 'line', data: (d?.trend ?? []).map((x) => x.done), itemStyle: { color: STATUS_COLORS.done } },
      ],
    }),
    [d, t],
  );

  if (!d) return data.error ? <ErrorAlert error={data.error} /> : <PageLoading />;
  const ledger = `/offices/${office.id}/ledger`;
  const openCounty = (id: string) => {
    // Navigate by territory: the county's own dashboard when this account may read it, else this ledger filtered by it.
    const readable = session.offices.some((o) => o.id === id && o.abilities.includes('ledger.read'));
    void navigate(readable ? `/offices/${id}/ledger-dashboard` : `${ledger}?countyOfficeId=${id}`);
  };
  const stat = (key: string, title: string, value: number | string, color?: string, to?: string) => (
    <Col xs={8} sm={8} lg={6} xl={3} key={key}>
      <Card size="small" style={{ height: '100%' }} data-testid={`stat-${key}`} hoverable={Boolean(to)} onClick={to ? () => void navigate(to) : undefined}>
        <Statistic title={title} value={value} styles={{ content: { color, fontSize: narrow ? 18 : 22 } }} />
      </Card>
    </Col>
  );

  return (
    <div data-testid="dashboard-page">
      <PageTitle
        title={t(m.dashboardTitle)}
        subtitle={`${office.name} · ${t(m.asOf, { date: d.asOf })}`}
        extra={
          <>
            <Button icon={<ReloadOutlined />} onClick={() => void data.reload()} loading={data.loading} aria-label={t(common.reload)} />
            <Link to={ledger}>
              <Button>{t(m.openLedger)}</Button>
            </Link>
          </>
        }
      />
      <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
        {stat('tasks', t(m.totalTasks), d.totals.tasks, undefined, ledger)}
        {stat('key', t(m.keyTasks), d.totals.keyTasks, undefined, `${ledger}?keyTask=true`)}
        {stat('average', t(m.averagePercent), d.totals.averagePercent === null ? '—' : `${d.totals.averagePercent}%`, PRIMARY)}
        {stat('overdue', t(STATUS_LABELS.overdue), d.totals.byStatus.overdue ?? 0, STATUS_COLORS.overdue, `${ledger}?status=overdue`)}
        {stat('at_risk', t(STATUS_LABELS.at_risk), d.totals.byStatus.at_risk ?? 0, STATUS_COLORS.at_risk, `${ledger}?status=at_risk`)}
        {stat('done', t(STATUS_LABELS.done), d.totals.byStatus.done ?? 0, STATUS_COLORS.done, `${ledger}?status=done`)}
        {stat('updates', t(m.statUpdates), thisMonth?.updates ?? 0)}
        {stat('closed', t(m.statClosed), thisMonth?.done ?? 0)}
      </Row>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card size="small" title={t(m.byUnitTitle)}>
            {units.length ? (
              <EChart
                option={unitOption}
                height={Math.max(180, units.length * 30 + 24)}
                testId="chart-by-unit"
                ariaLabel={describeAreas(units)}
                onClick={(e) => {
                  const u = units[e.dataIndex];
                  if (u) void navigate(`${ledger}?unitId=${u.id}`);
                }}
              />
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(m.noData)} />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card size="small" title={t(m.statusTitle)}>
            {d.totals.tasks ? (
              <EChart
                option={statusOption}
                height={narrow ? 240 : 280}
                testId="chart-status"
                ariaLabel={statusCounts.map((s) => `${t(STATUS_LABELS[s.status])} ${s.n}`).join('；')}
                onClick={(e) => {
                  const s = (e.data as { status?: TaskStatusName } | undefined)?.status;
                  if (s) void navigate(`${ledger}?status=${s}`);
                }}
              />
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(m.noData)} />
            )}
          </Card>
        </Col>
        {counties.length > 0 && (
          <Col span={24}>
            <Card size="small" title={t(m.byCountyTitle)} extra={<Typography.Text type="secondary" style={{ fontSize: 12 }}>{t(m.byCountyHint)}</Typography.Text>}>
              <EChart
                option={countyOption}
                height={Math.max(180, counties.length * 30 + 24)}
                testId="chart-by-county"
                ariaLabel={describeAreas(counties)}
                onClick={(e) => {
                  const c = counties[e.dataIndex];
                  if (c) openCounty(c.id);
                }}
              />
            </Card>
          </Col>
        )}
        <Col xs={24} xl={14}>
          <Card size="small" title={t(m.trendTitle)}>
            <EChart option={trendOption} height={280} testId="chart-trend" ariaLabel={d.trend.map((x) => `${x.month} ${x.updates}/${x.done}`).join('；')} />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card size="small" title={`${t(m.staleKeyTitle)}（${d.keyTasksWithoutUpdate.length}）`} styles={{ body: { maxHeight: 320, overflowY: 'auto', paddingBlock: 0 } }}>
            <List
              size="small"
              dataSource={d.keyTasksWithoutUpdate}
              locale={{ emptyText: t(m.noStaleKey) }}
              data-testid="stale-key-tasks"
              renderItem={(k) => (
                <List.Item style={{ paddingInline: 0 }}>
                  <List.Item.Meta
                    title={
                      <Link to={`${ledger}/tasks/${k.id}`}>
                        <Typography.Text type="secondary" style={{ marginInlineEnd: 6 }}>
                          {k.code}
                        </Typography.Text>
                        {k.title}
                      </Link>
                    }
                    description={`${k.leadUnitName ?? '—'} · ${k.lastUpdateOn ? t(m.lastUpdateOn, { date: k.lastUpdateOn }) : t(m.neverUpdated)}`}
                  />
                </List.Item>
              )}
            />
          </Card>
        </Col>
        <Col span={24}>
          <ChangesCard officeId={office.id} asOf={d.asOf} />
        </Col>
      </Row>
    </div>
  );
}
