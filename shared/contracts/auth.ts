import { z } from 'zod';
import { POSTS, SYSTEM_DUTIES } from '../roles.ts';

export const LoginSchema = z.strictObject({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(256),
});
export type Login = z.infer<typeof LoginSchema>;

export const ChangePasswordSchema = z.strictObject({
  currentPassword: z.string().min(1).max(256),
  newPassword: z.string().min(1).max(256),
});
export type ChangePassword = z.infer<typeof ChangePasswordSchema>;

export const SessionPostSchema = z.object({
  post: z.enum(POSTS),
  officeId: z.string(),
  officeName: z.string(),
  unitId: z.string().nullable(),
  unitName: z.string().nullable(),
});

export const SessionSchema = z.object({
  account: z.object({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    systemDuty: z.enum(SYSTEM_DUTIES).nullable(),
    mustChangePassword: z.boolean(),
  }),
  posts: z.array(SessionPostSchema),
  /** Offices this account may open: where it holds posts, and their descendants (read-only). */
  offices: z.array(z.object({ id: z.string(), name: z.string(), shortName: z.string(), level: z.string(), parentId: z.string().nullable(), abilities: z.array(z.string()) })),
  /** Global abilities of a system duty. */
  abilities: z.array(z.string()),
  csrfToken: z.string(),
});
export type Session = z.infer<typeof SessionSchema>;
