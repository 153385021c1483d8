import { App, Form, Input, Modal, Spin } from 'antd';
import { useEffect, useState } from 'react';
import type { Appointment } from '../../../../shared/contracts/organization.ts';
import { POST_LABELS, type Post } from '../../../../shared/roles.ts';
import { common, useI18n } from '../../../i18n.tsx';
import { todayInChina } from '../../../time.ts';
import { organizationApi } from '../api.ts';
import { m } from '../messages.ts';
import { blankToNull } from '../roster.ts';

export interface EndTarget {
  appointmentId: string;
  personId: string;
  name: string;
  post: Post;
}

/** 免职: ends an appointment on a date, sending the version read just before (If-Match). */
export function EndAppointmentModal({ officeId, target, onClose, onDone }: { officeId: string; target: EndTarget | null; onClose(): void; onDone(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ endDate: string; note?: string }>();
  const [appointment, setAppointment] = useState<Appointment>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    setAppointment(undefined);
    if (!target) return;
    form.setFieldsValue({ endDate: todayInChina(), note: undefined });
    organizationApi.appointments(officeId, { scope: 'all', personId: target.personId }).then(
      (list) => setAppointment(list.find((a) => a.id === target.appointmentId)),
      () => undefined,
    );
  }, [officeId, target, form]);

  const submit = async () => {
    const v = await form.validateFields();
    if (!target || !appointment) return;
    setBusy(true);
    try {
      await organizationApi.endAppointment(officeId, target.appointmentId, appointment.version, { endDate: v.endDate, note: blankToNull(v.note) });
      void message.success(t(m.ended));
      onDone();
    } catch {
      // shown by the client (412: changed by someone else)
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={Boolean(target)}
      title={target ? t(m.endTitle, { name: target.name, post: t(POST_LABELS[target.post]) }) : ''}
      okText={t(m.end)}
      okButtonProps={{ danger: true, disabled: !appointment }}
      cancelText={t(common.cancel)}
      confirmLoading={busy}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
    >
      <Spin spinning={!appointment}>
        <Form form={form} name="end-appointment" layout="vertical" requiredMark={false}>
          <Form.Item name="endDate" label={t(m.endDate)} extra={appointment ? `${t(m.startDate)}：${appointment.startDate}` : undefined} rules={[{ required: true, message: t(common.required) }]}>
            <Input type="date" />
          </Form.Item>
          <Form.Item name="note" label={t(m.note)} rules={[{ max: 500 }]}>
            <Input.TextArea rows={2} />
          </Form.Item>
        </Form>
      </Spin>
    </Modal>
  );
}
