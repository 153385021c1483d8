import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, InputNumber, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { ErrorAlert } from '../../../components/ErrorText.tsx';
import { PageLoading } from '../../../components/PageLoading.tsx';
import { PageTitle } from '../../../components/PageTitle.tsx';
import { common, useI18n } from '../../../i18n.tsx';
import { useSession } from '../../../session.tsx';
import { useOfficeRules } from '../../../use-office-rules.ts';
import { useCurrentOffice } from '../../organization/components/OfficeScope.tsx';
import { reportsApi, type ReportRules, type RulesResponse } from '../api.ts';
import { m } from '../messages.ts';

/** Where the rules come from: this office, an ancestor (A1-16 inheritance) or the built-in A1-10 template. */
function Inheritance({ data }: { data: RulesResponse }) {
  const { t } = useI18n();
  const session = useSession();
  if (data.inheritedFrom === null) return <Alert type="success" showIcon title={t(m.ownRules)} data-testid="rules-source" data-source="own" />;
  if (data.inheritedFrom === 'default') return <Alert type="info" showIcon title={t(m.inheritedDefault)} data-testid="rules-source" data-source="default" />;
  const from = session.offices.find((o) => o.id === data.inheritedFrom)?.name ?? t(m.parentOffice);
  return <Alert type="info" showIcon title={t(m.inheritedFrom, { office: from })} data-testid="rules-source" data-source="parent" />;
}

/** 汇报规则 (A1-16 rule data): deadline in working days and the yellow-light window, saved with If-Match. */
export default function RulesPage() {
  const office = useCurrentOffice();
  const { t } = useI18n();
  const navigate = useNavigate();
  const [form] = Form.useForm<ReportRules>();
  const canEdit = office.can('report.rules');
  const { current, busy, save, error } = useOfficeRules<ReportRules>(office.id, form, { load: reportsApi.rules, save: reportsApi.saveRules });

  if (!current) return error ? <ErrorAlert error={error} /> : <PageLoading />;
  return (
    <div data-testid="report-rules-page">
      <PageTitle
        title={t(m.rulesTitle)}
        subtitle={`${office.name} · ${t(m.rulesSubtitle)}`}
        extra={
          <Button icon={<ArrowLeftOutlined />} onClick={() => void navigate(`/offices/${office.id}/reports`)}>
            {t(common.back)}
          </Button>
        }
      />
      <Card size="small" style={{ maxWidth: 640 }}>
        <div style={{ marginBottom: 16 }}>
          <Inheritance data={current} />
        </div>
        <Form<ReportRules> form={form} name="report-rules" layout="vertical" requiredMark={false} disabled={!canEdit} onFinish={(v) => void save(v)}>
          <Form.Item name="dueWorkingDays" label={t(m.dueWorkingDays)} rules={[{ required: true, type: 'integer', min: 1, max: 60 }]}>
            <InputNumber min={1} max={60} precision={0} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="yellowWorkingDays" label={t(m.yellowWorkingDays)} rules={[{ required: true, type: 'integer', min: 0, max: 20 }]}>
            <InputNumber min={0} max={20} precision={0} style={{ width: 160 }} />
          </Form.Item>
          <Typography.Paragraph type="secondary">{t(m.rulesEffect)}</Typography.Paragraph>
          {canEdit ? (
            <Button type="primary" htmlType="submit" loading={busy} data-testid="save-rules">
              {t(common.save)}
            </Button>
          ) : (
            <Typography.Text type="secondary">{t(m.rulesReadOnly)}</Typography.Text>
          )}
        </Form>
      </Card>
    </div>
  );
}
