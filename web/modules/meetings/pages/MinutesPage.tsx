import { ArrowLeftOutlined, CheckOutlined, DeleteOutlined, EditOutlined, FilePdfOutlined, FileWordOutlined, LinkOutlined, PlusOutlined, RollbackOutlined, SaveOutlined, SafetyCertificateOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, Descriptions, Divider, Flex, Form, Input, List, Modal, Popconfirm, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { Decision, MinutesAttendance } from '../../../../shared/contracts/meetings.ts';
import { ErrorAlert } from '../../../components/ErrorText.tsx';
import { PageLoading } from '../../../components/PageLoading.tsx';
import { PageTitle } from '../../../components/PageTitle.tsx';
import { common, useI18n } from '../../../i18n.tsx';
import { chinaLocalToIso } from '../../../time.ts';
import { useQuery } from '../../../use-query.ts';
import { useCurrentOffice } from '../../organization/components/OfficeScope.tsx';
import { meetingsApi, type Minutes, type MinutesUpdate } from '../api.ts';
import { formatMinute, isoToChinaLocal, RuleErrorAlert, useUnits } from '../components/common.tsx';
import { MinutesFilesCard } from '../components/MinutesFilesCard.tsx';
import { ReasonModal } from '../components/ReasonModal.tsx';
import { m, MINUTES_STATUS_LABELS } from '../messages.ts';

interface DecisionValues {
  id?: string;
  text: string;
  ownerUnitId?: string;
  deadline?: string;
  supersedesDecisionId?: string | null;
}
interface TopicValues {
  id?: string;
  agendaItemId?: string | null;
  title: string;
  presenterUnitName?: string | null;
  summary?: string;
  speakerPoints?: Array<{ speakerName: string; unitName?: string | null; points: string; speakerPersonId?: string | null }>;
  decisions?: DecisionValues[];
}
interface Values {
  startsAt: string;
  endsAt?: string;
  place: string;
  recorderName?: string | null;
  opening?: string;
  topics: TopicValues[];
}

const toValues = (mn: Minutes): Values => ({
  startsAt: isoToChinaLocal(mn.startsAt),
  endsAt: isoToChinaLocal(mn.endsAt),
  place: mn.place,
  recorderName: mn.recorderName,
  opening: mn.opening,
  topics: mn.topics.map((tp) => ({
    id: tp.id,
    agendaItemId: tp.agendaItemId,
    title: tp.title,
    presenterUnitName: tp.presenterUnitName,
    summary: tp.summary,
    speakerPoints: tp.speakerPoints.map((p) => ({ speakerName: p.speakerName, speakerPersonId: p.speakerPersonId, unitName: p.unitName, points: p.points })),
    decisions: tp.decisions.map((d) => ({ id: d.id, text: d.text, ownerUnitId: d.ownerUnitId ?? undefined, deadline: d.deadline ?? undefined, supersedesDecisionId: d.supersedesDecisionId })),
  })),
});

const blank = (s: string | null | undefined) => (s?.trim() ? s.trim() : null);
const toBody = (v: Values): MinutesUpdate => ({
  startsAt: chinaLocalToIso(v.startsAt)!,
  endsAt: v.endsAt ? (chinaLocalToIso(v.endsAt) ?? null) : null,
  place: v.place.trim(),
  recorderName: blank(v.recorderName),
  opening: v.opening?.trim() ?? '',
  topics: (v.topics ?? []).map((tp) => ({
    ...(tp.id ? { id: tp.id } : {}),
    agendaItemId: tp.agendaItemId ?? null,
    title: tp.title.trim(),
    presenterUnitName: blank(tp.presenterUnitName),
    summary: tp.summary?.trim() ?? '',
    speakerPoints: (tp.speakerPoints ?? []).map((p) => ({ speakerName: p.speakerName.trim(), speakerPersonId: p.speakerPersonId ?? null, unitName: blank(p.unitName), points: p.points.trim() })),
    decisions: (tp.decisions ?? []).map((d) => ({ ...(d.id ? { id: d.id } : {}), text: d.text.trim(), ownerUnitId: d.ownerUnitId!, deadline: d.deadline!, supersedesDecisionId: d.supersedesDecisionId ?? null })),
  })),
});

/**
 * 会议记录 (A1-8): time, place, attendees (from the sign-in record), chair, topics, each speaker's main points and the
 * explicit decisions (owner unit, deadline). The office drafts, the chair reviews, the office archives (存档备查: frozen,
 * SM3 digest); archived decisions become ledger tasks.
 */
export default function MinutesPage() {
  const office = useCurrentOffice();
  const { meetingId = '', minutesId } = useParams();
  const { t } = useI18n();
  const navigate = useNavigate();
  // The meeting's minutes, or one record by id (a correction, 勘误).
  const q = useQuery(() => (minutesId ? meetingsApi.minutes(office.id, minutesId) : meetingsApi.meetingMinutes(office.id, meetingId)), [office.id, meetingId, minutesId]);
  const minutesUrl = (id: string) => `/offices/${office.id}/meetings/${meetingId}/minutes/${id}`;
  const back = `/offices/${office.id}/meetings/${meetingId}`;

  if (!q.data) return q.error ? <ErrorAlert error={q.error} /> : <PageLoading />;
  const mn = q.data;
  const editable = mn.abilities.includes('edit');
  return (
    <div data-testid="minutes-page" data-status={mn.status}>
      <Button type="link" icon={<ArrowLeftOutlined />} onClick={() => navigate(back)} style={{ paddingLeft: 0 }}>
        {mn.meetingTitle}
      </Button>
      <PageTitle
        title={mn.title}
        subtitle={
          <Space wrap>
            <Tag color={mn.status === 'archived' ? 'green' : mn.status === 'reviewed' ? 'cyan' : 'gold'} data-testid="minutes-status" data-status={mn.status}>
              {t(MINUTES_STATUS_LABELS[mn.status])}
            </Tag>
            {mn.numberLabel && <span data-testid="minutes-number">{mn.numberLabel}</span>}
            <span>{mn.meetingTitle}</span>
          </Space>
        }
        extra={<MinutesActions officeId={office.id} minutes={mn} onChange={() => void q.reload()} onCorrection={(c) => void navigate(minutesUrl(c.id))} />}
      />
      {mn.kind === 'correction' && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="correction-of"
          title={t(m.correctionOf, { reason: mn.correctionReason ?? '' })}
          action={mn.correctsMinutesId ? <Link to={minutesUrl(mn.correctsMinutesId)}>{t(m.openOriginal)}</Link> : undefined}
        />
      )}
      {mn.corrections.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="corrections"
          title={t(m.corrections)}
          description={
            <Space direction="vertical" size={2}>
              {mn.corrections.map((c) => (
                <Link key={c.id} to={minutesUrl(c.id)} data-testid="correction-link">
                  {c.correctionReason ?? ''} · {t(MINUTES_STATUS_LABELS[c.status])}
                </Link>
              ))}
            </Space>
          }
        />
      )}
      {mn.returnReason && mn.status === 'draft' && <Alert type="warning" showIcon style={{ marginBottom: 16 }} data-testid="minutes-return-reason" title={t(m.returnReason, { reason: mn.returnReason })} />}
      {mn.status === 'draft' && !editable && mn.chairName && !mn.abilities.includes('review') && <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t(m.awaitingChair, { name: mn.chairName })} />}
      <MinutesFilesCard officeId={office.id} minutes={mn} />
      {editable ? <MinutesEditor key={mn.version} officeId={office.id} minutes={mn} onSaved={() => void q.reload()} /> : <MinutesView officeId={office.id} minutes={mn} onChange={() => void q.reload()} />}
    </div>
  );
}

function MinutesActions({ officeId, minutes: mn, onChange, onCorrection }: { officeId: string; minutes: Minutes; onChange(next?: Minutes): void; onCorrection(correction: Minutes): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [reopening, setReopening] = useState<'reopen' | 'return' | null>(null);
  const [correcting, setCorrecting] = useState(false);
  const can = (a: string) => mn.abilities.includes(a);
  const run = (p: Promise<Minutes>, done: string) =>
    p.then(
      (next) => {
        void message.success(done);
        onChange(next);
      },
      () => onChange(),
    );
  return (
    <>
      {can('review') && (
        <Popconfirm title={t(m.reviewConfirm)} okText={t(m.review)} cancelText={t(common.cancel)} onConfirm={() => run(meetingsApi.reviewMinutes(officeId, mn), t(m.reviewed))}>
          <Button type="primary" icon={<CheckOutlined />} data-testid="review-minutes">
            {t(m.review)}
          </Button>
        </Popconfirm>
      )}
      {can('return') && (
        <Button icon={<RollbackOutlined />} onClick={() => setReopening('return')} data-testid="return-minutes">
          {t(m.returnToOffice)}
        </Button>
      )}
      {can('archive') && (
        <Popconfirm title={t(m.archiveConfirm)} okText={t(m.archive)} cancelText={t(common.cancel)} onConfirm={() => run(meetingsApi.archiveMinutes(officeId, mn), t(m.archived))}>
          <Button type="primary" icon={<SafetyCertificateOutlined />} data-testid="archive-minutes">
            {t(m.archive)}
          </Button>
        </Popconfirm>
      )}
      {can('reopen') && (
        <Button icon={<RollbackOutlined />} onClick={() => setReopening('reopen')} data-testid="reopen-minutes">
          {t(m.reopen)}
        </Button>
      )}
      {mn.status === 'archived' && (
        <>
          <Button icon={<FileWordOutlined />} href={meetingsApi.docxUrl(officeId, mn.id)} data-testid="minutes-docx">
            {t(m.downloadDocx)}
          </Button>
          <Button icon={<FilePdfOutlined />} href={meetingsApi.pdfUrl(officeId, mn.id)} data-testid="minutes-pdf">
            {t(m.downloadPdf)}
          </Button>
        </>
      )}
      {mn.status === 'archived' && <VerifyButton officeId={officeId} minutesId={mn.id} />}
      {can('correct') && (
        <Button icon={<EditOutlined />} onClick={() => setCorrecting(true)} data-testid="correct-minutes">
          {t(m.correct)}
        </Button>
      )}
      <ReasonModal
        open={correcting}
        title={t(m.correctTitle)}
        okText={t(m.correct)}
        label={t(m.correctReason)}
        testId="correct"
        onClose={() => setCorrecting(false)}
        onSubmit={async ({ reason }) => {
          const c = await meetingsApi.createCorrection(officeId, mn, reason);
          void message.success(t(m.correctionCreated));
          setCorrecting(false);
          onCorrection(c);
        }}
      />
      <ReasonModal
        open={reopening !== null}
        title={reopening === 'return' ? t(m.returnToOffice) : t(m.reopen)}
        okText={reopening === 'return' ? t(m.returnToOffice) : t(m.reopen)}
        label={reopening === 'return' ? t(m.returnComment) : undefined}
        danger
        testId={reopening === 'return' ? 'return' : 'reopen'}
        onClose={() => setReopening(null)}
        onSubmit={async ({ reason }) => {
          const next = reopening === 'return' ? await meetingsApi.returnMinutes(officeId, mn, reason) : await meetingsApi.reopenMinutes(officeId, mn, reason);
          if (reopening === 'return') void message.success(t(m.returnedToOffice));
          setReopening(null);
          onChange(next);
        }}
      />
    </>
  );
}

/** 校验摘要: the server recomputes the SM3 digest of the archived content and its attachments. */
function VerifyButton({ officeId, minutesId }: { officeId: string; minutesId: string }) {
  const { t } = useI18n();
  const { modal } = App.useApp();
  const [busy, setBusy] = useState(false);
  const verify = async () => {
    setBusy(true);
    try {
      const r = await meetingsApi.verifyMinutes(officeId, minutesId);
      const content = (
        <div data-testid="verify-result" data-ok={String(r.ok)}>
          {r.ok ? t(m.verifyOk, { n: r.attachments }) : t(m.verifyBad)}
          {r.problems.map((p, i) => (
            <div key={i}>
              {p.kind}: {p.detail}
            </div>
          ))}
        </div>
      );
      if (r.ok) modal.success({ title: t(m.verify), content });
      else modal.error({ title: t(m.verify), content });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button icon={<SafetyCertificateOutlined />} loading={busy} onClick={() => void verify().catch(() => undefined)} data-testid="verify-minutes">
      {t(m.verify)}
    </Button>
  );
}

function AttendanceBlock({ attendance }: { attendance: MinutesAttendance }) {
  const { t } = useI18n();
  const names = (list: MinutesAttendance['present'], withReason = false) =>
    list.length
      ? list
          .map((p) => `${p.name}${p.substituteFor ? `（代${p.substituteFor}）` : ''}${p.unitName || p.title ? `（${[p.unitName, p.title].filter(Boolean).join('，')}）` : ''}${withReason && p.reason ? `：${p.reason}` : ''}`)
          .join('；')
      : t(common.none);
  return (
    <Descriptions size="small" column={1} bordered data-testid="minutes-attendance">
      <Descriptions.Item label={t(m.attendeesPresent)}>
        <span data-testid="attendance-present">{names(attendance.present)}</span>
      </Descriptions.Item>
      <Descriptions.Item label={t(m.attendeesOnLeave)}>{names(attendance.onLeave, true)}</Descriptions.Item>
      <Descriptions.Item label={t(m.attendeesObservers)}>{names(attendance.observers)}</Descriptions.Item>
      {attendance.absent.length > 0 && <Descriptions.Item label={t(m.attendeesAbsent)}>{names(attendance.absent)}</Descriptions.Item>}
    </Descriptions>
  );
}

function MinutesEditor({ officeId, minutes: mn, onSaved }: { officeId: string; minutes: Minutes; onSaved(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const units = useUnits(officeId);
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const save = async (submit: boolean) => {
    await form.validateFields();
    const v = form.getFieldsValue(true) as Values;
    setBusy(true);
    setError(null);
    try {
      await meetingsApi.saveMinutes(officeId, mn, toBody(v));
      void message.success(submit ? t(m.submittedReview) : t(common.saved));
      onSaved();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const req = { required: true, whitespace: true, message: t(common.required) };

  return (
    <Form form={form} layout="vertical" requiredMark={false} initialValues={toValues(mn)} name="minutes" data-testid="minutes-editor" onFinish={() => undefined}>
      <RuleErrorAlert error={error} testId="minutes-error" />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Flex wrap gap={12}>
          <Form.Item name="startsAt" label={t(m.startsAt)} rules={[req]} style={{ minWidth: 200, flex: 1 }}>
            <Input type="datetime-local" data-testid="minutes-starts" />
          </Form.Item>
          <Form.Item name="endsAt" label={t(m.endsAt)} style={{ minWidth: 200, flex: 1 }}>
            <Input type="datetime-local" data-testid="minutes-ends" />
          </Form.Item>
          <Form.Item name="place" label={t(m.place)} rules={[req]} style={{ minWidth: 200, flex: 2 }}>
            <Input maxLength={200} data-testid="minutes-place" />
          </Form.Item>
        </Flex>
        <Flex wrap gap={12}>
          <Form.Item label={t(m.chair)} style={{ minWidth: 200, flex: 1 }}>
            <Input value={mn.chairName ?? ''} disabled data-testid="minutes-chair" />
          </Form.Item>
          <Form.Item name="recorderName" label={t(m.recorder)} style={{ minWidth: 200, flex: 1 }}>
            <Input maxLength={100} />
          </Form.Item>
        </Flex>
        <Typography.Text type="secondary">{t(m.attendanceReadOnly)}</Typography.Text>
        <AttendanceBlock attendance={mn.attendance} />
        <Form.Item name="opening" label={t(m.opening)} style={{ marginTop: 12 }}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={20000} />
        </Form.Item>
      </Card>

      <Form.List name="topics">
        {(topics, { add, remove }) => (
          <>
            {topics.map((topic, ti) => (
              <Card
                key={topic.key}
                size="small"
                style={{ marginBottom: 16 }}
                title={t(m.topic, { n: ti + 1 })}
                data-testid="minutes-topic"
                extra={
                  <Button size="small" type="text" danger icon={<DeleteOutlined />} onClick={() => remove(topic.name)} aria-label={t(m.removeTopic)} />
                }
              >
                <Form.Item name={[topic.name, 'title']} label={t(m.topicTitle)} rules={[req]}>
                  <Input maxLength={300} data-testid="topic-title" />
                </Form.Item>
                <Form.Item name={[topic.name, 'presenterUnitName']} label={t(m.presenterUnit)}>
                  <Input maxLength={200} />
                </Form.Item>
                <Form.Item name={[topic.name, 'summary']} label={t(m.topicSummary)}>
                  <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={10000} data-testid="topic-summary" />
                </Form.Item>
                <Divider titlePlacement="start" plain>
                  {t(m.speakers)}
                </Divider>
                <Form.List name={[topic.name, 'speakerPoints']}>
                  {(points, pts) => (
                    <>
                      {points.map((p) => (
                        <Flex key={p.key} wrap gap={8} align="start" data-testid="speaker-point">
                          <Form.Item name={[p.name, 'speakerName']} rules={[req]} style={{ width: 140, marginBottom: 8 }}>
                            <Input placeholder={t(m.speakerName)} aria-label={t(m.speakerName)} maxLength={100} data-testid="speaker-name" />
                          </Form.Item>
                          <Form.Item name={[p.name, 'unitName']} style={{ width: 180, marginBottom: 8 }}>
                            <Input placeholder={t(m.speakerUnit)} aria-label={t(m.speakerUnit)} maxLength={200} />
                          </Form.Item>
                          <Form.Item name={[p.name, 'points']} rules={[req]} style={{ flex: 1, minWidth: 220, marginBottom: 8 }}>
                            <Input.TextArea placeholder={t(m.points)} aria-label={t(m.points)} autoSize={{ minRows: 1, maxRows: 6 }} maxLength={5000} data-testid="speaker-points" />
                          </Form.Item>
                          <Button type="text" danger icon={<DeleteOutlined />} onClick={() => pts.remove(p.name)} aria-label={t(m.remove2)} />
                        </Flex>
                      ))}
                      <Button size="small" icon={<PlusOutlined />} onClick={() => pts.add({ speakerName: '', points: '' })} data-testid="add-speaker">
                        {t(m.addSpeaker)}
                      </Button>
                    </>
                  )}
                </Form.List>
                <Divider titlePlacement="start" plain>
                  {t(m.decisions)}
                </Divider>
                <Form.List name={[topic.name, 'decisions']}>
                  {(decisions, ds) => (
                    <>
                      {decisions.map((d) => (
                        <Flex key={d.key} wrap gap={8} align="start" data-testid="decision-input">
                          <Form.Item name={[d.name, 'text']} rules={[req]} style={{ flex: 2, minWidth: 240, marginBottom: 8 }}>
                            <Input.TextArea placeholder={t(m.decisionText)} aria-label={t(m.decisionText)} autoSize={{ minRows: 1, maxRows: 6 }} maxLength={2000} data-testid="decision-text" />
                          </Form.Item>
                          <Form.Item name={[d.name, 'ownerUnitId']} rules={[{ required: true, message: t(m.needDecisionFields) }]} style={{ width: 220, marginBottom: 8 }}>
                            <Select showSearch={{ optionFilterProp: 'label' }} options={units} placeholder={t(m.ownerUnit)} aria-label={t(m.ownerUnit)} data-testid="decision-owner" />
                          </Form.Item>
                          <Form.Item name={[d.name, 'deadline']} rules={[{ required: true, message: t(m.needDecisionFields) }]} style={{ width: 160, marginBottom: 8 }}>
                            <Input type="date" aria-label={t(m.deadline)} title={t(m.deadline)} data-testid="decision-deadline" />
                          </Form.Item>
                          <Button type="text" danger icon={<DeleteOutlined />} onClick={() => ds.remove(d.name)} aria-label={t(m.remove2)} />
                        </Flex>
                      ))}
                      <Button size="small" icon={<PlusOutlined />} onClick={() => ds.add({ text: '' })} data-testid="add-decision">
                        {t(m.addDecision)}
                      </Button>
                    </>
                  )}
                </Form.List>
              </Card>
            ))}
            <Button icon={<PlusOutlined />} onClick={() => add({ title: '', summary: '', speakerPoints: [], decisions: [] })} style={{ marginBottom: 16 }} data-testid="add-topic">
              {t(m.addTopic)}
            </Button>
          </>
        )}
      </Form.List>
      <Flex wrap gap={8} style={{ marginBottom: 24 }}>
        <Button icon={<SaveOutlined />} loading={busy} onClick={() => void save(false).catch(() => undefined)} data-testid="save-minutes">
          {t(m.saveDraft)}
        </Button>
        <Button type="primary" icon={<SendOutlined />} loading={busy} onClick={() => void save(true).catch(() => undefined)} data-testid="submit-minutes">
          {t(m.submitReview)}
        </Button>
        {mn.chairName && <Typography.Text type="secondary">{t(m.awaitingChair, { name: mn.chairName })}</Typography.Text>}
      </Flex>
    </Form>
  );
}

function MinutesView({ officeId, minutes: mn, onChange }: { officeId: string; minutes: Minutes; onChange(): void }) {
  const { t } = useI18n();
  return (
    <>
      {mn.status === 'archived' && (
        <Alert
          type="success"
          showIcon
          icon={<SafetyCertificateOutlined />}
          style={{ marginBottom: 16 }}
          title={t(m.archivedBy, { name: mn.archivedByName ?? '', time: formatMinute(mn.archivedAt) })}
          description={
            <span>
              {t(m.digest)}：
              <Typography.Text code copyable style={{ wordBreak: 'break-all' }} data-testid="minutes-digest">
                {mn.digest}
              </Typography.Text>
            </span>
          }
        />
      )}
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={t(m.time)}>
            {formatMinute(mn.startsAt)}
            {mn.endsAt ? ` – ${formatMinute(mn.endsAt).slice(11)}` : ''}
          </Descriptions.Item>
          <Descriptions.Item label={t(m.place)}>{mn.place}</Descriptions.Item>
          <Descriptions.Item label={t(m.chair)}>
            <span data-testid="minutes-chair">{mn.chairName ?? t(common.notSet)}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t(m.recorder)}>{mn.recorderName ?? '—'}</Descriptions.Item>
          {mn.reviewedAt && <Descriptions.Item label={t(m.minutesStatus)}>{t(m.reviewedBy, { name: mn.reviewedByName ?? '', time: formatMinute(mn.reviewedAt) })}</Descriptions.Item>}
        </Descriptions>
        <AttendanceBlock attendance={mn.attendance} />
        {mn.opening && <Typography.Paragraph style={{ marginTop: 12, whiteSpace: 'pre-wrap' }}>{mn.opening}</Typography.Paragraph>}
      </Card>
      {mn.topics.map((tp, i) => (
        <Card key={tp.id} size="small" style={{ marginBottom: 16 }} title={`${t(m.topic, { n: i + 1 })}　${tp.title}`} data-testid="minutes-topic">
          {tp.presenterUnitName && <Typography.Paragraph type="secondary">{t(m.presenterUnit)}：{tp.presenterUnitName}</Typography.Paragraph>}
          {tp.summary && <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{tp.summary}</Typography.Paragraph>}
          {tp.speakerPoints.length > 0 && (
            <>
              <Typography.Text strong>{t(m.speakers)}</Typography.Text>
              <List
                size="small"
                dataSource={tp.speakerPoints}
                renderItem={(p) => (
                  <List.Item data-testid="speaker-point">
                    <span>
                      <Typography.Text strong>
                        {p.speakerName}
                        {p.unitName ? `（${p.unitName}）` : ''}：
                      </Typography.Text>
                      {p.points}
                    </span>
                  </List.Item>
                )}
              />
            </>
          )}
          {tp.decisions.length > 0 && (
            <>
              <Typography.Text strong>{t(m.decisions)}</Typography.Text>
              <List size="small" dataSource={tp.decisions} renderItem={(d) => <DecisionRow officeId={officeId} minutes={mn} decision={d} onChange={onChange} />} />
            </>
          )}
        </Card>
      ))}
    </>
  );
}

/** One decision: owner unit and deadline; once archived, 转为任务 (a ledger task) or the link to the task it became. */
function DecisionRow({ officeId, minutes: mn, decision: d, onChange }: { officeId: string; minutes: Minutes; decision: Decision; onChange(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [keyTask, setKeyTask] = useState(false);
  const [completing, setCompleting] = useState(false);
  const canHandOff = mn.abilities.includes('hand_off_decisions') && !d.followUp;
  const canComplete = mn.abilities.includes('hand_off_decisions') && d.followUp?.status !== 'done';
  const f = d.followUp;
  return (
    <List.Item data-testid="decision" data-number={d.number} style={{ display: 'block' }}>
      <Typography.Text>
        <Typography.Text strong>{t(m.decision, { n: d.number })}</Typography.Text>　{d.text}
      </Typography.Text>
      <Flex wrap gap={8} align="center" style={{ marginTop: 4 }}>
        <Tag>{t(m.ownerUnit)}：{d.ownerUnitName ?? '—'}</Tag>
        <Tag>{t(m.deadline)}：{d.deadline ?? '—'}</Tag>
        {d.overdueDays !== null && <Tag color="red">{t(m.overdue, { n: d.overdueDays })}</Tag>}
        {f?.status === 'done' && <Tag color="green">{t(m.followDone)}{f.doneOn ? ` ${f.doneOn}` : ''}</Tag>}
        {f?.taskId && (
          <Link to={`/offices/${officeId}/ledger/tasks/${f.taskId}`} data-testid="decision-task-link">
            <LinkOutlined /> {t(m.openTask)}
          </Link>
        )}
        {canHandOff && (
          <>
            <Checkbox checked={keyTask} onChange={(e) => setKeyTask(e.target.checked)}>
              {t(m.keyTask)}
            </Checkbox>
            <Popconfirm
              title={t(m.toTaskConfirm)}
              okText={t(m.toTask)}
              cancelText={t(common.cancel)}
              onConfirm={() =>
                meetingsApi.decisionToTask(officeId, d.id, { keyTask }).then(
                  () => {
                    void message.success(t(m.taskCreated));
                    onChange();
                  },
                  () => onChange(),
                )
              }
            >
              <Button size="small" type="primary" ghost data-testid="decision-to-task">
                {t(m.toTask)}
              </Button>
            </Popconfirm>
          </>
        )}
        {canComplete && (
          <Button size="small" onClick={() => setCompleting(true)} data-testid="decision-complete">
            {t(m.complete)}
          </Button>
        )}
      </Flex>
      <CompleteModal
        open={completing}
        title={t(m.completeTitle, { title: t(m.decision, { n: d.number }) })}
        onClose={() => setCompleting(false)}
        onSubmit={async (note) => {
          await meetingsApi.completeDecision(officeId, d.id, note);
          setCompleting(false);
          void message.success(t(m.completed));
          onChange();
        }}
      />
    </List.Item>
  );
}

function CompleteModal({ open, title, onClose, onSubmit }: { open: boolean; title: string; onClose(): void; onSubmit(note: string | null): Promise<void> }) {
  const { t } = useI18n();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      await onSubmit(note.trim() || null);
      setNote('');
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open={open} title={title} okText={t(m.complete)} cancelText={t(common.cancel)} confirmLoading={busy} onOk={() => void submit()} onCancel={onClose} destroyOnHidden>
      <RuleErrorAlert error={error} />
      <Typography.Text>{t(m.completeNote)}</Typography.Text>
      <Input.TextArea rows={3} maxLength={1000} value={note} onChange={(e) => setNote(e.target.value)} aria-label={t(m.completeNote)} />
    </Modal>
  );
}
