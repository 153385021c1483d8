import { DeleteOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Card, List, Popconfirm, Typography, Upload } from 'antd';
import { useState } from 'react';
import { common, useI18n } from '../../../i18n.tsx';
import { useQuery } from '../../../use-query.ts';
import { meetingsApi, type Minutes } from '../api.ts';
import { m } from '../messages.ts';
import { fileSize } from '../../../file-size.ts';

/** 纪要附件: uploaded and removed while the minutes are a draft (the office); read by whoever reads the minutes. */
export function MinutesFilesCard({ officeId, minutes: mn }: { officeId: string; minutes: Minutes }) {
  const { t } = useI18n();
  const files = useQuery(() => meetingsApi.minutesFiles(officeId, mn.id), [officeId, mn.id]);
  const [busy, setBusy] = useState(false);
  const editable = mn.abilities.includes('edit');
  const items = files.data ?? [];
  if (!editable && items.length === 0) return null;

  const upload = async (file: File) => {
    setBusy(true);
    try {
      await meetingsApi.addMinutesFile(officeId, mn.id, file, file.name);
      void files.reload();
    } catch {
      // shown by the client (a file that is not docx/pdf/xlsx by its content is refused)
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card
      size="small"
      title={t(m.minutesFiles)}
      style={{ marginBottom: 16 }}
      data-testid="minutes-files"
      extra={
        editable ? (
          <Upload
            accept=".pdf,.docx,.xlsx"
            showUploadList={false}
            beforeUpload={(file) => {
              void upload(file);
              return false;
            }}
          >
            <Button size="small" icon={<UploadOutlined />} loading={busy} data-testid="upload-minutes-file">
              {t(m.uploadFile)}
            </Button>
          </Upload>
        ) : null
      }
    >
      {editable && <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>{t(m.minutesFilesHint)}</Typography.Paragraph>}
      <List
        size="small"
        dataSource={items}
        locale={{ emptyText: t(m.noMinutesFiles) }}
        renderItem={(f) => (
          <List.Item
            data-testid="minutes-file"
            style={{ paddingInline: 0 }}
            actions={
              editable
                ? [
                    <Popconfirm key="rm" title={t(m.removeFileConfirm)} okText={t(m.removeFile)} cancelText={t(common.cancel)} onConfirm={() => meetingsApi.removeMinutesFile(officeId, mn.id, f.id).then(() => files.reload(), () => files.reload())}>
                      <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t(m.removeFile)} />
                    </Popconfirm>,
                  ]
                : []
            }
          >
            <a href={meetingsApi.minutesFileUrl(officeId, mn.id, f.id)} target="_blank" rel="noreferrer">
              <PaperClipOutlined /> {f.filename}
            </a>
            <Typography.Text type="secondary" style={{ marginInlineStart: 8, fontSize: 12 }}>
              {fileSize(f.size)} · SM3 {f.digest.slice(0, 12)}…
            </Typography.Text>
          </List.Item>
        )}
      />
    </Card>
  );
}
