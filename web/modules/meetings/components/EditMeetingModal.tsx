import { App, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { common, useI18n } from '../../../i18n.tsx';
import { chinaLocalToIso } from '../../../time.ts';
import { meetingsApi, type Meeting } from '../api.ts';
import { m } from '../messages.ts';
import { isoToChinaLocal, RuleErrorAlert } from './common.tsx';

interface Values {
  title: string;
  place: string;
  endsAt?: string;
  materialCutoff?: string;
  note?: string;
}

/** 修改会议信息 while the meeting is arranged: title, place, end, material cut-off, note (If-Match the version read). */
export function EditMeetingModal({ officeId, meeting: mt, onClose, onDone }: { officeId: string; meeting: Meeting; onClose(): void; onDone(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      await meetingsApi.update(officeId, mt, {
        title: v.title.trim(),
        place: v.place.trim(),
        endsAt: v.endsAt ? (chinaLocalToIso(v.endsAt) ?? null) : null,
        materialCutoff: v.materialCutoff ? (chinaLocalToIso(v.materialCutoff) ?? null) : null,
        note: v.note?.trim() || null,
      });
      void message.success(t(common.saved));
      onDone();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open title={t(m.editMeeting)} okText={t(common.save)} cancelText={t(common.cancel)} confirmLoading={busy} onOk={() => void submit().catch(() => undefined)} onCancel={onClose} destroyOnHidden>
      <Typography.Paragraph type="secondary">{t(m.editMeetingHint)}</Typography.Paragraph>
      <Form<Values>
        form={form}
        layout="vertical"
        requiredMark={false}
        name="edit-meeting"
        initialValues={{ title: mt.title, place: mt.place, endsAt: isoToChinaLocal(mt.endsAt) || undefined, materialCutoff: isoToChinaLocal(mt.materialCutoff) || undefined, note: mt.note ?? undefined }}
      >
        <Form.Item name="title" label={t(m.title)} rules={[{ required: true, whitespace: true, max: 200, message: t(common.required) }]}>
          <Input maxLength={200} data-testid="edit-meeting-title" />
        </Form.Item>
        <Form.Item name="place" label={t(m.place)} rules={[{ required: true, whitespace: true, max: 200, message: t(common.required) }]}>
          <Input maxLength={200} data-testid="edit-meeting-place" />
        </Form.Item>
        <Form.Item name="endsAt" label={t(m.endsAt)}>
          <Input type="datetime-local" />
        </Form.Item>
        <Form.Item name="materialCutoff" label={t(m.materialCutoff)}>
          <Input type="datetime-local" />
        </Form.Item>
        <Form.Item name="note" label={t(m.note)}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </Form>
      {error ? <RuleErrorAlert error={error} /> : null}
    </Modal>
  );
}
