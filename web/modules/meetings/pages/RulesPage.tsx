import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Form, Input, InputNumber, Row, Select, Space, Switch, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { MEETING_KINDS } from '../../../../shared/contracts/meetings.ts';
import { POST_LABELS, POSTS } from '../../../../shared/roles.ts';
import { ErrorAlert } from '../../../components/ErrorText.tsx';
import { PageLoading } from '../../../components/PageLoading.tsx';
import { PageTitle } from '../../../components/PageTitle.tsx';
import { common, useI18n } from '../../../i18n.tsx';
import { useOfficeRules } from '../../../use-office-rules.ts';
import { useCurrentOffice } from '../../organization/components/OfficeScope.tsx';
import { meetingsApi, type MeetingRules } from '../api.ts';
import { KIND_LABELS, m } from '../messages.ts';

/** 会议规则 (A1-16 rule data): per kind who convenes, who may propose an extra one, who chairs, who attends, how often. */
export default function RulesPage() {
  const office = useCurrentOffice();
  const { t } = useI18n();
  const navigate = useNavigate();
  const [form] = Form.useForm<MeetingRules>();
  const canEdit = office.can('meeting.rules');
  const { current, busy, save: saveRules, source, error } = useOfficeRules<MeetingRules>(office.id, form, { load: meetingsApi.rules, save: meetingsApi.saveRules });
  // Fields the form does not edit (the article, whose meeting it is) go back as they came.
  const save = (rules: MeetingRules) =>
    current && saveRules({ kinds: Object.fromEntries(MEETING_KINDS.map((k) => [k, { ...current.rules.kinds[k], ...rules.kinds[k] }])) as MeetingRules['kinds'] });

  if (!current) return error ? <ErrorAlert error={error} /> : <PageLoading />;
  const postOptions = POSTS.map((p) => ({ value: p, label: t(POST_LABELS[p]) }));
  return (
    <div data-testid="meeting-rules-page">
      <PageTitle
        title={t(m.rulesTitle)}
        subtitle={`${office.name} · ${t(m.rulesSubtitle)}`}
        extra={
          <Button icon={<ArrowLeftOutlined />} onClick={() => void navigate(`/offices/${office.id}/meetings`)}>
            {t(common.back)}
          </Button>
        }
      />
      <Space direction="vertical" size={12} style={{ width: '100%', marginBottom: 12 }}>
        <Alert type={source === 'own' ? 'success' : 'info'} showIcon data-testid="rules-source" data-source={source} title={t(source === 'own' ? m.rulesOwn : source === 'default' ? m.rulesDefault : m.rulesInherited)} />
        {!canEdit && <Alert type="warning" showIcon title={t(m.rulesReadOnly)} />}
      </Space>
      <Form<MeetingRules> form={form} name="meeting-rules" layout="vertical" requiredMark={false} disabled={!canEdit} onFinish={(v) => void save(v)}>
        <Row gutter={[16, 16]}>
          {MEETING_KINDS.map((k) => (
            <Col key={k} xs={24} xl={12}>
              <Card size="small" title={`${t(KIND_LABELS[k])} · ${current.rules.kinds[k].rule}`} data-testid="meeting-kind-rule" data-kind={k}>
                <Row gutter={12}>
                  <Col xs={24} sm={12}>
                    <Form.Item name={['kinds', k, 'label']} label={t(m.ruleLabel)} rules={[{ required: true, whitespace: true, max: 40 }]}>
                      <Input maxLength={40} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} sm={12}>
                    <Form.Item name={['kinds', k, 'labelEn']} label={t(m.ruleLabelEn)} rules={[{ required: true, whitespace: true, max: 60 }]}>
                      <Input maxLength={60} />
                    </Form.Item>
                  </Col>
                </Row>
                <Form.Item name={['kinds', k, 'convenerPosts']} label={t(m.convenerPosts)} extra={t(m.convenerOffice)}>
                  <Select mode="multiple" options={postOptions} maxCount={8} allowClear />
                </Form.Item>
                <Form.Item name={['kinds', k, 'proposerPosts']} label={t(m.proposerPosts)}>
                  <Select mode="multiple" options={postOptions} maxCount={8} allowClear />
                </Form.Item>
                <Form.Item name={['kinds', k, 'chairBy']} label={t(m.chairBy)} rules={[{ required: true }]}>
                  <Select
                    options={[
                      { value: 'chair_plenary', label: t(m.chairPlenary) },
                      { value: 'chair_office_meetings', label: t(m.chairOffice) },
                      { value: 'convener', label: t(m.chairConvener) },
                    ]}
                  />
                </Form.Item>
                <Form.Item name={['kinds', k, 'attendeePosts']} label={t(m.attendeePosts)}>
                  <Select mode="multiple" options={postOptions} maxCount={8} allowClear />
                </Form.Item>
                <Row gutter={12}>
                  <Col xs={24} sm={12}>
                    <Form.Item name={['kinds', k, 'cadence']} label={t(m.cadence)} rules={[{ required: true }]}>
                      <Select
                        options={[
                          { value: 'quarterly', label: t(m.cadenceQuarterly) },
                          { value: 'monthly', label: t(m.cadenceMonthly) },
                          { value: 'ad_hoc', label: t(m.cadenceAdHoc) },
                        ]}
                        data-testid={`cadence-${k}`}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={24} sm={12}>
                    <Form.Item name={['kinds', k, 'materialCutoffDays']} label={t(m.materialCutoffDays)} rules={[{ required: true, type: 'integer', min: 0, max: 60 }]}>
                      <InputNumber min={0} max={60} precision={0} style={{ width: '100%' }} data-testid={`cutoff-${k}`} />
                    </Form.Item>
                  </Col>
                </Row>
                <Row gutter={12}>
                  <Col xs={24} sm={12}>
                    <Form.Item name={['kinds', k, 'minutesMark']} label={t(m.minutesMark)} rules={[{ required: true, whitespace: true, max: 40 }]}>
                      <Input maxLength={40} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} sm={12}>
                    <Form.Item name={['kinds', k, 'unitsConcerned']} label={t(m.unitsConcerned)} valuePropName="checked">
                      <Switch />
                    </Form.Item>
                  </Col>
                </Row>
              </Card>
            </Col>
          ))}
        </Row>
        {canEdit && (
          <Space style={{ marginTop: 16 }}>
            <Button type="primary" htmlType="submit" loading={busy} data-testid="save-meeting-rules">
              {t(common.save)}
            </Button>
            <Typography.Text type="secondary">{t(m.rulesSubtitle)}</Typography.Text>
          </Space>
        )}
      </Form>
    </div>
  );
}
