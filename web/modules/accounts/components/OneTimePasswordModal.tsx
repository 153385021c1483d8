import { Alert, Modal, Typography } from 'antd';
import { useI18n } from '../../../i18n.tsx';
import type { OneTimePassword } from '../api.ts';
import { m } from '../messages.ts';

/** Shows a freshly issued one-time password, once. */
export function OneTimePasswordModal({ issued, onClose }: { issued: OneTimePassword | null; onClose(): void }) {
  const { t } = useI18n();
  return (
    <Modal open={Boolean(issued)} title={t(m.otpTitle)} onCancel={onClose} onOk={onClose} okText={t(m.noted)} cancelButtonProps={{ style: { display: 'none' } }} mask={{ closable: false }}>
      {issued && (
        <>
          <Typography.Paragraph>
            {t(m.username)}：<Typography.Text strong>{issued.account.username}</Typography.Text>（{issued.account.displayName}）
          </Typography.Paragraph>
          <Typography.Paragraph>
            <Typography.Text code copyable style={{ fontSize: 20 }} data-testid="one-time-password">
              {issued.oneTimePassword}
            </Typography.Text>
          </Typography.Paragraph>
          <Alert type="warning" showIcon title={t(m.otpOnce, { name: issued.account.displayName })} />
        </>
      )}
    </Modal>
  );
}
