import { EditOutlined, EyeOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Empty, Flex, Row, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { ErrorAlert } from '../../../components/ErrorText.tsx';
import { PageLoading } from '../../../components/PageLoading.tsx';
import { PageTitle } from '../../../components/PageTitle.tsx';
import { common, useI18n } from '../../../i18n.tsx';
import { useSession } from '../../../session.tsx';
import { formatInstant, todayInChina } from '../../../time.ts';
import { useQuery } from '../../../use-query.ts';
import { useCurrentOffice } from '../../organization/components/OfficeScope.tsx';
import { reportsApi, type MyReportItem } from '../api.ts';
import { CycleDeadline } from '../components/CycleDeadline.tsx';
import { ReportStatusTag, Timeliness } from '../components/ReportBadges.tsx';
import { m } from '../messages.ts';
import { periodLabel } from '../periods.ts';
import { reportTimeliness } from '../report-state.ts';
import { useWorkingDaysLeft } from '../use-working-days-left.ts';

/** 本单位季度汇报: the liaison officer's unit, each quarter with its state, deadline and working days left. */
export default function MyReportsPage() {
  const office = useCurrentOffice();
  const session = useSession();
  const { t } = useI18n();
  const navigate = useNavigate();
  const mine = useQuery(() => reportsApi.mine(office.id), [office.id]);
  const today = todayInChina();
  const daysLeft = useWorkingDaysLeft(today, (mine.data ?? []).map((i) => i.cycle.dueDate));
  const myUnits = session.posts.filter((p) => p.post === 'liaison_officer' && p.officeId === office.id);
  const unitName = (unitId: string) => myUnits.find((p) => p.unitId === unitId)?.unitName ?? '';

  if (!mine.data) return mine.error ? <ErrorAlert error={mine.error} /> : <PageLoading />;
  const items = [...mine.data].sort((a, b) => b.cycle.year - a.cycle.year || b.cycle.quarter - a.cycle.quarter);
  const open = (i: MyReportItem) => void navigate(`/offices/${office.id}/reports/my/${i.cycle.id}/${i.unitId}`);

  const action = (i: MyReportItem) => {
    const r = i.report;
    if (!r) return { label: t(m.write), icon: <EditOutlined />, primary: true };
    if (r.status === 'returned') return { label: t(m.revise), icon: <EditOutlined />, primary: true };
    if (r.status === 'draft') return { label: t(m.continueEdit), icon: <EditOutlined />, primary: true };
    return { label: t(m.view), icon: <EyeOutlined />, primary: false };
  };

  return (
    <div data-testid="my-reports-page">
      <PageTitle
        title={t(m.myTitle)}
        subtitle={myUnits.map((p) => p.unitName).join('、') || office.name}
        extra={
          <Button icon={<ReloadOutlined />} onClick={() => void mine.reload()} loading={mine.loading}>
            {t(common.reload)}
          </Button>
        }
      />
      {myUnits.length === 0 ? (
        <Alert type="info" showIcon title={t(m.notMine)} />
      ) : items.length === 0 ? (
        <Card>
          <Empty description={t(m.noMyCycles)} />
        </Card>
      ) : (
        <Row gutter={[16, 16]}>
          {items.map((i) => {
            const r = i.report;
            const a = action(i);
            const left = daysLeft(i.cycle.dueDate);
            const overdue = i.cycle.dueDate !== null && today > i.cycle.dueDate;
            return (
              <Col key={`${i.cycle.id}-${i.unitId}`} xs={24} lg={12}>
                <Card
                  size="small"
                  data-testid="my-cycle"
                  data-period={`${i.cycle.year}Q${i.cycle.quarter}`}
                  title={
                    <Flex gap={8} align="center" wrap>
                      <span>{periodLabel(t, i.cycle)}</span>
                      {myUnits.length > 1 ? <Typography.Text type="secondary">{unitName(i.unitId)}</Typography.Text> : null}
                    </Flex>
                  }
                  extra={<ReportStatusTag status={r?.status ?? 'missing'} />}
                >
                  <Flex vertical gap={6}>
                    <div>
                      {t(m.deadline)}{t(m.colon)}<CycleDeadline cycle={i.cycle} />
                    </div>
                    {i.cycle.dueDate && !r?.firstSubmittedAt ? (
                      overdue ? (
                        <Typography.Text type="danger">{t(m.overdue)}</Typography.Text>
                      ) : left !== null ? (
                        <Typography.Text type={left <= 3 ? 'warning' : undefined} data-testid="days-left">
                          {left === 0 ? t(m.dueToday) : t(m.workingDaysLeft, { n: left })}
                        </Typography.Text>
                      ) : null
                    ) : null}
                    {r?.submittedAt ? (
                      <Flex gap={8} align="center" wrap>
                        <Typography.Text type="secondary">
                          {t(m.submittedAt)}{t(m.colon)}{formatInstant(r.submittedAt)}
                        </Typography.Text>
                        <Timeliness timeliness={reportTimeliness(r)} lateWorkingDays={r.lateWorkingDays} />
                      </Flex>
                    ) : null}
                    {r?.status === 'returned' && r.returnReason ? <Alert type="warning" showIcon title={t(m.returnedBanner, { reason: r.returnReason })} data-testid="return-reason" /> : null}
                    <div>
                      <Button type={a.primary ? 'primary' : 'default'} icon={a.icon} onClick={() => open(i)} data-testid="open-my-report">
                        {a.label}
                      </Button>
                    </div>
                  </Flex>
                </Card>
              </Col>
            );
          })}
        </Row>
      )}
    </div>
  );
}
