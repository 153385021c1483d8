import { Card, Empty, Flex, Input, Segmented, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import type { LedgerChangeKind, LedgerChanges } from '../../../../shared/contracts/ledger.ts';
import { ErrorAlert } from '../../../components/ErrorText.tsx';
import { useI18n, type Text } from '../../../i18n.tsx';
import { useQuery } from '../../../use-query.ts';
import { ledgerApi } from '../api.ts';
import { changePeriod, type PeriodChoice } from '../change-periods.ts';
import { m } from '../messages.ts';
import { STATUS_COLORS, TaskStatusTag } from './TaskStatusTag.tsx';

type Item = LedgerChanges['items'][number];
const KINDS: Array<{ kind: LedgerChangeKind; label: Text; color: string }> = [
  { kind: 'created', label: m.changeCreated, color: '#1f4e8c' },
  { kind: 'progress', label: m.changeProgress, color: STATUS_COLORS.on_track },
  { kind: 'extended', label: m.changeExtended, color: STATUS_COLORS.at_risk },
  { kind: 'overdue', label: m.changeOverdue, color: STATUS_COLORS.overdue },
  { kind: 'done', label: m.changeDone, color: STATUS_COLORS.done },
  { kind: 'cancelled', label: m.changeCancelled, color: STATUS_COLORS.cancelled },
];
const LABEL = new Map(KINDS.map((k) => [k.kind, k]));

/**
 * 本期变化 — "what changed since last month": per kind of change, how many tasks, and the tasks themselves with the
 * day of each change and the figure before the period beside the figure now. Choose this month, last month, the last
 * 30 days or any two days.
 */
export function ChangesCard({ officeId, asOf }: { officeId: string; asOf: string }) {
  const { t } = useI18n();
  const [choice, setChoice] = useState<PeriodChoice | 'custom'>('this');
  const [range, setRange] = useState(() => changePeriod('this', asOf));
  const data = useQuery(() => ledgerApi.changes(officeId, range.from, range.to), [officeId, range.from, range.to]);
  const d = data.data;
  const pick = (c: PeriodChoice) => {
    setChoice(c);
    setRange(changePeriod(c, asOf));
  };
  const setDay = (key: 'from' | 'to', value: string) => {
    if (!value) return;
    setChoice('custom');
    setRange((r) => ({ ...r, [key]: value }));
  };
  const ledger = `/offices/${officeId}/ledger`;
  const percent = (p: number | null) => (p === null ? '—' : `${p}%`);

  return (
    <Card
      size="small"
      title={t(m.changesTitle)}
      data-testid="changes-card"
      extra={
        <Segmented
          size="small"
          value={choice}
          onChange={(v) => pick(v as PeriodChoice)}
          options={[
            { value: 'this', label: t(m.changesThisMonth) },
            { value: 'last', label: t(m.changesLastMonth) },
            { value: '30', label: t(m.changesLast30) },
          ]}
          data-testid="changes-period"
        />
      }
    >
      <Flex wrap gap={8} align="center" style={{ marginBottom: 12 }}>
        <Input type="date" aria-label={t(m.changesFrom)} title={t(m.changesFrom)} value={range.from} max={asOf} onChange={(e) => setDay('from', e.target.value)} style={{ width: 150 }} data-testid="changes-from" />
        <span>~</span>
        <Input type="date" aria-label={t(m.changesTo)} title={t(m.changesTo)} value={range.to} max={asOf} onChange={(e) => setDay('to', e.target.value)} style={{ width: 150 }} data-testid="changes-to" />
        {d && (
          <Space size={[4, 4]} wrap data-testid="changes-counts">
            {KINDS.map((k) => (
              <Tag key={k.kind} color={d.counts[k.kind] ? k.color : undefined} data-testid={`changes-count-${k.kind}`}>
                {t(k.label)} {d.counts[k.kind]}
              </Tag>
            ))}
          </Space>
        )}
      </Flex>
      {data.error ? (
        <ErrorAlert error={data.error} />
      ) : (
        <Table<Item>
          size="small"
          rowKey="taskId"
          loading={data.loading}
          dataSource={d?.items ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
          scroll={{ x: 720 }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(m.changesNone)} /> }}
          footer={d?.truncated ? () => <Typography.Text type="secondary">{t(m.changesTruncated, { n: d.items.length })}</Typography.Text> : undefined}
          data-testid="changes-table"
          columns={[
            {
              title: t(m.title),
              key: 'task',
              render: (_: unknown, r) => (
                <Link to={`${ledger}/tasks/${r.taskId}`} style={{ paddingInlineStart: r.depth * 12 }}>
                  <Typography.Text type="secondary" style={{ marginInlineEnd: 6 }}>
                    {r.code}
                  </Typography.Text>
                  {r.title}
                </Link>
              ),
            },
            { title: t(m.status), key: 'status', width: 96, render: (_: unknown, r) => <TaskStatusTag status={r.status} /> },
            {
              title: (
                <Tooltip title={t(m.changesBeforeHint)}>
                  {t(m.changesBefore)} → {t(m.changesNow)}
                </Tooltip>
              ),
              key: 'percent',
              width: 110,
              render: (_: unknown, r) => `${percent(r.percentBefore)} → ${percent(r.percentNow)}`,
            },
            {
              title: t(m.changesTitle),
              key: 'changes',
              render: (_: unknown, r) => (
                <Space size={[4, 4]} wrap>
                  {r.changes.map((c, i) => {
                    const k = LABEL.get(c.kind)!;
                    const label = c.kind === 'progress' && c.n ? t(m.changeProgressN, { n: c.n }) : t(k.label);
                    return (
                      <Tag key={i} color={k.color} title={c.note ?? undefined}>
                        {c.on.slice(5)} {label}
                        {c.note ? `（${c.note}）` : ''}
                      </Tag>
                    );
                  })}
                </Space>
              ),
            },
          ]}
        />
      )}
    </Card>
  );
}
