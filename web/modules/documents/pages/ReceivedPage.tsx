import { ArrowLeftOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Flex, Table, Tag, type TableColumnsType } from 'antd';
import { Link, useNavigate } from 'react-router';
import { ErrorAlert } from '../../../components/ErrorText.tsx';
import { PageTitle } from '../../../components/PageTitle.tsx';
import { common, useI18n } from '../../../i18n.tsx';
import { formatInstant } from '../../../time.ts';
import { useQuery } from '../../../use-query.ts';
import { useCurrentOffice } from '../../organization/components/OfficeScope.tsx';
import { documentsApi, type ReceivedItem } from '../api.ts';
import { m } from '../messages.ts';

/** 收到的公文: documents distributed to my unit (or, at a county desk, to the office); opening one is the read receipt. */
export default function ReceivedPage() {
  const office = useCurrentOffice();
  const { t } = useI18n();
  const navigate = useNavigate();
  const list = useQuery(() => documentsApi.received(office.id), [office.id]);
  const columns: TableColumnsType<ReceivedItem> = [
    { title: t(m.number), dataIndex: 'number', width: 190, render: (v: string | null) => v ?? '' },
    { title: t(m.title), dataIndex: 'title', render: (v: string, x) => <Link to={`/offices/${office.id}/documents/received/${x.distributionId}`} data-testid="received-link">{v.replace(/\n/g, '')}</Link> },
    { title: t(m.fromOffice), dataIndex: 'fromOfficeName', width: 140, responsive: ['md'] },
    { title: t(m.recipient), dataIndex: 'recipientName', width: 180, responsive: ['lg'], render: (v: string, x) => `${v}（${x.role === 'addressee' ? t(m.addressee) : t(m.copy)}）` },
    { title: t(m.distributedAt), dataIndex: 'distributedAt', width: 170, responsive: ['md'], render: (v: string) => formatInstant(v) },
    { title: t(m.readAt), dataIndex: 'readAt', width: 170, render: (v: string | null) => (v ? formatInstant(v) : <Tag color="gold">{t(m.unread)}</Tag>) },
  ];
  return (
    <div data-testid="received-page">
      {office.can('document.read') && (
        <Button type="link" icon={<ArrowLeftOutlined />} onClick={() => navigate(`/offices/${office.id}/documents`)} style={{ paddingLeft: 0 }}>
          {t(m.documentsTitle)}
        </Button>
      )}
      <PageTitle title={t(m.receivedTitle)} subtitle={t(m.receivedSubtitle)} extra={<Button icon={<ReloadOutlined />} onClick={() => void list.reload()} aria-label={t(common.reload)} />} />
      <ErrorAlert error={list.error} />
      <Flex vertical>
        <Table
          rowKey="distributionId"
          size="middle"
          loading={list.loading}
          columns={columns}
          dataSource={list.data ?? []}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          scroll={{ x: 560 }}
          locale={{ emptyText: t(m.noReceived) }}
          data-testid="received-table"
          onRow={(x) => ({ 'data-testid': 'received-row', 'data-read': x.readAt ? 'true' : 'false' }) as React.HTMLAttributes<HTMLElement>}
        />
      </Flex>
    </div>
  );
}
