import { DeleteOutlined, PaperClipOutlined } from '@ant-design/icons';
import { Button, Empty, Flex, Popconfirm, Typography } from 'antd';
import { common, useI18n } from '../../../i18n.tsx';
import { attachmentUrl, type Report } from '../api.ts';
import { m } from '../messages.ts';
import { fileSize } from '../../../file-size.ts';


/** The report's files as download links; with onRemove (an editable draft) each can be removed. */
export function AttachmentList({ report, own, onRemove }: { report: Report; own: boolean; onRemove?: (fileId: string) => void }) {
  const { t } = useI18n();
  if (report.attachments.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(m.noAttachments)} style={{ margin: '8px 0' }} />;
  return (
    <Flex vertical gap={4} data-testid="attachments">
      {report.attachments.map((f) => (
        <Flex key={f.id} align="center" gap={8} wrap data-testid="attachment">
          <PaperClipOutlined />
          <a href={attachmentUrl(report.officeId, report.id, f.id, own)} download={f.filename} style={{ wordBreak: 'break-all' }}>
            {f.filename}
          </a>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {fileSize(f.size)}
          </Typography.Text>
          {onRemove ? (
            <Popconfirm title={t(m.removeConfirm, { name: f.filename })} okText={t(m.remove)} cancelText={t(common.cancel)} onConfirm={() => onRemove(f.id)}>
              <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={`${t(m.remove)} ${f.filename}`} />
            </Popconfirm>
          ) : null}
        </Flex>
      ))}
    </Flex>
  );
}
