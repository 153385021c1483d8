import { ReloadOutlined } from '@ant-design/icons';
import { Button, Flex, Grid, List, Select, Table, Typography, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { Appointment } from '../../../../shared/contracts/organization.ts';
import { POST_LABELS, POSTS, type Post } from '../../../../shared/roles.ts';
import { ErrorAlert } from '../../../components/ErrorText.tsx';
import { PageTitle } from '../../../components/PageTitle.tsx';
import { common, useI18n } from '../../../i18n.tsx';
import { useQuery } from '../../../use-query.ts';
import { organizationApi } from '../api.ts';
import { AppointmentStatus, appointmentState, type AppointmentState } from '../components/AppointmentStatus.tsx';
import { EndAppointmentModal, type EndTarget } from '../components/EndAppointmentModal.tsx';
import { useCurrentOffice } from '../components/OfficeScope.tsx';
import { m } from '../messages.ts';

/** 任免记录: the whole history (scope=all), filtered by post and unit (kept in the URL), with 现任 / 已离任. */
export default function AppointmentsPage() {
  const office = useCurrentOffice();
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const post = (POSTS as readonly string[]).includes(params.get('post') ?? '') ? (params.get('post') as Post) : undefined;
  const unitId = params.get('unitId') ?? undefined;
  const state = (params.get('state') as AppointmentState | null) ?? undefined;
  const canManage = office.can('organization.manage');
  const [endTarget, setEndTarget] = useState<EndTarget | null>(null);
  const narrow = !Grid.useBreakpoint().md;

  const units = useQuery(() => organizationApi.units(office.id), [office.id]);
  const list = useQuery(() => organizationApi.appointments(office.id, { scope: 'all', post, unitId }), [office.id, post, unitId]);
  const rows = useMemo(() => {
    const all = [...(list.data ?? [])].sort((a, b) => b.startDate.localeCompare(a.startDate) || a.personName.localeCompare(b.personName, 'zh'));
    return state ? all.filter((a) => appointmentState(a) === state) : all;
  }, [list.data, state]);

  const setFilter = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  const columns: TableColumnsType<Appointment> = [
    { title: t(m.post), dataIndex: 'post', render: (p: Post) => t(POST_LABELS[p]) },
    { title: t(m.name), dataIndex: 'personName' },
    { title: t(m.unit), dataIndex: 'unitName', render: (v: string | null) => v ?? '—' },
    { title: t(m.startDate), dataIndex: 'startDate' },
    { title: t(m.leftOn), dataIndex: 'endDate', render: (v: string | null) => v ?? '—' },
    { title: t(m.status), key: 'status', render: (_, a) => <AppointmentStatus appointment={a} /> },
    { title: t(m.note), dataIndex: 'note', responsive: ['lg'], render: (v: string | null) => v ?? '' },
  ];
  const endButton = (a: Appointment) =>
    canManage && (a.current || !a.endDate) ? (
      <Button type="link" size="small" onClick={() => setEndTarget({ appointmentId: a.id, personId: a.personId, name: a.personName, post: a.post })}>
        {t(m.end)}
      </Button>
    ) : null;
  if (canManage) columns.push({ title: t(common.actions), key: 'actions', render: (_, a) => endButton(a) });

  return (
    <div data-testid="appointments-page">
      <PageTitle
        title={t(m.historyTitle)}
        subtitle={office.name}
        extra={
          <Button icon={<ReloadOutlined />} onClick={() => void list.reload()}>
            {t(common.reload)}
          </Button>
        }
      />
      <Flex wrap gap={8} style={{ marginBottom: 12 }}>
        <Select
          allowClear
          data-testid="filter-post"
          aria-label={t(m.post)}
          placeholder={t(m.allPosts)}
          value={post}
          onChange={(v?: string) => setFilter('post', v)}
          options={POSTS.map((p) => ({ value: p, label: t(POST_LABELS[p]) }))}
          style={{ width: 180 }}
        />
        <Select
          allowClear
          data-testid="filter-unit"
          aria-label={t(m.unit)}
          placeholder={t(m.allUnits)}
          value={unitId}
          onChange={(v?: string) => setFilter('unitId', v)}
          showSearch={{ optionFilterProp: 'label' }}
          options={(units.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
          style={{ width: 260, maxWidth: '100%' }}
        />
        <Select
          allowClear
          data-testid="filter-state"
          aria-label={t(m.status)}
          placeholder={t(m.allStatus)}
          value={state}
          onChange={(v?: string) => setFilter('state', v)}
          options={(['current', 'former', 'upcoming'] as const).map((s) => ({ value: s, label: t(m[s]) }))}
          style={{ width: 140 }}
        />
      </Flex>
      <ErrorAlert error={list.error} />
      {narrow ? (
        <List<Appointment>
          loading={list.loading}
          dataSource={rows}
          rowKey="id"
          pagination={{ defaultPageSize: 30, hideOnSinglePage: true, size: 'small' }}
          style={{ background: '#fff' }}
          renderItem={(a) => (
            <List.Item style={{ paddingInline: 12 }} actions={[endButton(a)].filter(Boolean)}>
              <List.Item.Meta
                title={
                  <>
                    {a.personName} · {t(POST_LABELS[a.post])} <AppointmentStatus appointment={a} />
                  </>
                }
                description={
                  <Typography.Text type="secondary">
                    {a.unitName ? `${a.unitName} · ` : ''}
                    {a.startDate} ~ {a.endDate ?? t(m.present)}
                  </Typography.Text>
                }
              />
            </List.Item>
          )}
        />
      ) : (
        <Table<Appointment>
          rowKey="id"
          size="small"
          loading={list.loading}
          dataSource={rows}
          columns={columns}
          scroll={{ x: 'max-content' }}
          pagination={{ defaultPageSize: 50, showSizeChanger: true, hideOnSinglePage: true }}
          data-testid="appointments-table"
        />
      )}
      <EndAppointmentModal
        officeId={office.id}
        target={endTarget}
        onClose={() => setEndTarget(null)}
        onDone={() => {
          setEndTarget(null);
          void list.reload();
        }}
      />
    </div>
  );
}
