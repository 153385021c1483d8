import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, Drawer, Empty, Flex, Grid, List, Switch, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { useI18n } from '../../../i18n.tsx';
import { formatInstant } from '../../../time.ts';
import { notificationsApi, type Notification } from '../api.ts';
import { m } from '../messages.ts';

const POLL_MS = 60_000;

/** The header bell: the unread count (polled every minute while the page is visible) and a drawer to read and open them. */
export function NotificationBell() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const narrow = !Grid.useBreakpoint().md;
  const [unread, setUnread] = useState(0);
  const [open, setOpen] = useState(false);
  const [onlyUnread, setOnlyUnread] = useState(false);
  const [items, setItems] = useState<Notification[]>();
  const [loading, setLoading] = useState(false);

  const poll = useCallback(async () => {
    try {
      setUnread((await notificationsApi.list({ limit: 1 })).unread);
    } catch {
      // a missed poll is retried next minute (a 401 is handled by the page's own requests)
    }
  }, []);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      const r = await notificationsApi.list({ unread: onlyUnread, limit: 50 });
      setItems(r.items);
      setUnread(r.unread);
    } catch {
      setItems([]);
    } finally {
      setLoading(false);
    }
  }, [onlyUnread]);

  useEffect(() => {
    void poll();
    const timer = window.setInterval(() => {
      if (document.visibilityState === 'visible') void poll();
    }, POLL_MS);
    const onVisible = () => document.visibilityState === 'visible' && void poll();
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [poll]);

  useEffect(() => {
    if (open) void load();
  }, [open, load]);

  const markRead = async (n: Notification) => {
    if (n.readAt) return;
    try {
      await notificationsApi.markRead(n.id);
    } catch {
      // already read elsewhere: the list below reloads either way
    }
    const now = new Date().toISOString();
    setItems((list) => list?.map((x) => (x.id === n.id ? { ...x, readAt: now } : x)));
    setUnread((u) => Math.max(0, u - 1));
  };

  const markAll = async () => {
    for (const n of (items ?? []).filter((x) => !x.readAt)) await markRead(n);
    void load();
  };

  const follow = (n: Notification) => {
    void markRead(n);
    if (n.link) {
      setOpen(false);
      void navigate(n.link);
    }
  };

  const anyUnread = (items ?? []).some((x) => !x.readAt);
  return (
    <>
      <Badge count={unread} size="small" offset={[-6, 6]} overflowCount={99}>
        <Button
          type="text"
          icon={<BellOutlined style={{ fontSize: 18 }} />}
          aria-label={unread ? `${t(m.notifications)}（${t(m.unreadN, { n: unread })}）` : t(m.notifications)}
          title={t(m.notifications)}
          onClick={() => setOpen(true)}
          data-testid="notification-bell"
          data-unread={unread}
          style={{ color: 'inherit' }}
        />
      </Badge>
      <Drawer
        open={open}
        onClose={() => setOpen(false)}
        title={unread ? `${t(m.notifications)} · ${t(m.unreadN, { n: unread })}` : t(m.notifications)}
        size={narrow ? '100%' : 420}
        extra={
          <Button size="small" disabled={!anyUnread} onClick={() => void markAll()}>
            {t(m.markAllRead)}
          </Button>
        }
        data-testid="notification-drawer"
      >
        <Flex align="center" gap={8} style={{ marginBottom: 8 }}>
          <Switch size="small" checked={onlyUnread} onChange={setOnlyUnread} aria-label={t(m.onlyUnread)} />
          <Typography.Text>{t(m.onlyUnread)}</Typography.Text>
        </Flex>
        <List<Notification>
          loading={loading}
          dataSource={items ?? []}
          rowKey="id"
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(m.none)} /> }}
          renderItem={(n) => (
            <List.Item data-testid="notification" data-read={n.readAt ? 'true' : 'false'} style={{ display: 'block', paddingInline: 4 }}>
              <Flex gap={6} align="baseline">
                {!n.readAt ? <Badge status="processing" /> : null}
                <Typography.Text strong={!n.readAt} type={n.readAt ? 'secondary' : undefined}>
                  {n.title}
                </Typography.Text>
              </Flex>
              {n.body ? (
                <Typography.Paragraph type="secondary" style={{ margin: '4px 0', fontSize: 13 }} ellipsis={{ rows: 2, expandable: true }}>
                  {n.body}
                </Typography.Paragraph>
              ) : null}
              <Flex gap={12} align="center" wrap>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatInstant(n.createdAt)}
                  {n.emailStatus === 'sent' ? ` · ${t(m.emailSent)}` : ''}
                </Typography.Text>
                <span style={{ flex: 1 }} />
                {n.link ? (
                  <Button type="link" size="small" onClick={() => follow(n)} style={{ paddingInline: 0 }} data-testid="notification-open">
                    {t(m.open)}
                  </Button>
                ) : null}
                {!n.readAt ? (
                  <Button type="link" size="small" onClick={() => void markRead(n)} style={{ paddingInline: 0 }}>
                    {t(m.markRead)}
                  </Button>
                ) : null}
              </Flex>
            </List.Item>
          )}
        />
      </Drawer>
    </>
  );
}
