import { Alert, Typography } from 'antd';
import { useI18n } from '../../../i18n.tsx';
import type { Cycle } from '../api.ts';
import { m } from '../messages.ts';

/** The deadline, or — when next year's holiday schedule is not loaded yet — why there is none. */
export function CycleDeadline({ cycle, banner }: { cycle: Cycle; banner?: boolean }) {
  const { t, localize } = useI18n();
  if (cycle.dueDate)
    return (
      <span data-testid="cycle-deadline">
        {cycle.dueDate}
        <Typography.Text type="secondary" style={{ marginInlineStart: 6, fontSize: 12 }}>
          {t(m.dueRule, { n: cycle.dueWorkingDays })}
        </Typography.Text>
      </span>
    );
  const problem = cycle.dueDateProblem ? localize(cycle.dueDateProblem) : '';
  return banner ? (
    <Alert type="warning" showIcon title={t(m.calendarMissing, { problem })} style={{ marginBottom: 16 }} data-testid="calendar-missing" />
  ) : (
    <Typography.Text type="warning" data-testid="calendar-missing">
      {t(m.calendarMissingShort)}
    </Typography.Text>
  );
}
