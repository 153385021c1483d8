import { Alert, App, Form, Input, InputNumber, Modal } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../../api.ts';
import { common, useI18n } from '../../../i18n.tsx';
import { reportsApi, type Cycle } from '../api.ts';
import { m } from '../messages.ts';
import { periodLabel } from '../periods.ts';

/** 延长报送期限 (A1-10): more working days after the quarter, a required reason, sent with the cycle's version. */
export function ExtendDeadlineModal({ officeId, cycle, open, onClose, onDone }: { officeId: string; cycle: Cycle; open: boolean; onClose(): void; onDone(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ dueWorkingDays: number; reason: string }>();
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      const next = await reportsApi.extendDeadline(officeId, cycle, { dueWorkingDays: v.dueWorkingDays, reason: v.reason.trim() });
      void message.success(t(m.extended, { date: next.dueDate ?? '—' }));
      onDone();
    } catch (err) {
      // shown by the client; on 412 (changed meanwhile) the page reloads what the server has now
      if (err instanceof ApiError && err.code === 'VERSION_MISMATCH') onDone();
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t(m.extendDeadlineTitle, { period: periodLabel(t, cycle) })}
      okText={t(m.extendDeadline)}
      cancelText={t(common.cancel)}
      confirmLoading={busy}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} name="extend-deadline" layout="vertical" requiredMark={false} initialValues={{ dueWorkingDays: cycle.dueWorkingDays + 5 }}>
        <Form.Item
          name="dueWorkingDays"
          label={t(m.extendDays)}
          rules={[{ required: true, type: 'number', min: cycle.dueWorkingDays + 1, max: 120, message: t(m.extendDaysMin, { n: cycle.dueWorkingDays }) }]}
        >
          <InputNumber min={cycle.dueWorkingDays + 1} max={120} precision={0} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="reason" label={t(m.extendReason)} rules={[{ required: true, whitespace: true, max: 500, message: t(m.extendReasonRequired) }]}>
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
        <Alert type="info" showIcon title={t(m.extendEffect)} />
      </Form>
    </Modal>
  );
}
