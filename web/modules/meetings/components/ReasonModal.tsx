import { Form, Input, Modal } from 'antd';
import type { ReactNode } from 'react';
import { common, useI18n } from '../../../i18n.tsx';
import { chinaLocalToIso } from '../../../time.ts';
import { m } from '../messages.ts';
import { RuleErrorAlert } from './common.tsx';
import { useFormSubmit } from '../../../use-form-submit.ts';

/** A required reason (cancel, postpone, reject an item, reopen minutes); with `reschedule` also the new time. */
export function ReasonModal({
  open,
  title,
  okText,
  danger,
  reschedule,
  label,
  onClose,
  onSubmit,
  testId,
}: {
  open: boolean;
  title: ReactNode;
  okText: string;
  danger?: boolean;
  reschedule?: boolean;
  label?: string;
  onClose(): void;
  onSubmit(v: { reason: string; startsAt?: string; endsAt?: string | null }): Promise<void>;
  testId?: string;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ reason: string; startsAt?: string; endsAt?: string }>();
  const { busy, error, submit, clearError } = useFormSubmit(form, async (v) => {
    await onSubmit({ reason: v.reason.trim(), ...(reschedule ? { startsAt: chinaLocalToIso(v.startsAt ?? ''), endsAt: v.endsAt ? (chinaLocalToIso(v.endsAt) ?? null) : undefined } : {}) });
  });
  return (
    <Modal
      open={open}
      title={title}
      okText={okText}
      okButtonProps={{ danger, 'data-testid': `${testId ?? 'reason'}-submit` }}
      cancelText={t(common.cancel)}
      confirmLoading={busy}
      onOk={submit}
      onCancel={() => {
        clearError();
        onClose();
      }}
      destroyOnHidden
    >
      <RuleErrorAlert error={error} />
      <Form form={form} layout="vertical" requiredMark={false} name={testId ?? 'reason'}>
        {reschedule && (
          <>
            <Form.Item name="startsAt" label={t(m.newStart)} rules={[{ required: true, message: t(common.required) }]}>
              <Input type="datetime-local" />
            </Form.Item>
            <Form.Item name="endsAt" label={t(m.newEnd)}>
              <Input type="datetime-local" />
            </Form.Item>
          </>
        )}
        <Form.Item name="reason" label={label ?? t(m.reason)} rules={[{ required: true, whitespace: true, min: 2, max: 1000, message: t(m.reasonMin) }]}>
          <Input.TextArea rows={3} maxLength={1000} showCount autoFocus data-testid={`${testId ?? 'reason'}-input`} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
