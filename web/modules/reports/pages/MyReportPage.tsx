import { ArrowLeftOutlined, SaveOutlined, SendOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Flex, Form, Input, Popconfirm, Row, Typography } from 'antd';
import { useEffect, useRef, useState, type ChangeEvent } from 'react';
import { useNavigate, useParams } from 'react-router';
import { ApiError } from '../../../api.ts';
import { describeError, ErrorAlert } from '../../../components/ErrorText.tsx';
import { PageLoading } from '../../../components/PageLoading.tsx';
import { PageTitle } from '../../../components/PageTitle.tsx';
import { common, useI18n } from '../../../i18n.tsx';
import { useSession } from '../../../session.tsx';
import { formatInstant, todayInChina } from '../../../time.ts';
import { useQuery } from '../../../use-query.ts';
import { useCurrentOffice } from '../../organization/components/OfficeScope.tsx';
import { reportsApi, type Report, type ReportEvent } from '../api.ts';
import { AttachmentList } from '../components/AttachmentList.tsx';
import { CycleDeadline } from '../components/CycleDeadline.tsx';
import { ReportBody } from '../components/ReportBody.tsx';
import { ReportStatusTag, statusText, Timeliness } from '../components/ReportBadges.tsx';
import { ReportHistory } from '../components/ReportHistory.tsx';
import { m } from '../messages.ts';
import { periodLabel } from '../periods.ts';
import { reportTimeliness } from '../report-state.ts';

interface Values {
  title: string;
  body: string;
}

const ACCEPT = '.docx,.pdf,.xlsx,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * The liaison officer writes the unit's report: title and body, files (docx/pdf/xlsx), submit with the version
 * read (If-Match); a returned report shows the reason and is revised and resubmitted here.
 */
export default function MyReportPage() {
  const office = useCurrentOffice();
  const session = useSession();
  const { cycleId = '', unitId = '' } = useParams();
  const i18n = useI18n();
  const { t } = i18n;
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const loaded = useQuery(async () => {
    const item = (await reportsApi.mine(office.id)).find((i) => i.cycle.id === cycleId && i.unitId === unitId);
    const history = item?.report ? await reportsApi.myHistory(office.id, item.report.id) : [];
    return { item, history };
  }, [office.id, cycleId, unitId]);
  const [report, setReport] = useState<Report | null>(null);
  const [history, setHistory] = useState<ReportEvent[]>([]);
  const [busy, setBusy] = useState<'save' | 'submit' | 'upload' | null>(null);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const [dirty, setDirty] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (!loaded.data) return;
    const r = loaded.data.item?.report ?? null;
    setReport(r);
    setHistory(loaded.data.history);
    form.setFieldsValue({ title: r?.title ?? '', body: r?.body ?? '' });
    setDirty(false);
  }, [loaded.data, form]);

  if (!loaded.data) return loaded.error ? <ErrorAlert error={loaded.error} /> : <PageLoading />;
  const item = loaded.data.item;
  if (!item) return <ErrorAlert error={new ApiError(404, 'NOT_FOUND', '未找到 / Not found')} />;
  const cycle = item.cycle;
  const editable = !report || report.abilities.includes('edit');
  const today = todayInChina();
  const back = () => void navigate(`/offices/${office.id}/reports/my`);
  const unitName = session.posts.find((p) => p.post === 'liaison_officer' && p.officeId === office.id && p.unitId === unitId)?.unitName ?? report?.unitName ?? '';

  /** Saves the form as the draft (creating it the first time); returns the saved report. */
  const saveDraft = async (): Promise<Report> => {
    const v = await form.validateFields();
    const saved = await reportsApi.saveDraft(office.id, cycle.id, unitId, { title: v.title.trim(), body: v.body ?? '' }, report?.version);
    setReport(saved);
    setDirty(false);
    return saved;
  };

  const onSave = async () => {
    setBusy('save');
    try {
      await saveDraft();
      void message.success(t(m.draftSaved));
    } catch (err) {
      if (err instanceof ApiError && err.code === 'VERSION_MISMATCH') void loaded.reload();
    } finally {
      setBusy(null);
    }
  };

  const onSubmit = async () => {
    setBusy('submit');
    try {
      const current = !report || dirty ? await saveDraft() : report;
      const submitted = await reportsApi.submit(office.id, current.id, current.version);
      setReport(submitted);
      setHistory(await reportsApi.myHistory(office.id, submitted.id));
      void message.success(t(m.submitted));
    } catch (err) {
      // shown by the client; a stale version reloads what the server has
      if (err instanceof ApiError && err.code === 'VERSION_MISMATCH') void loaded.reload();
    } finally {
      setBusy(null);
    }
  };

  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const files = [...(e.target.files ?? [])];
    e.target.value = '';
    if (files.length === 0) return;
    setBusy('upload');
    setUploadError(null);
    try {
      let current = report && !dirty ? report : await saveDraft();
      for (const file of files) {
        try {
          current = await reportsApi.attach(office.id, current.id, file);
          setReport(current);
          void message.success(t(m.uploaded, { name: file.name }));
        } catch (err) {
          // The server judges the content (docx/pdf/xlsx, size); its reason is shown as it gave it.
          const text = t(m.uploadRefused, { name: file.name, reason: describeError(err, i18n) });
          setUploadError(text);
          void message.error(text);
        }
      }
    } catch {
      // the draft could not be saved: the form or the client shows why
    } finally {
      setBusy(null);
    }
  };

  const onRemove = async (fileId: string) => {
    if (!report) return;
    try {
      setReport(await reportsApi.detach(office.id, report.id, fileId));
    } catch {
      // shown by the client
    }
  };

  const returned = report?.status === 'returned';
  const lateNow = cycle.dueDate !== null && today > cycle.dueDate && !report?.firstSubmittedAt;
  return (
    <div data-testid="my-report-page">
      <PageTitle
        title={t(m.editorTitle, { period: periodLabel(t, cycle) })}
        subtitle={
          <Flex wrap gap={8} component="span" align="center">
            <span>{unitName}</span>
            <span>
              {t(m.deadline)}{t(m.colon)}<CycleDeadline cycle={cycle} />
            </span>
            <ReportStatusTag status={report?.status ?? 'missing'} />
          </Flex>
        }
        extra={
          <Button icon={<ArrowLeftOutlined />} onClick={back}>
            {t(common.back)}
          </Button>
        }
      />
      {returned && report?.returnReason ? <Alert type="warning" showIcon title={t(m.returnedBanner, { reason: report.returnReason })} style={{ marginBottom: 16 }} data-testid="return-reason" /> : null}
      {editable && lateNow ? <Alert type="error" showIcon title={t(m.lateNotice)} style={{ marginBottom: 16 }} /> : null}
      {!editable && report ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={
            <Flex gap={8} wrap align="center">
              <span>{t(m.readOnlyState, { status: t(statusText[report.status]) })}</span>
              <Timeliness timeliness={reportTimeliness(report)} lateWorkingDays={report.lateWorkingDays} />
              {report.submittedAt ? <Typography.Text type="secondary">{formatInstant(report.submittedAt)}</Typography.Text> : null}
            </Flex>
          }
        />
      ) : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={16}>
          <Card size="small" title={editable ? t(m.body) : report?.title}>
            {editable ? (
              <Form<Values> form={form} name="report-draft" layout="vertical" requiredMark={false} onValuesChange={() => setDirty(true)}>
                <Form.Item name="title" label={t(m.title)} rules={[{ required: true, whitespace: true, message: t(common.required) }, { max: 200 }]}>
                  <Input placeholder={t(m.titlePlaceholder)} maxLength={200} />
                </Form.Item>
                <Form.Item name="body" label={t(m.body)} rules={[{ max: 100_000 }]}>
                  <Input.TextArea autoSize={{ minRows: 10, maxRows: 30 }} placeholder={t(m.bodyPlaceholder)} />
                </Form.Item>
                <Flex wrap gap={8} align="center">
                  <Button icon={<SaveOutlined />} onClick={() => void onSave()} loading={busy === 'save'} disabled={busy !== null && busy !== 'save'} data-testid="save-draft">
                    {t(m.saveDraft)}
                  </Button>
                  <Popconfirm title={t(m.submitConfirm)} okText={returned ? t(m.resubmit) : t(m.submit)} cancelText={t(common.cancel)} onConfirm={() => onSubmit()}>
                    <Button type="primary" icon={<SendOutlined />} loading={busy === 'submit'} disabled={busy !== null && busy !== 'submit'} data-testid="submit-report">
                      {returned ? t(m.resubmit) : t(m.submit)}
                    </Button>
                  </Popconfirm>
                  {dirty ? <Typography.Text type="secondary">{t(m.unsaved)}</Typography.Text> : null}
                </Flex>
              </Form>
            ) : (
              <ReportBody body={report?.body ?? ''} />
            )}
          </Card>
          <Card
            size="small"
            title={t(m.attachments)}
            style={{ marginTop: 16 }}
            extra={
              editable ? (
                <>
                  <input ref={fileInput} type="file" accept={ACCEPT} multiple style={{ display: 'none' }} onChange={(e) => void onFile(e)} data-testid="attachment-input" />
                  <Button size="small" icon={<UploadOutlined />} loading={busy === 'upload'} onClick={() => fileInput.current?.click()}>
                    {t(m.upload)}
                  </Button>
                </>
              ) : null
            }
          >
            {editable ? (
              <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 8, fontSize: 12 }}>
                {t(m.uploadHint)}
              </Typography.Text>
            ) : null}
            {uploadError ? <Alert type="error" showIcon closable title={uploadError} onClose={() => setUploadError(null)} style={{ marginBottom: 8 }} data-testid="upload-error" /> : null}
            {report ? <AttachmentList report={report} own onRemove={editable ? (id) => void onRemove(id) : undefined} /> : <Typography.Text type="secondary">{t(m.noAttachments)}</Typography.Text>}
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card size="small" title={t(m.history)}>
            <ReportHistory events={history} />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
