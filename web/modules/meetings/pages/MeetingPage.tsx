import { ArrowLeftOutlined, CalendarOutlined, CheckOutlined, CloseCircleOutlined, DownloadOutlined, EditOutlined, FieldTimeOutlined, FileTextOutlined, NotificationOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Flex, Popconfirm, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { ErrorAlert } from '../../../components/ErrorText.tsx';
import { PageLoading } from '../../../components/PageLoading.tsx';
import { PageTitle } from '../../../components/PageTitle.tsx';
import { common, useI18n } from '../../../i18n.tsx';
import { useQuery } from '../../../use-query.ts';
import { useCurrentOffice } from '../../organization/components/OfficeScope.tsx';
import { meetingsApi, type Meeting } from '../api.ts';
import { AgendaSection } from '../components/AgendaSection.tsx';
import { AttendanceSection, MyAttendanceCard } from '../components/AttendanceSection.tsx';
import { EditMeetingModal } from '../components/EditMeetingModal.tsx';
import { MeetingHistory } from '../components/MeetingHistory.tsx';
import { formatMinute, MeetingStatusTag, RuleErrorAlert, useLeaders } from '../components/common.tsx';
import { ReasonModal } from '../components/ReasonModal.tsx';
import { KIND_LABELS, m } from '../messages.ts';

/**
 * One meeting: its arrangements and lifecycle (notice, held, postpone or cancel with a reason), the chair (checked
 * against A1-8 / A2-6), agenda and materials, attendance and sign-in, the pack and the minutes.
 */
export default function MeetingPage() {
  const office = useCurrentOffice();
  const { meetingId = '' } = useParams();
  const i18n = useI18n();
  const { t } = i18n;
  const { message } = App.useApp();
  const navigate = useNavigate();
  const q = useQuery(() => meetingsApi.get(office.id, meetingId), [office.id, meetingId]);
  const [dialog, setDialog] = useState<'cancel' | 'postpone' | 'edit' | null>(null);
  const reload = () => void q.reload();

  if (!q.data) return q.error ? <ErrorAlert error={q.error} /> : <PageLoading />;
  const mt = q.data;
  const can = (a: string) => mt.abilities.includes(a);
  const back = `/offices/${office.id}/meetings`;
  const act = (p: Promise<Meeting>, done: string) =>
    p.then(
      () => {
        void message.success(done);
        reload();
      },
      () => reload(),
    );
  const draftMinutes = () =>
    meetingsApi.draftMinutes(office.id, mt.id).then(
      () => navigate(`${back}/${mt.id}/minutes`),
      () => reload(),
    );

  return (
    <div data-testid="meeting-page" data-meeting-id={mt.id}>
      <Button type="link" icon={<ArrowLeftOutlined />} onClick={() => navigate(back)} style={{ paddingLeft: 0 }}>
        {t(m.meetingsTitle)}
      </Button>
      <PageTitle
        title={
          <Space wrap>
            <span data-testid="meeting-title">{mt.title}</span>
            <MeetingStatusTag status={mt.status} />
          </Space>
        }
        subtitle={`${t(KIND_LABELS[mt.kind])} · ${mt.rule}${mt.extra ? ` · ${t(m.extra)}` : ''}`}
        extra={
          <>
            {can('send_notice') && (
              <Popconfirm title={t(m.sendNoticeConfirm)} okText={t(m.sendNotice)} cancelText={t(common.cancel)} onConfirm={() => act(meetingsApi.sendNotice(office.id, mt), t(m.noticeSent))}>
                <Button type="primary" icon={<NotificationOutlined />} data-testid="send-notice">
                  {t(m.sendNotice)}
                </Button>
              </Popconfirm>
            )}
            {can('hold') && (
              <Popconfirm title={t(m.holdConfirm)} okText={t(m.hold)} cancelText={t(common.cancel)} onConfirm={() => act(meetingsApi.hold(office.id, mt), t(common.done))}>
                <Button type="primary" icon={<CheckOutlined />} data-testid="hold">
                  {t(m.hold)}
                </Button>
              </Popconfirm>
            )}
            {can('draft_minutes') && !mt.minutesId && (
              <Button type="primary" icon={<FileTextOutlined />} onClick={() => void draftMinutes()} data-testid="draft-minutes">
                {t(m.draftMinutes)}
              </Button>
            )}
            {mt.minutesId && (
              <Button icon={<FileTextOutlined />} onClick={() => navigate(`${back}/${mt.id}/minutes`)} data-testid="open-minutes">
                {t(m.openMinutes)}
              </Button>
            )}
            {can('edit') && (
              <Button icon={<EditOutlined />} onClick={() => setDialog('edit')} data-testid="edit-meeting">
                {t(common.edit)}
              </Button>
            )}
            {can('postpone') && (
              <Button icon={<FieldTimeOutlined />} onClick={() => setDialog('postpone')} data-testid="postpone">
                {t(m.postpone)}
              </Button>
            )}
            {can('cancel') && (
              <Button danger icon={<CloseCircleOutlined />} onClick={() => setDialog('cancel')} data-testid="cancel-meeting">
                {t(m.cancel)}
              </Button>
            )}
          </>
        }
      />
      {mt.warnings.map((w) => (
        <Alert key={w.code} type="warning" showIcon style={{ marginBottom: 8 }} data-testid="meeting-warning" data-code={w.code} title={<>{w.rule && <Tag color="orange">{w.rule}</Tag>}{i18n.localize(w.message)}</>} />
      ))}
      {mt.status === 'cancelled' && <Alert type="error" showIcon style={{ marginBottom: 16 }} title={t(m.cancelled, { reason: mt.cancelReason ?? '' })} />}
      <MyAttendanceCard officeId={office.id} meeting={mt} onChange={reload} />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={{ xs: 1, sm: 1, md: 2, lg: 3 }}>
          <Descriptions.Item label={t(m.time)}>
            <span data-testid="meeting-time">
              {formatMinute(mt.startsAt)}
              {mt.endsAt ? ` – ${formatMinute(mt.endsAt).slice(11)}` : ''}
            </span>
            {mt.postponements > 0 && <Tag style={{ marginLeft: 6 }}>{t(m.postponed, { n: mt.postponements })}</Tag>}
          </Descriptions.Item>
          <Descriptions.Item label={t(m.place)}>{mt.place}</Descriptions.Item>
          <Descriptions.Item label={t(m.chair)}>
            <span data-testid="meeting-chair">{mt.chair?.name ?? t(common.notSet)}</span>
            {mt.chair?.via === 'delegation' && <Tag style={{ marginLeft: 6 }}>{t(m.viaDelegation, { name: mt.chair.onBehalfOfName ?? '' })}</Tag>}
          </Descriptions.Item>
          {mt.convener && <Descriptions.Item label={t(m.convener)}>{mt.convener.name}</Descriptions.Item>}
          {mt.proposedBy && <Descriptions.Item label={t(m.proposedBy)}>{mt.proposedBy.name}</Descriptions.Item>}
          {mt.materialCutoff && <Descriptions.Item label={t(m.materialCutoff)}>{formatMinute(mt.materialCutoff)}</Descriptions.Item>}
          {mt.note && <Descriptions.Item label={t(m.note)}>{mt.note}</Descriptions.Item>}
        </Descriptions>
        {can('set_chair') && <ChairPicker officeId={office.id} meeting={mt} onChange={reload} />}
        <Flex wrap gap={8} style={{ marginTop: 8 }}>
          <Button icon={<DownloadOutlined />} href={meetingsApi.packUrl(office.id, mt.id)} data-testid="download-pack">
            {t(m.downloadPack)}
          </Button>
          {mt.status !== 'cancelled' && (
            <Button icon={<CalendarOutlined />} href={meetingsApi.icsUrl(office.id, mt.id)} data-testid="download-ics">
              {t(m.downloadIcs)}
            </Button>
          )}
        </Flex>
      </Card>
      <AgendaSection officeId={office.id} meeting={mt} onChange={reload} />
      <AttendanceSection officeId={office.id} meeting={mt} onChange={reload} />
      <MeetingHistory officeId={office.id} meetingId={mt.id} version={mt.version} />
      {dialog === 'edit' && (
        <EditMeetingModal
          officeId={office.id}
          meeting={mt}
          onClose={() => setDialog(null)}
          onDone={() => {
            setDialog(null);
            reload();
          }}
        />
      )}
      <ReasonModal
        open={dialog === 'cancel' || dialog === 'postpone'}
        title={dialog === 'postpone' ? t(m.postpone) : t(m.cancel)}
        okText={dialog === 'postpone' ? t(m.postpone) : t(m.cancel)}
        danger={dialog === 'cancel'}
        reschedule={dialog === 'postpone'}
        testId={dialog === 'postpone' ? 'postpone' : 'cancel'}
        onClose={() => setDialog(null)}
        onSubmit={async (v) => {
          if (dialog === 'postpone') await meetingsApi.postpone(office.id, mt, { startsAt: v.startsAt ?? '', endsAt: v.endsAt, reason: v.reason });
          else await meetingsApi.cancel(office.id, mt, v.reason);
          setDialog(null);
          void message.success(t(common.done));
          reload();
        }}
      />
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {mt.createdByName} · {formatMinute(mt.createdAt)}
        {mt.noticeSentAt ? ` · ${t(m.noticeSent)} ${formatMinute(mt.noticeSentAt)}` : ''}
      </Typography.Paragraph>
    </div>
  );
}

/** 确定主持人: the server refuses (403, the article named) a chair the rules do not allow on the meeting's day. */
function ChairPicker({ officeId, meeting, onChange }: { officeId: string; meeting: Meeting; onChange(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const leaders = useLeaders(officeId);
  const [personId, setPersonId] = useState<string | undefined>(meeting.chair?.personId);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const save = async () => {
    if (!personId) return;
    setBusy(true);
    setError(null);
    try {
      await meetingsApi.setChair(officeId, meeting, personId);
      void message.success(t(m.chairSet));
      onChange();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div style={{ marginTop: 8 }}>
      <RuleErrorAlert error={error} testId="chair-error" />
      <Flex wrap gap={8} align="center">
        <Typography.Text>{t(m.setChair)}</Typography.Text>
        <Select showSearch={{ optionFilterProp: 'label' }} value={personId} onChange={setPersonId} options={leaders.options} style={{ minWidth: 220, maxWidth: '100%' }} aria-label={t(m.setChair)} data-testid="chair-select" />
        <Button onClick={() => void save()} loading={busy} disabled={!personId} data-testid="set-chair">
          {t(common.save)}
        </Button>
      </Flex>
    </div>
  );
}
