import { ArrowLeftOutlined, CheckCircleTwoTone, DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Grid, Progress, Result, Space, Switch, Table, Tag, Typography, Upload, type TableColumnsType } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import type { LedgerImportJob, LedgerImportReport } from '../../../../shared/contracts/ledger.ts';
import { ApiError } from '../../../api.ts';
import { describeError } from '../../../components/ErrorText.tsx';
import { PageTitle } from '../../../components/PageTitle.tsx';
import { useI18n } from '../../../i18n.tsx';
import { useCurrentOffice } from '../../organization/components/OfficeScope.tsx';
import { ledgerApi } from '../api.ts';
import { m } from '../messages.ts';

type Row = LedgerImportReport['rows'][number];

/** A 422 on commit carries the checked rows as its details (the file changed, or the ledger did). */
const reportOf = (err: unknown): LedgerImportReport | null => {
  const d = err instanceof ApiError ? (err.details as Partial<LedgerImportReport> | undefined) : undefined;
  return d && Array.isArray(d.rows) && typeof d.errorCount === 'number' ? (d as LedgerImportReport) : null;
};

/**
 * 导入任务台账: upload an .xlsx → dry-run: every row with its problems (and the closest unit name), nothing written →
 * 确认导入 starts a job that writes everything or nothing, with a progress bar from the job's progress.
 */
export default function ImportPage() {
  const office = useCurrentOffice();
  const i18n = useI18n();
  const { t } = i18n;
  const narrow = !Grid.useBreakpoint().md;
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<LedgerImportReport | null>(null);
  const [error, setError] = useState<unknown>();
  const [checking, setChecking] = useState(false);
  const [job, setJob] = useState<LedgerImportJob | null>(null);
  const [onlyErrors, setOnlyErrors] = useState(true);
  const live = useRef(true);
  useEffect(
    () => () => {
      live.current = false;
    },
    [],
  );

  const check = async (f: File) => {
    setFile(f);
    setReport(null);
    setJob(null);
    setError(undefined);
    setChecking(true);
    try {
      const r = await ledgerApi.importDryRun(office.id, f, f.name);
      setReport(r);
      setOnlyErrors(r.errorCount > 0);
    } catch (err) {
      setError(err);
    } finally {
      setChecking(false);
    }
  };

  const poll = async (j: LedgerImportJob) => {
    let current = j;
    while (live.current && current.state === 'running') {
      await new Promise((r) => setTimeout(r, 400));
      try {
        current = await ledgerApi.importJob(office.id, current.id);
      } catch (err) {
        setError(err);
        return;
      }
      if (!live.current) return;
      setJob(current);
      // Once written, the report names each row's task.
      if (current.state === 'succeeded' && current.report) {
        setReport(current.report);
        setOnlyErrors(false);
      }
    }
  };

  const commit = async () => {
    if (!file) return;
    setError(undefined);
    try {
      const j = await ledgerApi.importCommit(office.id, file, file.name);
      setJob(j);
      await poll(j);
    } catch (err) {
      const r = reportOf(err);
      if (r) {
        setReport(r);
        setOnlyErrors(true);
      }
      setError(err);
      setJob(null);
    }
  };

  const reset = () => {
    setFile(null);
    setReport(null);
    setJob(null);
    setError(undefined);
  };

  const columns: TableColumnsType<Row> = [
    { title: t(m.row), dataIndex: 'row', width: 64 },
    { title: t(m.kind), dataIndex: 'kind', width: 72, render: (k: Row['kind']) => (k === 'group' ? <Tag>{t(m.kindGroup)}</Tag> : t(m.kindTask)) },
    { title: t(m.code), dataIndex: 'code', width: 100, render: (v: string | null) => v ?? '—' },
    { title: t(m.title), dataIndex: 'title', render: (v: string | null, r) => <span style={{ paddingInlineStart: r.parentRow !== null ? 16 : 0, fontWeight: r.kind === 'group' ? 500 : undefined }}>{v ?? '—'}</span> },
    {
      title: t(m.problemsCol),
      key: 'errors',
      width: '48%',
      render: (_, r) =>
        r.errors.length ? (
          <Space direction="vertical" size={2} data-testid="row-errors">
            {r.errors.map((e, i) => (
              <Typography.Text key={i} type="danger">
                {i18n.localize(e.message)}
                {e.suggestion && !e.message.includes(e.suggestion) ? <Typography.Text type="secondary">（{t(m.suggestion, { name: e.suggestion })}）</Typography.Text> : null}
              </Typography.Text>
            ))}
          </Space>
        ) : r.taskId ? (
          <Link to={`/offices/${office.id}/ledger/tasks/${r.taskId}`}>
            <CheckCircleTwoTone twoToneColor="#52c41a" /> {t(m.rowOk)}
          </Link>
        ) : (
          <Typography.Text type="success">
            <CheckCircleTwoTone twoToneColor="#52c41a" /> {t(m.rowOk)}
          </Typography.Text>
        ),
    },
  ];
  const rows = report ? (onlyErrors ? report.rows.filter((r) => r.errors.length) : report.rows) : [];
  const rowsWithErrors = report?.summary.rowsWithErrors ?? 0;
  const running = job?.state === 'running';

  return (
    <div data-testid="import-page">
      <Link to={`/offices/${office.id}/ledger`} style={{ display: 'inline-block', marginBottom: 8 }}>
        <ArrowLeftOutlined /> {t(m.ledgerTitle)}
      </Link>
      <PageTitle
        title={t(m.importTitle)}
        subtitle={office.name}
        extra={
          <Button icon={<DownloadOutlined />} href={ledgerApi.exportUrl(office.id)} download>
            {t(m.exportExcel)}
          </Button>
        }
      />
      <Typography.Paragraph>{t(m.importIntro)}</Typography.Paragraph>
      <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
        {t(m.importColumns)}
      </Typography.Paragraph>

      {!report && !job && (
        <Upload.Dragger
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          multiple={false}
          showUploadList={false}
          disabled={checking}
          beforeUpload={(f) => {
            void check(f);
            return Upload.LIST_IGNORE;
          }}
          data-testid="import-drop"
          style={{ background: '#fff', marginBottom: 16 }}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">{checking ? t(m.checking) : t(m.dropFile)}</p>
          {file && <p className="ant-upload-hint">{file.name}</p>}
        </Upload.Dragger>
      )}

      {error && !running ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="import-error"
          title={report ? describeError(error, i18n) : t(m.fileErrorTitle)}
          description={report ? undefined : describeError(error, i18n)}
          action={
            !report ? (
              <Button size="small" onClick={reset}>
                {t(m.checkAgain)}
              </Button>
            ) : undefined
          }
        />
      ) : null}

      {job && (
        <Card size="small" style={{ marginBottom: 16 }} data-testid="import-job" data-state={job.state}>
          {running && (
            <>
              <Typography.Text>{t(m.importing, { done: job.done, total: job.total })}</Typography.Text>
              <Progress percent={job.total ? Math.round((job.done / job.total) * 100) : 0} status="active" data-testid="import-progress" />
            </>
          )}
          {job.state === 'succeeded' && (
            <Result
              status="success"
              title={t(m.importDone, { n: job.total })}
              subTitle={job.fileName ?? undefined}
              extra={
                <Space wrap>
                  <Link to={`/offices/${office.id}/ledger`}>
                    <Button type="primary" data-testid="import-open-ledger">
                      {t(m.backToLedger)}
                    </Button>
                  </Link>
                  <Button onClick={reset}>{t(m.checkAgain)}</Button>
                </Space>
              }
            />
          )}
          {job.state === 'failed' && (
            <Result
              status="error"
              title={t(m.importFailed)}
              subTitle={job.error ? i18n.localize(job.error) : undefined}
              extra={<Button onClick={reset}>{t(m.checkAgain)}</Button>}
            />
          )}
        </Card>
      )}

      {report && (
        <Card
          size="small"
          data-testid="import-preview"
          title={t(m.previewTitle, { file: file?.name ?? '' })}
          extra={
            <Space>
              <Switch size="small" checked={onlyErrors} onChange={setOnlyErrors} disabled={rowsWithErrors === 0} aria-label={t(m.onlyErrors)} />
              <Typography.Text style={{ fontSize: 13 }}>{t(m.onlyErrors)}</Typography.Text>
            </Space>
          }
        >
          <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
            {t(m.previewSummary, {
              sheet: report.sheet,
              header: report.headerRow,
              rows: report.summary.rows,
              groups: report.summary.groups,
              tasks: report.summary.tasks,
              updates: report.summary.progressUpdates,
              copies: report.summary.countyCopies,
            })}
          </Typography.Paragraph>
          {report.errorCount === 0 ? (
            <Alert type="success" showIcon title={t(m.previewOk)} style={{ marginBottom: 12 }} data-testid="preview-ok" />
          ) : (
            <Alert type="error" showIcon title={t(m.previewErrors, { n: report.errorCount, rows: rowsWithErrors })} style={{ marginBottom: 12 }} data-testid="preview-errors" />
          )}
          <Table<Row>
            size="small"
            rowKey="row"
            dataSource={rows}
            columns={narrow ? columns.filter((c) => c.key === 'errors' || ('dataIndex' in c && (c.dataIndex === 'row' || c.dataIndex === 'title'))) : columns}
            pagination={{ defaultPageSize: 50, hideOnSinglePage: true, size: 'small' }}
            data-testid="import-rows"
          />
          {!job && (
            <Flex gap={8} wrap style={{ marginTop: 12 }}>
              <Button type="primary" disabled={report.errorCount > 0 || report.mode === 'commit'} onClick={() => void commit()} data-testid="import-commit">
                {t(m.commit)}
              </Button>
              <Button onClick={reset}>{t(m.checkAgain)}</Button>
            </Flex>
          )}
        </Card>
      )}
    </div>
  );
}
