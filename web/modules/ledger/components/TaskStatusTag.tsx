import { Progress, Tag, Typography } from 'antd';
import type { TaskStatusName } from '../../../../shared/contracts/ledger.ts';
import { useI18n } from '../../../i18n.tsx';
import { m, STATUS_LABELS } from '../messages.ts';

/** One colour per status, the same in tags, timeline bars and charts: grey, blue, orange, red, green, light grey. */
export const STATUS_COLORS: Record<TaskStatusName, string> = {
  not_started: '#8c8c8c',
  on_track: '#1677ff',
  at_risk: '#fa8c16',
  overdue: '#f5222d',
  done: '#52c41a',
  cancelled: '#bfbfbf',
};
const TAG_PRESETS: Record<TaskStatusName, string> = { not_started: 'default', on_track: 'processing', at_risk: 'warning', overdue: 'error', done: 'success', cancelled: 'default' };

/** 未启动 / 正常推进 / 有风险 / 已逾期 / 已销号 / 已取消 as a coloured tag. */
export function TaskStatusTag({ status }: { status: TaskStatusName }) {
  const { t } = useI18n();
  return (
    <Tag color={TAG_PRESETS[status]} data-testid="task-status" data-status={status} style={{ marginInlineEnd: 0, textDecoration: status === 'cancelled' ? 'line-through' : undefined }}>
      {t(STATUS_LABELS[status])}
    </Tag>
  );
}

export function KeyTaskTag() {
  const { t } = useI18n();
  return (
    <Tag color="red" bordered={false} style={{ marginInlineEnd: 0 }}>
      {t(m.keyTask)}
    </Tag>
  );
}

/** A task's percent as a small bar in its status colour; "—" when no figure has been reported. */
export function TaskPercent({ percent, status, width = 110 }: { percent: number | null; status: TaskStatusName; width?: number }) {
  const { t } = useI18n();
  if (percent === null) return <Typography.Text type="secondary" title={t(m.noFigure)}>—</Typography.Text>;
  return <Progress percent={percent} size="small" strokeColor={STATUS_COLORS[status]} style={{ width, margin: 0 }} format={(p) => `${p}%`} aria-label={t(m.percentNow, { n: percent })} />;
}
