import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import type { Login } from '../../../../shared/contracts/auth.ts';
import { describeError } from '../../../components/ErrorText.tsx';
import { PageLoading } from '../../../components/PageLoading.tsx';
import { useI18n } from '../../../i18n.tsx';
import { landingPath, mayOpen } from '../../../offices.ts';
import { useSessionApi } from '../../../session.tsx';
import { authApi } from '../api.ts';
import { AuthCard } from '../components/AuthCard.tsx';
import { m } from '../messages.ts';

export default function LoginPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const { state, refresh } = useSessionApi();
  const navigate = useNavigate();
  const from = (useLocation().state as { from?: string } | null)?.from;
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  if (state.status === 'loading') return <PageLoading />;
  if (state.status === 'ready') return <Navigate to={landingPath(state.session)} replace />;

  const submit = async (values: Login) => {
    setBusy(true);
    setError(undefined);
    try {
      await authApi.login(values);
      const session = await refresh();
      if (session) void navigate(!session.account.mustChangePassword && from && mayOpen(session, from) ? from : landingPath(session), { replace: true });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthCard title={t(m.loginTitle)}>
      {error ? <Alert type="error" showIcon title={describeError(error, i18n)} data-testid="login-error" style={{ marginBottom: 16 }} /> : null}
      <Form<Login> layout="vertical" onFinish={(v) => void submit(v)} requiredMark={false} data-testid="login-form">
        <Form.Item name="username" label={t(m.username)} rules={[{ required: true, message: t(m.username) }]}>
          <Input prefix={<UserOutlined />} autoComplete="username" autoFocus autoCapitalize="none" />
        </Form.Item>
        <Form.Item name="password" label={t(m.password)} rules={[{ required: true, message: t(m.password) }]}>
          <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={busy} data-testid="login-submit">
          {t(m.loginTitle)}
        </Button>
      </Form>
      <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0, fontSize: 12 }}>
        {t(m.loginHint)}
      </Typography.Paragraph>
    </AuthCard>
  );
}
