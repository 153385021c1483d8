import { ArrowLeftOutlined, ReloadOutlined, StopOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, InputNumber, Select, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { DocumentStatus } from '../../../../shared/contracts/documents.ts';
import { ErrorAlert } from '../../../components/ErrorText.tsx';
import { PageTitle } from '../../../components/PageTitle.tsx';
import { common, useI18n } from '../../../i18n.tsx';
import { formatInstant } from '../../../time.ts';
import { useQuery } from '../../../use-query.ts';
import { useCurrentOffice } from '../../organization/components/OfficeScope.tsx';
import { documentsApi, type Register } from '../api.ts';
import { DocumentStatusTag, ReasonModal } from '../components/common.tsx';
import { m } from '../messages.ts';

type Entry = Register['items'][number];

/** 发文登记簿: every number given, with its document; a numbered (not yet issued) document's number can be voided with a reason. */
export default function RegisterPage() {
  const office = useCurrentOffice();
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const year = Number(params.get('year')) || undefined;
  const issuerCode = params.get('issuerCode') || undefined;
  const reg = useQuery(() => documentsApi.register(office.id, { year, issuerCode }), [office.id, year, issuerCode]);
  const [voiding, setVoiding] = useState<Entry | null>(null);
  const set = (k: string, v: string | undefined) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next, { replace: true });
  };
  const codes = [...new Set((reg.data?.summary ?? []).map((s) => s.issuerCode))];
  const mayVoid = office.can('document.void');
  const columns: TableColumnsType<Entry> = [
    { title: t(m.number), dataIndex: 'number', width: 190, render: (v: string, x) => (x.voidedAt ? <Typography.Text delete>{v}</Typography.Text> : <Typography.Text strong>{v}</Typography.Text>) },
    { title: t(m.title), dataIndex: 'title', render: (v: string, x) => <Link to={`/offices/${office.id}/documents/${x.documentId}`}>{v.replace(/\n/g, '')}</Link> },
    { title: t(m.status), dataIndex: 'status', width: 100, render: (s: DocumentStatus) => <DocumentStatusTag status={s} /> },
    { title: t(m.assignedAt), dataIndex: 'assignedAt', width: 170, responsive: ['md'], render: (v: string, x) => `${formatInstant(v)} ${x.assignedByName ?? ''}` },
    {
      title: t(common.actions),
      key: 'void',
      width: 200,
      render: (_: unknown, x) =>
        x.voidedAt ? (
          <Tag color="red" data-testid="void-reason">{t(m.voided, { reason: x.voidReason ?? '' })}</Tag>
        ) : mayVoid && x.status === 'numbered' ? (
          <Button size="small" danger icon={<StopOutlined />} onClick={() => setVoiding(x)} data-testid="register-void">
            {t(m.voidNumber)}
          </Button>
        ) : null,
    },
  ];
  return (
    <div data-testid="register-page">
      <Button type="link" icon={<ArrowLeftOutlined />} onClick={() => navigate(`/offices/${office.id}/documents`)} style={{ paddingLeft: 0 }}>
        {t(m.documentsTitle)}
      </Button>
      <PageTitle title={t(m.registerTitle)} subtitle={t(m.registerSubtitle)} />
      <Flex wrap gap={8} style={{ marginBottom: 12 }}>
        <InputNumber placeholder={t(m.year)} aria-label={t(m.year)} min={2000} max={2100} value={year ?? null} onChange={(v) => set('year', v ? String(v) : undefined)} style={{ width: 110 }} />
        <Select allowClear placeholder={t(m.issuerCode)} value={issuerCode} onChange={(v?: string) => set('issuerCode', v)} options={codes.map((c) => ({ value: c, label: c }))} style={{ minWidth: 150 }} />
        <Button icon={<ReloadOutlined />} onClick={() => void reg.reload()} aria-label={t(common.reload)} />
      </Flex>
      <ErrorAlert error={reg.error} />
      {(reg.data?.summary ?? []).map((s) => (
        <Alert
          key={`${s.issuerCode}-${s.year}`}
          type={s.gaps.length ? 'warning' : 'info'}
          showIcon
          style={{ marginBottom: 8 }}
          data-testid="register-summary"
          title={`${t(m.summary, { code: s.issuerCode, year: s.year, count: s.count, highest: s.highest, voided: s.voided })}；${s.gaps.length ? t(m.gaps, { list: s.gaps.join('、') }) : t(m.noGaps)}`}
        />
      ))}
      <Table
        rowKey="number"
        size="middle"
        loading={reg.loading}
        columns={columns}
        dataSource={reg.data?.items ?? []}
        pagination={{ pageSize: 100, hideOnSinglePage: true }}
        scroll={{ x: 640 }}
        locale={{ emptyText: t(m.noNumbers) }}
        data-testid="register-table"
        onRow={(x) => ({ 'data-testid': 'register-row', 'data-number': x.number, 'data-voided': x.voidedAt ? 'true' : 'false' }) as React.HTMLAttributes<HTMLElement>}
      />
      <ReasonModal
        open={voiding !== null}
        title={`${t(m.voidNumber)}：${voiding?.number ?? ''}`}
        okText={t(m.voidNumber)}
        label={t(m.voidReason)}
        danger
        testId="void"
        onClose={() => setVoiding(null)}
        onSubmit={async (reason) => {
          if (!voiding) return;
          // The register row has no version: read the document's current one, then void with it (If-Match).
          const doc = await documentsApi.get(office.id, voiding.documentId);
          await documentsApi.voidNumber(office.id, doc, reason);
          setVoiding(null);
          void message.success(t(common.done));
          void reg.reload();
        }}
      />
    </div>
  );
}
