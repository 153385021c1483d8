import { Tag } from 'antd';
import { useMemo } from 'react';
import type { MeetingStatus } from '../../../../shared/contracts/meetings.ts';
import { POST_LABELS } from '../../../../shared/roles.ts';
import { useI18n } from '../../../i18n.tsx';
import { useQuery } from '../../../use-query.ts';
import { meetingsApi } from '../api.ts';
import { STATUS_COLORS, STATUS_LABELS } from '../messages.ts';

export function MeetingStatusTag({ status }: { status: MeetingStatus }) {
  const { t } = useI18n();
  return (
    <Tag color={STATUS_COLORS[status]} data-testid="meeting-status" data-status={status}>
      {t(STATUS_LABELS[status])}
    </Tag>
  );
}

export { ruleOf, RuleErrorAlert } from '../../../components/ErrorText.tsx';

const pad = (n: number) => String(n).padStart(2, '0');
/** An ISO instant as a `datetime-local` value in China time (YYYY-MM-DDTHH:mm). */
export function isoToChinaLocal(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(Date.parse(iso) + 8 * 3_600_000);
  if (Number.isNaN(d.getTime())) return '';
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** "2026-12-15 10:00" in China time. */
export const formatMinute = (iso: string | null | undefined) => isoToChinaLocal(iso).replace('T', ' ');

export interface PersonOption {
  value: string;
  label: string;
  posts: string[];
}

/**
 * People who may convene, propose or chair (leader, deputy leaders, director, deputy directors) from the roster, with
 * their posts in the label; the server decides whether the choice is allowed on the meeting's day.
 */
export function useLeaders(officeId: string) {
  const { lang } = useI18n();
  const roster = useQuery(() => meetingsApi.roster(officeId), [officeId]);
  const options = useMemo(() => {
    const out = new Map<string, PersonOption>();
    const r = roster.data;
    if (!r) return [];
    const add = (list: Array<{ personId: string; name: string }>, post: keyof typeof POST_LABELS) => {
      for (const p of list) {
        const o = out.get(p.personId) ?? { value: p.personId, label: p.name, posts: [] };
        o.posts.push(lang === 'en' ? POST_LABELS[post].en : POST_LABELS[post].zh);
        out.set(p.personId, o);
      }
    };
    add(r.leadingGroup.leader, 'leader');
    add(r.leadingGroup.deputyLeaders, 'deputy_leader');
    add(r.officePosts.director, 'director');
    add(r.officePosts.deputyDirectors, 'deputy_director');
    return [...out.values()].map((o) => ({ ...o, label: `${o.label}（${o.posts.join('、')}）` }));
  }, [roster.data, lang]);
  return { options, roster: roster.data };
}

export function useUnits(officeId: string) {
  const units = useQuery(() => meetingsApi.units(officeId), [officeId]);
  return useMemo(() => (units.data ?? []).filter((u) => u.active).map((u) => ({ value: u.id, label: u.name })), [units.data]);
}
