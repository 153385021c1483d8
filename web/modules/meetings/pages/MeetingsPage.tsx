import { BarChartOutlined, PlusOutlined, ReloadOutlined, SettingOutlined } from '@ant-design/icons';
import { App, Button, Flex, InputNumber, Segmented, Select, Table, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { MeetingKind, MeetingStatus, MeetingSummary } from '../../../../shared/contracts/meetings.ts';
import { describeError, ErrorAlert } from '../../../components/ErrorText.tsx';
import { PageTitle } from '../../../components/PageTitle.tsx';
import { common, useI18n } from '../../../i18n.tsx';
import { useQuery } from '../../../use-query.ts';
import { useCurrentOffice } from '../../organization/components/OfficeScope.tsx';
import { meetingsApi } from '../api.ts';
import { formatMinute, MeetingStatusTag } from '../components/common.tsx';
import { CreateMeetingModal } from '../components/CreateMeetingModal.tsx';
import { KIND_LABELS, KINDS, m, STATUS_LABELS, STATUSES } from '../messages.ts';

/** 会议: the office's meetings of a year, filtered by kind and state (kept in the URL); the office drafts new ones. */
export default function MeetingsPage() {
  const office = useCurrentOffice();
  const i18n = useI18n();
  const { t } = i18n;
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const [creating, setCreating] = useState(false);
  const kind = (KINDS as string[]).includes(params.get('kind') ?? '') ? (params.get('kind') as MeetingKind) : undefined;
  const status = (STATUSES as string[]).includes(params.get('status') ?? '') ? (params.get('status') as MeetingStatus) : undefined;
  const year = Number(params.get('year')) || undefined;
  const mine = params.get('mine') === '1';
  const list = useQuery(
    () =>
      mine
        ? meetingsApi.mine(office.id).then((items) => items.filter((x) => (!kind || x.kind === kind) && (!status || x.status === status) && (!year || formatMinute(x.startsAt).startsWith(String(year)))))
        : meetingsApi.list(office.id, { kind, status, year }),
    [office.id, kind, status, year, mine],
  );

  const set = (k: string, v: string | undefined) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next, { replace: true });
  };
  const path = (x: MeetingSummary) => `/offices/${office.id}/meetings/${x.id}`;
  const columns: TableColumnsType<MeetingSummary> = [
    { title: t(m.kind), dataIndex: 'kind', width: 130, render: (k: MeetingKind, x) => <>{t(KIND_LABELS[k])}{x.extra && <Tag style={{ marginLeft: 4 }}>{t(m.extra)}</Tag>}</> },
    { title: t(m.title), dataIndex: 'title', render: (v: string, x) => <Link to={path(x)} data-testid="meeting-link">{v}</Link> },
    { title: t(m.time), dataIndex: 'startsAt', width: 150, render: (v: string) => formatMinute(v) },
    { title: t(m.place), dataIndex: 'place', width: 180, responsive: ['lg'] },
    { title: t(m.chair), dataIndex: 'chairName', width: 100, render: (v: string | null) => v ?? t(common.notSet) },
    { title: t(m.status), dataIndex: 'status', width: 110, render: (s: MeetingStatus) => <MeetingStatusTag status={s} /> },
  ];

  return (
    <div data-testid="meetings-page">
      <PageTitle
        title={t(m.meetingsTitle)}
        subtitle={t(m.meetingsSubtitle)}
        extra={
          <>
            <Button icon={<BarChartOutlined />} onClick={() => navigate(`/offices/${office.id}/meeting-compliance`)} data-testid="compliance-link">
              {t(m.compliance)}
            </Button>
            <Button icon={<SettingOutlined />} onClick={() => navigate(`/offices/${office.id}/meeting-rules`)} data-testid="meeting-rules-link">
              {t(m.rulesLink)}
            </Button>
            {office.can('meeting.create') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="new-meeting">
                {t(m.newMeeting)}
              </Button>
            )}
          </>
        }
      />
      <Flex wrap gap={8} style={{ marginBottom: 12 }}>
        {office.can('meeting.attend') && (
          <Segmented
            value={mine ? 'mine' : 'all'}
            onChange={(v) => set('mine', v === 'mine' ? '1' : undefined)}
            options={[
              { value: 'all', label: t(m.allMeetings) },
              { value: 'mine', label: t(m.myMeetings) },
            ]}
            data-testid="filter-mine"
          />
        )}
        <Select allowClear placeholder={t(m.allKinds)} aria-label={t(m.kind)} value={kind} onChange={(v?: string) => set('kind', v)} options={KINDS.map((k) => ({ value: k, label: t(KIND_LABELS[k]) }))} style={{ minWidth: 150 }} data-testid="filter-kind" />
        <Select allowClear placeholder={t(m.allStatuses)} aria-label={t(m.status)} value={status} onChange={(v?: string) => set('status', v)} options={STATUSES.map((s) => ({ value: s, label: t(STATUS_LABELS[s]) }))} style={{ minWidth: 140 }} data-testid="filter-status" />
        <InputNumber placeholder={t(m.year)} aria-label={t(m.year)} min={2000} max={2100} value={year ?? null} onChange={(v) => set('year', v ? String(v) : undefined)} style={{ width: 110 }} />
        <Button icon={<ReloadOutlined />} onClick={() => void list.reload()} aria-label={t(common.reload)} />
      </Flex>
      <ErrorAlert error={list.error} />
      <Table
        rowKey="id"
        size="middle"
        loading={list.loading}
        columns={columns}
        dataSource={list.data ?? []}
        pagination={false}
        scroll={{ x: 640 }}
        locale={{ emptyText: t(m.noMeetings) }}
        data-testid="meetings-table"
        onRow={(x) => ({ 'data-testid': 'meeting-row', 'data-status': x.status }) as React.HTMLAttributes<HTMLElement>}
      />
      <CreateMeetingModal
        officeId={office.id}
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(created, chairError) => {
          setCreating(false);
          void message.success(t(m.created));
          if (chairError) void message.error(describeError(chairError, i18n));
          void navigate(`/offices/${office.id}/meetings/${created.id}`);
        }}
      />
    </div>
  );
}
