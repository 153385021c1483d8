import { ArrowLeftOutlined, DownloadOutlined, FilePdfOutlined, PaperClipOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Flex, Typography } from 'antd';
import { useNavigate, useParams } from 'react-router';
import { ErrorAlert } from '../../../components/ErrorText.tsx';
import { PageLoading } from '../../../components/PageLoading.tsx';
import { PageTitle } from '../../../components/PageTitle.tsx';
import { useI18n } from '../../../i18n.tsx';
import { formatInstant } from '../../../time.ts';
import { useQuery } from '../../../use-query.ts';
import { useCurrentOffice } from '../../organization/components/OfficeScope.tsx';
import { documentsApi } from '../api.ts';
import { KIND_LABELS, m } from '../messages.ts';

/** A received document: opening it (GET …/received/:id) records the read receipt for my unit, once. */
export default function ReceivedDocumentPage() {
  const office = useCurrentOffice();
  const { distributionId = '' } = useParams();
  const { t } = useI18n();
  const navigate = useNavigate();
  const q = useQuery(() => documentsApi.openReceived(office.id, distributionId), [office.id, distributionId]);
  if (!q.data) return q.error ? <ErrorAlert error={q.error} /> : <PageLoading />;
  const d = q.data;
  return (
    <div data-testid="received-document-page">
      <Button type="link" icon={<ArrowLeftOutlined />} onClick={() => navigate(`/offices/${office.id}/documents/received`)} style={{ paddingLeft: 0 }}>
        {t(m.receivedTitle)}
      </Button>
      <PageTitle title={<span style={{ whiteSpace: 'pre-line' }} data-testid="document-title">{d.title}</span>} subtitle={<><Typography.Text strong data-testid="document-number">{d.number?.text ?? ''}</Typography.Text>{` · ${t(KIND_LABELS[d.kind])} · ${d.issuerName}`}</>} />
      <Alert type="success" showIcon style={{ marginBottom: 16 }} title={t(m.readRecorded)} data-testid="read-recorded" />
      <Flex wrap gap={8} style={{ marginBottom: 16 }}>
        <Button icon={<DownloadOutlined />} href={documentsApi.receivedDocxUrl(office.id, distributionId)} data-testid="download-docx">
          {t(m.downloadDocx)}
        </Button>
        <Button icon={<FilePdfOutlined />} href={documentsApi.receivedPdfUrl(office.id, distributionId)} target="_blank" data-testid="download-pdf">
          {t(m.downloadPdf)}
        </Button>
      </Flex>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={t(m.addressees)}>{d.addressees.map((r) => r.name).join('、')}</Descriptions.Item>
          <Descriptions.Item label={t(m.copyTo)}>{d.copyTo.map((r) => r.name).join('、') || t(m.none)}</Descriptions.Item>
          {d.signoff && <Descriptions.Item label={t(m.signoff)}>{t(m.signedBy, { name: d.signoff.signerLabel, date: d.signoff.signedOn })}</Descriptions.Item>}
          {d.issuedAt && <Descriptions.Item label={t(m.issue)}>{formatInstant(d.issuedAt)}</Descriptions.Item>}
        </Descriptions>
      </Card>
      <Card size="small" title={t(m.body)}>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }} data-testid="document-body">{d.body}</Typography.Paragraph>
        {d.attachments.length > 0 && (
          <Flex vertical gap={4}>
            <Typography.Text strong>{t(m.attachments)}</Typography.Text>
            {d.attachments.map((a, i) => {
              const f = a.fileId ? d.files.find((x) => x.id === a.fileId) : undefined;
              return (
                <span key={i}>
                  {i + 1}. {a.title}
                  {f && (
                    <a href={documentsApi.fileUrl(d.officeId, d.id, f.id)} style={{ marginLeft: 8 }}>
                      <PaperClipOutlined /> {f.filename}
                    </a>
                  )}
                </span>
              );
            })}
          </Flex>
        )}
      </Card>
    </div>
  );
}
