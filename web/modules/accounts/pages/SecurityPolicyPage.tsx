import { App, Button, Card, Col, Form, InputNumber, Row } from 'antd';
import { useEffect, useState } from 'react';
import { ErrorAlert } from '../../../components/ErrorText.tsx';
import { PageLoading } from '../../../components/PageLoading.tsx';
import { PageTitle } from '../../../components/PageTitle.tsx';
import { common, useI18n, type Text } from '../../../i18n.tsx';
import { useQuery } from '../../../use-query.ts';
import { securityApi, type SecurityPolicy } from '../api.ts';
import { m } from '../messages.ts';

type Field = { key: keyof SecurityPolicy; min: number; max: number };
const GROUPS: Array<{ title: Text; fields: Field[] }> = [
  {
    title: m.passwordRules,
    fields: [
      { key: 'minLength', min: 8, max: 128 },
      { key: 'minClasses', min: 1, max: 4 },
      { key: 'maxAgeDays', min: 0, max: 3650 },
      { key: 'historySize', min: 0, max: 24 },
    ],
  },
  {
    title: m.lockoutRules,
    fields: [
      { key: 'lockoutThreshold', min: 1, max: 100 },
      { key: 'lockoutWindowMinutes', min: 1, max: 1440 },
      { key: 'lockoutMinutes', min: 1, max: 1440 },
    ],
  },
  {
    title: m.sessionRules,
    fields: [
      { key: 'idleMinutes', min: 1, max: 1440 },
      { key: 'absoluteHours', min: 1, max: 72 },
    ],
  },
];

/** 安全策略 for the security admin: the password and session policy, saved with If-Match. */
export default function SecurityPolicyPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<SecurityPolicy>();
  const loaded = useQuery(() => securityApi.policy(), []);
  const [version, setVersion] = useState<number>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!loaded.data) return;
    form.setFieldsValue(loaded.data.policy);
    setVersion(loaded.data.version);
  }, [loaded.data, form]);

  const save = async (policy: SecurityPolicy) => {
    if (version === undefined) return;
    setBusy(true);
    try {
      const saved = await securityApi.savePolicy(policy, version);
      form.setFieldsValue(saved.policy);
      setVersion(saved.version);
      void message.success(t(common.saved));
    } catch {
      // shown by the client; on 412 the admin reloads
    } finally {
      setBusy(false);
    }
  };

  if (!loaded.data) return loaded.error ? <ErrorAlert error={loaded.error} /> : <PageLoading />;
  return (
    <div data-testid="security-page">
      <PageTitle
        title={t(m.securityTitle)}
        subtitle={t(m.securitySubtitle)}
        extra={
          <Button onClick={() => void loaded.reload()} loading={loaded.loading}>
            {t(common.reload)}
          </Button>
        }
      />
      <Form<SecurityPolicy> form={form} name="security-policy" layout="vertical" onFinish={(v) => void save(v)} requiredMark={false}>
        <Row gutter={[16, 16]}>
          {GROUPS.map((g) => (
            <Col key={g.title.en} xs={24} lg={8}>
              <Card size="small" title={t(g.title)} style={{ height: '100%' }}>
                {g.fields.map((f) => (
                  <Form.Item key={f.key} name={f.key} label={t(m[f.key])} rules={[{ required: true, type: 'integer', min: f.min, max: f.max }]}>
                    <InputNumber min={f.min} max={f.max} precision={0} style={{ width: '100%' }} />
                  </Form.Item>
                ))}
              </Card>
            </Col>
          ))}
        </Row>
        <div style={{ marginTop: 16, display: 'flex', justifyContent: 'flex-end', gap: 12, alignItems: 'center' }}>
          <Button type="primary" htmlType="submit" loading={busy}>
            {t(common.save)}
          </Button>
        </div>
      </Form>
    </div>
  );
}
