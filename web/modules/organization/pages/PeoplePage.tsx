import { EditOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Input, Table, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import type { Person } from '../../../../shared/contracts/organization.ts';
import { ErrorAlert } from '../../../components/ErrorText.tsx';
import { PageTitle } from '../../../components/PageTitle.tsx';
import { common, useI18n } from '../../../i18n.tsx';
import { useQuery } from '../../../use-query.ts';
import { organizationApi } from '../api.ts';
import { useCurrentOffice } from '../components/OfficeScope.tsx';
import { PersonFormModal } from '../components/PersonFormModal.tsx';
import { m } from '../messages.ts';

/** 人员: everyone the office keeps on record; those who keep the roster add and edit. */
export default function PeoplePage() {
  const office = useCurrentOffice();
  const { t } = useI18n();
  const canManage = office.can('organization.manage');
  const people = useQuery(() => organizationApi.people(office.id), [office.id]);
  const units = useQuery(() => organizationApi.units(office.id), [office.id]);
  const [q, setQ] = useState('');
  const [editing, setEditing] = useState<{ person: Person | null } | null>(null);

  const rows = useMemo(() => {
    const s = q.trim();
    const all = people.data ?? [];
    return s ? all.filter((p) => [p.name, p.unitName, p.title, p.mobile].some((x) => x?.includes(s))) : all;
  }, [people.data, q]);

  const columns: TableColumnsType<Person> = [
    { title: t(m.name), dataIndex: 'name', fixed: 'left' },
    { title: t(m.unit), dataIndex: 'unitName', render: (v: string | null) => v ?? '—' },
    { title: t(m.title), dataIndex: 'title', render: (v: string | null) => v ?? '' },
    { title: t(m.mobile), dataIndex: 'mobile', render: (v: string | null) => (v ? <a href={`tel:${v}`}>{v}</a> : '') },
    { title: t(m.phone), dataIndex: 'phone', responsive: ['lg'], render: (v: string | null) => v ?? '' },
    { title: t(m.email), dataIndex: 'email', responsive: ['lg'], render: (v: string | null) => (v ? <a href={`mailto:${v}`}>{v}</a> : '') },
  ];
  if (canManage)
    columns.push({
      title: t(common.actions),
      key: 'actions',
      render: (_, p) => (
        <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing({ person: p })}>
          {t(common.edit)}
        </Button>
      ),
    });

  return (
    <div data-testid="people-page">
      <PageTitle
        title={t(m.peopleTitle)}
        subtitle={office.name}
        extra={
          <>
            <Input.Search allowClear placeholder={t(m.searchPeople)} onChange={(e) => setQ(e.target.value)} style={{ width: 240, maxWidth: '100%' }} />
            <Button icon={<ReloadOutlined />} onClick={() => void people.reload()}>
              {t(common.reload)}
            </Button>
            {canManage && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ person: null })}>
                {t(m.newPerson)}
              </Button>
            )}
          </>
        }
      />
      <ErrorAlert error={people.error} />
      <Table<Person>
        rowKey="id"
        size="small"
        loading={people.loading}
        dataSource={rows}
        columns={columns}
        scroll={{ x: 'max-content' }}
        pagination={{ defaultPageSize: 50, showSizeChanger: true, hideOnSinglePage: true }}
      />
      {editing && (
        <PersonFormModal
          officeId={office.id}
          person={editing.person}
          units={units.data ?? []}
          onClose={() => setEditing(null)}
          onDone={() => {
            setEditing(null);
            void people.reload();
          }}
        />
      )}
    </div>
  );
}
