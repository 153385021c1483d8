import { Button, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useI18n } from '../../../i18n.tsx';
import type { RosterPerson } from '../api.ts';
import { m } from '../messages.ts';

/** One post holder in the roster: name, title, unit, and 免职 for those who keep the roster. */
export function PersonLine({ person, showUnit, onEnd }: { person: RosterPerson; showUnit?: boolean; onEnd?: (p: RosterPerson) => void }) {
  const { t } = useI18n();
  return (
    <div data-testid="roster-person" style={{ lineHeight: '24px' }}>
      <Typography.Text strong>{person.name}</Typography.Text>
      {person.title ? <Typography.Text type="secondary">（{person.title}）</Typography.Text> : null}
      {showUnit && person.unitName ? <Typography.Text type="secondary"> {person.unitName}</Typography.Text> : null}
      {onEnd ? (
        <Button type="link" size="small" onClick={() => onEnd(person)} aria-label={`${t(m.end)} ${person.name}`}>
          {t(m.end)}
        </Button>
      ) : null}
    </div>
  );
}

export function PersonLines({ people, showUnit, onEnd, empty }: { people: RosterPerson[]; showUnit?: boolean; onEnd?: (p: RosterPerson) => void; empty?: ReactNode }) {
  if (people.length === 0) return <>{empty ?? <Typography.Text type="secondary">—</Typography.Text>}</>;
  return (
    <>
      {people.map((p) => (
        <PersonLine key={p.appointmentId} person={p} showUnit={showUnit} onEnd={onEnd} />
      ))}
    </>
  );
}
