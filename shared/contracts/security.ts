import { z } from 'zod';

/** The password and session policy: 等保 defaults, editable by the security admin (docs/SECURITY.md). */
export const SecurityPolicySchema = z.strictObject({
  minLength: z.number().int().min(8).max(128),
  minClasses: z.number().int().min(1).max(4),
  maxAgeDays: z.number().int().min(0).max(3650), // 0 = never expires
  historySize: z.number().int().min(0).max(24),
  lockoutThreshold: z.number().int().min(1).max(100),
  lockoutWindowMinutes: z.number().int().min(1).max(1440),
  lockoutMinutes: z.number().int().min(1).max(1440),
  idleMinutes: z.number().int().min(1).max(1440),
  absoluteHours: z.number().int().min(1).max(72),
});
export type SecurityPolicy = z.infer<typeof SecurityPolicySchema>;

export const SecurityPolicyResponseSchema = z.object({ policy: SecurityPolicySchema, version: z.number() });
