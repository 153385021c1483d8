import { defineMessages } from '../../i18n.tsx';

export const m = defineMessages({
  notifications: { zh: '提醒', en: 'Notifications' },
  unreadN: { zh: '{n} 条未读', en: '{n} unread' },
  none: { zh: '暂无提醒', en: 'Nothing here' },
  markRead: { zh: '标为已读', en: 'Mark as read' },
  markAllRead: { zh: '全部标为已读', en: 'Mark all as read' },
  open: { zh: '前往办理', en: 'Open' },
  onlyUnread: { zh: '只看未读', en: 'Unread only' },
  emailSent: { zh: '已同时发送邮件', en: 'E-mailed too' },
});
