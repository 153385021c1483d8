import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Table, type TableColumnsType } from 'antd';
import { Link, useNavigate, useParams } from 'react-router';
import type { IncomingCategory, IncomingStatus } from '../../../../shared/contracts/documents.ts';
import { ErrorAlert } from '../../../components/ErrorText.tsx';
import { PageLoading } from '../../../components/PageLoading.tsx';
import { PageTitle } from '../../../components/PageTitle.tsx';
import { useI18n } from '../../../i18n.tsx';
import { formatInstant } from '../../../time.ts';
import { useQuery } from '../../../use-query.ts';
import { useCurrentOffice } from '../../organization/components/OfficeScope.tsx';
import { documentsApi, type IncomingItem } from '../api.ts';
import { IncomingStatusTag, LightTag } from '../components/common.tsx';
import { CATEGORY_LABELS, m } from '../messages.ts';

/** 呈批单: the items forwarded together to the leader or the director, with the office's note. */
export default function BatchPage() {
  const office = useCurrentOffice();
  const { batchId = '' } = useParams();
  const { t } = useI18n();
  const navigate = useNavigate();
  const q = useQuery(() => documentsApi.batch(office.id, batchId), [office.id, batchId]);
  if (!q.data) return q.error ? <ErrorAlert error={q.error} /> : <PageLoading />;
  const b = q.data;
  const columns: TableColumnsType<IncomingItem> = [
    { title: t(m.incomingNumber), dataIndex: 'incomingNumber', width: 130 },
    { title: t(m.title), dataIndex: 'title', render: (v: string, x) => <Link to={`/offices/${office.id}/incoming/${x.id}`}>{v}</Link> },
    { title: t(m.category), dataIndex: 'category', width: 110, render: (c: IncomingCategory) => t(CATEGORY_LABELS[c]) },
    { title: t(m.source), dataIndex: 'sourceName', width: 150, responsive: ['md'] },
    { title: t(m.status), dataIndex: 'status', width: 90, render: (s: IncomingStatus) => <IncomingStatusTag status={s} /> },
    { title: t(m.dueDate), key: 'light', width: 200, responsive: ['md'], render: (_: unknown, x) => <LightTag item={x} /> },
  ];
  return (
    <div data-testid="batch-page">
      <Button type="link" icon={<ArrowLeftOutlined />} onClick={() => navigate(`/offices/${office.id}/incoming`)} style={{ paddingLeft: 0 }}>
        {t(m.incomingTitle)}
      </Button>
      <PageTitle title={t(m.batchTitle)} extra={<Button icon={<PrinterOutlined />} onClick={() => window.print()}>{t(m.print)}</Button>} />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={t(m.forwardTo)}>{b.to === 'leader' ? t(m.toLeader) : t(m.toDirector)}</Descriptions.Item>
          <Descriptions.Item label={t(m.forward)}>
            {formatInstant(b.forwardedAt)} {b.forwardedByName ?? ''}
          </Descriptions.Item>
          {b.note && <Descriptions.Item label={t(m.forwardNote)}>{b.note}</Descriptions.Item>}
        </Descriptions>
      </Card>
      <Table rowKey="id" size="middle" columns={columns} dataSource={b.items} pagination={false} scroll={{ x: 600 }} data-testid="batch-table" />
    </div>
  );
}
