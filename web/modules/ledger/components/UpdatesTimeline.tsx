import { FileOutlined } from '@ant-design/icons';
import { Alert, App, Button, Empty, Form, Input, Modal, Space, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import type { ProgressUpdate } from '../../../../shared/contracts/ledger.ts';
import { common, useI18n } from '../../../i18n.tsx';
import { formatInstant } from '../../../time.ts';
import { ledgerApi } from '../api.ts';
import { m } from '../messages.ts';
import { fileSize } from '../../../file-size.ts';


function Para({ label, text }: { label: string; text: string | null }) {
  if (!text) return null;
  return (
    <Typography.Paragraph style={{ marginBottom: 4, whiteSpace: 'pre-wrap' }}>
      <Typography.Text type="secondary">{label}：</Typography.Text>
      {text}
    </Typography.Paragraph>
  );
}

/** 批注 / 退回 an update with a comment (the update's version goes as If-Match). Mount when opening. */
function ReviewModal({ officeId, taskId, update, kind, onClose, onDone }: { officeId: string; taskId: string; update: ProgressUpdate; kind: 'comment' | 'return'; onClose(): void; onDone(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ comment: string }>();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const { comment } = await form.validateFields();
    setBusy(true);
    try {
      await (kind === 'return' ? ledgerApi.returnUpdate : ledgerApi.comment)(officeId, taskId, update, comment.trim());
      void message.success(t(m.commentSaved));
      onDone();
    } catch {
      // shown by the client (412: someone else reviewed it meanwhile)
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={t(kind === 'return' ? m.returnTitle : m.commentTitle)}
      okText={t(kind === 'return' ? m.returnUpdate : m.comment)}
      okButtonProps={{ danger: kind === 'return' }}
      cancelText={t(common.cancel)}
      confirmLoading={busy}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
    >
      <Typography.Paragraph type="secondary" ellipsis={{ rows: 3 }}>
        {update.reportedOn} {update.doneText}
      </Typography.Paragraph>
      <Form form={form} layout="vertical" requiredMark={false} name="review-update" initialValues={{ comment: kind === 'comment' ? (update.officeComment ?? '') : '' }}>
        <Form.Item name="comment" label={t(m.officeComment)} rules={[{ required: true, whitespace: true, message: t(common.required) }, { max: 2000 }]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/**
 * The progress updates, newest first: date, unit and reporter, percent, what was done, next steps, problems,
 * support needed, evidence files, the office's comment, 已退回 in red. The office comments on or sends back an update.
 */
export function UpdatesTimeline({
  officeId,
  taskId,
  updates,
  canReview,
  canDownload,
  mine = false,
  onChanged,
}: {
  officeId: string;
  taskId: string;
  updates: ProgressUpdate[];
  canReview: boolean;
  canDownload: boolean;
  /** Opened from 我的任务: files download through the member unit's own route. */
  mine?: boolean;
  onChanged(): void;
}) {
  const { t } = useI18n();
  const [review, setReview] = useState<{ update: ProgressUpdate; kind: 'comment' | 'return' } | null>(null);
  if (!updates.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(m.noUpdates)} />;
  return (
    <>
      <Timeline
        data-testid="updates-timeline"
        items={updates.map((u) => ({
          key: u.id,
          color: u.state === 'returned' ? 'red' : 'blue',
          content: (
            <div data-testid="progress-update" data-state={u.state}>
              <Space size={6} wrap>
                <Typography.Text strong>{u.reportedOn}</Typography.Text>
                {u.percent !== null && <Tag color={u.state === 'returned' ? 'default' : 'blue'}>{t(m.percentNow, { n: u.percent })}</Tag>}
                {u.state === 'returned' && <Tag color="red">{t(m.returned)}</Tag>}
              </Space>
              <br />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {[u.unitName, u.createdByName].filter(Boolean).join(' · ')} · {formatInstant(u.createdAt)}
              </Typography.Text>
              <Typography.Paragraph style={{ margin: '4px 0', whiteSpace: 'pre-wrap', textDecoration: u.state === 'returned' ? 'line-through' : undefined }}>{u.doneText}</Typography.Paragraph>
              <Para label={t(m.nextSteps)} text={u.nextSteps} />
              <Para label={t(m.problems)} text={u.problems} />
              <Para label={t(m.supportNeeded)} text={u.supportNeeded} />
              {u.attachments.length > 0 && (
                <Space wrap size={4} style={{ marginBottom: 4 }} data-testid="update-attachments">
                  <Typography.Text type="secondary">{t(m.evidence)}：</Typography.Text>
                  {u.attachments.map((f) =>
                    canDownload ? (
                      <a key={f.id} href={ledgerApi.evidenceUrl(officeId, taskId, u.id, f.id, mine)} target="_blank" rel="noreferrer">
                        <FileOutlined /> {f.filename} <Typography.Text type="secondary">({fileSize(f.size)})</Typography.Text>
                      </a>
                    ) : (
                      <span key={f.id}>
                        <FileOutlined /> {f.filename} <Typography.Text type="secondary">({fileSize(f.size)})</Typography.Text>
                      </span>
                    ),
                  )}
                </Space>
              )}
              {u.officeComment && <Alert type={u.state === 'returned' ? 'error' : 'info'} showIcon style={{ marginTop: 4 }} title={`${t(m.officeComment)}：${u.officeComment}`} />}
              {canReview && (
                <Space size={0} style={{ marginTop: 4 }}>
                  <Button type="link" size="small" onClick={() => setReview({ update: u, kind: 'comment' })}>
                    {t(m.comment)}
                  </Button>
                  {u.state !== 'returned' && (
                    <Button type="link" size="small" danger onClick={() => setReview({ update: u, kind: 'return' })}>
                      {t(m.returnUpdate)}
                    </Button>
                  )}
                </Space>
              )}
            </div>
          ),
        }))}
      />
      {review && (
        <ReviewModal
          officeId={officeId}
          taskId={taskId}
          update={review.update}
          kind={review.kind}
          onClose={() => setReview(null)}
          onDone={() => {
            setReview(null);
            onChanged();
          }}
        />
      )}
    </>
  );
}
