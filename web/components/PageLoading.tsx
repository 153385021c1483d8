import { Spin } from 'antd';
import { common, useI18n } from '../i18n.tsx';

export function PageLoading() {
  const { t } = useI18n();
  return (
    <div style={{ display: 'flex', justifyContent: 'center', padding: 64 }}>
      <Spin description={t(common.loading)} />
    </div>
  );
}
