import { ReloadOutlined, SendOutlined } from '@ant-design/icons';
import { App, Button, Flex, Form, Input, Modal, Radio, Select, Table, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { IncomingCategory, IncomingStatus } from '../../../../shared/contracts/documents.ts';
import { ErrorAlert } from '../../../components/ErrorText.tsx';
import { PageTitle } from '../../../components/PageTitle.tsx';
import { common, useI18n } from '../../../i18n.tsx';
import { formatInstant } from '../../../time.ts';
import { useQuery } from '../../../use-query.ts';
import { useCurrentOffice } from '../../organization/components/OfficeScope.tsx';
import { documentsApi, type IncomingItem } from '../api.ts';
import { IncomingStatusTag, LightTag, RuleErrorAlert } from '../components/common.tsx';
import { CATEGORIES, CATEGORY_LABELS, INCOMING_STATUS_LABELS, INCOMING_STATUSES, m } from '../messages.ts';

/**
 * 收文: what member units and county offices submitted to this office (A2-11), with the incoming number, the time
 * limit in working days and its light; registered items are forwarded (呈批) to the leader or the director in a batch.
 */
export default function IncomingPage() {
  const office = useCurrentOffice();
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const status = (INCOMING_STATUSES as string[]).includes(params.get('status') ?? '') ? (params.get('status') as IncomingStatus) : undefined;
  const category = (CATEGORIES as string[]).includes(params.get('category') ?? '') ? (params.get('category') as IncomingCategory) : undefined;
  const list = useQuery(() => documentsApi.inbox(office.id, { status, category }), [office.id, status, category]);
  const [selected, setSelected] = useState<string[]>([]);
  const [forwarding, setForwarding] = useState(false);
  const navigate = useNavigate();
  const handle = office.can('incoming.handle');
  const set = (k: string, v: string | undefined) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next, { replace: true });
  };
  const columns: TableColumnsType<IncomingItem> = [
    { title: t(m.incomingNumber), dataIndex: 'incomingNumber', width: 130, render: (v: string | null) => v ?? '—' },
    { title: t(m.title), dataIndex: 'title', render: (v: string, x) => <Link to={`/offices/${office.id}/incoming/${x.id}`} data-testid="incoming-link">{v}</Link> },
    { title: t(m.category), dataIndex: 'category', width: 110, render: (c: IncomingCategory) => t(CATEGORY_LABELS[c]) },
    { title: t(m.source), dataIndex: 'sourceName', width: 150, responsive: ['md'] },
    { title: t(m.status), dataIndex: 'status', width: 90, render: (s: IncomingStatus) => <IncomingStatusTag status={s} /> },
    { title: t(m.dueDate), key: 'light', width: 200, render: (_: unknown, x) => <LightTag item={x} /> },
    { title: t(m.submittedAt), dataIndex: 'submittedAt', width: 170, responsive: ['xl'], render: (v: string) => formatInstant(v) },
  ];
  const items = list.data ?? [];
  return (
    <div data-testid="incoming-page">
      <PageTitle
        title={t(m.incomingTitle)}
        subtitle={t(m.incomingSubtitle)}
        extra={
          handle && (
            <Button type="primary" icon={<SendOutlined />} disabled={selected.length === 0} onClick={() => setForwarding(true)} data-testid="forward-selected">
              {t(m.forwardSelected, { n: selected.length })}
            </Button>
          )
        }
      />
      <Flex wrap gap={8} style={{ marginBottom: 12 }}>
        <Select allowClear placeholder={t(m.allStatuses)} value={status} onChange={(v?: string) => set('status', v)} options={INCOMING_STATUSES.map((s) => ({ value: s, label: t(INCOMING_STATUS_LABELS[s]) }))} style={{ minWidth: 130 }} data-testid="filter-status" />
        <Select allowClear placeholder={t(m.allCategories)} value={category} onChange={(v?: string) => set('category', v)} options={CATEGORIES.map((c) => ({ value: c, label: t(CATEGORY_LABELS[c]) }))} style={{ minWidth: 150 }} data-testid="filter-category" />
        <Button icon={<ReloadOutlined />} onClick={() => void list.reload()} aria-label={t(common.reload)} />
      </Flex>
      <ErrorAlert error={list.error} />
      <Table
        rowKey="id"
        size="middle"
        loading={list.loading}
        columns={columns}
        dataSource={items}
        rowSelection={handle ? { selectedRowKeys: selected, onChange: (keys) => setSelected(keys as string[]), getCheckboxProps: (x) => ({ disabled: x.status !== 'registered' }) } : undefined}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: 700 }}
        locale={{ emptyText: t(m.noItems) }}
        data-testid="incoming-table"
        onRow={(x) => ({ 'data-testid': 'incoming-row', 'data-status': x.status, 'data-light': x.light }) as React.HTMLAttributes<HTMLElement>}
      />
      <ForwardModal
        officeId={office.id}
        itemIds={selected}
        open={forwarding}
        onClose={() => setForwarding(false)}
        onDone={(batchId) => {
          setForwarding(false);
          setSelected([]);
          void navigate(`/offices/${office.id}/incoming/batches/${batchId}`);
        }}
      />
    </div>
  );
}

/** 呈批: one batch to the leader or the director (A2-12: major matters to the leader only — the server says so). */
export function ForwardModal({ officeId, itemIds, open, onClose, onDone }: { officeId: string; itemIds: string[]; open: boolean; onClose(): void; onDone(batchId: string): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [to, setTo] = useState<'leader' | 'director'>('leader');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  return (
    <Modal
      open={open}
      title={t(m.forward)}
      okText={t(m.forward)}
      cancelText={t(common.cancel)}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'forward-submit' }}
      onCancel={() => {
        setError(null);
        onClose();
      }}
      onOk={async () => {
        setBusy(true);
        setError(null);
        try {
          const batch = await documentsApi.forward(officeId, itemIds, to, note.trim() || undefined);
          setNote('');
          void message.success(t(common.done));
          onDone(batch.batchId);
        } catch (err) {
          setError(err);
        } finally {
          setBusy(false);
        }
      }}
      destroyOnHidden
    >
      <RuleErrorAlert error={error} testId="forward-error" />
      <Typography.Paragraph type="secondary">{t(m.forwardHint)}</Typography.Paragraph>
      <Form layout="vertical">
        <Form.Item label={t(m.forwardTo)}>
          <Radio.Group value={to} onChange={(e) => setTo(e.target.value as 'leader' | 'director')} data-testid="forward-to">
            <Radio value="leader">{t(m.toLeader)}</Radio>
            <Radio value="director">{t(m.toDirector)}</Radio>
          </Radio.Group>
        </Form.Item>
        <Form.Item label={t(m.forwardNote)}>
          <Input.TextArea rows={2} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
