import { Form, Input, Modal, Tag, Timeline, Typography } from 'antd';
import { useMemo, type ReactNode } from 'react';
import type { DocumentStatus, IncomingStatus } from '../../../../shared/contracts/documents.ts';
import { RuleErrorAlert as SharedRuleErrorAlert } from '../../../components/ErrorText.tsx';
import { StatusPage } from '../../../components/StatusPage.tsx';
import { common, useI18n, type Text } from '../../../i18n.tsx';
import { useSession } from '../../../session.tsx';
import { formatInstant } from '../../../time.ts';
import { useQuery } from '../../../use-query.ts';
import { useCurrentOffice } from '../../organization/components/OfficeScope.tsx';
import { documentsApi, type IncomingItem } from '../api.ts';
import { ACTION_LABELS, INCOMING_STATUS_COLORS, INCOMING_STATUS_LABELS, m, STATUS_COLORS, STATUS_LABELS } from '../messages.ts';
import { useFormSubmit } from '../../../use-form-submit.ts';

/** A page for an ability in the current office; the server checks again on every request. */
export function RequireOfficeAbility({ ability, children }: { ability: string | string[]; children: ReactNode }) {
  const office = useCurrentOffice();
  const ok = (Array.isArray(ability) ? ability : [ability]).some((a) => office.can(a));
  return ok ? children : <StatusPage kind="forbidden" />;
}

export function DocumentStatusTag({ status }: { status: DocumentStatus }) {
  const { t } = useI18n();
  return (
    <Tag color={STATUS_COLORS[status]} data-testid="document-status" data-status={status}>
      {t(STATUS_LABELS[status])}
    </Tag>
  );
}

export function IncomingStatusTag({ status }: { status: IncomingStatus }) {
  const { t } = useI18n();
  return (
    <Tag color={INCOMING_STATUS_COLORS[status]} data-testid="incoming-status" data-status={status}>
      {t(INCOMING_STATUS_LABELS[status])}
    </Tag>
  );
}

/** The time-limit light of an incoming item: red overdue, yellow close, green handled; the due date and days left. */
export function LightTag({ item }: { item: IncomingItem }) {
  const { t, localize } = useI18n();
  const color = { red: 'red', yellow: 'gold', green: 'green', none: 'blue', unknown: 'default' }[item.light];
  let text: string;
  if (item.light === 'green') text = t(m.handled);
  else if (item.light === 'red') text = `${t(m.overdue)} ${item.dueDate ?? ''}`;
  else if (item.light === 'unknown') text = item.dueDateProblem ? localize(item.dueDateProblem) : t(m.calendarMissing);
  else if (item.dueDate) text = `${item.dueDate} · ${t(m.daysLeft, { n: item.workingDaysLeft ?? 0 })}`;
  else return <span data-testid="incoming-light" data-light={item.light}>—</span>;
  return (
    <Tag color={color} data-testid="incoming-light" data-light={item.light}>
      {text}
    </Tag>
  );
}

export { ruleOf } from '../../../components/ErrorText.tsx';

/** The shared refusal box; a 412 on a document says the draft was changed by someone else. */
export function RuleErrorAlert(props: { error: unknown; testId?: string; action?: ReactNode }) {
  return <SharedRuleErrorAlert {...props} conflict={m.conflict} />;
}

/** A required reason (return, void, cancel, reject). */
export function ReasonModal({ open, title, okText, danger, label, onClose, onSubmit, testId }: { open: boolean; title: ReactNode; okText: string; danger?: boolean; label?: string; onClose(): void; onSubmit(reason: string): Promise<void>; testId: string }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ reason: string }>();
  const { busy, error, submit, clearError } = useFormSubmit(form, async (v) => {
    await onSubmit(v.reason.trim());
  });
  return (
    <Modal
      open={open}
      title={title}
      okText={okText}
      okButtonProps={{ danger, 'data-testid': `${testId}-submit` }}
      cancelText={t(common.cancel)}
      confirmLoading={busy}
      onOk={submit}
      onCancel={() => {
        clearError();
        onClose();
      }}
      destroyOnHidden
    >
      <RuleErrorAlert error={error} testId={`${testId}-error`} />
      <Form form={form} layout="vertical" requiredMark={false} name={testId}>
        <Form.Item name="reason" label={label ?? t(m.reason)} rules={[{ required: true, whitespace: true, min: 2, max: 1000, message: t(m.reasonMin) }]}>
          <Input.TextArea rows={3} maxLength={1000} showCount autoFocus data-testid={`${testId}-input`} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Events of a document or an incoming item, oldest first. */
export function EventTimeline({ items, testId, labels = ACTION_LABELS }: { items: Array<{ id: string; action: string; at: string; actorName: string | null; detail: Record<string, unknown> | null }>; testId: string; labels?: Record<string, Text> }) {
  const { t } = useI18n();
  const describe = (d: Record<string, unknown> | null) => {
    if (!d) return '';
    const parts: string[] = [];
    for (const k of ['number', 'signer', 'reason', 'comment', 'opinion', 'reader', 'recipient', 'filename', 'instruction', 'note', 'incomingNumber']) {
      const v = d[k];
      if (typeof v === 'string' && v) parts.push(v);
    }
    if (Array.isArray(d.recipients)) parts.push((d.recipients as unknown[]).filter((x) => typeof x === 'string').join('、'));
    if (Array.isArray(d.reviewers) && d.reviewers.length) parts.push((d.reviewers as unknown[]).filter((x) => typeof x === 'string').join(' → '));
    if (typeof d.digest === 'string') parts.push(`SM3 ${d.digest.slice(0, 16)}…`);
    return parts.join(' · ');
  };
  return (
    <Timeline
      data-testid={testId}
      items={items.map((e) => ({
        key: e.id,
        content: (
          <div data-testid="event" data-action={e.action}>
            <Typography.Text strong>{e.action in labels ? t(labels[e.action]!) : e.action}</Typography.Text>
            <Typography.Text type="secondary" style={{ marginLeft: 8, fontSize: 12 }}>
              {formatInstant(e.at)} {e.actorName ?? ''}
            </Typography.Text>
            {describe(e.detail) && <div style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>{describe(e.detail)}</div>}
          </div>
        ),
      }))}
    />
  );
}

export interface RecipientOption {
  value: string;
  label: string;
  unitId?: string;
  officeId?: string;
}

/** Member units of the office and its child offices (as the distribution names them): recipients in the system. */
export function useRecipientOptions(officeId: string): RecipientOption[] {
  const session = useSession();
  const units = useQuery(() => documentsApi.units(officeId), [officeId]);
  return useMemo(() => {
    const out: RecipientOption[] = (units.data ?? []).filter((u) => u.active).map((u) => ({ value: `unit:${u.id}`, label: u.name, unitId: u.id }));
    for (const o of session.offices.filter((x) => x.parentId === officeId)) out.push({ value: `office:${o.id}`, label: `${o.name}工程建设项目审批制度改革领导小组办公室`, officeId: o.id });
    return out;
  }, [units.data, session.offices, officeId]);
}

export { fileSize } from '../../../file-size.ts';
