import { App, Alert, Checkbox, Form, Input, Modal, Radio, Select, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import type { Person, Roster, Unit } from '../../../../shared/contracts/organization.ts';
import { POST_LABELS, POSTS, SINGLE_HOLDER_POSTS, UNIT_BOUND_POSTS, type Post } from '../../../../shared/roles.ts';
import { common, useI18n } from '../../../i18n.tsx';
import { todayInChina } from '../../../time.ts';
import { organizationApi } from '../api.ts';
import { m } from '../messages.ts';
import { blankToNull, holdersOf } from '../roster.ts';
import { PersonFields, type PersonFieldValues } from './PersonFields.tsx';

interface Values {
  post: Post;
  unitId?: string;
  mode: 'existing' | 'new';
  personId?: string;
  person?: PersonFieldValues;
  startDate: string;
  replaceCurrent: boolean;
  note?: string;
}

export interface AppointPreset {
  post: Post;
  unit?: Unit;
}

/**
 * 任命: pick a person (or create one), a post and, for unit posts, the member unit. With a preset
 * (任命联络员 on a unit's row) post and unit are fixed. Single-holder posts offer to end the current holder.
 * Mount it when it opens: its initial values are taken once.
 */
export function AppointModal({ officeId, roster, preset, open, onClose, onDone }: { officeId: string; roster: Roster; preset?: AppointPreset; open: boolean; onClose(): void; onDone(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [people, setPeople] = useState<Person[]>([]);
  const [busy, setBusy] = useState(false);
  const post = Form.useWatch('post', form) ?? preset?.post;
  const unitId = Form.useWatch('unitId', form) ?? preset?.unit?.id;
  const mode = Form.useWatch('mode', form) ?? 'existing';
  const replace = Form.useWatch('replaceCurrent', form) ?? true;

  const [initialValues] = useState<Partial<Values>>(() => ({ post: preset?.post, unitId: preset?.unit?.id, mode: 'existing', startDate: todayInChina(), replaceCurrent: true }));

  useEffect(() => {
    if (open) organizationApi.people(officeId).then(setPeople, () => setPeople([]));
  }, [open, officeId]);

  const unitBound = post ? UNIT_BOUND_POSTS.includes(post) : false;
  const single = post ? SINGLE_HOLDER_POSTS.includes(post) : false;
  const holders = post && (!unitBound || unitId) ? holdersOf(roster, post, unitId) : [];
  const units = roster.units.map((u) => u.unit).filter((u) => u.active);

  const personOptions = useMemo(() => {
    const list = unitBound && unitId ? people.filter((p) => p.unitId === unitId) : people;
    return list.map((p) => ({ value: p.id, label: `${p.name}${p.title ? `（${p.title}）` : ''}${!unitBound && p.unitName ? ` · ${p.unitName}` : ''}` }));
  }, [people, unitBound, unitId]);

  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      let personId = v.personId;
      if (v.mode === 'new' && v.person) {
        const p = v.person;
        const created = await organizationApi.createPerson(officeId, {
          name: p.name.trim(),
          unitId: v.unitId ?? null,
          title: blankToNull(p.title),
          mobile: blankToNull(p.mobile),
          phone: blankToNull(p.phone),
          email: blankToNull(p.email),
        });
        // If the appointment fails next, a retry picks the person just created instead of creating a twin.
        setPeople((list) => [...list, created]);
        form.setFieldsValue({ mode: 'existing', personId: created.id });
        personId = created.id;
      }
      if (!personId) return;
      await organizationApi.appoint(officeId, {
        post: v.post,
        personId,
        unitId: v.unitId ?? null,
        startDate: v.startDate,
        note: blankToNull(v.note),
        replaceCurrent: single && v.replaceCurrent,
      });
      void message.success(t(m.appointed));
      onDone();
    } catch {
      // the client has shown the server's message; the dialog stays open to correct and retry
    } finally {
      setBusy(false);
    }
  };

  const title = preset?.unit ? `${t(POST_LABELS[preset.post])} — ${preset.unit.name}` : t(m.appoint);
  return (
    <Modal
      open={open}
      title={preset?.post === 'liaison_officer' && preset.unit ? `${t(m.appointLiaison)}：${preset.unit.name}` : title}
      okText={t(m.appoint)}
      cancelText={t(common.cancel)}
      confirmLoading={busy}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<Values> form={form} name="appoint" layout="vertical" requiredMark={false} initialValues={initialValues}>
        <Form.Item name="post" label={t(m.post)} rules={[{ required: true, message: t(common.required) }]} hidden={Boolean(preset)}>
          <Select options={POSTS.map((p) => ({ value: p, label: t(POST_LABELS[p]) }))} onChange={() => form.setFieldValue('personId', undefined)} />
        </Form.Item>
        <Form.Item
          name="unitId"
          label={t(m.memberUnit)}
          hidden={Boolean(preset?.unit)}
          rules={[{ required: unitBound, message: t(m.unitRequired) }]}
        >
          <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={units.map((u) => ({ value: u.id, label: u.name }))} onChange={() => form.setFieldValue('personId', undefined)} />
        </Form.Item>
        <Form.Item name="mode">
          <Radio.Group optionType="button" options={[{ value: 'existing', label: t(m.pickExisting) }, { value: 'new', label: t(m.createNew) }]} />
        </Form.Item>
        {mode === 'existing' ? (
          <Form.Item
            name="personId"
            label={t(m.person)}
            extra={unitBound && unitId ? t(m.unitPeopleOnly) : undefined}
            rules={[{ required: true, message: t(m.choosePerson) }]}
          >
            <Select showSearch={{ optionFilterProp: 'label' }} placeholder={t(m.choosePerson)} options={personOptions} />
          </Form.Item>
        ) : (
          <PersonFields prefix={['person']} />
        )}
        <Form.Item name="startDate" label={t(m.startDate)} rules={[{ required: true, message: t(common.required) }]}>
          <Input type="date" />
        </Form.Item>
        {single && (
          <>
            <Form.Item name="replaceCurrent" valuePropName="checked" style={{ marginBottom: 4 }}>
              <Checkbox>{t(m.replaceCurrent)}</Checkbox>
            </Form.Item>
            <Alert
              type={holders.length > 1 ? 'warning' : 'info'}
              style={{ marginBottom: 16 }}
              title={
                holders.length === 0
                  ? t(m.noHolder)
                  : replace
                    ? t(m.willEnd, { names: holders.map((h) => h.name).join('、') })
                    : `${t(m.current)}：${holders.map((h) => h.name).join('、')}`
              }
            />
          </>
        )}
        <Form.Item name="note" label={t(m.note)} rules={[{ max: 500 }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
        {!single && holders.length > 0 && (
          <Typography.Text type="secondary">
            {t(POST_LABELS[post!])}：{holders.map((h) => h.name).join('、')}
          </Typography.Text>
        )}
      </Form>
    </Modal>
  );
}
