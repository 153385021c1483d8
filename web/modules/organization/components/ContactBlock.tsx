import { MailOutlined, MobileOutlined, PhoneOutlined } from '@ant-design/icons';
import { Space, Tag, Typography } from 'antd';
import { common, useI18n } from '../../../i18n.tsx';
import type { Contact } from '../api.ts';
import { m } from '../messages.ts';

/** Name, title and tap-to-call / mail links of one contact. */
export function ContactBlock({ contact }: { contact: Contact | null }) {
  const { t } = useI18n();
  if (!contact) return <Tag color="red">{t(common.notSet)}</Tag>;
  return (
    <Space orientation="vertical" size={0}>
      <span>
        <Typography.Text strong>{contact.name}</Typography.Text>
        {contact.title ? <Typography.Text type="secondary">（{contact.title}）</Typography.Text> : null}
      </span>
      {contact.mobile ? (
        <a href={`tel:${contact.mobile}`} aria-label={`${t(m.call)} ${contact.name} ${contact.mobile}`}>
          <MobileOutlined /> {contact.mobile}
        </a>
      ) : null}
      {contact.phone ? (
        <a href={`tel:${contact.phone.replace(/[^\d+]/g, '')}`}>
          <PhoneOutlined /> {contact.phone}
        </a>
      ) : null}
      {contact.email ? (
        <a href={`mailto:${contact.email}`}>
          <MailOutlined /> {contact.email}
        </a>
      ) : null}
    </Space>
  );
}
