import { CalendarOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Flex, Grid, InputNumber, List, Row, Table, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { ErrorAlert } from '../../../components/ErrorText.tsx';
import { PageTitle } from '../../../components/PageTitle.tsx';
import { common, useI18n } from '../../../i18n.tsx';
import { hasAbility, useSession } from '../../../session.tsx';
import { formatInstant } from '../../../time.ts';
import { useQuery } from '../../../use-query.ts';
import { calendarApi, type CalendarStatus } from '../api.ts';
import { DeadlineCalculator } from '../components/DeadlineCalculator.tsx';
import { m } from '../messages.ts';

type YearRow = CalendarStatus['years'][number];

/** 工作日历: the deadline calculator for everyone; the loaded years (and the December warning) with links to each. */
export default function CalendarPage() {
  const { t, localize } = useI18n();
  const session = useSession();
  const navigate = useNavigate();
  const narrow = !Grid.useBreakpoint().md;
  const status = useQuery(() => calendarApi.status(), []);
  const canManage = hasAbility(session, 'calendar.manage');
  const [newYear, setNewYear] = useState<number | null>(null);
  const years = [...(status.data?.years ?? [])].sort((a, b) => b.year - a.year);
  const suggested = (years[0]?.year ?? Number(status.data?.today.slice(0, 4) ?? 2026)) + 1;

  const columns: TableColumnsType<YearRow> = [
    { title: t(m.year), dataIndex: 'year', render: (y: number) => <Link to={`/calendar/${y}`}>{y}</Link> },
    { title: t(m.source), dataIndex: 'source' },
    { title: t(m.dayCount), dataIndex: 'days', align: 'right', render: (n: number) => t(m.dayCountN, { n }) },
    { title: t(m.loadedAt), dataIndex: 'loadedAt', responsive: ['lg'], render: (v: string) => formatInstant(v) },
  ];

  return (
    <div data-testid="calendar-page">
      <PageTitle
        title={t(m.calendarTitle)}
        subtitle={status.data ? `${t(m.calendarSubtitle)} · ${t(m.today, { date: status.data.today })}` : t(m.calendarSubtitle)}
        extra={
          <Button icon={<ReloadOutlined />} onClick={() => void status.reload()}>
            {t(common.reload)}
          </Button>
        }
      />
      <ErrorAlert error={status.error} />
      {status.data?.warning ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="calendar-warning"
          title={localize(status.data.warning.message)}
          action={
            canManage ? (
              <Button size="small" type="primary" onClick={() => void navigate(`/calendar/${status.data!.warning!.year}`)}>
                {t(m.nextYearMissing, { year: status.data.warning.year })}
              </Button>
            ) : undefined
          }
        />
      ) : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={10}>
          <DeadlineCalculator />
        </Col>
        <Col xs={24} xl={14}>
          <Card
            size="small"
            title={t(m.loadedYears)}
            extra={
              canManage ? (
                <Flex gap={8} align="center">
                  <InputNumber aria-label={t(m.addYearPrompt)} min={2000} max={2100} precision={0} placeholder={String(suggested)} value={newYear} onChange={setNewYear} style={{ width: 96 }} size="small" />
                  <Button size="small" type="primary" icon={<CalendarOutlined />} onClick={() => void navigate(`/calendar/${newYear ?? suggested}`)} data-testid="add-year">
                    {t(m.addYear)}
                  </Button>
                </Flex>
              ) : null
            }
          >
            {narrow ? (
              <List<YearRow>
                loading={status.loading}
                dataSource={years}
                rowKey="year"
                pagination={{ pageSize: 8, size: 'small', hideOnSinglePage: true }}
                renderItem={(y) => (
                  <List.Item onClick={() => void navigate(`/calendar/${y.year}`)} style={{ cursor: 'pointer' }} extra={<Typography.Text type="secondary">{t(m.dayCountN, { n: y.days })}</Typography.Text>}>
                    <List.Item.Meta title={<Link to={`/calendar/${y.year}`}>{y.year}</Link>} description={y.source} />
                  </List.Item>
                )}
              />
            ) : (
              <Table<YearRow> rowKey="year" size="small" loading={status.loading} dataSource={years} columns={columns} pagination={{ pageSize: 8, hideOnSinglePage: true, size: 'small' }} data-testid="calendar-years" />
            )}
          </Card>
        </Col>
      </Row>
    </div>
  );
}
