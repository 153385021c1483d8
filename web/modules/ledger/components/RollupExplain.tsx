import { Table, Typography } from 'antd';
import type { TaskDetail } from '../../../../shared/contracts/ledger.ts';
import { useI18n } from '../../../i18n.tsx';
import { m } from '../messages.ts';

const num = (n: number) => String(Math.round(n * 100) / 100);

interface Part {
  id: string;
  name: string;
  percent: number | null;
  weight: number | null;
  used: boolean;
}

/**
 * 完成度如何计算: for a task with subtasks or county tasks, every part with its percent and weight and the sum that
 * gives the figure (parts with no figure yet, or cancelled, are left out and listed); for a leaf, where its figure
 * comes from. A reader can redo the sum by hand.
 */
export function RollupExplain({ task }: { task: TaskDetail }) {
  const { t } = useI18n();
  if (!task.rollup) {
    const latest = task.updates.find((u) => u.state === 'submitted' && u.percent !== null);
    return (
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }} data-testid="rollup-leaf">
        {t(m.rollupLeaf)}
        {latest ? ` ${latest.reportedOn}：${latest.percent}%` : ''}
      </Typography.Paragraph>
    );
  }
  const used = new Map(task.rollup.used.map((u) => [u.id, u]));
  const county = new Map(task.counties.map((c) => [c.taskId, c.officeName]));
  const parts: Part[] = task.children.map((c) => {
    const u = used.get(c.id);
    return { id: c.id, name: county.get(c.id) ?? `${c.code} ${c.title}`, percent: u?.percent ?? c.percent, weight: u?.weight ?? null, used: Boolean(u) };
  });
  const numerator = task.rollup.used.reduce((a, u) => a + u.percent * u.weight, 0);
  const denominator = task.rollup.used.reduce((a, u) => a + u.weight, 0);
  const left = parts.filter((p) => !p.used);
  return (
    <div data-testid="rollup">
      <Table<Part>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={parts.filter((p) => p.used)}
        locale={{ emptyText: t(m.rollupNone) }}
        columns={[
          { title: t(m.part), dataIndex: 'name', render: (v: string) => <span style={{ wordBreak: 'keep-all' }}>{v}</span> },
          { title: t(m.percent), dataIndex: 'percent', align: 'right', render: (v: number | null) => (v === null ? '—' : `${v}%`) },
          { title: t(m.weight), dataIndex: 'weight', align: 'right', render: (v: number | null) => (v === null ? '—' : num(v)) },
          { title: t(m.contribution), key: 'c', align: 'right', render: (_, p) => (p.percent !== null && p.weight !== null ? num(p.percent * p.weight) : '—') },
        ]}
      />
      {denominator > 0 && (
        <Typography.Paragraph style={{ margin: '8px 0 0' }} data-testid="rollup-formula">
          {t(m.rollupFormula, { num: num(numerator), den: num(denominator), result: task.rollup.percent ?? '—' })}
        </Typography.Paragraph>
      )}
      {left.length > 0 && (
        <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0', fontSize: 12 }}>
          {t(m.rollupLeft, { names: left.map((p) => p.name).join('、') })}
        </Typography.Paragraph>
      )}
    </div>
  );
}
