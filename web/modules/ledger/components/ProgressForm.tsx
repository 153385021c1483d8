import { PaperClipOutlined } from '@ant-design/icons';
import { App, Button, Col, Form, Input, InputNumber, Row, Upload, type UploadFile } from 'antd';
import { useState } from 'react';
import type { ProgressUpdate } from '../../../../shared/contracts/ledger.ts';
import { describeError } from '../../../components/ErrorText.tsx';
import { common, useI18n } from '../../../i18n.tsx';
import { ledgerApi } from '../api.ts';
import { m } from '../messages.ts';

interface Values {
  doneText: string;
  percent?: number | null;
  nextSteps?: string;
  problems?: string;
  supportNeeded?: string;
}

const blank = (s: string | undefined) => (s && s.trim() ? s.trim() : null);
const ACCEPT = '.pdf,.docx,.xlsx,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * 报送进展: what was done, percent, next steps, problems, support needed, and one evidence file (PDF, DOCX, XLSX).
 * The update is saved first, then the file; if only the file fails, the update stands and the message says so.
 */
export function ProgressForm({ officeId, taskId, initialPercent, onDone, onCancel }: { officeId: string; taskId: string; initialPercent?: number | null; onDone(update: ProgressUpdate): void; onCancel?(): void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [busy, setBusy] = useState(false);

  const submit = async (v: Values) => {
    setBusy(true);
    try {
      let saved = await ledgerApi.addUpdate(officeId, taskId, {
        doneText: v.doneText.trim(),
        percent: v.percent ?? null,
        nextSteps: blank(v.nextSteps),
        problems: blank(v.problems),
        supportNeeded: blank(v.supportNeeded),
      });
      const file = files[0]?.originFileObj;
      if (file) {
        try {
          saved = await ledgerApi.addEvidence(officeId, taskId, saved.id, file, file.name);
        } catch (err) {
          void message.warning(t(m.evidenceFailed, { error: describeError(err, i18n) }));
        }
      }
      void message.success(t(m.updateSaved));
      form.resetFields();
      setFiles([]);
      onDone(saved);
    } catch {
      // shown by the client; the form keeps what was typed
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form<Values> form={form} layout="vertical" initialValues={{ percent: initialPercent ?? null }} onFinish={(v) => void submit(v)} data-testid="progress-form" name={`progress-${taskId}`}>
      <Form.Item name="doneText" label={t(m.doneText)} rules={[{ required: true, whitespace: true, message: t(common.required) }, { max: 5000 }]}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} />
      </Form.Item>
      <Row gutter={12}>
        <Col xs={24} sm={8}>
          <Form.Item name="percent" label={t(m.percent)}>
            <InputNumber min={0} max={100} precision={0} suffix="%" style={{ width: '100%' }} inputMode="numeric" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={16}>
          <Form.Item label={t(m.evidence)} extra={t(m.evidenceHint)}>
            <Upload
              accept={ACCEPT}
              maxCount={1}
              fileList={files}
              beforeUpload={() => false}
              onChange={({ fileList }) => setFiles(fileList.slice(-1))}
              data-testid="evidence-upload"
            >
              <Button icon={<PaperClipOutlined />}>{t(m.chooseFile)}</Button>
            </Upload>
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col xs={24} md={8}>
          <Form.Item name="nextSteps" label={t(m.nextSteps)} rules={[{ max: 2000 }]}>
            <Input.TextArea autoSize={{ minRows: 1, maxRows: 5 }} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="problems" label={t(m.problems)} rules={[{ max: 2000 }]}>
            <Input.TextArea autoSize={{ minRows: 1, maxRows: 5 }} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="supportNeeded" label={t(m.supportNeeded)} rules={[{ max: 2000 }]}>
            <Input.TextArea autoSize={{ minRows: 1, maxRows: 5 }} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item style={{ marginBottom: 0 }}>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="progress-submit">
          {t(m.submitUpdate)}
        </Button>
        {onCancel && (
          <Button style={{ marginInlineStart: 8 }} onClick={onCancel}>
            {t(common.cancel)}
          </Button>
        )}
      </Form.Item>
    </Form>
  );
}
