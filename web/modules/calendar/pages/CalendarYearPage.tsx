import { ArrowLeftOutlined, DeleteOutlined, EditOutlined, ImportOutlined, PlusOutlined, SaveOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, Form, Grid, Input, List, Popconfirm, Select, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useRef, useState, type ChangeEvent } from 'react';
import { useNavigate, useParams } from 'react-router';
import { ApiError } from '../../../api.ts';
import { ErrorAlert } from '../../../components/ErrorText.tsx';
import { PageLoading } from '../../../components/PageLoading.tsx';
import { PageTitle } from '../../../components/PageTitle.tsx';
import { StatusPage } from '../../../components/StatusPage.tsx';
import { common, useI18n } from '../../../i18n.tsx';
import { hasAbility, useSession } from '../../../session.tsx';
import { formatInstant } from '../../../time.ts';
import { useQuery } from '../../../use-query.ts';
import { calendarApi, type CalendarDay, type CalendarYear } from '../api.ts';
import { m } from '../messages.ts';
import { isWeekend, weekdayName } from '../weekdays.ts';
import { parseYearFile } from '../year-file.ts';

interface Values {
  source: string;
  note?: string | null;
  days: Array<Partial<CalendarDay>>;
}

function KindTag({ kind }: { kind: CalendarDay['kind'] }) {
  const { t } = useI18n();
  return kind === 'holiday' ? <Tag color="red">{t(m.kind_holiday)}</Tag> : <Tag color="blue">{t(m.kind_workday)}</Tag>;
}

/** The year's special days, read-only (everyone) or as editable rows (calendar.manage). */
function DaysView({ year }: { year: CalendarYear }) {
  const { t, lang } = useI18n();
  const narrow = !Grid.useBreakpoint().md;
  const columns: TableColumnsType<CalendarDay> = [
    { title: t(m.date), dataIndex: 'date' },
    { title: t(m.weekday), key: 'weekday', render: (_, d) => weekdayName(d.date, lang) },
    { title: t(m.kind), dataIndex: 'kind', render: (k: CalendarDay['kind']) => <KindTag kind={k} /> },
    { title: t(m.name), dataIndex: 'name' },
  ];
  if (narrow)
    return (
      <List<CalendarDay>
        dataSource={year.days}
        rowKey="date"
        locale={{ emptyText: t(m.noDays) }}
        renderItem={(d) => (
          <List.Item extra={<KindTag kind={d.kind} />}>
            <List.Item.Meta title={`${d.date} ${weekdayName(d.date, lang)}`} description={d.name} />
          </List.Item>
        )}
      />
    );
  return <Table<CalendarDay> rowKey="date" size="small" dataSource={year.days} columns={columns} pagination={false} locale={{ emptyText: t(m.noDays) }} data-testid="calendar-days" />;
}

function YearEditor({ year, onSaved, onCancel }: { year: CalendarYear; onSaved(y: CalendarYear): void; onCancel(): void }) {
  const { t, lang, localize } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [importNote, setImportNote] = useState<{ type: 'success' | 'error'; text: string }>();
  const fileInput = useRef<HTMLInputElement>(null);
  const [initialValues] = useState<Values>(() => ({ source: year.source ?? '', note: year.note, days: year.days.map((d) => ({ ...d })) }));
  const days = Form.useWatch('days', form) ?? [];

  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    try {
      const parsed = parseYearFile(await file.text(), year.year);
      if (parsed.days.length === 0) {
        setImportNote({ type: 'error', text: t(m.importEmpty, { year: year.year }) });
        return;
      }
      form.setFieldsValue({ days: parsed.days, source: parsed.source ?? ((form.getFieldValue('source') as string | undefined)?.trim() || file.name), ...(parsed.note !== undefined ? { note: parsed.note } : {}) });
      const skipped = parsed.skipped ? `；${t(m.importSkipped, { n: parsed.skipped, year: year.year })}` : '';
      setImportNote({ type: 'success', text: `${t(m.imported, { n: parsed.days.length })}${skipped}` });
    } catch (err) {
      setImportNote({ type: 'error', text: t(m.importBad, { reason: localize((err as Error).message) }) });
    }
  };

  const save = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      const body = {
        source: v.source.trim(),
        note: v.note?.trim() ? v.note.trim() : null,
        days: v.days.map((d) => ({ date: d.date!, kind: d.kind!, name: d.name!.trim() })).sort((a, b) => a.date.localeCompare(b.date)),
      };
      const saved = await calendarApi.putYear(year.year, body, year.version);
      void message.success(t(m.savedYear, { year: year.year }));
      onSaved(saved);
    } catch (err) {
      // shown by the client (a weekday as 调休上班日, a date twice, 412)
      if (err instanceof ApiError && err.code === 'VERSION_MISMATCH') onCancel();
    } finally {
      setBusy(false);
    }
  };

  const dateRules = (index: number) => [
    { required: true, message: t(common.required) },
    {
      validator: (_: unknown, value: string | undefined) => {
        if (!value) return Promise.resolve();
        if (Number(value.slice(0, 4)) !== year.year) return Promise.reject(new Error(t(m.wrongYear, { year: year.year })));
        if (days.some((d, i) => i !== index && d?.date === value)) return Promise.reject(new Error(t(m.duplicate)));
        if (days[index]?.kind === 'workday' && !isWeekend(value)) return Promise.reject(new Error(t(m.weekendOnly)));
        return Promise.resolve();
      },
    },
  ];

  return (
    <Card size="small" title={t(m.editTitle, { year: year.year })} data-testid="calendar-editor">
      <Typography.Paragraph type="secondary">{t(m.editing)}</Typography.Paragraph>
      <Form<Values> form={form} name="calendar-year" layout="vertical" initialValues={initialValues} requiredMark={false}>
        <Flex wrap gap={12}>
          <Form.Item name="source" label={t(m.source)} rules={[{ required: true, whitespace: true, message: t(common.required) }, { max: 200 }]} style={{ flex: '1 1 260px' }}>
            <Input placeholder={t(m.sourcePlaceholder)} />
          </Form.Item>
          <Form.Item name="note" label={t(m.note)} rules={[{ max: 500 }]} style={{ flex: '2 1 320px' }}>
            <Input />
          </Form.Item>
        </Flex>
        <Flex wrap gap={8} align="center" style={{ marginBottom: 12 }}>
          <input ref={fileInput} type="file" accept=".json,application/json" style={{ display: 'none' }} onChange={(e) => void onFile(e)} data-testid="calendar-file" />
          <Button icon={<ImportOutlined />} onClick={() => fileInput.current?.click()}>
            {t(m.importFile)}
          </Button>
          <Typography.Text type="secondary" style={{ fontSize: 12, flex: '1 1 300px' }}>
            {t(m.importHint)}
          </Typography.Text>
        </Flex>
        {importNote ? <Alert type={importNote.type} showIcon closable title={importNote.text} onClose={() => setImportNote(undefined)} style={{ marginBottom: 12 }} /> : null}
        <Form.List name="days">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, index) => (
                <Flex key={field.key} wrap gap={8} align="start" data-testid="calendar-row">
                  <Form.Item name={[field.name, 'date']} rules={dateRules(index)} dependencies={[['days', field.name, 'kind']]} style={{ marginBottom: 8 }}>
                    <Input type="date" aria-label={t(m.date)} style={{ width: 160 }} />
                  </Form.Item>
                  <Typography.Text type="secondary" style={{ width: 36, lineHeight: '32px' }}>
                    {days[index]?.date ? weekdayName(days[index]!.date!, lang) : ''}
                  </Typography.Text>
                  <Form.Item name={[field.name, 'kind']} rules={[{ required: true, message: t(common.required) }]} style={{ marginBottom: 8 }}>
                    <Select
                      aria-label={t(m.kind)}
                      style={{ width: 140 }}
                      options={[
                        { value: 'holiday', label: t(m.kind_holiday) },
                        { value: 'workday', label: t(m.kind_workday) },
                      ]}
                    />
                  </Form.Item>
                  <Form.Item name={[field.name, 'name']} rules={[{ required: true, whitespace: true, message: t(common.required) }, { max: 50 }]} style={{ marginBottom: 8, flex: '1 1 160px' }}>
                    <Input aria-label={t(m.name)} placeholder="国庆节" />
                  </Form.Item>
                  <Button type="text" danger icon={<DeleteOutlined />} aria-label={t(m.removeRow)} onClick={() => remove(field.name)} />
                </Flex>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ kind: 'holiday' })} block style={{ marginBottom: 16 }} data-testid="calendar-add-row">
                {t(m.addRow)}
              </Button>
            </>
          )}
        </Form.List>
        <Flex gap={8} wrap>
          <Popconfirm title={t(m.saveConfirm, { year: year.year })} okText={t(common.save)} cancelText={t(common.cancel)} onConfirm={() => save().catch(() => undefined)}>
            <Button type="primary" icon={<SaveOutlined />} loading={busy} data-testid="calendar-save">
              {t(m.saveYear, { year: year.year })}
            </Button>
          </Popconfirm>
          <Button onClick={onCancel}>{t(common.cancel)}</Button>
        </Flex>
      </Form>
    </Card>
  );
}

/** One year's holiday schedule; the system admin types in or imports the State Council notice (PUT, If-Match). */
export default function CalendarYearPage() {
  const { year: param } = useParams();
  const year = Number(param);
  const { t } = useI18n();
  const session = useSession();
  const navigate = useNavigate();
  const canManage = hasAbility(session, 'calendar.manage');
  const valid = Number.isInteger(year) && year >= 2000 && year <= 2100;
  const loaded = useQuery(() => (valid ? calendarApi.year(year) : Promise.reject(new ApiError(404, 'NOT_FOUND', '未找到 / Not found'))), [year]);
  const [editing, setEditing] = useState(false);

  if (!valid) return <StatusPage kind="not-found" />;
  if (!loaded.data) return loaded.error ? <ErrorAlert error={loaded.error} /> : <PageLoading />;
  const y = loaded.data;
  const holidays = y.days.filter((d) => d.kind === 'holiday').length;
  const workdays = y.days.length - holidays;

  return (
    <div data-testid="calendar-year-page">
      <PageTitle
        title={t(m.yearTitle, { year })}
        subtitle={y.loaded ? `${t(m.source)}${t(m.colon)}${y.source ?? '—'} · ${t(m.loadedAt)}${t(m.colon)}${formatInstant(y.loadedAt)}` : undefined}
        extra={
          <>
            <Button icon={<ArrowLeftOutlined />} onClick={() => void navigate('/calendar')}>
              {t(common.back)}
            </Button>
            {canManage && !editing && (
              <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="calendar-edit">
                {t(m.edit)}
              </Button>
            )}
          </>
        }
      />
      {!y.loaded && <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t(m.notLoaded, { year })} data-testid="year-not-loaded" />}
      {y.note ? <Typography.Paragraph type="secondary">{y.note}</Typography.Paragraph> : null}
      {editing ? (
        <YearEditor
          year={y}
          onCancel={() => {
            setEditing(false);
            void loaded.reload();
          }}
          onSaved={() => {
            setEditing(false);
            void loaded.reload();
          }}
        />
      ) : (
        <Card size="small" title={y.loaded ? `${t(m.holidays)} ${holidays} · ${t(m.workdays)} ${workdays}` : undefined}>
          <DaysView year={y} />
        </Card>
      )}
    </div>
  );
}
