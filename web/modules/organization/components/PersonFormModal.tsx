import { App, Form, Modal, Select, Typography } from 'antd';
import { useState } from 'react';
import type { Person, Unit } from '../../../../shared/contracts/organization.ts';
import { common, useI18n } from '../../../i18n.tsx';
import { organizationApi } from '../api.ts';
import { m } from '../messages.ts';
import { blankToNull } from '../roster.ts';
import { PersonFields, type PersonFieldValues } from './PersonFields.tsx';

type Values = PersonFieldValues & { unitId?: string | null };

/** Adds a person, or edits one with the version it was read at (412 → "changed by someone else"). Mount when opening. */
export function PersonFormModal({ officeId, person, units, onClose, onDone }: { officeId: string; person: Person | null; units: Unit[]; onClose(): void; onDone(p: Person): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [initialValues] = useState<Values>(() =>
    person
      ? { name: person.name, unitId: person.unitId, title: person.title ?? '', mobile: person.mobile ?? '', phone: person.phone ?? '', email: person.email ?? '' }
      : { name: '', unitId: null },
  );

  const submit = async () => {
    const v = await form.validateFields();
    const body = { name: v.name.trim(), unitId: v.unitId ?? null, title: blankToNull(v.title), mobile: blankToNull(v.mobile), phone: blankToNull(v.phone), email: blankToNull(v.email) };
    setBusy(true);
    try {
      const saved = person ? await organizationApi.updatePerson(officeId, person.id, person.version, body) : await organizationApi.createPerson(officeId, body);
      void message.success(t(common.saved));
      onDone(saved);
    } catch {
      // shown by the client; a 412 says the person was changed by someone else
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={person ? t(m.editPerson, { name: person.name }) : t(m.newPerson)}
      okText={t(common.save)}
      cancelText={t(common.cancel)}
      confirmLoading={busy}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
    >
      <Form<Values> form={form} name="person" layout="vertical" requiredMark={false} initialValues={initialValues}>
        <Form.Item name="unitId" label={t(m.unit)}>
          <Select allowClear placeholder={t(m.noUnit)} showSearch={{ optionFilterProp: 'label' }} options={units.map((u) => ({ value: u.id, label: u.name }))} />
        </Form.Item>
        <PersonFields />
        {person ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t(m.personId)}：<Typography.Text copyable code>{person.id}</Typography.Text>
          </Typography.Text>
        ) : null}
      </Form>
    </Modal>
  );
}
