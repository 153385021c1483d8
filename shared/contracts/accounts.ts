import { z } from 'zod';
import { SYSTEM_DUTIES } from '../roles.ts';
import { IdSchema } from './common.ts';

export const AccountSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  personId: z.string().nullable(),
  systemDuty: z.enum(SYSTEM_DUTIES).nullable(),
  disabled: z.boolean(),
  lockedUntil: z.string().nullable(),
  mustChangePassword: z.boolean(),
  passwordChangedAt: z.string(),
  version: z.number(),
});
export type Account = z.infer<typeof AccountSchema>;

export const AccountCreateSchema = z
  .strictObject({
    username: z.string().trim().regex(/^[a-zA-Z0-9_.-]{3,64}$/, '用户名为 3–64 位字母、数字或 _ . - / 3–64 letters, digits or _ . -'),
    displayName: z.string().trim().min(1).max(50),
    /** A business account is tied to a person (its posts give its permissions)… */
    personId: IdSchema.nullable().optional(),
    /** …a system account has exactly one of the three duties and no person (it reads no business content). */
    systemDuty: z.enum(SYSTEM_DUTIES).nullable().optional(),
  })
  .refine((a) => Boolean(a.personId) !== Boolean(a.systemDuty), { message: '须且只能指定人员或系统职责之一 / give exactly one of personId and systemDuty', path: ['systemDuty'] });
export type AccountCreate = z.infer<typeof AccountCreateSchema>;

export const OneTimePasswordSchema = z.object({ account: AccountSchema, oneTimePassword: z.string() });
export const AccountParamsSchema = z.strictObject({ accountId: IdSchema });
