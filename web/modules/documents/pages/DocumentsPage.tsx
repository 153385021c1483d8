import { BookOutlined, InboxOutlined, PlusOutlined, ReloadOutlined, SettingOutlined } from '@ant-design/icons';
import { Button, Flex, Input, Select, Table, type TableColumnsType } from 'antd';
import { useMemo } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { DocumentKind, DocumentStatus } from '../../../../shared/contracts/documents.ts';
import { ErrorAlert } from '../../../components/ErrorText.tsx';
import { PageTitle } from '../../../components/PageTitle.tsx';
import { common, useI18n } from '../../../i18n.tsx';
import { formatInstant } from '../../../time.ts';
import { useQuery } from '../../../use-query.ts';
import { useCurrentOffice } from '../../organization/components/OfficeScope.tsx';
import { documentsApi, type DocumentListItem } from '../api.ts';
import { DocumentStatusTag } from '../components/common.tsx';
import { ISSUER_LABELS, KIND_LABELS, KINDS, m, STATUS_LABELS, STATUSES } from '../messages.ts';

/** 发文: the office's outgoing documents (the desk sees drafts, everyone else issued ones); filters kept in the URL. */
export default function DocumentsPage() {
  const office = useCurrentOffice();
  const { t } = useI18n();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const status = (STATUSES as string[]).includes(params.get('status') ?? '') ? (params.get('status') as DocumentStatus) : undefined;
  const kind = (KINDS as string[]).includes(params.get('kind') ?? '') ? (params.get('kind') as DocumentKind) : undefined;
  const issuer = params.get('issuer') === 'office' || params.get('issuer') === 'leading_group' ? (params.get('issuer') as 'office' | 'leading_group') : undefined;
  const q = params.get('q') ?? '';
  const list = useQuery(() => documentsApi.list(office.id, { status, q: q || undefined }), [office.id, status, q]);
  const rows = useMemo(() => (list.data ?? []).filter((x) => (!kind || x.kind === kind) && (!issuer || x.issuer === issuer)), [list.data, kind, issuer]);

  const set = (k: string, v: string | undefined) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next, { replace: true });
  };
  const base = `/offices/${office.id}/documents`;
  const columns: TableColumnsType<DocumentListItem> = [
    { title: t(m.status), dataIndex: 'status', width: 100, render: (s: DocumentStatus) => <DocumentStatusTag status={s} /> },
    { title: t(m.title), dataIndex: 'title', render: (v: string, x) => <Link to={`${base}/${x.id}`} data-testid="document-link">{v.replace(/\n/g, '')}</Link> },
    { title: t(m.number), dataIndex: 'number', width: 190, render: (v: string | null) => <span data-testid="list-number">{v ?? ''}</span> },
    { title: t(m.kind), dataIndex: 'kind', width: 70, render: (k: DocumentKind) => t(KIND_LABELS[k]) },
    { title: t(m.issuer), dataIndex: 'issuer', width: 140, responsive: ['md'], render: (k: 'office' | 'leading_group') => t(ISSUER_LABELS[k]) },
    { title: t(m.updatedAt), dataIndex: 'updatedAt', width: 170, responsive: ['lg'], render: (v: string) => formatInstant(v) },
  ];

  return (
    <div data-testid="documents-page">
      <PageTitle
        title={t(m.documentsTitle)}
        subtitle={t(m.documentsSubtitle)}
        extra={
          <>
            <Button icon={<InboxOutlined />} onClick={() => navigate(`${base}/received`)} data-testid="received-link">
              {t(m.received)}
            </Button>
            {office.can('document.desk.read') && (
              <Button icon={<BookOutlined />} onClick={() => navigate(`/offices/${office.id}/document-register`)} data-testid="register-link">
                {t(m.register)}
              </Button>
            )}
            {office.can('document.desk.read') && (
              <Button icon={<SettingOutlined />} onClick={() => navigate(`/offices/${office.id}/document-rules`)} data-testid="rules-link">
                {t(m.rules)}
              </Button>
            )}
            {office.can('document.draft') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate(`${base}/new`)} data-testid="new-document">
                {t(m.newDraft)}
              </Button>
            )}
          </>
        }
      />
      <Flex wrap gap={8} style={{ marginBottom: 12 }}>
        <Select allowClear placeholder={t(m.allStatuses)} aria-label={t(m.status)} value={status} onChange={(v?: string) => set('status', v)} options={STATUSES.map((s) => ({ value: s, label: t(STATUS_LABELS[s]) }))} style={{ minWidth: 130 }} data-testid="filter-status" />
        <Select allowClear placeholder={t(m.allKinds)} aria-label={t(m.kind)} value={kind} onChange={(v?: string) => set('kind', v)} options={KINDS.map((k) => ({ value: k, label: t(KIND_LABELS[k]) }))} style={{ minWidth: 120 }} data-testid="filter-kind" />
        <Select allowClear placeholder={t(m.allIssuers)} aria-label={t(m.issuer)} value={issuer} onChange={(v?: string) => set('issuer', v)} options={(['office', 'leading_group'] as const).map((k) => ({ value: k, label: t(ISSUER_LABELS[k]) }))} style={{ minWidth: 150 }} />
        <Input.Search allowClear placeholder={t(m.searchTitle)} defaultValue={q} onSearch={(v) => set('q', v.trim() || undefined)} style={{ width: 220 }} data-testid="filter-q" />
        <Button icon={<ReloadOutlined />} onClick={() => void list.reload()} aria-label={t(common.reload)} />
      </Flex>
      <ErrorAlert error={list.error} />
      <Table
        rowKey="id"
        size="middle"
        loading={list.loading}
        columns={columns}
        dataSource={rows}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: 600 }}
        locale={{ emptyText: t(m.noDocuments) }}
        data-testid="documents-table"
        onRow={(x) => ({ 'data-testid': 'document-row', 'data-status': x.status }) as React.HTMLAttributes<HTMLElement>}
      />
    </div>
  );
}
