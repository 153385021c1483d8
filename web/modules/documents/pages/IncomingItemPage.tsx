import { ArrowLeftOutlined, CheckOutlined, FileDoneOutlined, LinkOutlined, PaperClipOutlined, RollbackOutlined, SendOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, Descriptions, Flex, Form, Input, Popconfirm, Select, Space, Typography, Upload } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ErrorAlert } from '../../../components/ErrorText.tsx';
import { PageLoading } from '../../../components/PageLoading.tsx';
import { PageTitle } from '../../../components/PageTitle.tsx';
import { common, useI18n } from '../../../i18n.tsx';
import { formatInstant } from '../../../time.ts';
import { useQuery } from '../../../use-query.ts';
import { ledgerApi } from '../../ledger/api.ts';
import { useCurrentOffice } from '../../organization/components/OfficeScope.tsx';
import { documentsApi, type IncomingItem } from '../api.ts';
import { EventTimeline, fileSize, IncomingStatusTag, LightTag, ReasonModal, RuleErrorAlert } from '../components/common.tsx';
import { CATEGORY_LABELS, INCOMING_ACTION_LABELS, m } from '../messages.ts';
import { ForwardModal } from './IncomingPage.tsx';

/**
 * One incoming item: in the office's inbox (register, return, forward, file, the leader's 批示, close, the ledger task)
 * or, for the submitting unit, its own submission with the whole route and the instruction that came back.
 */
export default function IncomingItemPage({ mode }: { mode: 'inbox' | 'mine' }) {
  const office = useCurrentOffice();
  const { itemId = '' } = useParams();
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const q = useQuery(() => (mode === 'inbox' ? documentsApi.item(office.id, itemId) : documentsApi.submission(office.id, itemId)), [office.id, itemId, mode]);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [dialog, setDialog] = useState<'reject' | 'forward' | null>(null);
  const [instruction, setInstruction] = useState('');
  const reload = () => void q.reload();

  if (!q.data) return q.error ? <ErrorAlert error={q.error} /> : <PageLoading />;
  const it = q.data;
  const inbox = mode === 'inbox';
  const handle = inbox && office.can('incoming.handle');
  const back = inbox ? `/offices/${office.id}/incoming` : `/offices/${office.id}/submissions`;
  const fileUrl = (fileId: string) => (inbox ? documentsApi.itemFileUrl(office.id, it.id, fileId) : documentsApi.submissionFileUrl(office.id, it.id, fileId));
  const act = async (p: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await p();
      void message.success(t(common.done));
      return true;
    } catch (err) {
      setError(err);
      return false;
    } finally {
      setBusy(false);
      reload();
    }
  };

  return (
    <div data-testid="incoming-item-page" data-status={it.status}>
      <Button type="link" icon={<ArrowLeftOutlined />} onClick={() => navigate(back)} style={{ paddingLeft: 0 }}>
        {inbox ? t(m.incomingTitle) : t(m.submissionsTitle)}
      </Button>
      <PageTitle
        title={
          <Space wrap>
            <span data-testid="incoming-title">{it.title}</span>
            <IncomingStatusTag status={it.status} />
          </Space>
        }
        subtitle={`${t(CATEGORY_LABELS[it.category])} · ${it.sourceName}${it.incomingNumber ? ` · ${it.incomingNumber}` : ''}`}
        extra={
          <>
            {handle && it.status === 'submitted' && (
              <Popconfirm title={t(m.registerItem)} okText={t(m.registerItem)} cancelText={t(common.cancel)} onConfirm={() => act(() => documentsApi.registerItem(office.id, it))} okButtonProps={{ 'data-testid': 'register-confirm' }}>
                <Button type="primary" icon={<CheckOutlined />} loading={busy} data-testid="register-item">
                  {t(m.registerItem)}
                </Button>
              </Popconfirm>
            )}
            {handle && it.status === 'submitted' && (
              <Button danger icon={<RollbackOutlined />} onClick={() => setDialog('reject')} data-testid="reject-item">
                {t(m.rejectItem)}
              </Button>
            )}
            {handle && it.status === 'registered' && (
              <Button type="primary" icon={<SendOutlined />} onClick={() => setDialog('forward')} data-testid="forward-item">
                {t(m.forward)}
              </Button>
            )}
            {handle && it.status === 'registered' && it.category === 'filing' && (
              <Popconfirm title={t(m.fileItem)} okText={t(m.fileItem)} cancelText={t(common.cancel)} onConfirm={() => act(() => documentsApi.fileItem(office.id, it))}>
                <Button icon={<FileDoneOutlined />} loading={busy} data-testid="file-item">
                  {t(m.fileItem)}
                </Button>
              </Popconfirm>
            )}
            {handle && it.status === 'instructed' && (
              <Popconfirm title={t(m.closeItem)} okText={t(m.closeItem)} cancelText={t(common.cancel)} onConfirm={() => act(() => documentsApi.closeItem(office.id, it))}>
                <Button icon={<CheckOutlined />} loading={busy} data-testid="close-item">
                  {t(m.closeItem)}
                </Button>
              </Popconfirm>
            )}
          </>
        }
      />
      <RuleErrorAlert error={error} testId="incoming-error" />
      {it.rejectReason && <Alert type="error" showIcon style={{ marginBottom: 16 }} title={`${t(m.rejectReason)}：${it.rejectReason}`} data-testid="reject-reason" />}
      {it.instruction && (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="instruction"
          title={t(m.instructedBy, { name: it.instructedByName ?? '—', at: formatInstant(it.instructedAt) })}
          description={<span style={{ whiteSpace: 'pre-wrap' }}>{it.instruction}</span>}
        />
      )}
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={t(m.source)}>
            {it.sourceName}（{it.submittedByName}）
          </Descriptions.Item>
          <Descriptions.Item label={t(m.submittedAt)}>{formatInstant(it.submittedAt)}</Descriptions.Item>
          {it.theirNumber && <Descriptions.Item label={t(m.theirNumber)}>{it.theirNumber}</Descriptions.Item>}
          {it.incomingNumber && (
            <Descriptions.Item label={t(m.incomingNumber)}>
              <span data-testid="incoming-number">{it.incomingNumber}</span>
            </Descriptions.Item>
          )}
          {it.registeredOn && <Descriptions.Item label={t(m.registerItem)}>{t(m.registered, { name: it.registeredByName ?? '—', date: it.registeredOn })}</Descriptions.Item>}
          {it.timeLimitWorkingDays !== null && (
            <Descriptions.Item label={t(m.dueDate)}>
              {t(m.timeLimit, { n: it.timeLimitWorkingDays })} <LightTag item={it} />
            </Descriptions.Item>
          )}
          {it.forwardedTo && (
            <Descriptions.Item label={t(m.forward)}>
              {t(m.forwardedTo, { to: it.forwardedTo === 'leader' ? t(m.toLeader) : t(m.toDirector) })} {formatInstant(it.forwardedAt)}
              {it.forwardNote ? `：${it.forwardNote}` : ''}
              {inbox && it.batchId && (
                <Link to={`/offices/${office.id}/incoming/batches/${it.batchId}`} style={{ marginLeft: 8 }} data-testid="open-batch">
                  {t(m.openBatch)}
                </Link>
              )}
            </Descriptions.Item>
          )}
          {it.taskId && (
            <Descriptions.Item label={t(m.linkTask)}>
              {office.can('ledger.read') ? <Link to={`/offices/${office.id}/ledger/tasks/${it.taskId}`}>{it.taskId}</Link> : it.taskId}
            </Descriptions.Item>
          )}
        </Descriptions>
        {it.summary && (
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginTop: 8 }} data-testid="incoming-summary">
            {it.summary}
          </Typography.Paragraph>
        )}
        {it.matter && (
          <Descriptions size="small" column={1} bordered style={{ marginTop: 8 }} data-testid="incoming-matter">
            <Descriptions.Item label={t(m.matterWhat)}>{it.matter.what}</Descriptions.Item>
            <Descriptions.Item label={t(m.matterWhy)}>{it.matter.whyUrgent}</Descriptions.Item>
            <Descriptions.Item label={t(m.matterRequest)}>{it.matter.request}</Descriptions.Item>
          </Descriptions>
        )}
        <Flex vertical gap={4} style={{ marginTop: 8 }}>
          {it.files.map((f) => (
            <Flex key={f.id} gap={8} align="center" wrap>
              <a href={fileUrl(f.id)}>
                <PaperClipOutlined /> {f.filename}
              </a>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>{fileSize(f.size)}</Typography.Text>
            </Flex>
          ))}
          {!inbox && it.status === 'submitted' && (
            <Upload
              accept=".pdf,.docx,.xlsx"
              showUploadList={false}
              beforeUpload={(file) => {
                void act(() => documentsApi.uploadSubmissionFile(office.id, it.id, file, file.name));
                return false;
              }}
            >
              <Button icon={<UploadOutlined />} data-testid="submission-upload">
                {t(m.uploadFile)}
              </Button>
            </Upload>
          )}
        </Flex>
      </Card>

      {inbox && it.status === 'forwarded' && office.can('incoming.instruct') && (
        <Card size="small" title={t(m.recordInstruction)} style={{ marginBottom: 16 }} data-testid="instruct-card">
          <Input.TextArea rows={3} maxLength={5000} value={instruction} onChange={(e) => setInstruction(e.target.value)} placeholder={t(m.instructPlaceholder)} data-testid="instruction-input" />
          <Button
            type="primary"
            style={{ marginTop: 8 }}
            loading={busy}
            disabled={instruction.trim().length < 2}
            onClick={() => void act(() => documentsApi.instruct(office.id, it, instruction.trim())).then((ok) => ok && setInstruction(''))}
            data-testid="instruct-submit"
          >
            {t(m.instruct)}
          </Button>
        </Card>
      )}
      {handle && ['instructed', 'closed'].includes(it.status) && <TaskLink officeId={office.id} item={it} onChange={reload} />}

      <Card size="small" title={t(m.route)} style={{ marginBottom: 16 }}>
        <EventTimeline items={it.route} testId="incoming-route" labels={INCOMING_ACTION_LABELS} />
      </Card>

      <ReasonModal
        open={dialog === 'reject'}
        title={t(m.rejectItem)}
        okText={t(m.rejectItem)}
        label={t(m.rejectReason)}
        danger
        testId="reject"
        onClose={() => setDialog(null)}
        onSubmit={async (reason) => {
          await documentsApi.rejectItem(office.id, it, reason);
          setDialog(null);
          void message.success(t(common.done));
          reload();
        }}
      />
      <ForwardModal
        officeId={office.id}
        itemIds={[it.id]}
        open={dialog === 'forward'}
        onClose={() => setDialog(null)}
        onDone={() => {
          setDialog(null);
          reload();
        }}
      />
    </div>
  );
}

/**
 * The ledger task of the instruction (A2-11): made here (lead unit, deadline; the server links it both ways) or an
 * existing task of the office's ledger linked to it.
 */
function TaskLink({ officeId, item, onChange }: { officeId: string; item: IncomingItem; onChange(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [q, setQ] = useState('');
  const tasks = useQuery(() => ledgerApi.tasks(officeId, { q: q || undefined, level: 'all', limit: 50 }), [officeId, q]);
  const units = useQuery(() => documentsApi.units(officeId), [officeId]);
  const [taskId, setTaskId] = useState<string | undefined>(item.taskId ?? undefined);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ leadUnitId: string; deadline: string; title?: string; keyTask?: boolean }>();
  const run = async (p: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await p();
      void message.success(t(common.done));
      onChange();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const make = async () => {
    const v = await form.validateFields();
    await run(() => documentsApi.createTask(officeId, item, { leadUnitId: v.leadUnitId, deadline: v.deadline, ...(v.title?.trim() ? { title: v.title.trim() } : {}), keyTask: Boolean(v.keyTask) }));
  };
  return (
    <Card size="small" title={t(m.linkTask)} style={{ marginBottom: 16 }} data-testid="task-card">
      <RuleErrorAlert error={error} testId="task-error" />
      {item.taskId ? (
        <Link to={`/offices/${officeId}/ledger/tasks/${item.taskId}`} data-testid="task-open">
          <LinkOutlined /> {t(m.openTask)}
        </Link>
      ) : (
        <>
          <Form form={form} layout="vertical" requiredMark={false} name="instruction-task">
            <Flex gap={8} wrap>
              <Form.Item name="leadUnitId" label={t(m.leadUnit)} rules={[{ required: true, message: t(common.required) }]} style={{ minWidth: 220, flex: 1 }}>
                <Select showSearch={{ optionFilterProp: 'label' }} options={(units.data ?? []).filter((u) => u.active).map((u) => ({ value: u.id, label: u.name }))} data-testid="task-lead-unit" />
              </Form.Item>
              <Form.Item name="deadline" label={t(m.deadline)} rules={[{ required: true, message: t(common.required) }]}>
                <Input type="date" data-testid="task-deadline" />
              </Form.Item>
            </Flex>
            <Form.Item name="title" label={t(m.taskTitle)}>
              <Input maxLength={200} />
            </Form.Item>
            <Form.Item name="keyTask" valuePropName="checked">
              <Checkbox>{t(m.keyTask)}</Checkbox>
            </Form.Item>
          </Form>
          <Button type="primary" loading={busy} onClick={() => void make().catch(() => undefined)} data-testid="task-create">
            {t(m.makeTask)}
          </Button>
          <Typography.Paragraph type="secondary" style={{ margin: '12px 0 4px' }}>
            {t(m.orLink)}
          </Typography.Paragraph>
        </>
      )}
      <Flex gap={8} wrap style={{ marginTop: 8 }}>
        <Select
          allowClear
          showSearch={{ filterOption: false, onSearch: setQ }}
          value={taskId}
          onChange={setTaskId}
          options={(tasks.data?.items ?? []).map((x) => ({ value: x.id, label: `${x.code} ${x.title}` }))}
          style={{ minWidth: 260, flex: 1 }}
          placeholder={t(m.taskId)}
          data-testid="task-select"
        />
        <Button icon={<LinkOutlined />} loading={busy} onClick={() => void run(() => documentsApi.linkTask(officeId, item, taskId ?? null))} data-testid="task-link">
          {t(common.save)}
        </Button>
      </Flex>
    </Card>
  );
}
