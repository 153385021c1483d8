import { CalculatorOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, InputNumber, Typography } from 'antd';
import { useState } from 'react';
import { describeError } from '../../../components/ErrorText.tsx';
import { common, useI18n } from '../../../i18n.tsx';
import { todayInChina } from '../../../time.ts';
import { calendarApi, type Deadline } from '../api.ts';
import { m } from '../messages.ts';
import { weekdayName } from '../weekdays.ts';

interface Values {
  after: string;
  workingDays: number;
}

/** 期限计算器: date + N working days on the official calendar (a missing year is said, not guessed). */
export function DeadlineCalculator() {
  const i18n = useI18n();
  const { t, lang } = i18n;
  const [result, setResult] = useState<Deadline>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [initialValues] = useState<Values>(() => ({ after: todayInChina(), workingDays: 10 }));

  const calculate = async (v: Values) => {
    setBusy(true);
    setError(undefined);
    try {
      setResult(await calendarApi.deadline(v.after, v.workingDays));
    } catch (err) {
      setResult(undefined);
      setError(describeError(err, i18n));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card size="small" title={t(m.calculator)} data-testid="deadline-calculator">
      <Typography.Paragraph type="secondary">{t(m.calculatorHint)}</Typography.Paragraph>
      <Form<Values> name="deadline" layout="inline" initialValues={initialValues} onFinish={(v) => void calculate(v)} requiredMark={false} style={{ rowGap: 8 }}>
        <Form.Item name="after" label={t(m.startDate)} rules={[{ required: true, message: t(common.required) }]}>
          <Input type="date" style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="workingDays" label={t(m.workingDays)} rules={[{ required: true, message: t(common.required) }]}>
          <InputNumber min={0} max={3660} precision={0} style={{ width: 100 }} />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" icon={<CalculatorOutlined />} loading={busy}>
            {t(m.calculate)}
          </Button>
        </Form.Item>
      </Form>
      {result ? (
        <Alert
          type="success"
          style={{ marginTop: 12 }}
          data-testid="deadline-result"
          title={t(m.result, { after: result.after, n: result.workingDays, date: result.date, weekday: weekdayName(result.date, lang) })}
        />
      ) : null}
      {error ? <Alert type="warning" showIcon style={{ marginTop: 12 }} title={error} /> : null}
    </Card>
  );
}
