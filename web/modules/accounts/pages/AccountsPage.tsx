import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { App, Button, Input, Popconfirm, Space, Table, Tag, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import type { Account } from '../../../../shared/contracts/accounts.ts';
import { SYSTEM_DUTY_LABELS } from '../../../../shared/roles.ts';
import { ErrorAlert } from '../../../components/ErrorText.tsx';
import { PageTitle } from '../../../components/PageTitle.tsx';
import { common, useI18n } from '../../../i18n.tsx';
import { formatInstant } from '../../../time.ts';
import { useQuery } from '../../../use-query.ts';
import { accountsApi, type OneTimePassword } from '../api.ts';
import { AccountFormModal } from '../components/AccountFormModal.tsx';
import { OneTimePasswordModal } from '../components/OneTimePasswordModal.tsx';
import { m } from '../messages.ts';

/** 账号管理 for the system admin: list, create (one-time password shown once), disable/enable, reset password. */
export default function AccountsPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const list = useQuery(() => accountsApi.list(), []);
  const [creating, setCreating] = useState(false);
  const [issued, setIssued] = useState<OneTimePassword | null>(null);
  const [q, setQ] = useState('');

  const rows = useMemo(() => {
    const s = q.trim().toLowerCase();
    const all = list.data ?? [];
    return s ? all.filter((a) => a.username.toLowerCase().includes(s) || a.displayName.toLowerCase().includes(s)) : all;
  }, [list.data, q]);

  const act = async (fn: () => Promise<unknown>) => {
    try {
      await fn();
      void message.success(t(common.done));
    } catch {
      // shown by the client
    }
    void list.reload();
  };

  const columns: TableColumnsType<Account> = [
    { title: t(m.username), dataIndex: 'username', fixed: 'left' },
    { title: t(m.displayName), dataIndex: 'displayName' },
    { title: t(m.kind), key: 'kind', render: (_, a) => (a.systemDuty ? <Tag color="purple">{t(SYSTEM_DUTY_LABELS[a.systemDuty])}</Tag> : <Tag>{t(m.business)}</Tag>) },
    {
      title: t(m.status),
      key: 'status',
      render: (_, a) => (
        <Space size={4} wrap>
          {a.disabled ? <Tag color="red">{t(m.disabled)}</Tag> : <Tag color="green">{t(m.enabled)}</Tag>}
          {a.lockedUntil && Date.parse(a.lockedUntil) > Date.now() ? <Tag color="orange">{t(m.locked, { at: formatInstant(a.lockedUntil) })}</Tag> : null}
          {a.mustChangePassword ? <Tag color="gold">{t(m.mustChange)}</Tag> : null}
        </Space>
      ),
    },
    { title: t(m.passwordChangedAt), dataIndex: 'passwordChangedAt', responsive: ['lg'], render: (v: string) => formatInstant(v) },
    {
      title: t(common.actions),
      key: 'actions',
      render: (_, a) => (
        <Space size={0} wrap>
          {a.disabled ? (
            <Button type="link" size="small" onClick={() => void act(() => accountsApi.enable(a.id))}>
              {t(m.enable)}
            </Button>
          ) : (
            <Popconfirm title={t(m.disableConfirm)} okText={t(m.disable)} cancelText={t(common.cancel)} onConfirm={() => act(() => accountsApi.disable(a.id))}>
              <Button type="link" size="small" danger>
                {t(m.disable)}
              </Button>
            </Popconfirm>
          )}
          <Popconfirm
            title={t(m.resetConfirm)}
            okText={t(m.resetPassword)}
            cancelText={t(common.cancel)}
            onConfirm={() =>
              act(async () => {
                setIssued(await accountsApi.resetPassword(a.id));
              })
            }
          >
            <Button type="link" size="small">
              {t(m.resetPassword)}
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];

  return (
    <div data-testid="accounts-page">
      <PageTitle
        title={t(m.accountsTitle)}
        subtitle={t(m.accountsSubtitle)}
        extra={
          <>
            <Input.Search allowClear placeholder={t(common.search)} onChange={(e) => setQ(e.target.value)} style={{ width: 200 }} />
            <Button icon={<ReloadOutlined />} onClick={() => void list.reload()}>
              {t(common.reload)}
            </Button>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t(m.newAccount)}
            </Button>
          </>
        }
      />
      <ErrorAlert error={list.error} />
      <Table<Account> rowKey="id" size="small" loading={list.loading} dataSource={rows} columns={columns} scroll={{ x: 'max-content' }} pagination={{ defaultPageSize: 50, hideOnSinglePage: true }} />
      {creating && (
        <AccountFormModal
          onClose={() => setCreating(false)}
          onCreated={(r) => {
            setCreating(false);
            setIssued(r);
            void message.success(t(m.created));
            void list.reload();
          }}
        />
      )}
      <OneTimePasswordModal issued={issued} onClose={() => setIssued(null)} />
    </div>
  );
}
