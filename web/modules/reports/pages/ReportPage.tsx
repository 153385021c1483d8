import { ArrowLeftOutlined, CheckOutlined, RollbackOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Descriptions, Popconfirm, Row } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { ApiError } from '../../../api.ts';
import { ErrorAlert } from '../../../components/ErrorText.tsx';
import { PageLoading } from '../../../components/PageLoading.tsx';
import { PageTitle } from '../../../components/PageTitle.tsx';
import { common, useI18n } from '../../../i18n.tsx';
import { formatInstant } from '../../../time.ts';
import { useQuery } from '../../../use-query.ts';
import { useCurrentOffice } from '../../organization/components/OfficeScope.tsx';
import { reportsApi, type Report } from '../api.ts';
import { AttachmentList } from '../components/AttachmentList.tsx';
import { ReportBody } from '../components/ReportBody.tsx';
import { ReportStatusTag, Timeliness } from '../components/ReportBadges.tsx';
import { ReportHistory } from '../components/ReportHistory.tsx';
import { ReturnModal } from '../components/ReturnModal.tsx';
import { m } from '../messages.ts';
import { periodLabel } from '../periods.ts';
import { reportTimeliness } from '../report-state.ts';

/** One unit's report for the office: the text, files and history; 审核通过 / 退回修改 for reviewers (If-Match). */
export default function ReportPage() {
  const office = useCurrentOffice();
  const { reportId = '' } = useParams();
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const loaded = useQuery(async () => {
    const [report, history] = await Promise.all([reportsApi.report(office.id, reportId), reportsApi.history(office.id, reportId)]);
    return { report, history };
  }, [office.id, reportId]);
  const [returning, setReturning] = useState(false);
  const [busy, setBusy] = useState(false);

  if (!loaded.data) return loaded.error ? <ErrorAlert error={loaded.error} /> : <PageLoading />;
  const { report, history } = loaded.data;
  const back = () => void navigate(`/offices/${office.id}/reports/cycles/${report.cycleId}`);
  const done = () => void loaded.reload();

  const accept = async (r: Report) => {
    setBusy(true);
    try {
      await reportsApi.accept(office.id, r.id, r.version);
      void message.success(t(m.accepted));
      done();
    } catch (err) {
      // shown by the client; on 412 (changed by someone else) the page reloads the current version
      if (err instanceof ApiError && err.code === 'VERSION_MISMATCH') done();
    } finally {
      setBusy(false);
    }
  };

  const timeliness = reportTimeliness(report);
  return (
    <div data-testid="report-page">
      <PageTitle
        title={report.title || t(m.noReport)}
        subtitle={t(m.reportOf, { unit: report.unitName, period: periodLabel(t, report) })}
        extra={
          <>
            <Button icon={<ArrowLeftOutlined />} onClick={back}>
              {t(m.backToStatus)}
            </Button>
            {report.abilities.includes('return') && (
              <Button danger icon={<RollbackOutlined />} onClick={() => setReturning(true)} data-testid="return-report">
                {t(m.returnForRevision)}
              </Button>
            )}
            {report.abilities.includes('accept') && (
              <Popconfirm title={t(m.acceptConfirm)} okText={t(m.accept)} cancelText={t(common.cancel)} onConfirm={() => accept(report)}>
                <Button type="primary" icon={<CheckOutlined />} loading={busy} data-testid="accept-report">
                  {t(m.accept)}
                </Button>
              </Popconfirm>
            )}
          </>
        }
      />
      {report.status === 'returned' && report.returnReason ? (
        <Alert type="warning" showIcon title={t(m.returnedBanner, { reason: report.returnReason })} style={{ marginBottom: 16 }} />
      ) : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={16}>
          <Card size="small" title={t(m.body)}>
            <ReportBody body={report.body} />
          </Card>
          <Card size="small" title={t(m.attachments)} style={{ marginTop: 16 }}>
            <AttachmentList report={report} own={false} />
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card size="small" title={t(m.status)}>
            <Descriptions
              column={1}
              size="small"
              items={[
                { key: 'status', label: t(m.status), children: <ReportStatusTag status={report.status} /> },
                { key: 'timeliness', label: t(m.timeliness), children: <Timeliness timeliness={timeliness} lateWorkingDays={report.lateWorkingDays} /> },
                { key: 'due', label: t(m.deadline), children: report.dueDate ?? '—' },
                { key: 'first', label: t(m.firstSubmittedAt), children: formatInstant(report.firstSubmittedAt) || '—' },
                { key: 'submitted', label: t(m.submittedAt), children: report.submittedAt ? `${formatInstant(report.submittedAt)}（${t(m.revision, { n: report.revision })}）` : '—' },
                { key: 'by', label: t(m.submittedBy), children: report.submittedByName ?? '—' },
                { key: 'reviewed', label: t(m.reviewedBy), children: report.reviewedByName ? `${report.reviewedByName} · ${formatInstant(report.reviewedAt)}` : '—' },
              ]}
            />
          </Card>
          <Card size="small" title={t(m.history)} style={{ marginTop: 16 }}>
            <ReportHistory events={history} />
          </Card>
        </Col>
      </Row>
      {returning && (
        <ReturnModal
          report={report}
          open
          onClose={() => setReturning(false)}
          onDone={() => {
            setReturning(false);
            done();
          }}
          onStale={() => {
            setReturning(false);
            done();
          }}
        />
      )}
    </div>
  );
}
