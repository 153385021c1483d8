// Reading a report's state the way the status table does (A1-10: timeliness by the first submission).
import type { Report } from './api.ts';

export const reportTimeliness = (r: Pick<Report, 'firstSubmittedAt' | 'lateWorkingDays'>): 'on_time' | 'late' | null =>
  r.firstSubmittedAt && r.lateWorkingDays !== null ? (r.lateWorkingDays > 0 ? 'late' : 'on_time') : null;
