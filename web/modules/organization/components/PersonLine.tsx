import { UserDeleteOutlined } from '@ant-design/icons';
import { Button, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useI18n } from '../../../i18n.tsx';
import type { RosterPerson } from '../api.ts';
import { m } from '../messages.ts';

/** One post holder in the roster: name, title, unit, and a quiet 免职 button for those who keep the roster. */
export function PersonLine({ person, showUnit, onEnd }: { person: RosterPerson; showUnit?: boolean; onEnd?: (p: RosterPerson) => void }) {
  const { t } = useI18n();
  return (
    <div data-testid="roster-person" style={{ lineHeight: '24px' }}>
      <Typography.Text strong>{person.name}</Typography.Text>
      {person.title ? <Typography.Text type="secondary">（{person.title}）</Typography.Text> : null}
      {showUnit && person.unitName ? (
        <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 4 }}>
          {person.unitName}
        </Typography.Text>
      ) : null}
      {onEnd ? (
        <Button
          type="text"
          size="small"
          icon={<UserDeleteOutlined />}
          title={t(m.end)}
          aria-label={`${t(m.end)} ${person.name}`}
          onClick={() => onEnd(person)}
          style={{ marginInlineStart: 2, color: 'rgba(0,0,0,0.35)' }}
        />
      ) : null}
    </div>
  );
}

/** Holders of one post, one per line. */
export function PersonLines({ people, showUnit, onEnd, empty }: { people: RosterPerson[]; showUnit?: boolean; onEnd?: (p: RosterPerson) => void; empty?: ReactNode }) {
  if (people.length === 0) return <>{empty ?? <Typography.Text type="secondary">—</Typography.Text>}</>;
  return (
    <div style={{ display: 'flex', flexDirection: 'column' }}>
      {people.map((p) => (
        <PersonLine key={p.appointmentId} person={p} showUnit={showUnit} onEnd={onEnd} />
      ))}
    </div>
  );
}
