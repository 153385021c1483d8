import type { z } from 'zod';
import type { CalendarDay, CalendarStatusSchema, CalendarYearPut, CalendarYearSchema, DeadlineSchema, FeedSchema } from '../../../shared/contracts/calendar.ts';
import { api } from '../../api.ts';

export type { CalendarDay, CalendarYearPut };
export type CalendarStatus = z.infer<typeof CalendarStatusSchema>;
export type CalendarYear = z.infer<typeof CalendarYearSchema>;
export type Deadline = z.infer<typeof DeadlineSchema>;
export type Feed = z.infer<typeof FeedSchema>;

export const calendarApi = {
  status: () => api.get<CalendarStatus>('/api/v1/calendar/status'),
  year: (year: number) => api.get<CalendarYear>(`/api/v1/calendar/years/${year}`),
  /** Loads or replaces a year (version 0 creates it); calendar.manage only. */
  putYear: (year: number, body: CalendarYearPut, version: number) => api.put<CalendarYear>(`/api/v1/calendar/years/${year}`, body, { ifMatch: version }),
  /** The Nth working day after a date; the caller shows a missing year itself. */
  deadline: (after: string, workingDays: number) => api.get<Deadline>('/api/v1/calendar/deadline', { query: { after, workingDays }, quiet: true }),
  /** Issues the ICS feed URL once; 409 when one exists (rotate to get a new one, which revokes the old URL). */
  feed: (rotate: boolean) => api.post<Feed>('/api/v1/calendar/feed', { rotate }, { quiet: true }),
};
