import type { Notification, NotificationList } from '../../../shared/contracts/notifications.ts';
import { api } from '../../api.ts';

export type { Notification, NotificationList };

export const notificationsApi = {
  /** Quiet: the header polls it; a failed poll should not toast every minute. */
  list: (opts: { unread?: boolean; limit?: number } = {}) =>
    api.get<NotificationList>('/api/v1/notifications', { query: { unread: opts.unread ? 'true' : undefined, limit: opts.limit }, quiet: true }),
  markRead: (id: string) => api.post<{ ok: true }>(`/api/v1/notifications/${encodeURIComponent(id)}/read`, {}, { quiet: true }),
};
