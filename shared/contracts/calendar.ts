import { z } from 'zod';
import { DateSchema } from './common.ts';

export const CalendarDaySchema = z.object({ date: DateSchema, kind: z.enum(['holiday', 'workday']), name: z.string().trim().min(1).max(50) });
export type CalendarDay = z.infer<typeof CalendarDaySchema>;

export const CalendarYearSchema = z.object({
  year: z.number(),
  loaded: z.boolean(),
  source: z.string().nullable(),
  note: z.string().nullable(),
  loadedAt: z.string().nullable(),
  version: z.number(),
  days: z.array(CalendarDaySchema),
});

/** A year file: our own shape, or the chinese-days per-year JSON ({holidays:{date:"name"}, workdays:{…}}). */
export const CalendarYearPutSchema = z.strictObject({
  source: z.string().trim().min(1).max(200).default('admin'),
  note: z.string().trim().max(500).nullable().optional(),
  days: z.array(CalendarDaySchema).max(200),
});
export type CalendarYearPut = z.infer<typeof CalendarYearPutSchema>;

export const CalendarStatusSchema = z.object({
  today: z.string(),
  years: z.array(z.object({ year: z.number(), source: z.string(), loadedAt: z.string(), days: z.number() })),
  /** Set from 1 December when next year's schedule is not loaded (A1-10 deadlines need it). */
  warning: z.object({ year: z.number(), message: z.string() }).nullable(),
});

export const DeadlineQuerySchema = z.strictObject({ after: DateSchema, workingDays: z.coerce.number().int().min(0).max(3660) });
export const DeadlineSchema = z.object({ after: z.string(), workingDays: z.number(), date: z.string() });
export const YearParamsSchema = z.strictObject({ year: z.coerce.number().int().min(2000).max(2100) });
export const FeedSchema = z.object({ url: z.string() });
