import { App, Form, Modal, Select } from 'antd';
import { useState } from 'react';
import type { Unit } from '../../../../shared/contracts/organization.ts';
import { common, useI18n } from '../../../i18n.tsx';
import { ledgerApi } from '../api.ts';
import { m } from '../messages.ts';

/** 调整牵头单位: the selected tasks get one lead unit (tasks already led by it are left as they are). Mount when opening. */
export function BulkAssignModal({ officeId, taskIds, units, onClose, onDone }: { officeId: string; taskIds: string[]; units: Unit[]; onClose(): void; onDone(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ leadUnitId: string }>();
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    const { leadUnitId } = await form.validateFields();
    setBusy(true);
    try {
      const { changed } = await ledgerApi.bulkAssign(officeId, { taskIds, leadUnitId });
      void message.success(t(m.bulkAssigned, { n: changed }));
      onDone();
    } catch {
      // shown by the client
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open title={t(m.bulkAssign)} okText={t(common.confirm)} cancelText={t(common.cancel)} confirmLoading={busy} onOk={() => void submit().catch(() => undefined)} onCancel={onClose}>
      <Form form={form} layout="vertical" requiredMark={false} name="bulk-assign">
        <Form.Item name="leadUnitId" label={t(m.bulkAssignTitle, { n: taskIds.length })} rules={[{ required: true, message: t(m.chooseUnit) }]}>
          <Select showSearch={{ optionFilterProp: 'label' }} placeholder={t(m.chooseUnit)} options={units.map((u) => ({ value: u.id, label: u.name }))} data-testid="bulk-unit" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
