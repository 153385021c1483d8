import { ArrowLeftOutlined, DeleteOutlined, PaperClipOutlined, PlusOutlined, ReloadOutlined, SaveOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Card, Checkbox, Col, Flex, Form, Input, Popconfirm, Row, Select, Typography, Upload } from 'antd';
import { useMemo, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { ApiError } from '../../../api.ts';
import { ErrorAlert } from '../../../components/ErrorText.tsx';
import { PageLoading } from '../../../components/PageLoading.tsx';
import { PageTitle } from '../../../components/PageTitle.tsx';
import { common, useI18n } from '../../../i18n.tsx';
import { useQuery } from '../../../use-query.ts';
import { useCurrentOffice } from '../../organization/components/OfficeScope.tsx';
import { documentsApi, type Document, type DocumentDraft } from '../api.ts';
import { fileSize, RuleErrorAlert, useRecipientOptions, type RecipientOption } from '../components/common.tsx';
import { CLASSIFICATION_LABELS, DIRECTION_LABELS, DISCLOSURE_LABELS, ISSUER_LABELS, KIND_LABELS, KINDS, m, URGENCY_LABELS } from '../messages.ts';

const AUTO_NOTES = ['（此件公开发布）', '（此件依申请公开）', '（此件不予公开）'];

/** An attachment's file: one already uploaded (fileId) or one chosen here, uploaded when the draft is saved. */
type Source = { fileId: string } | { file: File } | null;

interface Values {
  issuer: 'leading_group' | 'office';
  kind: DocumentDraft['kind'];
  direction: 'downward' | 'upward' | 'parallel';
  title: string;
  addressees: string[];
  body: string;
  attachments: Array<{ title: string; body?: string; source: Source }>;
  copyTo: string[];
  classification?: '秘密' | '机密' | '绝密' | null;
  secrecyPeriod?: string;
  urgency?: '加急' | '特急' | null;
  disclosure: 'public' | 'on_request' | 'not_public';
  disclosureReason?: string;
  note?: string;
  sealedOnBehalf: boolean;
  printedBy?: string;
  issuerName?: string;
  signatureName?: string;
}

const recipientKeys = (list: Document['addressees']) => list.map((r) => r.name);
/** Names back to recipients: a unit or child office of the list, else as the draft had it (an inactive unit keeps its id), else paper. */
const toRecipients = (names: string[] | undefined, options: RecipientOption[], before: Document['addressees']) =>
  (names ?? []).map((n) => n.trim()).filter(Boolean).map((name) => {
    const o = options.find((x) => x.label === name);
    if (o?.unitId) return { name, unitId: o.unitId };
    if (o?.officeId) return { name, officeId: o.officeId };
    const was = before.find((r) => r.name === name);
    return was?.unitId ? { name, unitId: was.unitId } : was?.officeId ? { name, officeId: was.officeId } : { name };
  });

function initialValues(d: Document | undefined): Partial<Values> {
  if (!d) return { issuer: 'office', kind: 'notice', direction: 'downward', disclosure: 'public', sealedOnBehalf: false, addressees: [], copyTo: [], attachments: [] };
  return {
    issuer: d.issuer,
    kind: d.kind,
    direction: d.direction,
    title: d.title,
    addressees: recipientKeys(d.addressees),
    body: d.body,
    attachments: d.attachments.map((a) => ({ title: a.title, body: a.body, source: a.fileId ? { fileId: a.fileId } : null })),
    copyTo: recipientKeys(d.copyTo),
    classification: d.classification,
    secrecyPeriod: d.secrecyPeriod ?? undefined,
    urgency: d.urgency,
    disclosure: d.disclosure,
    disclosureReason: d.disclosureReason ?? undefined,
    note: d.note && !AUTO_NOTES.includes(d.note) ? d.note : undefined,
    sealedOnBehalf: d.sealedOnBehalf,
    printedBy: d.printedBy,
    issuerName: d.issuerName,
    signatureName: d.signatureName,
  };
}

/** 拟稿 / 修改草稿: a new draft (no documentId) or the draft's edit, saved with its version (If-Match). */
export default function DocumentEditPage() {
  const office = useCurrentOffice();
  const { documentId } = useParams();
  const q = useQuery(() => (documentId ? documentsApi.get(office.id, documentId) : Promise.resolve(undefined)), [office.id, documentId]);
  if (documentId && !q.data) return q.error ? <ErrorAlert error={q.error} /> : <PageLoading />;
  return <DraftForm key={`${q.data?.id ?? 'new'}:${q.data?.version ?? 0}`} doc={q.data} reload={() => void q.reload()} />;
}

function DraftForm({ doc: loaded, reload }: { doc: Document | undefined; reload(): void }) {
  const office = useCurrentOffice();
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const [doc, setDoc] = useState<Document | undefined>(loaded);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const options = useRecipientOptions(office.id);
  const disclosure = Form.useWatch('disclosure', form);
  const classification = Form.useWatch('classification', form);
  const initial = useMemo(() => initialValues(loaded), [loaded]);
  const back = doc ? `/offices/${office.id}/documents/${doc.id}` : `/offices/${office.id}/documents`;

  const body = (v: Values, files: Map<number, string>): DocumentDraft => ({
    issuer: v.issuer,
    kind: v.kind,
    direction: v.direction,
    title: v.title.trim(),
    addressees: toRecipients(v.addressees, options, [...(doc?.addressees ?? []), ...(doc?.copyTo ?? [])]),
    body: v.body ?? '',
    attachments: (v.attachments ?? []).map((a, i) => ({ title: a.title.trim(), body: a.body ?? '', fileId: files.get(i) ?? (a.source && 'fileId' in a.source ? a.source.fileId : null) })),
    copyTo: toRecipients(v.copyTo, options, [...(doc?.addressees ?? []), ...(doc?.copyTo ?? [])]),
    classification: v.classification ?? null,
    secrecyPeriod: v.classification ? v.secrecyPeriod?.trim() || null : null,
    urgency: v.urgency ?? null,
    disclosure: v.disclosure,
    disclosureReason: v.disclosure === 'not_public' ? v.disclosureReason?.trim() || null : null,
    ...(v.note?.trim() ? { note: v.note.trim() } : {}),
    sealedOnBehalf: v.sealedOnBehalf,
    ...(v.printedBy?.trim() ? { printedBy: v.printedBy.trim() } : {}),
    ...(v.issuerName?.trim() ? { issuerName: v.issuerName.trim() } : {}),
    ...(v.signatureName?.trim() ? { signatureName: v.signatureName.trim() } : {}),
  });

  const save = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setError(null);
    let current = doc;
    try {
      const noFiles = new Map<number, string>();
      const pending = (v.attachments ?? []).map((a, i) => ({ i, file: a.source && 'file' in a.source ? a.source.file : null })).filter((x): x is { i: number; file: File } => x.file !== null);
      // A new draft is created first (files belong to a document), then its files go up, then the list names them.
      if (!current) {
        current = await documentsApi.create(office.id, body(v, noFiles));
        setDoc(current);
      }
      const uploaded = new Map<number, string>();
      for (const p of pending) {
        const before = new Set(current.files.map((f) => f.id));
        const after = await documentsApi.upload(office.id, current.id, p.file, p.file.name);
        const added = after.files.find((f) => !before.has(f.id));
        if (added) uploaded.set(p.i, added.id);
        current = after;
      }
      if (doc || uploaded.size > 0) current = await documentsApi.update(office.id, current, body(v, uploaded));
      void message.success(t(m.draftSaved));
      void navigate(`/offices/${office.id}/documents/${current.id}`);
    } catch (err) {
      setError(err);
      if (current && !doc) void navigate(`/offices/${office.id}/documents/${current.id}/edit`, { replace: true });
    } finally {
      setBusy(false);
    }
  };

  const removeFile = async (fileId: string) => {
    if (!doc) return;
    setError(null);
    try {
      const next = await documentsApi.removeFile(office.id, doc.id, fileId);
      setDoc({ ...next, version: doc.version });
    } catch (err) {
      setError(err);
    }
  };

  const conflict = error instanceof ApiError && error.status === 412;
  const recipientSelect = (testId: string) => (
    <Select mode="tags" showSearch={{ optionFilterProp: 'label' }} options={options.map((o) => ({ value: o.label, label: o.label }))} tokenSeparators={['\n']} data-testid={testId} />
  );

  return (
    <div data-testid="document-edit-page">
      <Button type="link" icon={<ArrowLeftOutlined />} onClick={() => navigate(back)} style={{ paddingLeft: 0 }}>
        {doc ? doc.title.replace(/\n/g, '') : t(m.documentsTitle)}
      </Button>
      <PageTitle title={doc ? t(m.editDraft) : t(m.newDraft)} />
      <RuleErrorAlert
        error={error}
        testId="draft-error"
        action={
          conflict ? (
            <Button size="small" icon={<ReloadOutlined />} onClick={reload} data-testid="reload-latest">
              {t(m.reloadLatest)}
            </Button>
          ) : undefined
        }
      />
      <Form
        form={form}
        name="document-draft"
        layout="vertical"
        initialValues={initial}
        requiredMark={false}
        scrollToFirstError
        // Another issuer: its own default mark and signature (the server fills them when left empty).
        onValuesChange={(changed: Partial<Values>) => {
          if (changed.issuer) form.setFieldsValue({ issuerName: undefined, signatureName: undefined });
        }}
      >
        <Card size="small" style={{ marginBottom: 16 }}>
          <Row gutter={12}>
            <Col xs={24} sm={8}>
              <Form.Item name="issuer" label={t(m.issuer)} rules={[{ required: true }]}>
                <Select data-testid="draft-issuer" options={(['office', 'leading_group'] as const).map((k) => ({ value: k, label: t(ISSUER_LABELS[k]) }))} />
              </Form.Item>
            </Col>
            <Col xs={12} sm={8}>
              <Form.Item name="kind" label={t(m.kind)} rules={[{ required: true }]}>
                <Select data-testid="draft-kind" options={KINDS.map((k) => ({ value: k, label: t(KIND_LABELS[k]) }))} />
              </Form.Item>
            </Col>
            <Col xs={12} sm={8}>
              <Form.Item name="direction" label={t(m.direction)} rules={[{ required: true }]}>
                <Select data-testid="draft-direction" options={(['downward', 'upward', 'parallel'] as const).map((k) => ({ value: k, label: t(DIRECTION_LABELS[k]) }))} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="title" label={t(m.title)} extra={t(m.titleHint)} rules={[{ required: true, whitespace: true, max: 300, message: t(common.required) }]}>
            <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={300} data-testid="draft-title" />
          </Form.Item>
          <Form.Item name="addressees" label={t(m.addressees)} extra={t(m.recipientsHint)}>
            {recipientSelect('draft-addressees')}
          </Form.Item>
          <Form.Item name="body" label={t(m.body)} extra={t(m.bodyHint)} rules={[{ max: 200_000 }]}>
            <Input.TextArea autoSize={{ minRows: 8, maxRows: 30 }} data-testid="draft-body" />
          </Form.Item>
        </Card>

        <Card size="small" title={t(m.attachments)} style={{ marginBottom: 16 }}>
          <Form.List name="attachments">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f, i) => (
                  <Card key={f.key} size="small" type="inner" style={{ marginBottom: 8 }} data-testid="attachment-row" title={`${t(m.attachments)} ${i + 1}`} extra={<Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t(m.removeAttachment)} />}>
                    <Form.Item name={[f.name, 'title']} label={t(m.attachmentTitle)} rules={[{ required: true, whitespace: true, max: 300, message: t(common.required) }]}>
                      <Input maxLength={300} data-testid="attachment-title" />
                    </Form.Item>
                    <Form.Item name={[f.name, 'source']} label={t(m.attachmentFile)}>
                      <SourceInput files={doc?.files ?? []} onPicked={(name) => {
                        const title = form.getFieldValue(['attachments', f.name, 'title']) as string | undefined;
                        if (!title?.trim()) form.setFieldValue(['attachments', f.name, 'title'], name.replace(/\.[^.]+$/, ''));
                      }} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'body']} label={t(m.attachmentBody)}>
                      <Input.TextArea autoSize={{ minRows: 1, maxRows: 10 }} />
                    </Form.Item>
                  </Card>
                ))}
                <Button icon={<PlusOutlined />} onClick={() => add({ title: '', body: '', source: null })} data-testid="add-attachment">
                  {t(m.addAttachment)}
                </Button>
              </>
            )}
          </Form.List>
          {doc && doc.files.length > 0 && (
            <div style={{ marginTop: 12 }}>
              <Typography.Text type="secondary">{t(m.files)}</Typography.Text>
              <Flex vertical gap={4} data-testid="draft-files">
                {doc.files.map((f) => (
                  <Flex key={f.id} gap={8} align="center" wrap>
                    <a href={documentsApi.fileUrl(office.id, doc.id, f.id)}>
                      <PaperClipOutlined /> {f.filename}
                    </a>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>{fileSize(f.size)}</Typography.Text>
                    <Popconfirm title={t(m.removeFile)} okText={t(m.removeFile)} cancelText={t(common.cancel)} onConfirm={() => void removeFile(f.id)}>
                      <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={`${t(m.removeFile)} ${f.filename}`} />
                    </Popconfirm>
                  </Flex>
                ))}
              </Flex>
            </div>
          )}
        </Card>

        <Card size="small" style={{ marginBottom: 16 }}>
          <Form.Item name="copyTo" label={t(m.copyTo)}>
            {recipientSelect('draft-copy-to')}
          </Form.Item>
          <Row gutter={12}>
            <Col xs={12} sm={6}>
              <Form.Item name="classification" label={t(m.classification)}>
                <Select allowClear placeholder={t(m.none)} options={(['秘密', '机密', '绝密'] as const).map((k) => ({ value: k, label: t(CLASSIFICATION_LABELS[k]) }))} data-testid="draft-classification" />
              </Form.Item>
            </Col>
            {classification && (
              <Col xs={12} sm={6}>
                <Form.Item name="secrecyPeriod" label={t(m.secrecyPeriod)}>
                  <Input maxLength={20} placeholder="1年" />
                </Form.Item>
              </Col>
            )}
            <Col xs={12} sm={6}>
              <Form.Item name="urgency" label={t(m.urgency)}>
                <Select allowClear placeholder={t(m.none)} options={(['加急', '特急'] as const).map((k) => ({ value: k, label: t(URGENCY_LABELS[k]) }))} data-testid="draft-urgency" />
              </Form.Item>
            </Col>
            <Col xs={12} sm={6}>
              <Form.Item name="disclosure" label={t(m.disclosure)} rules={[{ required: true }]}>
                <Select options={(['public', 'on_request', 'not_public'] as const).map((k) => ({ value: k, label: t(DISCLOSURE_LABELS[k]) }))} data-testid="draft-disclosure" />
              </Form.Item>
            </Col>
          </Row>
          {disclosure === 'not_public' && (
            <Form.Item name="disclosureReason" label={t(m.disclosureReason)} rules={[{ required: true, whitespace: true, min: 2, max: 500, message: t(m.reasonMin) }]}>
              <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={500} data-testid="draft-disclosure-reason" />
            </Form.Item>
          )}
          <Form.Item name="note" label={t(m.note)} extra={t(m.noteHint)}>
            <Input maxLength={500} />
          </Form.Item>
          <Row gutter={12}>
            <Col xs={24} sm={12}>
              <Form.Item name="issuerName" label={t(m.issuerNameField)} extra={t(m.issuerNameHint)} rules={[{ max: 100 }]}>
                <Input maxLength={100} data-testid="draft-issuer-name" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12}>
              <Form.Item name="signatureName" label={t(m.signatureNameField)} extra={t(m.signatureNameHint)} rules={[{ max: 100 }]}>
                <Input maxLength={100} data-testid="draft-signature-name" />
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={12}>
            <Col xs={24} sm={16}>
              <Form.Item name="printedBy" label={t(m.printedBy)} extra={t(m.printedByHint)}>
                <Input maxLength={100} data-testid="draft-printed-by" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={8}>
              <Form.Item name="sealedOnBehalf" valuePropName="checked" label=" ">
                <Checkbox>{t(m.sealedOnBehalf)}</Checkbox>
              </Form.Item>
            </Col>
          </Row>
        </Card>
        <Flex gap={8} wrap>
          <Button type="primary" icon={<SaveOutlined />} loading={busy} onClick={() => void save().catch(() => undefined)} data-testid="save-draft">
            {t(m.saveDraft)}
          </Button>
          <Button onClick={() => navigate(back)}>{t(common.cancel)}</Button>
        </Flex>
      </Form>
    </div>
  );
}

/** Picks an uploaded file of the draft or a new one from the device (docx/pdf/xlsx), uploaded on save. */
function SourceInput({ value, onChange, files, onPicked }: { value?: Source; onChange?: (v: Source) => void; files: Document['files']; onPicked(name: string): void }) {
  const { t } = useI18n();
  const picked = value && 'file' in value ? value.file : null;
  return (
    <Flex gap={8} wrap align="center">
      {files.length > 0 && (
        <Select
          allowClear
          placeholder={t(m.noFile)}
          value={value && 'fileId' in value ? value.fileId : undefined}
          onChange={(id?: string) => onChange?.(id ? { fileId: id } : null)}
          options={files.map((f) => ({ value: f.id, label: f.filename }))}
          style={{ minWidth: 200, maxWidth: '100%' }}
        />
      )}
      <Upload
        accept=".pdf,.docx,.xlsx"
        showUploadList={false}
        beforeUpload={(file) => {
          onChange?.({ file });
          onPicked(file.name);
          return false;
        }}
      >
        <Button icon={<UploadOutlined />} data-testid="attachment-upload">
          {t(m.uploadFile)}
        </Button>
      </Upload>
      {picked && (
        <Typography.Text data-testid="attachment-picked">
          <PaperClipOutlined /> {picked.name} ({fileSize(picked.size)})
        </Typography.Text>
      )}
    </Flex>
  );
}
