import { DownloadOutlined, SafetyCertificateOutlined, SearchOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Flex, Form, Input, Row, Select, Table, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import type { AuditEntry } from '../../../../shared/contracts/audit.ts';
import { POST_LABELS, SYSTEM_DUTY_LABELS } from '../../../../shared/roles.ts';
import { ErrorAlert } from '../../../components/ErrorText.tsx';
import { PageTitle } from '../../../components/PageTitle.tsx';
import { useI18n } from '../../../i18n.tsx';
import { chinaLocalToIso, formatInstant } from '../../../time.ts';
import { useQuery } from '../../../use-query.ts';
import { auditApi, type AuditFilters, type AuditVerify } from '../api.ts';
import { m } from '../messages.ts';

interface FilterValues {
  action?: string;
  entityType?: string;
  entityId?: string;
  actorAccountId?: string;
  officeId?: string;
  from?: string;
  to?: string;
}

const toFilters = (v: FilterValues): AuditFilters => ({
  action: v.action?.trim() || undefined,
  entityType: v.entityType?.trim() || undefined,
  entityId: v.entityId?.trim() || undefined,
  actorAccountId: v.actorAccountId?.trim() || undefined,
  officeId: v.officeId?.trim() || undefined,
  from: v.from ? chinaLocalToIso(v.from) : undefined,
  to: v.to ? chinaLocalToIso(v.to) : undefined,
});

const ROLE_LABELS: Record<string, { zh: string; en: string }> = { ...POST_LABELS, ...SYSTEM_DUTY_LABELS };

const json = (v: unknown) => (v === null || v === undefined ? '—' : JSON.stringify(v, null, 2));

/** 审计日志 for the audit admin: filters, newest first, paged by `before`, chain verification and CSV export. */
export default function AuditPage() {
  const { t } = useI18n();
  const [form] = Form.useForm<FilterValues>();
  const [filters, setFilters] = useState<AuditFilters>({});
  const [limit, setLimit] = useState(50);
  // The `before` cursors of the pages seen so far: [undefined (newest), …].
  const [cursors, setCursors] = useState<Array<number | undefined>>([undefined]);
  const before = cursors[cursors.length - 1];
  const page = useQuery(() => auditApi.entries(filters, { before, limit }), [filters, before, limit]);
  const [verifying, setVerifying] = useState(false);
  const [verified, setVerified] = useState<AuditVerify>();

  const search = (v: FilterValues) => {
    setFilters(toFilters(v));
    setCursors([undefined]);
  };
  const verify = async () => {
    setVerifying(true);
    try {
      setVerified(await auditApi.verify());
    } catch {
      // shown by the client
    } finally {
      setVerifying(false);
    }
  };

  const role = (code: string | null) => (code ? `（${ROLE_LABELS[code] ? t(ROLE_LABELS[code]) : code}）` : '');
  const columns: TableColumnsType<AuditEntry> = [
    { title: t(m.seq), dataIndex: 'seq', width: 80 },
    { title: t(m.at), dataIndex: 'at', width: 170, render: (v: string) => formatInstant(v) },
    { title: t(m.actor), key: 'actor', render: (_, e) => (e.actorName ? `${e.actorName}${role(e.actorPost)}` : <Typography.Text type="secondary">{t(m.system)}</Typography.Text>) },
    { title: t(m.action), dataIndex: 'action', render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
    { title: t(m.entityType), key: 'entity', render: (_, e) => `${e.entityType}${e.entityId ? ` · ${e.entityId}` : ''}`, responsive: ['md'] },
    { title: t(m.ip), dataIndex: 'ip', responsive: ['lg'], render: (v: string | null) => v ?? '' },
  ];

  const broken = verified && !verified.ok;
  return (
    <div data-testid="audit-page">
      <PageTitle
        title={t(m.title)}
        subtitle={t(m.subtitle)}
        extra={
          <>
            <Button icon={<SafetyCertificateOutlined />} loading={verifying} onClick={() => void verify()} data-testid="audit-verify">
              {t(m.verify)}
            </Button>
            <Button icon={<DownloadOutlined />} href={auditApi.exportUrl(filters)} data-testid="audit-export">
              {t(m.export)}
            </Button>
          </>
        }
      />
      {verified && (
        <Alert
          closable={{ onClose: () => setVerified(undefined) }}
          type={broken ? 'error' : 'success'}
          showIcon
          data-testid="audit-verify-result"
          style={{ marginBottom: 16 }}
          title={broken ? t(m.verifyBroken, { n: verified.problems.length, rows: verified.rows }) : t(m.verifyOk, { n: verified.rows })}
          description={
            broken ? (
              <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                {verified.problems.slice(0, 50).map((p) => (
                  <li key={`${p.seq}-${p.kind}`}>
                    #{p.seq} {t(m[p.kind])}：{p.detail}
                  </li>
                ))}
              </ul>
            ) : undefined
          }
        />
      )}
      <Card size="small" style={{ marginBottom: 16 }}>
        <Form<FilterValues> form={form} name="audit-filters" layout="vertical" onFinish={search}>
          <Row gutter={12}>
            {(['action', 'entityType', 'entityId', 'actorAccountId', 'officeId'] as const).map((k) => (
              <Col key={k} xs={24} sm={12} lg={6}>
                <Form.Item name={k} label={t(m[k])} style={{ marginBottom: 8 }}>
                  <Input allowClear placeholder={k === 'action' ? t(m.actionHint) : undefined} />
                </Form.Item>
              </Col>
            ))}
            <Col xs={24} sm={12} lg={6}>
              <Form.Item name="from" label={t(m.from)} style={{ marginBottom: 8 }}>
                <Input type="datetime-local" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={6}>
              <Form.Item name="to" label={t(m.to)} style={{ marginBottom: 8 }}>
                <Input type="datetime-local" />
              </Form.Item>
            </Col>
          </Row>
          <Flex gap={8} justify="flex-end">
            <Button
              onClick={() => {
                form.resetFields();
                search({});
              }}
            >
              {t(m.reset)}
            </Button>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
              {t(m.query)}
            </Button>
          </Flex>
        </Form>
      </Card>
      <ErrorAlert error={page.error} />
      <Table<AuditEntry>
        rowKey="seq"
        size="small"
        loading={page.loading}
        dataSource={page.data?.items ?? []}
        columns={columns}
        pagination={false}
        scroll={{ x: 'max-content' }}
        data-testid="audit-table"
        expandable={{
          expandedRowRender: (e) => (
            <Row gutter={16}>
              <Col xs={24} md={12}>
                <Typography.Text type="secondary">{t(m.before)}</Typography.Text>
                <pre style={{ margin: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-all', fontSize: 12 }}>{json(e.before)}</pre>
              </Col>
              <Col xs={24} md={12}>
                <Typography.Text type="secondary">{t(m.after)}</Typography.Text>
                <pre style={{ margin: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-all', fontSize: 12 }}>{json(e.after)}</pre>
              </Col>
              <Col span={24}>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t(m.officeId)}: {e.officeId ?? '—'} · {t(m.requestId)}: {e.requestId ?? '—'} · {t(m.hash)}: <Typography.Text code>{e.hash.slice(0, 16)}…</Typography.Text>
                </Typography.Text>
              </Col>
            </Row>
          ),
        }}
      />
      <Flex gap={8} justify="flex-end" align="center" wrap style={{ marginTop: 12 }}>
        <Select
          value={limit}
          onChange={(n: number) => {
            setLimit(n);
            setCursors([undefined]);
          }}
          options={[20, 50, 100, 200, 500].map((n) => ({ value: n, label: t(m.pageSize, { n }) }))}
          style={{ width: 130 }}
        />
        <Button disabled={cursors.length <= 1} onClick={() => setCursors((c) => c.slice(0, -1))}>
          {t(m.newer)}
        </Button>
        <Button
          disabled={!page.data?.nextBefore}
          data-testid="audit-older"
          onClick={() => {
            const next = page.data?.nextBefore;
            if (next) setCursors((c) => [...c, next]);
          }}
        >
          {t(m.older)}
        </Button>
      </Flex>
    </div>
  );
}
