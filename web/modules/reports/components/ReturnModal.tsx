import { App, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../../api.ts';
import { common, useI18n } from '../../../i18n.tsx';
import { reportsApi, type Report } from '../api.ts';
import { m } from '../messages.ts';

/** 退回修改 with a required reason, sent with the version the reviewer read (If-Match). */
export function ReturnModal({ report, open, onClose, onDone, onStale }: { report: Report; open: boolean; onClose(): void; onDone(report: Report): void; onStale(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      const next = await reportsApi.returnForRevision(report.officeId, report.id, report.version, v.reason.trim());
      void message.success(t(m.returned));
      onDone(next);
    } catch (err) {
      // shown by the client; on 412 (changed by someone else) the page reloads what the server has now
      if (err instanceof ApiError && err.code === 'VERSION_MISMATCH') onStale();
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t(m.returnTitle, { unit: report.unitName })}
      okText={t(m.returnForRevision)}
      okButtonProps={{ danger: true }}
      cancelText={t(common.cancel)}
      confirmLoading={busy}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} name="return-report" layout="vertical" requiredMark={false}>
        <Form.Item
          name="reason"
          label={t(m.returnReason)}
          rules={[{ required: true, whitespace: true, min: 2, max: 1000, message: t(m.returnReasonMin) }]}
        >
          <Input.TextArea rows={4} maxLength={1000} showCount autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}
