import { z } from 'zod';

/** One in-app notification (a reminder, a returned report …) with the page it points to. */
export const NotificationSchema = z.object({
  id: z.string(),
  officeId: z.string().nullable(),
  kind: z.string(),
  title: z.string(),
  body: z.string().nullable(),
  link: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
  emailStatus: z.string().nullable(),
});
export type Notification = z.infer<typeof NotificationSchema>;

export const NotificationListQuerySchema = z.strictObject({
  unread: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const NotificationListSchema = z.object({ items: z.array(NotificationSchema), unread: z.number() });
export type NotificationList = z.infer<typeof NotificationListSchema>;
