import { Tag } from 'antd';
import type { Appointment } from '../../../../shared/contracts/organization.ts';
import { useI18n } from '../../../i18n.tsx';
import { todayInChina } from '../../../time.ts';
import { m } from '../messages.ts';

export type AppointmentState = 'current' | 'former' | 'upcoming';

export function appointmentState(a: Pick<Appointment, 'current' | 'startDate'>, today = todayInChina()): AppointmentState {
  if (a.current) return 'current';
  return a.startDate > today ? 'upcoming' : 'former';
}

/** 现任 / 已离任 / 未到任. */
export function AppointmentStatus({ appointment }: { appointment: Appointment }) {
  const { t } = useI18n();
  const state = appointmentState(appointment);
  const look = { current: { color: 'green', text: m.current }, former: { color: 'default', text: m.former }, upcoming: { color: 'blue', text: m.upcoming } }[state];
  return (
    <Tag color={look.color} data-testid="appointment-status" data-state={state}>
      {t(look.text)}
    </Tag>
  );
}
