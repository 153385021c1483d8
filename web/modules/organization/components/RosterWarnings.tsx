import { Alert, Tag } from 'antd';
import type { Warning } from '../../../../shared/contracts/common.ts';
import { useI18n } from '../../../i18n.tsx';
import { m } from '../messages.ts';

/** The rule findings of a roster (A1-2, A2-2 …): shown at the top, never hidden. */
export function RosterWarnings({ warnings }: { warnings: Warning[] }) {
  const { t, localize } = useI18n();
  if (warnings.length === 0) return <Alert type="success" showIcon title={t(m.noWarnings)} style={{ marginBottom: 16 }} data-testid="roster-warnings" />;
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="roster-warnings"
      style={{ marginBottom: 16 }}
      title={t(m.warningsTitle, { n: warnings.length })}
      description={
        <ul style={{ margin: 0, paddingInlineStart: 0, listStyle: 'none' }}>
          {warnings.map((w, i) => (
            <li key={`${w.code}-${w.subject?.id ?? i}`} data-testid="roster-warning" data-code={w.code} style={{ padding: '2px 0' }}>
              <Tag color="orange" style={{ fontVariantNumeric: 'tabular-nums' }}>
                {w.rule}
              </Tag>
              {localize(w.message)}
            </li>
          ))}
        </ul>
      }
    />
  );
}
