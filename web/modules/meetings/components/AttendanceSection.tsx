import { CheckCircleOutlined, DeleteOutlined, LoginOutlined, TeamOutlined, UserAddOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Form, Input, Modal, Popconfirm, Radio, Select, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import type { AttendeeResponse } from '../../../../shared/contracts/meetings.ts';
import { common, useI18n } from '../../../i18n.tsx';
import { useQuery } from '../../../use-query.ts';
import { meetingsApi, peopleOf, type Attendee, type Meeting } from '../api.ts';
import { m, RESPONSE_LABELS } from '../messages.ts';
import { formatMinute, RuleErrorAlert } from './common.tsx';
import { useFormSubmit } from '../../../use-form-submit.ts';

type Answer = { response: AttendeeResponse; substituteName?: string; leaveReason?: string };

/**
 * 参会人员: invited by rule (A1-8: all leading-group members) or one by one, observers (列席); answers (confirmed,
 * a named substitute, leave with a reason) and sign-in (签到) — the office for anyone, the invitee himself from a phone.
 */
export function AttendanceSection({ officeId, meeting, onChange }: { officeId: string; meeting: Meeting; onChange(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const manage = meeting.abilities.includes('manage_attendance');
  const arrangeable = meeting.status === 'planned' || meeting.status === 'notice_sent';
  const signInOpen = meeting.status === 'notice_sent' || meeting.status === 'held';
  const [adding, setAdding] = useState<'attendee' | 'observer' | null>(null);
  const [answering, setAnswering] = useState<Attendee | null>(null);
  const s = meeting.attendanceSummary;

  const columns: TableColumnsType<Attendee> = [
    {
      title: t(m.name),
      dataIndex: 'name',
      fixed: 'left',
      width: 150,
      render: (v: string, a) => (
        <Flex vertical>
          <span data-testid="attendee-name">{v}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {[a.unitName, a.title].filter(Boolean).join(' · ')}
          </Typography.Text>
        </Flex>
      ),
    },
    { title: t(m.role), dataIndex: 'role', width: 72, render: (r: Attendee['role']) => (r === 'observer' ? <Tag color="purple">{t(m.observer)}</Tag> : <Tag>{t(m.attendee)}</Tag>) },
    {
      title: t(m.response),
      dataIndex: 'response',
      width: 150,
      render: (r: AttendeeResponse, a) => (
        <Flex vertical>
          <span data-testid="attendee-response" data-response={r}>
            {t(RESPONSE_LABELS[r])}
          </span>
          {a.substituteName && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{a.substituteName}</Typography.Text>}
          {a.leaveReason && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{a.leaveReason}</Typography.Text>}
        </Flex>
      ),
    },
    {
      title: t(m.signedIn),
      dataIndex: 'signedInAt',
      width: 150,
      render: (v: string | null, a) =>
        v ? (
          <Tag color="green" icon={<CheckCircleOutlined />} data-testid="signed-in">
            {formatMinute(v).slice(11)} {a.signedInBy === 'self' ? t(m.bySelf) : t(m.byOffice)}
          </Tag>
        ) : manage && signInOpen ? (
          <Button size="small" icon={<LoginOutlined />} onClick={() => void meetingsApi.signInFor(officeId, meeting.id, a.id).then(onChange)} data-testid="sign-in-for">
            {t(m.signInFor)}
          </Button>
        ) : (
          '—'
        ),
    },
  ];
  if (manage)
    columns.push({
      title: t(common.actions),
      key: 'actions',
      width: 150,
      render: (_, a) => (
        <Flex gap={4} wrap>
          {arrangeable && !a.signedInAt && (
            <Button size="small" onClick={() => setAnswering(a)} data-testid="record-response">
              {t(m.response)}
            </Button>
          )}
          {!a.signedInAt && (
            <Popconfirm title={t(m.remove)} okText={t(common.confirm)} cancelText={t(common.cancel)} onConfirm={() => meetingsApi.removeAttendee(officeId, meeting.id, a.id).then(onChange)}>
              <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t(m.remove)} />
            </Popconfirm>
          )}
        </Flex>
      ),
    });

  return (
    <Card
      title={t(m.attendance)}
      size="small"
      style={{ marginBottom: 16 }}
      data-testid="attendance"
      extra={
        manage && (
          <Flex wrap gap={8}>
            {arrangeable && (
              <Button
                size="small"
                type="primary"
                icon={<TeamOutlined />}
                onClick={() =>
                  void meetingsApi.inviteDefaults(officeId, meeting.id).then((r) => {
                    void message.success(t(m.invitedN, { n: r.added }));
                    onChange();
                  })
                }
                data-testid="invite-defaults"
              >
                {t(m.inviteDefaults)}
              </Button>
            )}
            <Button size="small" icon={<UserAddOutlined />} onClick={() => setAdding('attendee')} data-testid="add-attendee">
              {t(m.addAttendee)}
            </Button>
            <Button size="small" icon={<UserAddOutlined />} onClick={() => setAdding('observer')} data-testid="add-observer">
              {t(m.addObserver)}
            </Button>
          </Flex>
        )
      }
    >
      <Typography.Paragraph type="secondary" data-testid="attendance-summary" data-signed-in={s.signedIn}>
        {t(m.summary, s)}
      </Typography.Paragraph>
      <Table rowKey="id" size="small" columns={columns} dataSource={meeting.attendance} pagination={false} scroll={{ x: 600 }} locale={{ emptyText: t(m.noAttendees) }} data-testid="attendance-table" />
      <AddAttendeeModal
        officeId={officeId}
        role={adding}
        onClose={() => setAdding(null)}
        onSubmit={async (v) => {
          await meetingsApi.addAttendee(officeId, meeting.id, { ...v, role: adding ?? 'attendee' });
          setAdding(null);
          onChange();
        }}
      />
      <AnswerModal
        title={answering ? `${t(m.response)}：${answering.name}` : ''}
        open={answering !== null}
        initial={answering ? { response: answering.response, substituteName: answering.substituteName ?? undefined, leaveReason: answering.leaveReason ?? undefined } : undefined}
        allowInvited
        onClose={() => setAnswering(null)}
        onSubmit={async (v) => {
          await meetingsApi.updateAttendee(officeId, meeting.id, answering!, { response: v.response, substituteName: v.substituteName ?? null, leaveReason: v.leaveReason ?? null });
          setAnswering(null);
          onChange();
        }}
      />
    </Card>
  );
}

/** 我的参会: the invitee answers and signs in himself (large buttons, also on a phone). */
export function MyAttendanceCard({ officeId, meeting, onChange }: { officeId: string; meeting: Meeting; onChange(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [answering, setAnswering] = useState(false);
  const canSignIn = meeting.abilities.includes('sign_in');
  const canRespond = meeting.abilities.includes('respond');
  if (!canSignIn && !canRespond) return null;
  return (
    <Card size="small" title={t(m.myAttendance)} style={{ marginBottom: 16 }} data-testid="my-attendance">
      <Flex wrap gap={8}>
        {canSignIn && (
          <Button
            type="primary"
            size="large"
            icon={<LoginOutlined />}
            style={{ minWidth: 160 }}
            onClick={() =>
              void meetingsApi.signIn(officeId, meeting.id).then(() => {
                void message.success(t(m.signInDone));
                onChange();
              })
            }
            data-testid="sign-in"
          >
            {t(m.signIn)}
          </Button>
        )}
        {canRespond && (
          <Button size="large" onClick={() => setAnswering(true)} data-testid="respond">
            {t(m.response)}
          </Button>
        )}
      </Flex>
      <AnswerModal
        title={t(m.response)}
        open={answering}
        onClose={() => setAnswering(false)}
        onSubmit={async (v) => {
          if (v.response === 'invited') return;
          await meetingsApi.respond(officeId, meeting.id, { response: v.response, substituteName: v.substituteName ?? null, leaveReason: v.leaveReason ?? null });
          setAnswering(false);
          onChange();
        }}
      />
    </Card>
  );
}

function AnswerModal({ title, open, initial, allowInvited, onClose, onSubmit }: { title: string; open: boolean; initial?: Answer; allowInvited?: boolean; onClose(): void; onSubmit(v: Answer): Promise<void> }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Answer>();
  const response = Form.useWatch('response', form);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      await onSubmit({ response: v.response, substituteName: v.response === 'substitute' ? v.substituteName?.trim() : undefined, leaveReason: v.response === 'on_leave' ? v.leaveReason?.trim() : undefined });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const options = (['invited', 'confirmed', 'substitute', 'on_leave'] as const).filter((r) => allowInvited || r !== 'invited').map((r) => ({ value: r, label: t(RESPONSE_LABELS[r]) }));
  return (
    <Modal open={open} title={title} okText={t(common.save)} cancelText={t(common.cancel)} confirmLoading={busy} onOk={submit} onCancel={onClose} destroyOnHidden okButtonProps={{ 'data-testid': 'answer-submit' }}>
      <RuleErrorAlert error={error} />
      <Form form={form} layout="vertical" requiredMark={false} initialValues={initial ?? { response: 'confirmed' }} name="answer">
        <Form.Item name="response" label={t(m.response)} rules={[{ required: true }]}>
          <Radio.Group optionType="button" options={options} />
        </Form.Item>
        {response === 'substitute' && (
          <Form.Item name="substituteName" label={t(m.substituteName)} rules={[{ required: true, whitespace: true, max: 100, message: t(common.required) }]}>
            <Input maxLength={100} />
          </Form.Item>
        )}
        {response === 'on_leave' && (
          <Form.Item name="leaveReason" label={t(m.leaveReason)} rules={[{ required: true, whitespace: true, max: 500, message: t(common.required) }]}>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

function AddAttendeeModal({ officeId, role, onClose, onSubmit }: { officeId: string; role: 'attendee' | 'observer' | null; onClose(): void; onSubmit(v: { personId?: string | null; name?: string; title?: string | null }): Promise<void> }) {
  const { t } = useI18n();
  const people = useQuery(() => (role ? peopleOf(officeId) : Promise.resolve([])), [officeId, role]);
  const [form] = Form.useForm<{ personId?: string; name?: string; title?: string }>();
  const { busy, error, submit, clearError } = useFormSubmit(form, async (v) => {
    await onSubmit(v.personId ? { personId: v.personId } : { name: v.name?.trim(), title: v.title?.trim() || null });
  });
  return (
    <Modal
      open={role !== null}
      title={role === 'observer' ? t(m.addObserver) : t(m.addAttendee)}
      okText={t(common.save)}
      cancelText={t(common.cancel)}
      confirmLoading={busy}
      onOk={submit}
      onCancel={() => {
        clearError();
        onClose();
      }}
      okButtonProps={{ 'data-testid': 'attendee-submit' }}
      destroyOnHidden
    >
      <RuleErrorAlert error={error} />
      <Form form={form} layout="vertical" requiredMark={false} name="add-attendee">
        <Form.Item name="personId" label={t(m.person)}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            options={(people.data ?? []).map((p) => ({ value: p.id, label: [p.name, p.unitName, p.title].filter(Boolean).join(' · ') }))}
            data-testid="attendee-person"
          />
        </Form.Item>
        <Typography.Paragraph type="secondary">{t(m.outsideRoster)}</Typography.Paragraph>
        <Form.Item name="name" label={t(m.name)}>
          <Input maxLength={100} data-testid="attendee-name-input" />
        </Form.Item>
        <Form.Item name="title" label={t(m.jobTitle)}>
          <Input maxLength={100} data-testid="attendee-title-input" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
