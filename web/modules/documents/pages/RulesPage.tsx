import { ArrowLeftOutlined, SaveOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Form, InputNumber, Row, Select, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { ErrorAlert } from '../../../components/ErrorText.tsx';
import { PageLoading } from '../../../components/PageLoading.tsx';
import { PageTitle } from '../../../components/PageTitle.tsx';
import { common, useI18n } from '../../../i18n.tsx';
import { useQuery } from '../../../use-query.ts';
import { useCurrentOffice } from '../../organization/components/OfficeScope.tsx';
import { documentsApi, type DocumentRules, type RulesResponse } from '../api.ts';
import { RuleErrorAlert } from '../components/common.tsx';
import { CATEGORIES, CATEGORY_LABELS, ISSUER_LABELS, m } from '../messages.ts';

/** 核稿流程与收文时限: the office's ordered reviewers per issuer and the incoming time limits (director / deputy directors edit). */
export default function RulesPage() {
  const office = useCurrentOffice();
  const { t } = useI18n();
  const navigate = useNavigate();
  const q = useQuery(() => documentsApi.rules(office.id), [office.id]);
  return (
    <div data-testid="document-rules-page">
      <Button type="link" icon={<ArrowLeftOutlined />} onClick={() => navigate(`/offices/${office.id}/documents`)} style={{ paddingLeft: 0 }}>
        {t(m.documentsTitle)}
      </Button>
      <PageTitle title={t(m.rulesTitle)} />
      {q.data ? <RulesForm key={q.data.version} data={q.data} onSaved={() => void q.reload()} /> : q.error ? <ErrorAlert error={q.error} /> : <PageLoading />}
    </div>
  );
}

function RulesForm({ data, onSaved }: { data: RulesResponse; onSaved(): void }) {
  const office = useCurrentOffice();
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<DocumentRules>();
  const people = useQuery(() => documentsApi.people(office.id), [office.id]);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const editable = office.can('document.rules');
  const options = [
    ...Object.entries(data.reviewers).map(([value, label]) => ({ value, label })),
    ...(people.data ?? []).filter((p) => !(p.id in data.reviewers)).map((p) => ({ value: p.id, label: p.unitName ? `${p.name}（${p.unitName}）` : p.name })),
  ];
  const save = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      await documentsApi.setRules(office.id, v, data.version);
      void message.success(t(common.saved));
      onSaved();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form form={form} layout="vertical" initialValues={data.rules} disabled={!editable}>
      <Typography.Paragraph type="secondary">{t(m.inheritedFrom, { from: data.inheritedFrom === 'default' || !data.inheritedFrom ? t(m.defaults) : data.inheritedFrom })}</Typography.Paragraph>
      <RuleErrorAlert error={error} />
      <Card size="small" title={t(m.reviewChain)} style={{ marginBottom: 16 }}>
        {(['office', 'leading_group'] as const).map((k) => (
          <Form.Item key={k} name={['reviewChain', k]} label={t(m.reviewChainFor, { issuer: t(ISSUER_LABELS[k]) })} extra={t(m.noReviewChain)}>
            <Select mode="multiple" showSearch={{ optionFilterProp: 'label' }} options={options} data-testid={`chain-${k}`} />
          </Form.Item>
        ))}
      </Card>
      <Card size="small" title={t(m.incomingDays)} style={{ marginBottom: 16 }}>
        <Row gutter={12}>
          {CATEGORIES.map((c) => (
            <Col key={c} xs={12} sm={6}>
              <Form.Item name={['incomingWorkingDays', c]} label={t(CATEGORY_LABELS[c])} rules={[{ required: true }]}>
                <InputNumber min={1} max={60} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          ))}
          <Col xs={12} sm={6}>
            <Form.Item name="yellowWorkingDays" label={t(m.yellowDays)} rules={[{ required: true }]}>
              <InputNumber min={0} max={20} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
      </Card>
      {editable && (
        <Button type="primary" icon={<SaveOutlined />} loading={busy} onClick={() => void save().catch(() => undefined)} data-testid="save-rules">
          {t(common.save)}
        </Button>
      )}
    </Form>
  );
}
