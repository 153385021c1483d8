import { Form, Input } from 'antd';
import { common, useI18n } from '../../../i18n.tsx';
import { m } from '../messages.ts';

/** Name, title and contacts of a person; `prefix` nests them (e.g. ['person']) inside a larger form. */
export function PersonFields({ prefix = [] }: { prefix?: string[] }) {
  const { t } = useI18n();
  const name = (field: string) => [...prefix, field];
  return (
    <>
      <Form.Item name={name('name')} label={t(m.name)} rules={[{ required: true, whitespace: true, message: t(common.required) }, { max: 50 }]}>
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item name={name('title')} label={t(m.title)} rules={[{ max: 100 }]}>
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item name={name('mobile')} label={t(m.mobile)} rules={[{ pattern: /^1\d{10}$/, message: t({ zh: '手机号应为 11 位', en: 'A mobile number has 11 digits' }) }]}>
        <Input inputMode="tel" autoComplete="off" />
      </Form.Item>
      <Form.Item name={name('phone')} label={t(m.phone)} rules={[{ max: 50 }]}>
        <Input inputMode="tel" autoComplete="off" />
      </Form.Item>
      <Form.Item name={name('email')} label={t(m.email)} rules={[{ type: 'email' }]}>
        <Input inputMode="email" autoComplete="off" />
      </Form.Item>
    </>
  );
}

export interface PersonFieldValues {
  name: string;
  title?: string;
  mobile?: string;
  phone?: string;
  email?: string;
}
