import { z } from 'zod';

export const IdSchema = z.string().min(1).max(64);
export const DateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD / date must be YYYY-MM-DD').refine(
  (s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
  '不是有效日期 / not a real date',
);
export const OfficeParamsSchema = z.strictObject({ officeId: IdSchema });
export const OkSchema = z.object({ ok: z.literal(true) });

/** A rule violation shown, never hidden (A1-2, A1-3, A2-2 …). */
export const WarningSchema = z.object({
  rule: z.string(),
  code: z.string(),
  message: z.string(),
  subject: z.object({ type: z.string(), id: z.string().nullable(), name: z.string().nullable() }).optional(),
});
export type Warning = z.infer<typeof WarningSchema>;
