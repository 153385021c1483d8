import { Alert, App, Button, Form, Input, Space } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { ApiError, policyProblems } from '../../../api.ts';
import { describeError } from '../../../components/ErrorText.tsx';
import { common, useI18n } from '../../../i18n.tsx';
import { landingPath } from '../../../offices.ts';
import { useSession, useSessionApi } from '../../../session.tsx';
import { authApi } from '../api.ts';
import { AuthCard } from '../components/AuthCard.tsx';
import { m } from '../messages.ts';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/** Change my password; forced (every route leads here) while mustChangePassword is set. */
export default function PasswordPage() {
  const i18n = useI18n();
  const { t, localize } = i18n;
  const session = useSession();
  const { refresh } = useSessionApi();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const forced = session.account.mustChangePassword;

  const submit = async (v: Values) => {
    setBusy(true);
    setError(undefined);
    try {
      await authApi.changePassword({ currentPassword: v.currentPassword, newPassword: v.newPassword });
      void message.success(t(m.changed));
      const next = await refresh();
      void navigate(next ? landingPath(next) : '/login', { replace: true });
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) void navigate('/login', { replace: true });
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const problems = policyProblems(error);
  return (
    <AuthCard title={t(common.changePassword)}>
      {forced && <Alert type="info" showIcon title={t(m.mustChange)} style={{ marginBottom: 16 }} data-testid="must-change-password" />}
      {error ? (
        <Alert
          type="error"
          showIcon
          data-testid="password-error"
          style={{ marginBottom: 16 }}
          title={problems.length ? t(m.policyTitle) : describeError(error, i18n)}
          description={
            problems.length ? (
              <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                {problems.map((p) => (
                  <li key={p}>{localize(p)}</li>
                ))}
              </ul>
            ) : undefined
          }
        />
      ) : null}
      <Form<Values> layout="vertical" onFinish={(v) => void submit(v)} requiredMark={false}>
        <Form.Item name="currentPassword" label={t(m.currentPassword)} rules={[{ required: true, message: t(common.required) }]}>
          <Input.Password autoComplete="current-password" autoFocus />
        </Form.Item>
        <Form.Item name="newPassword" label={t(m.newPassword)} rules={[{ required: true, message: t(common.required) }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t(m.confirmPassword)}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t(common.required) },
            ({ getFieldValue }) => ({ validator: (_, v) => (!v || v === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t(m.mismatch)))) }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Space style={{ width: '100%', justifyContent: 'flex-end' }}>
          {!forced && <Button onClick={() => void navigate(-1)}>{t(common.back)}</Button>}
          <Button type="primary" htmlType="submit" loading={busy}>
            {t(common.save)}
          </Button>
        </Space>
      </Form>
    </AuthCard>
  );
}
