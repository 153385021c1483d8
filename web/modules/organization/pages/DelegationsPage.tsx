import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { App, Button, Popconfirm, Table, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import type { Delegation } from '../../../../shared/contracts/organization.ts';
import { DELEGABLE_POWERS } from '../../../../shared/roles.ts';
import { ErrorAlert } from '../../../components/ErrorText.tsx';
import { PageTitle } from '../../../components/PageTitle.tsx';
import { common, useI18n } from '../../../i18n.tsx';
import { todayInChina } from '../../../time.ts';
import { useQuery } from '../../../use-query.ts';
import { organizationApi } from '../api.ts';
import { DelegationFormModal } from '../components/DelegationFormModal.tsx';
import { useCurrentOffice } from '../components/OfficeScope.tsx';
import { m } from '../messages.ts';

function delegationState(d: Delegation, today: string) {
  if (d.revokedAt) return { color: 'default', text: m.revoked, open: false };
  if (d.endDate < today) return { color: 'default', text: m.expired, open: false };
  if (d.startDate > today) return { color: 'blue', text: m.notYet, open: true };
  return { color: 'green', text: m.active, open: true };
}

/** 委托: who acts for the leader or director, for what and until when; created and revoked with organization.delegate. */
export default function DelegationsPage() {
  const office = useCurrentOffice();
  const { t } = useI18n();
  const { message } = App.useApp();
  const canDelegate = office.can('organization.delegate');
  const list = useQuery(() => organizationApi.delegations(office.id), [office.id]);
  const [creating, setCreating] = useState(false);
  const today = todayInChina();

  const revoke = async (d: Delegation) => {
    try {
      await organizationApi.revokeDelegation(office.id, d.id, d.version);
      void message.success(t(m.revokedDone));
    } catch {
      // shown by the client
    }
    void list.reload();
  };

  const columns: TableColumnsType<Delegation> = [
    { title: t(m.power), dataIndex: 'power', render: (p: Delegation['power']) => `${t(DELEGABLE_POWERS[p])}` },
    { title: t(m.from), dataIndex: 'fromPersonName' },
    { title: t(m.to), dataIndex: 'toPersonName' },
    { title: t(m.period), key: 'period', render: (_, d) => `${d.startDate} ~ ${d.endDate}` },
    { title: t(m.reason), dataIndex: 'reason', responsive: ['md'], render: (v: string | null) => v ?? '' },
    {
      title: t(m.status),
      key: 'status',
      render: (_, d) => {
        const s = delegationState(d, today);
        return <Tag color={s.color}>{t(s.text)}</Tag>;
      },
    },
  ];
  if (canDelegate)
    columns.push({
      title: t(common.actions),
      key: 'actions',
      render: (_, d) =>
        delegationState(d, today).open ? (
          <Popconfirm title={t(m.revokeConfirm)} okText={t(m.revoke)} cancelText={t(common.cancel)} onConfirm={() => revoke(d)}>
            <Button type="link" size="small" danger>
              {t(m.revoke)}
            </Button>
          </Popconfirm>
        ) : null,
    });

  return (
    <div data-testid="delegations-page">
      <PageTitle
        title={t(m.delegationsTitle)}
        subtitle={office.name}
        extra={
          <>
            <Button icon={<ReloadOutlined />} onClick={() => void list.reload()}>
              {t(common.reload)}
            </Button>
            {canDelegate && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                {t(m.newDelegation)}
              </Button>
            )}
          </>
        }
      />
      <ErrorAlert error={list.error} />
      <Table<Delegation> rowKey="id" size="small" loading={list.loading} dataSource={list.data ?? []} columns={columns} scroll={{ x: 'max-content' }} pagination={false} />
      {creating && (
        <DelegationFormModal
          officeId={office.id}
          onClose={() => setCreating(false)}
          onDone={() => {
            setCreating(false);
            void list.reload();
          }}
        />
      )}
    </div>
  );
}
