import { Card, Typography } from 'antd';
import type { ReactNode } from 'react';
import { LanguageSwitch } from '../../../components/LanguageSwitch.tsx';
import { common, useI18n } from '../../../i18n.tsx';

/** The centred card of the login and password pages, with the app name and the language switch. */
export function AuthCard({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <div style={{ minHeight: '100vh', boxSizing: 'border-box', display: 'flex', flexDirection: 'column', alignItems: 'center', padding: '10vh 16px 16px', background: 'linear-gradient(180deg, #1f4e8c 0, #1f4e8c 220px, #f5f6f8 220px)' }}>
      <div style={{ width: '100%', maxWidth: 400, display: 'flex', justifyContent: 'space-between', alignItems: 'center', color: '#fff', marginBottom: 16 }}>
        <Typography.Title level={3} style={{ color: '#fff', margin: 0 }}>
          {t(common.appName)}
        </Typography.Title>
        <LanguageSwitch />
      </div>
      <Card title={title} style={{ width: '100%', maxWidth: 400 }}>
        {children}
      </Card>
      <Typography.Text type="secondary" style={{ marginTop: 16, fontSize: 12, textAlign: 'center' }}>
        {t(common.appNameLong)}
      </Typography.Text>
    </div>
  );
}
