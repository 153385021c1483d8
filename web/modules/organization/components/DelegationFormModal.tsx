import { App, Alert, Form, Input, Modal, Select } from 'antd';
import { useEffect, useState } from 'react';
import type { Appointment } from '../../../../shared/contracts/organization.ts';
import { DELEGABLE_POWER_NAMES, DELEGABLE_POWERS, POST_LABELS, type DelegablePower } from '../../../../shared/roles.ts';
import { common, useI18n } from '../../../i18n.tsx';
import { todayInChina } from '../../../time.ts';
import { organizationApi } from '../api.ts';
import { m } from '../messages.ts';
import { blankToNull } from '../roster.ts';

interface Values {
  power: DelegablePower;
  fromPersonId: string;
  toPersonId: string;
  startDate: string;
  endDate: string;
  reason?: string;
}

/** 委托: a leader or director lets a deputy exercise one power for a period. Mount when opening. */
export function DelegationFormModal({ officeId, onClose, onDone }: { officeId: string; onClose(): void; onDone(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [current, setCurrent] = useState<Appointment[]>([]);
  const power = Form.useWatch('power', form);
  const rule = power ? DELEGABLE_POWERS[power] : undefined;

  useEffect(() => {
    organizationApi.appointments(officeId, { scope: 'current' }).then(setCurrent, () => undefined);
  }, [officeId]);

  // Who may delegate and to whom follows from the power: leader → deputy leaders, director → deputy directors.
  const holders = (post: string | undefined) =>
    current.filter((a) => a.post === post).map((a) => ({ value: a.personId, label: `${a.personName}${a.unitName ? ` · ${a.unitName}` : ''}` }));
  const fromOptions = holders(rule?.from);
  const toOptions = holders(rule?.to);

  const onPowerChange = (next: DelegablePower) => {
    const from = holders(DELEGABLE_POWERS[next].from);
    form.setFieldsValue({ fromPersonId: from.length === 1 ? from[0]!.value : undefined, toPersonId: undefined });
  };

  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      await organizationApi.delegate(officeId, { power: v.power, fromPersonId: v.fromPersonId, toPersonId: v.toPersonId, startDate: v.startDate, endDate: v.endDate, reason: blankToNull(v.reason) });
      void message.success(t(m.delegated));
      onDone();
    } catch {
      // shown by the client
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open title={t(m.newDelegation)} okText={t(common.save)} cancelText={t(common.cancel)} confirmLoading={busy} onOk={() => void submit().catch(() => undefined)} onCancel={onClose}>
      <Form<Values> form={form} name="delegation" layout="vertical" requiredMark={false} initialValues={{ startDate: todayInChina() }}>
        <Form.Item name="power" label={t(m.power)} rules={[{ required: true, message: t(common.required) }]}>
          <Select onChange={onPowerChange} options={DELEGABLE_POWER_NAMES.map((p) => ({ value: p, label: `${t(DELEGABLE_POWERS[p])}（${DELEGABLE_POWERS[p].rule}）` }))} />
        </Form.Item>
        {rule && fromOptions.length === 0 && <Alert type="warning" style={{ marginBottom: 12 }} title={t(m.noHolderFor, { post: t(POST_LABELS[rule.from]) })} />}
        <Form.Item name="fromPersonId" label={rule ? `${t(m.from)}（${t(POST_LABELS[rule.from])}）` : t(m.from)} rules={[{ required: true, message: t(common.required) }]}>
          <Select options={fromOptions} disabled={!rule} />
        </Form.Item>
        <Form.Item name="toPersonId" label={rule ? `${t(m.to)}（${t(POST_LABELS[rule.to])}）` : t(m.to)} rules={[{ required: true, message: t(common.required) }]}>
          <Select options={toOptions} disabled={!rule} />
        </Form.Item>
        <Form.Item name="startDate" label={t(m.startDate)} rules={[{ required: true, message: t(common.required) }]}>
          <Input type="date" />
        </Form.Item>
        <Form.Item
          name="endDate"
          label={t(m.periodEnd)}
          dependencies={['startDate']}
          rules={[
            { required: true, message: t(common.required) },
            ({ getFieldValue }) => ({ validator: (_, v?: string) => (!v || v >= getFieldValue('startDate') ? Promise.resolve() : Promise.reject(new Error(t(m.endBeforeStart)))) }),
          ]}
        >
          <Input type="date" />
        </Form.Item>
        <Form.Item name="reason" label={t(m.reason)} rules={[{ max: 500 }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
