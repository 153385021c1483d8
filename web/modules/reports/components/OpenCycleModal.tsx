import { App, Form, InputNumber, Modal, Select } from 'antd';
import { useState } from 'react';
import { common, useI18n } from '../../../i18n.tsx';
import { todayInChina } from '../../../time.ts';
import { reportsApi, type Cycle } from '../api.ts';
import { m } from '../messages.ts';
import { lastEndedQuarter, periodLabel } from '../periods.ts';

interface Values {
  year: number;
  quarter: number;
}

/** 开启季度汇报: a quarter that has ended (the server refuses one still running, and one already open). */
export function OpenCycleModal({ officeId, open, onClose, onDone }: { officeId: string; open: boolean; onClose(): void; onDone(cycle: Cycle): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [initialValues] = useState<Values>(() => lastEndedQuarter(todayInChina()));

  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      const cycle = await reportsApi.openCycle(officeId, v);
      void message.success(t(m.opened, { period: periodLabel(t, cycle) }));
      onDone(cycle);
    } catch {
      // shown by the client (not ended yet, already open)
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t(m.openCycleTitle)}
      okText={t(m.openCycle)}
      cancelText={t(common.cancel)}
      confirmLoading={busy}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<Values> form={form} name="open-cycle" layout="inline" initialValues={initialValues} requiredMark={false} style={{ rowGap: 12 }}>
        <Form.Item name="year" label={t(m.year)} rules={[{ required: true, message: t(common.required) }]}>
          <InputNumber min={2000} max={2100} precision={0} style={{ width: 110 }} />
        </Form.Item>
        <Form.Item name="quarter" label={t(m.quarter)} rules={[{ required: true, message: t(common.required) }]}>
          <Select style={{ width: 130 }} options={[1, 2, 3, 4].map((n) => ({ value: n, label: t(m.quarterN, { n }) }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
