import { Card, Col, Row, Statistic } from 'antd';
import { useI18n, type Text } from '../../../i18n.tsx';
import type { Cycle } from '../api.ts';
import { m } from '../messages.ts';

type Key = keyof Cycle['summary'];
const ITEMS: Array<{ key: Key; label: Text; color?: string }> = [
  { key: 'units', label: m.units },
  { key: 'submitted', label: m.submittedCount, color: '#1f4e8c' },
  { key: 'onTime', label: m.onTimeCount, color: '#389e0d' },
  { key: 'late', label: m.lateCount, color: '#cf1322' },
  { key: 'returned', label: m.returnedCount, color: '#d48806' },
  { key: 'accepted', label: m.acceptedCount, color: '#389e0d' },
  { key: 'missing', label: m.missingCount, color: '#cf1322' },
];

/** The counts at the top of the status table: units, submitted, on time, late, returned, accepted, not submitted. */
export function CycleSummary({ summary }: { summary: Cycle['summary'] }) {
  const { t } = useI18n();
  return (
    <Card size="small" style={{ marginBottom: 16 }} data-testid="cycle-summary">
      <Row gutter={[8, 8]}>
        {ITEMS.map((i) => (
          <Col key={i.key} xs={6} md={3} data-testid={`count-${i.key}`}>
            <Statistic title={t(i.label)} value={summary[i.key]} styles={{ content: { color: summary[i.key] ? i.color : undefined, fontSize: 22 } }} />
          </Col>
        ))}
      </Row>
    </Card>
  );
}

/** "已报送 12/20" in one line (lists and cards). */
export function SummaryLine({ summary }: { summary: Cycle['summary'] }) {
  const { t } = useI18n();
  return (
    <span>
      {t(m.submittedCount)} {summary.submitted}/{summary.units} · {t(m.onTimeCount)} {summary.onTime} · {t(m.lateCount)} {summary.late} · {t(m.missingCount)} {summary.missing}
    </span>
  );
}
