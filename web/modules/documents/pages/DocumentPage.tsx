import { ArrowLeftOutlined, CheckOutlined, CloseCircleOutlined, DownloadOutlined, EditOutlined, FilePdfOutlined, NumberOutlined, PaperClipOutlined, RollbackOutlined, SafetyCertificateOutlined, SendOutlined, SignatureOutlined, StopOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Empty, Flex, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { ErrorAlert } from '../../../components/ErrorText.tsx';
import { PageLoading } from '../../../components/PageLoading.tsx';
import { PageTitle } from '../../../components/PageTitle.tsx';
import { common, useI18n } from '../../../i18n.tsx';
import { formatInstant } from '../../../time.ts';
import { useQuery } from '../../../use-query.ts';
import { useCurrentOffice } from '../../organization/components/OfficeScope.tsx';
import { documentsApi, type DistributionList, type Document, type Verify } from '../api.ts';
import { DocumentStatusTag, EventTimeline, fileSize, ReasonModal, RuleErrorAlert, useRecipientOptions } from '../components/common.tsx';
import { DIRECTION_LABELS, DISCLOSURE_LABELS, ISSUER_LABELS, KIND_LABELS, m, STATUS_LABELS } from '../messages.ts';

type Dialog = 'approve' | 'return' | 'sign' | 'void' | 'cancel' | null;

/**
 * One outgoing document: the actions the server says the user may take next (abilities), 核稿, 签发 (A2-12, a refusal
 * names the rule), the number, DOCX/PDF, distribution with read receipts, the archive's SM3 digest and the history.
 */
export default function DocumentPage() {
  const office = useCurrentOffice();
  const { documentId = '' } = useParams();
  const i18n = useI18n();
  const { t } = i18n;
  const { message } = App.useApp();
  const navigate = useNavigate();
  const q = useQuery(() => documentsApi.get(office.id, documentId), [office.id, documentId]);
  const history = useQuery(() => documentsApi.history(office.id, documentId), [office.id, documentId]);
  const dist = useQuery(() => documentsApi.distribution(office.id, documentId), [office.id, documentId]);
  // Distributed to my unit and not yet read: the read receipt is left by opening it as received.
  const mine = useQuery(() => documentsApi.received(office.id), [office.id]);
  const unread = (mine.data ?? []).find((x) => x.documentId === documentId && !x.readAt);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const reload = () => {
    void q.reload();
    void history.reload();
    void dist.reload();
  };

  if (!q.data) return q.error ? <ErrorAlert error={q.error} /> : <PageLoading />;
  const d = q.data;
  const can = (a: Document['abilities'][number]) => d.abilities.includes(a);
  const back = `/offices/${office.id}/documents`;
  const act = async (p: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await p();
      void message.success(t(common.done));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
      reload();
    }
  };
  // A2-12: anyone may ask to sign; the server answers with the rule when the person is not a signatory.
  const showSign = d.status === 'awaiting_signoff' && (can('sign') || office.can('document.sign'));
  const recipients = (list: Document['addressees']) => (list.length ? list.map((r) => r.name).join('、') : t(m.none));

  return (
    <div data-testid="document-page" data-document-id={d.id} data-version={d.version}>
      <Button type="link" icon={<ArrowLeftOutlined />} onClick={() => navigate(back)} style={{ paddingLeft: 0 }}>
        {t(m.documentsTitle)}
      </Button>
      <PageTitle
        title={
          <Space wrap>
            <span data-testid="document-title" style={{ whiteSpace: 'pre-line' }}>{d.title}</span>
            <DocumentStatusTag status={d.status} />
          </Space>
        }
        subtitle={
          <>
            {d.number ? <Typography.Text strong data-testid="document-number">{d.number.text}</Typography.Text> : <span data-testid="document-number-none">{t(m.noNumber)}</span>}
            {` · ${t(KIND_LABELS[d.kind])} · ${d.issuerName}`}
          </>
        }
        extra={
          <>
            {can('edit') && (
              <Button icon={<EditOutlined />} onClick={() => navigate(`${back}/${d.id}/edit`)} data-testid="edit-draft">
                {t(m.editDraft)}
              </Button>
            )}
            {can('submit') && (
              <Popconfirm title={t(m.submitConfirm)} okText={t(common.confirm)} cancelText={t(common.cancel)} onConfirm={() => act(() => documentsApi.submit(office.id, d))} okButtonProps={{ 'data-testid': 'submit-confirm' }}>
                <Button type="primary" icon={<SendOutlined />} loading={busy} data-testid="submit-document">
                  {t(m.submit)}
                </Button>
              </Popconfirm>
            )}
            {can('approve') && (
              <Button type="primary" icon={<CheckOutlined />} onClick={() => setDialog('approve')} data-testid="approve-document">
                {t(m.approve)}
              </Button>
            )}
            {showSign && (
              <Button type={can('sign') ? 'primary' : 'default'} icon={<SignatureOutlined />} onClick={() => setDialog('sign')} data-testid="sign-document">
                {t(m.sign)}
              </Button>
            )}
            {can('return') && (
              <Button icon={<RollbackOutlined />} onClick={() => setDialog('return')} data-testid="return-document">
                {t(m.returnDraft)}
              </Button>
            )}
            {can('number') && (
              <Popconfirm title={t(m.numberConfirm)} okText={t(m.giveNumber)} cancelText={t(common.cancel)} onConfirm={() => act(() => documentsApi.number(office.id, d))} okButtonProps={{ 'data-testid': 'number-confirm' }}>
                <Button type="primary" icon={<NumberOutlined />} loading={busy} data-testid="number-document">
                  {t(m.giveNumber)}
                </Button>
              </Popconfirm>
            )}
            {can('issue') && (
              <Popconfirm title={t(m.issueConfirm)} okText={t(m.issue)} cancelText={t(common.cancel)} onConfirm={() => act(() => documentsApi.issue(office.id, d))} okButtonProps={{ 'data-testid': 'issue-confirm' }}>
                <Button type="primary" icon={<SendOutlined />} loading={busy} data-testid="issue-document">
                  {t(m.issue)}
                </Button>
              </Popconfirm>
            )}
            {can('void') && (
              <Button danger icon={<StopOutlined />} onClick={() => setDialog('void')} data-testid="void-document">
                {t(m.voidNumber)}
              </Button>
            )}
            {can('cancel') && (
              <Button danger icon={<CloseCircleOutlined />} onClick={() => setDialog('cancel')} data-testid="cancel-document">
                {t(m.cancelDoc)}
              </Button>
            )}
          </>
        }
      />
      <RuleErrorAlert error={error} testId="action-error" />
      {unread && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="unread-for-me"
          title={t(m.unreadForMe, { unit: unread.recipientName })}
          action={
            <Button size="small" type="primary" onClick={() => navigate(`${back}/received/${unread.distributionId}`)} data-testid="open-as-received">
              {t(m.open)}
            </Button>
          }
        />
      )}
      {d.closeReason && <Alert type="error" showIcon style={{ marginBottom: 16 }} data-testid="close-reason" title={t(m.closed, { status: t(STATUS_LABELS[d.status]), reason: d.closeReason })} />}
      {d.status === 'awaiting_signoff' && <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t(m.signHint)} description={showSign && !can('sign') ? t(m.notSignatory) : undefined} />}

      <Flex wrap gap={8} style={{ marginBottom: 16 }}>
        <Button icon={<DownloadOutlined />} href={documentsApi.docxUrl(office.id, d.id)} data-testid="download-docx">
          {t(m.downloadDocx)}
        </Button>
        <Button icon={<FilePdfOutlined />} href={documentsApi.pdfUrl(office.id, d.id)} target="_blank" data-testid="download-pdf">
          {t(m.downloadPdf)}
        </Button>
      </Flex>

      <Card size="small" title={t(m.details)} style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={{ xs: 1, sm: 1, md: 2 }}>
          <Descriptions.Item label={t(m.issuer)}>{t(ISSUER_LABELS[d.issuer])}（{d.issuerCode ?? '—'}）</Descriptions.Item>
          <Descriptions.Item label={t(m.direction)}>{t(DIRECTION_LABELS[d.direction])}</Descriptions.Item>
          <Descriptions.Item label={t(m.addressees)}>
            <span data-testid="document-addressees">{recipients(d.addressees)}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t(m.copyTo)}>{recipients(d.copyTo)}</Descriptions.Item>
          <Descriptions.Item label={t(m.classification)}>{d.classification ? `${d.classification}${d.secrecyPeriod ? `★${d.secrecyPeriod}` : ''}` : t(m.none)}</Descriptions.Item>
          <Descriptions.Item label={t(m.urgency)}>{d.urgency ?? t(m.none)}</Descriptions.Item>
          <Descriptions.Item label={t(m.disclosure)}>
            {t(DISCLOSURE_LABELS[d.disclosure])}
            {d.disclosureReason ? `：${d.disclosureReason}` : ''}
          </Descriptions.Item>
          <Descriptions.Item label={t(m.printedBy)}>
            {d.printedBy}
            {d.printedOn ? ` ${d.printedOn}` : ''}
          </Descriptions.Item>
          <Descriptions.Item label={t(m.drafter)}>
            {d.createdByName ?? '—'} {formatInstant(d.createdAt)}
          </Descriptions.Item>
          {d.note && <Descriptions.Item label={t(m.note)}>{d.note}</Descriptions.Item>}
        </Descriptions>
      </Card>

      <ReviewCard doc={d} />

      <Card size="small" title={t(m.body)} style={{ marginBottom: 16 }}>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }} data-testid="document-body">
          {d.body}
        </Typography.Paragraph>
        {d.attachments.length > 0 && (
          <Flex vertical gap={4} data-testid="document-attachments">
            <Typography.Text strong>{t(m.attachments)}</Typography.Text>
            {d.attachments.map((a, i) => {
              const f = a.fileId ? d.files.find((x) => x.id === a.fileId) : undefined;
              return (
                <Flex key={i} gap={8} wrap align="center" data-testid="document-attachment">
                  <span>
                    {i + 1}. {a.title}
                  </span>
                  {f && (
                    <a href={documentsApi.fileUrl(office.id, d.id, f.id)}>
                      <PaperClipOutlined /> {f.filename}
                    </a>
                  )}
                  {f && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{fileSize(f.size)}</Typography.Text>}
                </Flex>
              );
            })}
          </Flex>
        )}
      </Card>

      <DistributionCard officeId={office.id} doc={d} list={dist.data} onChange={() => void dist.reload().then(() => history.reload())} />
      <ArchiveCard officeId={office.id} doc={d} />

      <Card size="small" title={t(m.history)} style={{ marginBottom: 16 }}>
        {history.data ? <EventTimeline items={history.data.items} testId="document-history" /> : <ErrorAlert error={history.error} />}
      </Card>

      <CommentModal
        open={dialog === 'approve' || dialog === 'sign'}
        title={dialog === 'sign' ? t(m.sign) : t(m.approve)}
        label={dialog === 'sign' ? t(m.signOpinion) : t(m.comment)}
        testId={dialog === 'sign' ? 'sign' : 'approve'}
        onClose={() => setDialog(null)}
        onSubmit={async (text) => {
          if (dialog === 'sign') await documentsApi.sign(office.id, d, text);
          else await documentsApi.approve(office.id, d, text);
          setDialog(null);
          void message.success(t(common.done));
          reload();
        }}
      />
      <ReasonModal
        open={dialog === 'return' || dialog === 'void' || dialog === 'cancel'}
        title={dialog === 'void' ? t(m.voidNumber) : dialog === 'cancel' ? t(m.cancelDoc) : t(m.returnDraft)}
        okText={dialog === 'void' ? t(m.voidNumber) : dialog === 'cancel' ? t(m.cancelDoc) : t(m.returnDraft)}
        label={dialog === 'void' ? t(m.voidReason) : dialog === 'cancel' ? t(m.cancelReason) : t(m.reason)}
        danger={dialog !== 'return'}
        testId={dialog ?? 'reason'}
        onClose={() => setDialog(null)}
        onSubmit={async (reason) => {
          if (dialog === 'void') await documentsApi.voidNumber(office.id, d, reason);
          else if (dialog === 'cancel') await documentsApi.cancel(office.id, d, reason);
          else await documentsApi.returnToDraft(office.id, d, reason);
          setDialog(null);
          void message.success(t(common.done));
          reload();
        }}
      />
    </div>
  );
}

/** An optional comment (核稿意见 / 签发意见); a refusal (403 A2-12, 412) stays in the dialog. */
function CommentModal({ open, title, label, testId, onClose, onSubmit }: { open: boolean; title: string; label: string; testId: string; onClose(): void; onSubmit(text: string | undefined): Promise<void> }) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  return (
    <Modal
      open={open}
      title={title}
      okText={title}
      cancelText={t(common.cancel)}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': `${testId}-submit` }}
      onCancel={() => {
        setError(null);
        onClose();
      }}
      onOk={async () => {
        setBusy(true);
        setError(null);
        try {
          await onSubmit(text.trim() || undefined);
          setText('');
        } catch (err) {
          setError(err);
        } finally {
          setBusy(false);
        }
      }}
      destroyOnHidden
    >
      <RuleErrorAlert error={error} testId={`${testId}-error`} />
      <Form layout="vertical">
        <Form.Item label={label}>
          <Input.TextArea rows={3} maxLength={2000} value={text} onChange={(e) => setText(e.target.value)} data-testid={`${testId}-input`} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 核稿 rounds and the sign-off record. */
function ReviewCard({ doc }: { doc: Document }) {
  const { t } = useI18n();
  const s = doc.signoff;
  return (
    <Card size="small" title={`${t(m.reviewChain)} · ${t(m.signoff)}`} style={{ marginBottom: 16 }} data-testid="review-card">
      {doc.currentReviewer && <Alert type="info" showIcon style={{ marginBottom: 8 }} title={t(m.currentReviewer, { name: doc.currentReviewer.name })} data-testid="current-reviewer" />}
      {doc.reviews.length > 0 ? (
        <Table
          rowKey={(r) => `${r.round}-${r.step}`}
          size="small"
          pagination={false}
          dataSource={doc.reviews}
          scroll={{ x: 480 }}
          columns={[
            { title: t(m.round), dataIndex: 'round', width: 90, render: (n: number, r) => `${n}-${r.step}` },
            { title: t(m.reviewer), dataIndex: 'reviewerName', width: 110 },
            { title: t(m.decision), dataIndex: 'decision', width: 90, render: (x: string | null) => (x === 'approved' ? <Tag color="green">{t(m.approved)}</Tag> : x === 'returned' ? <Tag color="red">{t(m.returned)}</Tag> : <Tag>{t(m.pending)}</Tag>) },
            { title: t(m.reviewComment), dataIndex: 'comment', render: (c: string | null, r) => <>{c ?? ''} <Typography.Text type="secondary" style={{ fontSize: 12 }}>{formatInstant(r.decidedAt)}</Typography.Text></> },
          ]}
        />
      ) : (
        ['draft', 'awaiting_signoff'].includes(doc.status) && <Typography.Paragraph type="secondary">{t(m.noReviewChain)}</Typography.Paragraph>
      )}
      {s && (
        <Descriptions size="small" column={1} style={{ marginTop: 8 }} data-testid="signoff">
          <Descriptions.Item label={t(m.signoff)}>
            <span data-testid="signer">{t(m.signedBy, { name: s.signerLabel, date: s.signedOn })}</span>
            {s.via === 'delegation' && <Tag style={{ marginLeft: 6 }}>{t(m.viaDelegation, { name: s.onBehalfOfName ?? '' })}</Tag>}
            {s.opinion && <Typography.Text type="secondary" data-testid="sign-opinion">（{s.opinion}）</Typography.Text>}
          </Descriptions.Item>
          {doc.number && (
            <Descriptions.Item label={t(m.number)}>
              {doc.number.text} · {t(m.numberedBy, { name: doc.number.numberedByName ?? '—', at: formatInstant(doc.number.numberedAt) })}
            </Descriptions.Item>
          )}
          {doc.issuedAt && <Descriptions.Item label={t(m.issue)}>{t(m.issuedBy, { name: doc.issuedByName ?? '—', at: formatInstant(doc.issuedAt) })}</Descriptions.Item>}
        </Descriptions>
      )}
    </Card>
  );
}

/** 分发与签收: who received it, who opened it and when; further distribution of an issued document. */
function DistributionCard({ officeId, doc, list, onChange }: { officeId: string; doc: Document; list: DistributionList | undefined; onChange(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const options = useRecipientOptions(officeId);
  const [picked, setPicked] = useState<string[]>([]);
  const [role, setRole] = useState<'addressee' | 'copy_to'>('copy_to');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const distribute = async () => {
    setBusy(true);
    setError(null);
    try {
      await documentsApi.distribute(
        officeId,
        doc.id,
        picked.map((v) => {
          const o = options.find((x) => x.value === v)!;
          return { role, unitId: o.unitId ?? null, officeId: o.officeId ?? null };
        }),
      );
      setPicked([]);
      void message.success(t(m.distributed));
      onChange();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" title={t(m.distribution)} style={{ marginBottom: 16 }} data-testid="distribution-card">
      {doc.status !== 'issued' && <Typography.Paragraph type="secondary">{t(m.notDistributed)}</Typography.Paragraph>}
      {list && list.items.length > 0 && (
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={list.items}
          scroll={{ x: 560 }}
          data-testid="distribution-table"
          onRow={(r) => ({ 'data-testid': 'distribution-row', 'data-recipient': r.recipientName, 'data-read': r.receipts.length > 0 ? 'true' : 'false' }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            { title: t(m.recipient), dataIndex: 'recipientName' },
            { title: t(m.role), dataIndex: 'role', width: 70, render: (r: string) => (r === 'addressee' ? t(m.addressee) : t(m.copy)) },
            { title: t(m.distributedAt), dataIndex: 'distributedAt', width: 170, render: (x: string) => formatInstant(x) },
            {
              title: t(m.readers),
              dataIndex: 'receipts',
              render: (rs: Array<{ readerName: string; readAt: string }>) =>
                rs.length ? (
                  <Flex vertical data-testid="receipts">
                    {rs.map((r, i) => (
                      <span key={i} data-testid="receipt">
                        {r.readerName} · {formatInstant(r.readAt)}
                      </span>
                    ))}
                  </Flex>
                ) : (
                  <Tag>{t(m.unread)}</Tag>
                ),
            },
          ]}
        />
      )}
      {list && list.external.length > 0 && (
        <Typography.Paragraph style={{ marginTop: 8 }}>
          {t(m.external)}：{list.external.map((x) => `${x.name}（${x.role === 'addressee' ? t(m.addressee) : t(m.copy)}）`).join('、')}
        </Typography.Paragraph>
      )}
      {doc.abilities.includes('distribute') && (
        <>
          <RuleErrorAlert error={error} testId="distribute-error" />
          <Flex wrap gap={8} align="center" style={{ marginTop: 8 }}>
            <Typography.Text>{t(m.distributeMore)}</Typography.Text>
            <Select value={role} onChange={setRole} options={[{ value: 'addressee', label: t(m.addressee) }, { value: 'copy_to', label: t(m.copy) }]} style={{ width: 90 }} />
            <Select mode="multiple" showSearch={{ optionFilterProp: 'label' }} value={picked} onChange={setPicked} options={options} style={{ minWidth: 240, flex: 1 }} placeholder={t(m.distributeTo)} data-testid="distribute-select" />
            <Button onClick={() => void distribute()} loading={busy} disabled={picked.length === 0} data-testid="distribute-submit">
              {t(m.distributeMore)}
            </Button>
          </Flex>
        </>
      )}
      {!list && doc.status === 'issued' && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />}
    </Card>
  );
}

/** The archive: the SM3 digest taken at issue, recomputed on demand. */
function ArchiveCard({ officeId, doc }: { officeId: string; doc: Document }) {
  const { t } = useI18n();
  const [result, setResult] = useState<Verify | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const verify = async () => {
    setBusy(true);
    setError(null);
    try {
      setResult(await documentsApi.verify(officeId, doc.id));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" title={t(m.archive)} style={{ marginBottom: 16 }} data-testid="archive-card">
      {doc.digest ? (
        <>
          <Typography.Paragraph>
            {t(m.digest)}：<Typography.Text code copyable style={{ wordBreak: 'break-all' }} data-testid="document-digest">{doc.digest}</Typography.Text>
          </Typography.Paragraph>
          <Button icon={<SafetyCertificateOutlined />} onClick={() => void verify()} loading={busy} data-testid="verify-document">
            {t(m.verify)}
          </Button>
          <RuleErrorAlert error={error} />
          {result && (
            <Alert
              style={{ marginTop: 8 }}
              type={result.ok ? 'success' : 'error'}
              showIcon
              data-testid="verify-result"
              data-ok={String(result.ok)}
              title={result.ok ? t(m.verifyOk) : t(m.verifyBad)}
              description={result.problems.length ? result.problems.join('；') : undefined}
            />
          )}
        </>
      ) : (
        <Typography.Text type="secondary">{t(m.notArchived)}</Typography.Text>
      )}
    </Card>
  );
}
