import { CalendarOutlined, SyncOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Modal, Popconfirm, Typography } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../../api.ts';
import { describeError } from '../../../components/ErrorText.tsx';
import { common, useI18n } from '../../../i18n.tsx';
import { calendarApi } from '../api.ts';
import { m } from '../messages.ts';

/** 我的日历订阅: issues the personal ICS URL (shown once) or rotates it, which revokes the old one. */
export function CalendarFeedModal({ open, onClose }: { open: boolean; onClose(): void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [url, setUrl] = useState<string>();
  const [exists, setExists] = useState(false);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const issue = async (rotate: boolean) => {
    setBusy(true);
    setError(undefined);
    try {
      const feed = await calendarApi.feed(rotate);
      setUrl(new URL(feed.url, window.location.origin).toString());
      setExists(false);
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) setExists(true);
      else setError(describeError(err, i18n));
    } finally {
      setBusy(false);
    }
  };

  const close = () => {
    // The URL is a secret shown once: it is not kept after the dialog closes.
    setUrl(undefined);
    setExists(false);
    setError(undefined);
    onClose();
  };

  const rotateButton = (
    <Popconfirm title={t(m.feedRotateConfirm)} okText={t(m.feedRotate)} cancelText={t(common.cancel)} onConfirm={() => issue(true)}>
      <Button icon={<SyncOutlined />} loading={busy} data-testid="feed-rotate">
        {t(m.feedRotate)}
      </Button>
    </Popconfirm>
  );

  return (
    <Modal open={open} title={t(m.feed)} onCancel={close} footer={<Button onClick={close}>{t(common.close)}</Button>} destroyOnHidden>
      <Typography.Paragraph type="secondary">{t(m.feedIntro)}</Typography.Paragraph>
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      {url ? (
        <Flex vertical gap={8} data-testid="feed-url">
          <Typography.Text strong>{t(m.feedUrl)}</Typography.Text>
          <Typography.Paragraph copyable={{ text: url }} code style={{ wordBreak: 'break-all', marginBottom: 0 }}>
            {url}
          </Typography.Paragraph>
          <Typography.Text type="warning">{t(m.feedShownOnce)}</Typography.Text>
          <div>{rotateButton}</div>
        </Flex>
      ) : exists ? (
        <Flex vertical gap={12}>
          <Alert type="info" showIcon title={t(m.feedExists)} data-testid="feed-exists" />
          <div>{rotateButton}</div>
        </Flex>
      ) : (
        <Button type="primary" icon={<CalendarOutlined />} loading={busy} onClick={() => void issue(false)} data-testid="feed-issue">
          {t(m.feedIssue)}
        </Button>
      )}
    </Modal>
  );
}
