import { ArrowLeftOutlined, CheckCircleOutlined, EditOutlined, PlusOutlined, ReloadOutlined, StopOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Descriptions, Empty, Form, Grid, Input, List, Modal, Progress, Row, Space, Table, Tag, Timeline, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import type { TaskDetail, TaskSummary } from '../../../../shared/contracts/ledger.ts';
import { ErrorAlert } from '../../../components/ErrorText.tsx';
import { PageLoading } from '../../../components/PageLoading.tsx';
import { PageTitle } from '../../../components/PageTitle.tsx';
import { common, useI18n } from '../../../i18n.tsx';
import { useSession } from '../../../session.tsx';
import { formatInstant } from '../../../time.ts';
import { useQuery } from '../../../use-query.ts';
import { useCurrentOffice } from '../../organization/components/OfficeScope.tsx';
import { ledgerApi } from '../api.ts';
import { ExtensionsCard } from '../components/ExtensionsCard.tsx';
import { ProgressForm } from '../components/ProgressForm.tsx';
import { RollupExplain } from '../components/RollupExplain.tsx';
import { TaskFormModal } from '../components/TaskFormModal.tsx';
import { KeyTaskTag, STATUS_COLORS, TaskPercent, TaskStatusTag } from '../components/TaskStatusTag.tsx';
import { UpdatesTimeline } from '../components/UpdatesTimeline.tsx';
import { m, SOURCE_LABELS } from '../messages.ts';

type Dialog = { kind: 'edit' } | { kind: 'subtask' } | { kind: 'done' } | { kind: 'cancel' };

/** 销号 (with an optional note) or 取消 (with a reason), sending the version read. Mount when opening. */
function CloseTaskModal({ officeId, task, kind, onClose, onDone }: { officeId: string; task: TaskDetail; kind: 'done' | 'cancel'; onClose(): void; onDone(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ text?: string }>();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const { text } = await form.validateFields();
    setBusy(true);
    try {
      if (kind === 'done') await ledgerApi.confirmDone(officeId, task.id, task.version, text?.trim() || null);
      else await ledgerApi.cancel(officeId, task.id, task.version, (text ?? '').trim());
      void message.success(t(kind === 'done' ? m.doneConfirmed : m.cancelled));
      onDone();
    } catch {
      // shown by the client (412: changed by someone else — reload and retry)
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={kind === 'done' ? t(m.confirmDoneTitle) : t(m.cancelTask)}
      okText={kind === 'done' ? t(m.confirmDone) : t(m.cancelTask)}
      okButtonProps={{ danger: kind === 'cancel' }}
      cancelText={t(common.cancel)}
      confirmLoading={busy}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
    >
      <Typography.Paragraph>
        {task.code} {task.title}
      </Typography.Paragraph>
      <Form form={form} layout="vertical" requiredMark={false} name={`close-${kind}`}>
        <Form.Item
          name="text"
          label={kind === 'done' ? t(m.confirmDoneNote) : t(m.cancelReason)}
          rules={kind === 'cancel' ? [{ required: true, whitespace: true, message: t(common.required) }, { max: 1000 }] : [{ max: 1000 }]}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/**
 * A task: code, title, status, percent and how it is computed; lead and cooperating units, counties with their
 * linked tasks, milestones (missed in red), subtasks, progress updates and the history. Actions follow the task's
 * abilities: edit, 销号, cancel, review updates (the office); report progress (the units and the office).
 * `mine`: opened from 我的任务 by a liaison or information officer (read through /my/tasks).
 */
export default function TaskPage({ mine }: { mine: boolean }) {
  const office = useCurrentOffice();
  const session = useSession();
  const { t, localize } = useI18n();
  const narrow = !Grid.useBreakpoint().xl;
  const { taskId = '' } = useParams();
  const task = useQuery(() => (mine ? ledgerApi.myTask(office.id, taskId) : ledgerApi.task(office.id, taskId)), [office.id, taskId, mine]);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [reporting, setReporting] = useState(false);
  const canEdit = task.data?.abilities.includes('edit') ?? false;
  const units = useQuery(() => (canEdit ? ledgerApi.units(office.id) : Promise.resolve([])), [office.id, canEdit]);

  if (!task.data) return task.error ? <ErrorAlert error={task.error} /> : <PageLoading />;
  const x = task.data;
  const can = (a: TaskDetail['abilities'][number]) => x.abilities.includes(a);
  const readable = (officeId: string) => session.offices.some((o) => o.id === officeId && o.abilities.includes('ledger.read'));
  const back = mine ? `/offices/${office.id}/my-tasks` : `/offices/${office.id}/ledger`;
  const taskLink = (id: string, label: ReactNode, officeId = office.id) => (!mine && readable(officeId) ? <Link to={`/offices/${officeId}/ledger/tasks/${id}`}>{label}</Link> : label);
  const ownChildren = x.children.filter((c) => c.officeId === x.officeId);
  const counties = session.offices.filter((o) => o.parentId === office.id).map((o) => ({ id: o.id, name: o.name }));
  const reload = () => void task.reload();

  const actions = (
    <>
      <Button icon={<ReloadOutlined />} onClick={reload} aria-label={t(common.reload)} />
      {can('update') && (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setReporting(true)} data-testid="add-update">
          {t(m.addUpdate)}
        </Button>
      )}
      {can('edit') && (
        <Button icon={<EditOutlined />} onClick={() => setDialog({ kind: 'edit' })} data-testid="edit-task">
          {t(common.edit)}
        </Button>
      )}
      {can('edit') && (
        <Button icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'subtask' })}>
          {t(m.newSubtask)}
        </Button>
      )}
      {can('confirm_done') && (
        <Button icon={<CheckCircleOutlined />} onClick={() => setDialog({ kind: 'done' })} data-testid="confirm-done">
          {t(m.confirmDone)}
        </Button>
      )}
      {can('cancel') && (
        <Button danger icon={<StopOutlined />} onClick={() => setDialog({ kind: 'cancel' })} data-testid="cancel-task">
          {t(m.cancelTask)}
        </Button>
      )}
    </>
  );

  const info = [
    { key: 'lead', label: t(m.leadUnit), children: x.leadUnitName ?? <Typography.Text type="warning">{t(m.leadNotAssigned)}</Typography.Text> },
    { key: 'coop', label: t(m.cooperatingUnits), children: x.cooperatingUnits.length ? x.cooperatingUnits.map((u) => u.name).join('、') : '—' },
    {
      key: 'deadline',
      label: t(m.deadline),
      children: (
        <Space direction="vertical" size={0}>
          <span>{x.deadline}</span>
          {x.atRiskFrom && x.status !== 'done' && x.status !== 'cancelled' && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t(m.atRiskFrom, { date: x.atRiskFrom })}</Typography.Text>}
          {x.deadlineProblem && <Typography.Text type="warning" style={{ fontSize: 12 }}>{localize(x.deadlineProblem)}</Typography.Text>}
        </Space>
      ),
    },
    { key: 'source', label: t(m.source), children: `${t(SOURCE_LABELS[x.source.type])}${x.source.label ? `：${x.source.label}` : ''}${x.source.ref && !x.source.label ? `：${x.source.ref}` : ''}` },
    { key: 'weight', label: t(m.weight), children: x.weight },
    { key: 'expected', label: t(m.expectedResult), children: x.expectedResult ?? '—' },
    ...(x.description ? [{ key: 'desc', label: t(m.description), span: 2 as const, children: <span style={{ whiteSpace: 'pre-wrap' }}>{x.description}</span> }] : []),
    ...(x.parentId && x.parentId !== x.originTaskId ? [{ key: 'parent', label: t(m.parentTask), children: taskLink(x.parentId, t(m.parentTask)) }] : []),
    ...(x.originTaskId && office.parentId ? [{ key: 'origin', label: t(m.originTask), children: taskLink(x.originTaskId, x.code, office.parentId) }] : []),
  ];

  const countyColumns = [
    { title: t(m.county), dataIndex: 'officeName', render: (v: string, c: TaskDetail['counties'][number]) => taskLink(c.taskId, v, c.officeId) },
    { title: t(m.percent), dataIndex: 'percent', width: 140, render: (v: number | null, c: TaskDetail['counties'][number]) => <TaskPercent percent={v} status={c.status} /> },
    { title: t(m.status), dataIndex: 'status', width: 100, render: (_: unknown, c: TaskDetail['counties'][number]) => <TaskStatusTag status={c.status} /> },
  ];
  const childColumns = [
    { title: t(m.code), dataIndex: 'code', width: 110, render: (v: string, c: TaskSummary) => taskLink(c.id, v) },
    { title: t(m.title), dataIndex: 'title' },
    { title: t(m.leadUnit), dataIndex: 'leadUnitName', responsive: ['md' as const], render: (v: string | null) => v ?? '—' },
    { title: t(m.deadline), dataIndex: 'deadline', width: 110, responsive: ['sm' as const] },
    { title: t(m.percent), dataIndex: 'percent', width: 130, render: (v: number | null, c: TaskSummary) => <TaskPercent percent={v} status={c.status} /> },
    { title: t(m.status), dataIndex: 'status', width: 96, render: (_: unknown, c: TaskSummary) => <TaskStatusTag status={c.status} /> },
  ];

  const percentCard = (
    <Card size="small" title={t(m.percent)} data-testid="task-percent">
      <Space align="center" size={16} style={{ marginBottom: 12 }}>
        <Progress type="circle" size={88} percent={x.percent ?? 0} strokeColor={STATUS_COLORS[x.status]} format={() => (x.percent === null ? '—' : `${x.percent}%`)} />
        <Typography.Text type="secondary">{x.lastUpdateOn ? t(m.lastUpdateOn, { date: x.lastUpdateOn }) : x.percent === null ? t(m.noFigure) : t(m.neverUpdated)}</Typography.Text>
      </Space>
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {t(m.howComputed)}
      </Typography.Title>
      <RollupExplain task={x} />
    </Card>
  );

  return (
    <div data-testid="task-page" data-task-id={x.id}>
      <Link to={back} style={{ display: 'inline-block', marginBottom: 8 }}>
        <ArrowLeftOutlined /> {mine ? t(m.myTasksTitle) : t(m.ledgerTitle)}
      </Link>
      <PageTitle
        title={
          <span data-testid="task-heading">
            <Typography.Text type="secondary" style={{ fontSize: '0.8em', marginInlineEnd: 8 }}>
              {x.code}
            </Typography.Text>
            {x.title}
          </span>
        }
        subtitle={
          <Space size={6} wrap style={{ marginTop: 4 }}>
            <TaskStatusTag status={x.status} />
            {x.keyTask && <KeyTaskTag />}
            <span>{office.name}</span>
          </Space>
        }
        extra={actions}
      />
      {x.doneAt && <Alert type="success" showIcon style={{ marginBottom: 16 }} title={t(m.doneBy, { name: x.doneByName ?? '', at: formatInstant(x.doneAt) })} />}
      {x.cancelledAt && <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t(m.cancelledAt, { at: formatInstant(x.cancelledAt), reason: x.cancelReason ?? '' })} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Space direction="vertical" size={16} style={{ width: '100%' }}>
            {narrow && percentCard}
            <Card size="small" title={t(m.detailTab)}>
              <Descriptions size="small" column={{ xs: 1, sm: 1, md: 2 }} items={info} />
            </Card>
            {reporting && can('update') && (
              <Card size="small" title={t(m.addUpdate)} data-testid="add-update-card">
                <ProgressForm
                  officeId={office.id}
                  taskId={x.id}
                  initialPercent={x.childCount === 0 ? x.percent : null}
                  onCancel={() => setReporting(false)}
                  onDone={() => {
                    setReporting(false);
                    reload();
                  }}
                />
              </Card>
            )}
            <Card size="small" title={t(m.updatesTitle)} extra={can('update') && !reporting ? <Button type="link" size="small" icon={<PlusOutlined />} onClick={() => setReporting(true)}>{t(m.addUpdate)}</Button> : null}>
              <UpdatesTimeline officeId={office.id} taskId={x.id} updates={x.updates} canReview={can('review_updates')} canDownload={mine || office.can('ledger.read')} mine={mine} onChanged={reload} />
            </Card>
            <ExtensionsCard officeId={office.id} task={x} onChanged={reload} />
            {x.milestones.length > 0 && (
              <Card size="small" title={t(m.milestones)}>
                <List
                  size="small"
                  dataSource={x.milestones}
                  data-testid="milestones"
                  renderItem={(ms) => (
                    <List.Item data-testid="milestone" data-missed={ms.missed} style={{ paddingInline: 0 }}>
                      <Space wrap size={8}>
                        <Typography.Text type={ms.missed ? 'danger' : undefined} strong={ms.missed}>
                          {ms.dueDate}
                        </Typography.Text>
                        <Typography.Text type={ms.missed ? 'danger' : undefined}>{ms.title}</Typography.Text>
                        {ms.doneOn ? <Tag color="success">{`${t(m.milestoneDone)} ${ms.doneOn}`}</Tag> : ms.missed ? <Tag color="error">{t(m.milestoneMissed)}</Tag> : null}
                      </Space>
                    </List.Item>
                  )}
                />
              </Card>
            )}
            {ownChildren.length > 0 && (
              <Card size="small" title={`${t(m.children)}（${ownChildren.length}）`} styles={{ body: { padding: 0 } }}>
                <Table<TaskSummary> size="small" rowKey="id" pagination={false} dataSource={ownChildren} columns={childColumns} scroll={{ x: 'max-content' }} />
              </Card>
            )}
            {x.counties.length > 0 && (
              <Card size="small" title={`${t(m.counties)}（${x.counties.length}）`} styles={{ body: { padding: 0 } }}>
                <Table size="small" rowKey="taskId" pagination={false} dataSource={x.counties} columns={countyColumns} data-testid="county-tasks" />
              </Card>
            )}
          </Space>
        </Col>
        <Col xs={24} xl={8}>
          <Space direction="vertical" size={16} style={{ width: '100%' }}>
            {!narrow && percentCard}
            <Card size="small" title={t(m.historyTitle)}>
              {x.history.length ? (
                <Timeline
                  data-testid="task-history"
                  items={[...x.history].reverse().map((h, i) => ({
                    key: `${h.at}-${i}`,
                    // days the status moved by the calendar alone (no one acted): in the status colours
                    color: h.action === 'task.status.overdue' || h.action === 'task.status.milestone_missed' ? STATUS_COLORS.overdue : h.action === 'task.status.due_soon' ? STATUS_COLORS.at_risk : undefined,
                    content: (
                      <div>
                        <Typography.Text strong>{localize(h.title)}</Typography.Text>
                        <br />
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {formatInstant(h.at)}
                          {h.actorName ? ` · ${h.actorName}` : ''}
                        </Typography.Text>
                      </div>
                    ),
                  }))}
                />
              ) : (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
              )}
            </Card>
          </Space>
        </Col>
      </Row>
      {(dialog?.kind === 'edit' || dialog?.kind === 'subtask') && (
        <TaskFormModal
          officeId={office.id}
          task={dialog.kind === 'edit' ? x : null}
          parent={dialog.kind === 'subtask' ? { id: x.id, code: x.code, title: x.title } : undefined}
          units={units.data ?? []}
          counties={dialog.kind === 'subtask' ? counties : []}
          onClose={() => setDialog(null)}
          onStale={() => {
            setDialog(null);
            reload();
          }}
          onDone={() => {
            setDialog(null);
            reload();
          }}
        />
      )}
      {(dialog?.kind === 'done' || dialog?.kind === 'cancel') && (
        <CloseTaskModal
          officeId={office.id}
          task={x}
          kind={dialog.kind}
          onClose={() => setDialog(null)}
          onDone={() => {
            setDialog(null);
            reload();
          }}
        />
      )}
    </div>
  );
}
