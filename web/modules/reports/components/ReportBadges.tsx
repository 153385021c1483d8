import { Tag, Tooltip } from 'antd';
import { useI18n } from '../../../i18n.tsx';
import type { StatusRow } from '../api.ts';
import { m } from '../messages.ts';

type Status = StatusRow['status'];
type Light = StatusRow['light'];

const STATUS_COLOR: Record<Status, string> = { accepted: 'success', submitted: 'processing', returned: 'warning', draft: 'default', missing: 'default' };
const STATUS_TEXT = { accepted: m.s_accepted, submitted: m.s_submitted, returned: m.s_returned, draft: m.s_draft, missing: m.s_missing } as const;
const LIGHT_COLOR: Record<Light, string> = { red: '#cf1322', yellow: '#faad14', green: '#389e0d', none: '#d9d9d9' };
const LIGHT_TEXT = { red: m.light_red, yellow: m.light_yellow, green: m.light_green, none: m.light_none } as const;

export const statusText = STATUS_TEXT;

/** 已采用 / 已提交 / 退回修改 / 草稿 / 未报送. */
export function ReportStatusTag({ status }: { status: Status }) {
  const { t } = useI18n();
  return (
    <Tag color={STATUS_COLOR[status]} data-testid="report-status" data-status={status} style={{ marginInlineEnd: 0 }}>
      {t(STATUS_TEXT[status])}
    </Tag>
  );
}

/** The A1-10 light: red overdue, yellow near the deadline, green submitted; grey before the reminder window. */
export function StatusLight({ light }: { light: Light }) {
  const { t } = useI18n();
  const label = t(LIGHT_TEXT[light]);
  return (
    <Tooltip title={label}>
      <span
        role="img"
        aria-label={label}
        data-testid="status-light"
        data-light={light}
        style={{ display: 'inline-block', width: 12, height: 12, borderRadius: '50%', background: LIGHT_COLOR[light], boxShadow: light === 'none' ? undefined : `0 0 0 3px ${LIGHT_COLOR[light]}33`, verticalAlign: 'middle' }}
      />
    </Tooltip>
  );
}

/** 按时 / 逾期 N 个工作日, judged by the first submission; nothing before one. */
export function Timeliness({ timeliness, lateWorkingDays }: { timeliness: 'on_time' | 'late' | null; lateWorkingDays: number | null }) {
  const { t } = useI18n();
  if (!timeliness) return <span>—</span>;
  return timeliness === 'on_time' ? (
    <Tag color="green" data-testid="timeliness" data-timeliness="on_time" style={{ marginInlineEnd: 0 }}>
      {t(m.onTime)}
    </Tag>
  ) : (
    <Tag color="red" data-testid="timeliness" data-timeliness="late" style={{ marginInlineEnd: 0 }}>
      {t(m.late, { n: lateWorkingDays ?? 0 })}
    </Tag>
  );
}
