import { Form, Input, Modal, Radio, Select } from 'antd';
import { useState } from 'react';
import { SYSTEM_DUTIES, SYSTEM_DUTY_LABELS, type SystemDuty } from '../../../../shared/roles.ts';
import { common, useI18n } from '../../../i18n.tsx';
import { accountsApi, type OneTimePassword } from '../api.ts';
import { m } from '../messages.ts';

interface Values {
  username: string;
  displayName: string;
  kind: 'business' | 'duty';
  personId?: string;
  systemDuty?: SystemDuty;
}

/** 新建账号: a business account tied to a person, or one of the three system duties. Mount when opening. */
export function AccountFormModal({ onClose, onCreated }: { onClose(): void; onCreated(r: OneTimePassword): void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form) ?? 'business';
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      const created = await accountsApi.create({
        username: v.username.trim(),
        displayName: v.displayName.trim(),
        ...(v.kind === 'business' ? { personId: v.personId?.trim() } : { systemDuty: v.systemDuty }),
      });
      onCreated(created);
    } catch {
      // shown by the client
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open title={t(m.newAccount)} okText={t(common.save)} cancelText={t(common.cancel)} confirmLoading={busy} onOk={() => void submit().catch(() => undefined)} onCancel={onClose}>
      <Form<Values> form={form} name="account" layout="vertical" requiredMark={false} initialValues={{ kind: 'business' }}>
        <Form.Item name="username" label={t(m.username)} rules={[{ required: true, message: t(common.required) }, { pattern: /^[a-zA-Z0-9_.-]{3,64}$/, message: t({ zh: '3–64 位字母、数字或 _ . -', en: '3–64 letters, digits or _ . -' }) }]}>
          <Input autoComplete="off" autoCapitalize="none" />
        </Form.Item>
        <Form.Item name="displayName" label={t(m.displayName)} rules={[{ required: true, whitespace: true, message: t(common.required) }, { max: 50 }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="kind" label={t(m.kind)}>
          <Radio.Group options={[{ value: 'business', label: t(m.business) }, { value: 'duty', label: t(m.systemDuty) }]} />
        </Form.Item>
        {kind === 'business' ? (
          <Form.Item name="personId" label={t(m.personId)} extra={t(m.personIdHelp)} rules={[{ required: true, whitespace: true, message: t(common.required) }]}>
            <Input autoComplete="off" />
          </Form.Item>
        ) : (
          <Form.Item name="systemDuty" label={t(m.duty)} rules={[{ required: true, message: t(common.required) }]}>
            <Select options={SYSTEM_DUTIES.map((d) => ({ value: d, label: t(SYSTEM_DUTY_LABELS[d]) }))} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
