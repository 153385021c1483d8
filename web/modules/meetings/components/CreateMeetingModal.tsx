import { Form, Input, Modal, Select, Typography } from 'antd';
import { useState } from 'react';
import type { Meeting, MeetingKind } from '../../../../shared/contracts/meetings.ts';
import { common, useI18n } from '../../../i18n.tsx';
import { chinaLocalToIso } from '../../../time.ts';
import { meetingsApi } from '../api.ts';
import { KIND_LABELS, KINDS, m } from '../messages.ts';
import { RuleErrorAlert, useLeaders } from './common.tsx';

interface Values {
  kind: MeetingKind;
  title: string;
  startsAt: string;
  endsAt?: string;
  place: string;
  chairPersonId?: string;
  convenerPersonId?: string;
  proposedByPersonId?: string;
  note?: string;
}

/**
 * 拟定会议: kind, title, time, place and — optionally — the chair (set right after, checked against A1-8 / A2-6), the
 * convener of a special meeting and the proposer of an extra plenary. A refusal shows the server's message and rule.
 */
export function CreateMeetingModal({ officeId, open, onClose, onCreated }: { officeId: string; open: boolean; onClose(): void; onCreated(m: Meeting, chairError: unknown): void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const leaders = useLeaders(officeId);
  const kind = Form.useWatch('kind', form);

  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      const created = await meetingsApi.create(officeId, {
        kind: v.kind,
        title: v.title.trim(),
        startsAt: chinaLocalToIso(v.startsAt)!,
        endsAt: v.endsAt ? (chinaLocalToIso(v.endsAt) ?? null) : null,
        place: v.place.trim(),
        convenerPersonId: v.convenerPersonId ?? null,
        proposedByPersonId: v.proposedByPersonId ?? null,
        note: v.note?.trim() || null,
      });
      let chairError: unknown = null;
      let out = created;
      if (v.chairPersonId && v.chairPersonId !== created.chair?.personId) {
        try {
          out = await meetingsApi.setChair(officeId, created, v.chairPersonId);
        } catch (err) {
          chairError = err;
        }
      }
      form.resetFields();
      onCreated(out, chairError);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t(m.newMeeting)}
      okText={t(m.newMeeting)}
      cancelText={t(common.cancel)}
      confirmLoading={busy}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={() => {
        setError(null);
        onClose();
      }}
      okButtonProps={{ 'data-testid': 'create-meeting-submit' }}
      destroyOnHidden
    >
      <RuleErrorAlert error={error} testId="create-meeting-error" />
      <Form form={form} name="create-meeting" layout="vertical" requiredMark={false} initialValues={{ kind: 'plenary' }}>
        <Form.Item name="kind" label={t(m.kind)} rules={[{ required: true, message: t(common.required) }]}>
          <Select data-testid="meeting-kind" options={KINDS.map((k) => ({ value: k, label: t(KIND_LABELS[k]) }))} />
        </Form.Item>
        <Form.Item name="title" label={t(m.title)} rules={[{ required: true, whitespace: true, max: 200, message: t(common.required) }]}>
          <Input maxLength={200} data-testid="meeting-title" />
        </Form.Item>
        <Form.Item name="startsAt" label={t(m.startsAt)} rules={[{ required: true, message: t(common.required) }]}>
          <Input type="datetime-local" data-testid="meeting-starts" />
        </Form.Item>
        <Form.Item name="endsAt" label={t(m.endsAt)}>
          <Input type="datetime-local" data-testid="meeting-ends" />
        </Form.Item>
        <Form.Item name="place" label={t(m.place)} rules={[{ required: true, whitespace: true, max: 200, message: t(common.required) }]}>
          <Input maxLength={200} data-testid="meeting-place" />
        </Form.Item>
        <Form.Item name="chairPersonId" label={t(m.chair)} extra={<Typography.Text type="secondary">{kind === 'plenary' ? 'A1-8' : kind === 'special' ? 'A1-8' : 'A2-6'}</Typography.Text>}>
          <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={leaders.options} placeholder={t(common.notSet)} data-testid="meeting-chair" />
        </Form.Item>
        {kind === 'special' && (
          <Form.Item name="convenerPersonId" label={t(m.convener)}>
            <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={leaders.options} data-testid="meeting-convener" />
          </Form.Item>
        )}
        {kind === 'plenary' && (
          <Form.Item name="proposedByPersonId" label={t(m.proposedBy)} extra={t(m.proposedByHint)}>
            <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={leaders.options} data-testid="meeting-proposer" />
          </Form.Item>
        )}
        <Form.Item name="note" label={t(m.note)}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
