import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Checkbox, Col, Form, Input, InputNumber, Modal, Row, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import type { TaskCreate, TaskDetail, TaskUpdate } from '../../../../shared/contracts/ledger.ts';
import type { Unit } from '../../../../shared/contracts/organization.ts';
import { ApiError } from '../../../api.ts';
import { describeError } from '../../../components/ErrorText.tsx';
import { common, useI18n } from '../../../i18n.tsx';
import { ledgerApi } from '../api.ts';
import { m, SOURCE_LABELS } from '../messages.ts';

type SourceType = TaskCreate extends { source?: infer S } ? (S extends { type: infer T } ? T : never) : never;

interface Values {
  code?: string;
  title: string;
  description?: string;
  sourceType: SourceType;
  sourceLabel?: string;
  leadUnitId: string;
  cooperatingUnitIds: string[];
  countyOfficeIds: string[];
  deadline: string;
  keyTask: boolean;
  expectedResult?: string;
  weight: number;
  milestones: Array<{ title: string; dueDate: string; doneOn?: string }>;
  percent?: number | null;
}

const blank = (s: string | null | undefined) => (s && s.trim() ? s.trim() : null);

function initialOf(task: TaskDetail | null): Partial<Values> {
  if (!task) return { sourceType: 'other', cooperatingUnitIds: [], countyOfficeIds: [], keyTask: false, weight: 1, milestones: [] };
  return {
    code: task.code,
    title: task.title,
    description: task.description ?? '',
    leadUnitId: task.leadUnitId ?? undefined,
    cooperatingUnitIds: task.cooperatingUnits.map((u) => u.id),
    deadline: task.deadline,
    keyTask: task.keyTask,
    expectedResult: task.expectedResult ?? '',
    weight: task.weight,
    milestones: task.milestones.map((x) => ({ title: x.title, dueDate: x.dueDate, doneOn: x.doneOn ?? undefined })),
    percent: task.percent,
  };
}

/** The PATCH body: only what changed, so the history records what was really edited. */
function changes(task: TaskDetail, v: Values, percentEditable: boolean): TaskUpdate {
  const out: TaskUpdate = {};
  const code = v.code?.trim();
  if (code && code !== task.code) out.code = code;
  if (v.title.trim() !== task.title) out.title = v.title.trim();
  if (blank(v.description) !== task.description) out.description = blank(v.description);
  if (v.leadUnitId !== task.leadUnitId) out.leadUnitId = v.leadUnitId;
  const coop = [...v.cooperatingUnitIds].sort();
  if (JSON.stringify(coop) !== JSON.stringify(task.cooperatingUnits.map((u) => u.id).sort())) out.cooperatingUnitIds = v.cooperatingUnitIds;
  if (v.deadline !== task.deadline) out.deadline = v.deadline;
  if (v.keyTask !== task.keyTask) out.keyTask = v.keyTask;
  if (blank(v.expectedResult) !== task.expectedResult) out.expectedResult = blank(v.expectedResult);
  if (v.weight !== task.weight) out.weight = v.weight;
  const ms = v.milestones.map((x) => ({ title: x.title.trim(), dueDate: x.dueDate, doneOn: x.doneOn || null }));
  if (JSON.stringify(ms) !== JSON.stringify(task.milestones.map((x) => ({ title: x.title, dueDate: x.dueDate, doneOn: x.doneOn })))) out.milestones = ms;
  if (percentEditable && (v.percent ?? null) !== task.percent) out.percent = v.percent ?? null;
  return out;
}

/**
 * 新建任务 / 修改任务. Creating: lead and cooperating units, counties to push down to, milestones; with `parent` a
 * subtask. Editing sends the version read (If-Match); a 412 says someone else changed the task — reload and retry.
 * Mount when opening: the initial values are taken once.
 */
export function TaskFormModal({
  officeId,
  task,
  parent,
  units,
  counties,
  onClose,
  onDone,
  onStale,
}: {
  officeId: string;
  task: TaskDetail | null;
  parent?: { id: string; code: string; title: string };
  units: Unit[];
  counties: Array<{ id: string; name: string }>;
  onClose(): void;
  onDone(task: TaskDetail): void;
  onStale?(): void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [initialValues] = useState(() => initialOf(task));
  const percentEditable = task !== null && task.childCount === 0;
  const unitOptions = units.filter((u) => u.active || u.id === task?.leadUnitId).map((u) => ({ value: u.id, label: u.name }));
  // A unit leads the task or cooperates on it, never both (the server drops the lead from the cooperating units).
  const lead = Form.useWatch('leadUnitId', form);
  const cooperatingOptions = unitOptions.filter((o) => o.value !== lead);
  const onValuesChange = (changed: Partial<Values>) => {
    if (changed.leadUnitId) form.setFieldValue('cooperatingUnitIds', (form.getFieldValue('cooperatingUnitIds') as string[] | undefined ?? []).filter((u) => u !== changed.leadUnitId));
  };

  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setError(undefined);
    try {
      let saved: TaskDetail;
      if (task) {
        const patch = changes(task, v, percentEditable);
        if (Object.keys(patch).length === 0) {
          onClose();
          return;
        }
        saved = await ledgerApi.updateTask(officeId, task.id, task.version, patch);
        void message.success(t(common.saved));
      } else {
        saved = await ledgerApi.createTask(officeId, {
          code: v.code?.trim() || undefined,
          title: v.title.trim(),
          description: blank(v.description),
          source: { type: v.sourceType, label: blank(v.sourceLabel) },
          parentId: parent?.id ?? null,
          leadUnitId: v.leadUnitId,
          cooperatingUnitIds: v.cooperatingUnitIds.filter((u) => u !== v.leadUnitId),
          countyOfficeIds: v.countyOfficeIds,
          deadline: v.deadline,
          keyTask: v.keyTask,
          expectedResult: blank(v.expectedResult),
          weight: v.weight,
          milestones: v.milestones.map((x) => ({ title: x.title.trim(), dueDate: x.dueDate })),
        });
        void message.success(t(m.created, { code: saved.code }));
      }
      onDone(saved);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const stale = error instanceof ApiError && error.code === 'VERSION_MISMATCH';
  const title = task ? t(m.editTask, { code: task.code }) : parent ? `${t(m.newTask)}（${t(m.parentTask)}：${parent.code}）` : t(m.newTask);
  return (
    <Modal
      open
      width={760}
      title={title}
      okText={t(common.save)}
      cancelText={t(common.cancel)}
      confirmLoading={busy}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      styles={{ body: { maxHeight: '70vh', overflowY: 'auto', paddingInlineEnd: 8 } }}
      data-testid="task-form"
    >
      {error ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="task-form-error"
          title={stale ? t(common.versionMismatch) : describeError(error, i18n)}
          action={
            stale && onStale ? (
              <Button size="small" onClick={onStale}>
                {t(common.reload)}
              </Button>
            ) : undefined
          }
        />
      ) : null}
      <Form<Values> form={form} name="task" layout="vertical" initialValues={initialValues} onValuesChange={onValuesChange}>
        <Form.Item name="title" label={t(m.title)} rules={[{ required: true, whitespace: true, message: t(common.required) }, { max: 300 }]}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={300} />
        </Form.Item>
        <Form.Item name="description" label={t(m.description)} rules={[{ max: 5000 }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} />
        </Form.Item>
        {!task && (
          <Row gutter={12}>
            <Col xs={24} sm={8}>
              <Form.Item name="sourceType" label={t(m.sourceType)}>
                <Select options={(Object.keys(SOURCE_LABELS) as SourceType[]).map((s) => ({ value: s, label: t(SOURCE_LABELS[s]) }))} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={16}>
              <Form.Item name="sourceLabel" label={t(m.sourceLabel)} rules={[{ max: 300 }]}>
                <Input placeholder={t(m.sourceLabelHint)} />
              </Form.Item>
            </Col>
          </Row>
        )}
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item name="leadUnitId" label={t(m.leadUnit)} rules={[{ required: true, message: t(m.chooseUnit) }]}>
              <Select showSearch={{ optionFilterProp: 'label' }} placeholder={t(m.chooseUnit)} options={unitOptions} data-testid="task-lead-unit" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="cooperatingUnitIds" label={t(m.cooperatingUnits)}>
              <Select mode="multiple" showSearch={{ optionFilterProp: 'label' }} options={cooperatingOptions} maxTagCount="responsive" data-testid="task-cooperating-units" />
            </Form.Item>
          </Col>
        </Row>
        {!task && counties.length > 0 && (
          <Form.Item name="countyOfficeIds" label={t(m.counties)} extra={t(m.countiesHint)}>
            <Select mode="multiple" showSearch={{ optionFilterProp: 'label' }} options={counties.map((c) => ({ value: c.id, label: c.name }))} maxTagCount="responsive" />
          </Form.Item>
        )}
        <Row gutter={12}>
          <Col xs={12} sm={8}>
            <Form.Item name="deadline" label={t(m.deadline)} rules={[{ required: true, message: t(common.required) }]}>
              <Input type="date" data-testid="task-deadline" />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item name="weight" label={t(m.weight)} tooltip={t(m.weightHint)} rules={[{ required: true, message: t(common.required) }]}>
              <InputNumber min={0} max={100} step={1} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="keyTask" label=" " valuePropName="checked" colon={false}>
              <Checkbox>{t(m.keyTask)}</Checkbox>
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="expectedResult" label={t(m.expectedResult)} rules={[{ max: 2000 }]}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item name="code" label={t(m.code)} extra={task ? undefined : t(m.codeHint)} rules={[{ max: 50 }]}>
              <Input />
            </Form.Item>
          </Col>
          {percentEditable && (
            <Col xs={24} sm={12}>
              <Form.Item name="percent" label={t(m.percentManual)} extra={t(m.percentManualHint)}>
                <InputNumber min={0} max={100} precision={0} suffix="%" style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          )}
        </Row>
        <Typography.Text strong>{t(m.milestones)}</Typography.Text>
        <Form.List name="milestones">
          {(fields, { add, remove }) => (
            <div style={{ marginTop: 8 }}>
              {fields.map((f) => (
                <Space key={f.key} align="start" wrap style={{ display: 'flex', marginBottom: 4 }}>
                  <Form.Item name={[f.name, 'title']} rules={[{ required: true, whitespace: true, message: t(common.required) }, { max: 200 }]} style={{ marginBottom: 8 }}>
                    <Input placeholder={t(m.milestoneTitle)} style={{ width: 240 }} aria-label={t(m.milestoneTitle)} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'dueDate']} rules={[{ required: true, message: t(common.required) }]} style={{ marginBottom: 8 }}>
                    <Input type="date" aria-label={t(m.milestoneDue)} title={t(m.milestoneDue)} />
                  </Form.Item>
                  {task && (
                    <Form.Item name={[f.name, 'doneOn']} style={{ marginBottom: 8 }}>
                      <Input type="date" aria-label={t(m.milestoneDone)} title={t(m.milestoneDone)} />
                    </Form.Item>
                  )}
                  <Button type="text" icon={<DeleteOutlined />} aria-label={t(m.removeMilestone)} onClick={() => remove(f.name)} />
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ title: '', dueDate: '' })}>
                {t(m.addMilestone)}
              </Button>
            </div>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
