import { PaperClipOutlined, PlusOutlined, ReloadOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Flex, Form, Input, Modal, Select, Table, Typography, Upload, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { IncomingCategory, IncomingStatus } from '../../../../shared/contracts/documents.ts';
import { ErrorAlert } from '../../../components/ErrorText.tsx';
import { PageTitle } from '../../../components/PageTitle.tsx';
import { common, useI18n } from '../../../i18n.tsx';
import { useSession } from '../../../session.tsx';
import { formatInstant } from '../../../time.ts';
import { useQuery } from '../../../use-query.ts';
import { useCurrentOffice } from '../../organization/components/OfficeScope.tsx';
import { documentsApi, type IncomingItem } from '../api.ts';
import { fileSize, IncomingStatusTag, LightTag, RuleErrorAlert } from '../components/common.tsx';
import { CATEGORIES, CATEGORY_LABELS, m } from '../messages.ts';

/** 报送: my unit's (or, at a county desk, my office's) approvals, filings and major-matter reports, and a new one. */
export default function SubmissionsPage() {
  const office = useCurrentOffice();
  const { t } = useI18n();
  const navigate = useNavigate();
  const list = useQuery(() => documentsApi.mySubmissions(office.id), [office.id]);
  const [creating, setCreating] = useState(false);
  const columns: TableColumnsType<IncomingItem> = [
    { title: t(m.title), dataIndex: 'title', render: (v: string, x) => <Link to={`/offices/${office.id}/submissions/${x.id}`} data-testid="submission-link">{v}</Link> },
    { title: t(m.category), dataIndex: 'category', width: 110, render: (c: IncomingCategory) => t(CATEGORY_LABELS[c]) },
    { title: t(m.incomingNumber), dataIndex: 'incomingNumber', width: 130, render: (v: string | null) => v ?? '—' },
    { title: t(m.status), dataIndex: 'status', width: 90, render: (s: IncomingStatus) => <IncomingStatusTag status={s} /> },
    { title: t(m.dueDate), key: 'light', width: 200, responsive: ['md'], render: (_: unknown, x) => <LightTag item={x} /> },
    { title: t(m.submittedAt), dataIndex: 'submittedAt', width: 170, responsive: ['lg'], render: (v: string) => formatInstant(v) },
  ];
  return (
    <div data-testid="submissions-page">
      <PageTitle
        title={t(m.submissionsTitle)}
        subtitle={t(m.submissionsSubtitle)}
        extra={
          <>
            <Button icon={<ReloadOutlined />} onClick={() => void list.reload()} aria-label={t(common.reload)} />
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="new-submission">
              {t(m.newSubmission)}
            </Button>
          </>
        }
      />
      <ErrorAlert error={list.error} />
      <Table
        rowKey="id"
        size="middle"
        loading={list.loading}
        columns={columns}
        dataSource={list.data ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: 560 }}
        locale={{ emptyText: t(m.noSubmissions) }}
        data-testid="submissions-table"
        onRow={(x) => ({ 'data-testid': 'submission-row', 'data-status': x.status }) as React.HTMLAttributes<HTMLElement>}
      />
      <SubmitModal
        officeId={office.id}
        open={creating}
        onClose={() => setCreating(false)}
        onDone={(item) => {
          setCreating(false);
          void navigate(`/offices/${office.id}/submissions/${item.id}`);
        }}
      />
    </div>
  );
}

interface Values {
  category: IncomingCategory;
  title: string;
  theirNumber?: string;
  summary?: string;
  what?: string;
  whyUrgent?: string;
  request?: string;
  unitId?: string;
}

/** A new submission; a major matter says what happened, why it is urgent and what is asked (A2-11). Files go up after. */
function SubmitModal({ officeId, open, onClose, onDone }: { officeId: string; open: boolean; onClose(): void; onDone(item: IncomingItem): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const session = useSession();
  const [form] = Form.useForm<Values>();
  const category = Form.useWatch('category', form);
  const [files, setFiles] = useState<File[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const units = session.posts.filter((p) => p.officeId === officeId && p.post === 'liaison_officer' && p.unitId);
  const unitNames = useQuery(() => (units.length > 1 ? documentsApi.units(officeId) : Promise.resolve([])), [officeId, units.length]);
  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      let item = await documentsApi.submitItem(officeId, {
        category: v.category,
        title: v.title.trim(),
        theirNumber: v.theirNumber?.trim() || null,
        summary: v.summary?.trim() ?? '',
        ...(v.category === 'major_matter' ? { matter: { what: v.what?.trim() ?? '', whyUrgent: v.whyUrgent?.trim() ?? '', request: v.request?.trim() ?? '' } } : {}),
        ...(v.unitId ? { unitId: v.unitId } : {}),
      });
      for (const f of files) item = await documentsApi.uploadSubmissionFile(officeId, item.id, f, f.name);
      form.resetFields();
      setFiles([]);
      void message.success(t(m.submitted));
      onDone(item);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const req = [{ required: true, whitespace: true, min: 2, message: t(m.reasonMin) }];
  return (
    <Modal
      open={open}
      title={t(m.newSubmission)}
      okText={t(m.newSubmission)}
      cancelText={t(common.cancel)}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'submission-submit' }}
      onCancel={() => {
        setError(null);
        onClose();
      }}
      onOk={() => void submit().catch(() => undefined)}
      destroyOnHidden
    >
      <RuleErrorAlert error={error} testId="submission-error" />
      <Form form={form} layout="vertical" requiredMark={false} name="submission" initialValues={{ category: 'approval' }}>
        <Form.Item name="category" label={t(m.category)} rules={[{ required: true }]}>
          <Select options={CATEGORIES.map((c) => ({ value: c, label: t(CATEGORY_LABELS[c]) }))} data-testid="submission-category" />
        </Form.Item>
        {units.length > 1 && (
          <Form.Item name="unitId" label={t(m.submitUnit)} rules={[{ required: true, message: t(common.required) }]}>
            <Select options={units.map((p) => ({ value: p.unitId!, label: unitNames.data?.find((u) => u.id === p.unitId)?.name ?? p.unitId! }))} />
          </Form.Item>
        )}
        <Form.Item name="title" label={t(m.title)} rules={[{ required: true, whitespace: true, max: 300, message: t(common.required) }]}>
          <Input maxLength={300} data-testid="submission-title" />
        </Form.Item>
        <Form.Item name="theirNumber" label={t(m.theirNumber)}>
          <Input maxLength={100} />
        </Form.Item>
        {category === 'major_matter' && (
          <>
            <Form.Item name="what" label={t(m.matterWhat)} rules={req}>
              <Input.TextArea rows={2} maxLength={5000} data-testid="matter-what" />
            </Form.Item>
            <Form.Item name="whyUrgent" label={t(m.matterWhy)} rules={req}>
              <Input.TextArea rows={2} maxLength={5000} data-testid="matter-why" />
            </Form.Item>
            <Form.Item name="request" label={t(m.matterRequest)} rules={req}>
              <Input.TextArea rows={2} maxLength={5000} data-testid="matter-request" />
            </Form.Item>
          </>
        )}
        <Form.Item name="summary" label={t(m.summaryText)}>
          <Input.TextArea rows={3} maxLength={100_000} data-testid="submission-summary" />
        </Form.Item>
        <Upload
          accept=".pdf,.docx,.xlsx"
          multiple
          showUploadList={false}
          beforeUpload={(file) => {
            setFiles((x) => [...x, file]);
            return false;
          }}
        >
          <Button icon={<UploadOutlined />}>{t(m.uploadFile)}</Button>
        </Upload>
        <Flex vertical gap={2} style={{ marginTop: 4 }}>
          {files.map((f, i) => (
            <Typography.Text key={i}>
              <PaperClipOutlined /> {f.name} ({fileSize(f.size)}){' '}
              <Button type="link" size="small" danger onClick={() => setFiles((x) => x.filter((_, j) => j !== i))}>
                {t(m.removeFile)}
              </Button>
            </Typography.Text>
          ))}
        </Flex>
      </Form>
    </Modal>
  );
}
