import { ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Col, Grid, Input, List, Row, Table, Typography, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { ErrorAlert } from '../../../components/ErrorText.tsx';
import { PageTitle } from '../../../components/PageTitle.tsx';
import { common, useI18n } from '../../../i18n.tsx';
import { useQuery } from '../../../use-query.ts';
import { organizationApi, type Directory } from '../api.ts';
import { ContactBlock } from '../components/ContactBlock.tsx';
import { useCurrentOffice } from '../components/OfficeScope.tsx';
import { m } from '../messages.ts';

type Row = Directory['items'][number];

/** 联络员与信息员通讯录 (A2-7): a table on a PC, cards with tap-to-call links on a phone. */
export default function DirectoryPage() {
  const office = useCurrentOffice();
  const { t } = useI18n();
  const narrow = !Grid.useBreakpoint().md;
  const directory = useQuery(() => organizationApi.directory(office.id), [office.id]);
  const [q, setQ] = useState('');

  const rows = useMemo(() => {
    const s = q.trim();
    const all = directory.data ?? [];
    if (!s) return all;
    return all.filter((r) => [r.unitName, r.responsibleBody, r.liaisonOfficer?.name, r.informationOfficer?.name].some((x) => x?.includes(s)));
  }, [directory.data, q]);

  const columns: TableColumnsType<Row> = [
    { title: t(m.memberUnit), dataIndex: 'unitName', key: 'unit', width: 220 },
    { title: t(m.responsibleBody), dataIndex: 'responsibleBody', key: 'body', render: (v: string | null) => v ?? '—' },
    { title: t(m.liaisonOfficer), key: 'liaison', render: (_, r) => <ContactBlock contact={r.liaisonOfficer} /> },
    { title: t(m.informationOfficer), key: 'info', render: (_, r) => <ContactBlock contact={r.informationOfficer} /> },
  ];

  return (
    <div data-testid="directory-page">
      <PageTitle
        title={t(m.directoryTitle)}
        subtitle={office.name}
        extra={
          <>
            <Input.Search allowClear placeholder={t(common.search)} onChange={(e) => setQ(e.target.value)} style={{ width: narrow ? '100%' : 220 }} />
            <Button icon={<ReloadOutlined />} onClick={() => void directory.reload()}>
              {t(common.reload)}
            </Button>
          </>
        }
      />
      <ErrorAlert error={directory.error} />
      {narrow ? (
        <List
          loading={directory.loading}
          dataSource={rows}
          rowKey="unitId"
          renderItem={(r) => (
            <Card size="small" title={r.unitName} style={{ marginBottom: 8 }}>
              {r.responsibleBody ? (
                <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginBottom: 4 }}>
                  {r.responsibleBody}
                </Typography.Text>
              ) : null}
              <Row gutter={8}>
                <Col span={12}>
                  <Typography.Text type="secondary" style={{ display: 'block' }}>
                    {t(m.liaisonOfficer)}
                  </Typography.Text>
                  <ContactBlock contact={r.liaisonOfficer} />
                </Col>
                <Col span={12}>
                  <Typography.Text type="secondary" style={{ display: 'block' }}>
                    {t(m.informationOfficer)}
                  </Typography.Text>
                  <ContactBlock contact={r.informationOfficer} />
                </Col>
              </Row>
            </Card>
          )}
        />
      ) : (
        <Table<Row> rowKey="unitId" size="small" loading={directory.loading} dataSource={rows} columns={columns} pagination={false} />
      )}
    </div>
  );
}
