import { Button, Result } from 'antd';
import { Link } from 'react-router';
import { common, useI18n } from '../i18n.tsx';

const KINDS = {
  'not-found': { status: '404', text: common.notFound },
  forbidden: { status: '403', text: common.forbidden },
  'no-office': { status: 'info', text: common.noOffice },
} as const;

/** A calm full-page message: page not found, not allowed, no office yet. */
export function StatusPage({ kind }: { kind: keyof typeof KINDS }) {
  const { t } = useI18n();
  const k = KINDS[kind];
  return (
    <Result
      status={k.status}
      title={t(k.text)}
      extra={
        kind === 'no-office' ? null : (
          <Link to="/">
            <Button type="primary">{t(common.home)}</Button>
          </Link>
        )
      }
    />
  );
}
