import { App, Button, Card, Form, Input, List, Modal, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { ExtensionRequest, TaskDetail } from '../../../../shared/contracts/ledger.ts';
import { common, useI18n } from '../../../i18n.tsx';
import { formatInstant } from '../../../time.ts';
import { ledgerApi } from '../api.ts';
import { m } from '../messages.ts';

const STATE_TAG = { pending: ['processing', m.extensionPending], approved: ['success', m.extensionApprovedTag], rejected: ['default', m.extensionRejectedTag] } as const;

/** 延期申请: the lead unit asks before the deadline (date + reason); the office approves or refuses with a note. */
export function ExtensionsCard({ officeId, task, onChanged }: { officeId: string; task: TaskDetail; onChanged(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const canRequest = task.abilities.includes('request_extension');
  const canDecide = task.abilities.includes('decide_extension');
  const [asking, setAsking] = useState(false);
  const [deciding, setDeciding] = useState<{ request: ExtensionRequest; approve: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const [askForm] = Form.useForm<{ newDeadline: string; reason: string }>();
  const [decideForm] = Form.useForm<{ note?: string }>();
  if (!canRequest && task.extensions.length === 0) return null;

  const ask = async () => {
    const v = await askForm.validateFields();
    setBusy(true);
    try {
      await ledgerApi.requestExtension(officeId, task.id, { newDeadline: v.newDeadline, reason: v.reason.trim() });
      void message.success(t(m.extensionRequested));
      setAsking(false);
      onChanged();
    } catch {
      // shown by the client
    } finally {
      setBusy(false);
    }
  };
  const decide = async () => {
    if (!deciding) return;
    const v = await decideForm.validateFields();
    setBusy(true);
    try {
      const note = v.note?.trim() || undefined;
      if (deciding.approve) {
        const next = await ledgerApi.approveExtension(officeId, task.id, deciding.request, note);
        void message.success(t(m.extensionApproved, { date: next.deadline }));
      } else {
        await ledgerApi.rejectExtension(officeId, task.id, deciding.request, note ?? '');
        void message.success(t(m.extensionRejected));
      }
      setDeciding(null);
      onChanged();
    } catch {
      // shown by the client (412: decided meanwhile — the page reloads)
      onChanged();
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card
      size="small"
      title={t(m.extensionsTitle)}
      data-testid="extensions-card"
      extra={canRequest ? <Button size="small" onClick={() => setAsking(true)} data-testid="request-extension">{t(m.requestExtension)}</Button> : null}
    >
      {task.extensions.length === 0 ? (
        <Typography.Text type="secondary">{t(m.extensionHint, { date: task.deadline })}</Typography.Text>
      ) : (
        <List
          size="small"
          dataSource={task.extensions}
          renderItem={(r) => (
            <List.Item data-testid="extension" data-state={r.state} style={{ paddingInline: 0, display: 'block' }}>
              <Space wrap size={6}>
                <Tag color={STATE_TAG[r.state][0]}>{t(STATE_TAG[r.state][1])}</Tag>
                <Typography.Text strong>{t(m.extensionFromTo, { from: r.currentDeadline, to: r.newDeadline })}</Typography.Text>
              </Space>
              <Typography.Paragraph style={{ margin: '4px 0', whiteSpace: 'pre-wrap' }}>{r.reason}</Typography.Paragraph>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {[r.unitName, r.requestedByName, formatInstant(r.requestedAt)].filter(Boolean).join(' · ')}
                {r.decidedAt ? ` — ${r.decidedByName ?? ''} ${formatInstant(r.decidedAt)}${r.decisionNote ? `：${r.decisionNote}` : ''}` : ''}
              </Typography.Text>
              {canDecide && r.state === 'pending' && (
                <Space style={{ marginTop: 6, display: 'flex' }}>
                  <Button size="small" type="primary" onClick={() => setDeciding({ request: r, approve: true })} data-testid="approve-extension">{t(m.extensionApprove)}</Button>
                  <Button size="small" danger onClick={() => setDeciding({ request: r, approve: false })} data-testid="reject-extension">{t(m.extensionReject)}</Button>
                </Space>
              )}
            </List.Item>
          )}
        />
      )}
      {asking && (
        <Modal open title={t(m.requestExtension)} okText={t(m.requestExtension)} cancelText={t(common.cancel)} confirmLoading={busy} onOk={() => void ask().catch(() => undefined)} onCancel={() => setAsking(false)} destroyOnHidden>
          <Typography.Paragraph type="secondary">{t(m.extensionHint, { date: task.deadline })}</Typography.Paragraph>
          <Form form={askForm} layout="vertical" requiredMark={false} name="request-extension">
            <Form.Item
              name="newDeadline"
              label={t(m.extensionNewDeadline)}
              rules={[{ required: true, message: t(common.required) }, { validator: (_, v: string | undefined) => (!v || v > task.deadline ? Promise.resolve() : Promise.reject(new Error(t(m.extensionHint, { date: task.deadline })))) }]}
            >
              <Input type="date" min={task.deadline} style={{ width: 200 }} data-testid="extension-date" />
            </Form.Item>
            <Form.Item name="reason" label={t(m.extensionReason)} rules={[{ required: true, whitespace: true, max: 1000, message: t(m.extensionReasonRequired) }]}>
              <Input.TextArea rows={3} maxLength={1000} showCount />
            </Form.Item>
          </Form>
        </Modal>
      )}
      {deciding && (
        <Modal
          open
          title={deciding.approve ? t(m.extensionApprove) : t(m.extensionReject)}
          okText={deciding.approve ? t(m.extensionApprove) : t(m.extensionReject)}
          okButtonProps={{ danger: !deciding.approve }}
          cancelText={t(common.cancel)}
          confirmLoading={busy}
          onOk={() => void decide().catch(() => undefined)}
          onCancel={() => setDeciding(null)}
          destroyOnHidden
        >
          <Typography.Paragraph>{t(m.extensionFromTo, { from: deciding.request.currentDeadline, to: deciding.request.newDeadline })}</Typography.Paragraph>
          <Form form={decideForm} layout="vertical" requiredMark={false} name="decide-extension">
            <Form.Item name="note" label={t(m.extensionNote)} rules={deciding.approve ? [{ max: 1000 }] : [{ required: true, whitespace: true, max: 1000, message: t(m.extensionNoteRequired) }]}>
              <Input.TextArea rows={3} maxLength={1000} />
            </Form.Item>
          </Form>
        </Modal>
      )}
    </Card>
  );
}
