// A1-8 (leading-group meetings) and A2-6 (office meetings) as named functions over data. Each is tested with its article ID.
import type { Cadence, MeetingKind, MeetingKindRule, MeetingRules, MeetingStatus } from '../../../shared/contracts/meetings.ts';
import { POST_LABELS, type Post } from '../../../shared/roles.ts';
import { addDays } from '../../../shared/dates.ts';

/** The prefecture's rules as the template (A1-16: a county inherits them until it adapts its own). */
export const DEFAULT_MEETING_RULES: MeetingRules = {
  kinds: {
    plenary: {
      label: '全体会议', labelEn: 'plenary', rule: 'A1-8', body: 'leading_group',
      convenerPosts: ['leader'], proposerPosts: ['leader', 'deputy_leader'], chairBy: 'chair_plenary',
      attendeePosts: ['leader', 'deputy_leader', 'group_member'], unitsConcerned: true, cadence: 'quarterly',
      minutesMark: '全体会议纪要', materialCutoffDays: 3,
    },
    special: {
      label: '专题会议', labelEn: 'special meeting', rule: 'A1-8', body: 'leading_group',
      convenerPosts: ['deputy_leader', 'director'], proposerPosts: [], chairBy: 'convener',
      attendeePosts: [], unitsConcerned: true, cadence: 'ad_hoc',
      minutesMark: '专题会议纪要', materialCutoffDays: 1,
    },
    office_regular: {
      label: '办公室例会', labelEn: 'office regular meeting', rule: 'A2-6', body: 'office',
      convenerPosts: [], proposerPosts: [], chairBy: 'chair_office_meetings',
      attendeePosts: ['director', 'deputy_director', 'office_staff'], unitsConcerned: true, cadence: 'monthly',
      minutesMark: '会议纪要', materialCutoffDays: 2,
    },
    office_special: {
      label: '办公室专题会议', labelEn: 'office special meeting', rule: 'A2-6', body: 'office',
      convenerPosts: [], proposerPosts: [], chairBy: 'chair_office_meetings',
      attendeePosts: ['director', 'deputy_director'], unitsConcerned: true, cadence: 'ad_hoc',
      minutesMark: '专题会议纪要', materialCutoffDays: 1,
    },
  },
};

export type RuleCheck = { allowed: true } | { allowed: false; rule: string; reason: string };
/** The answer of organization.checkPower (same shape as organization.rules' PowerCheck). */
export type PowerResult =
  | { allowed: true; via: 'post'; delegationId: null }
  | { allowed: true; via: 'delegation'; delegationId: string; onBehalfOf: string }
  | { allowed: false; rule: string; reason: string };
export type ChairCheck = { allowed: true; via: 'post' | 'delegation'; delegationId: string | null; onBehalfOf: string | null } | { allowed: false; rule: string; reason: string };

const zhPosts = (posts: readonly Post[]) => posts.map((p) => POST_LABELS[p].zh).join('或');
const enPosts = (posts: readonly Post[]) => posts.map((p) => POST_LABELS[p].en.toLowerCase()).join(' or ');
const article = (s: string) => (/^[aeiou]/i.test(s) ? `an ${s}` : `a ${s}`);
const deny = (rule: string, zh: string, en: string): RuleCheck & { allowed: false } => ({ allowed: false, rule, reason: `${rule}：${zh} / ${rule}: ${en}` });

/**
 * A1-8, A2-6: who convenes. A plenary is convened by the leader; a special meeting by a deputy leader or the office
 * director; office meetings by the office (no person: the office drafting it is enough, anyone else is refused).
 * `convenerPosts` are the posts the named convener holds on the meeting's date.
 */
export function checkConvener(input: { kind: MeetingKindRule; convenerPersonId: string | null; convenerPosts: readonly Post[]; creatorIsOffice?: boolean }): RuleCheck {
  const k = input.kind;
  if (k.convenerPosts.length === 0) {
    if (input.creatorIsOffice !== false) return { allowed: true };
    return deny(k.rule, `${k.label}由领导小组办公室召集`, `${article(k.labelEn)} is convened by the office`);
  }
  if (input.convenerPersonId && input.convenerPosts.some((p) => k.convenerPosts.includes(p))) return { allowed: true };
  return deny(k.rule, `${k.label}由${zhPosts(k.convenerPosts)}召集`, `${article(k.labelEn)} is convened by the ${enPosts(k.convenerPosts)}`);
}

/**
 * A1-8: a plenary beyond the one a quarter ("特殊情况下组长、副组长可视工作需要提议召开") must be proposed by the
 * leader or a deputy leader. `extra` says whether another meeting of the kind is already in the period.
 */
export function checkProposal(input: { kind: MeetingKindRule; extra: boolean; proposerPersonId: string | null; proposerPosts: readonly Post[] }): RuleCheck {
  const k = input.kind;
  if (!input.extra || k.proposerPosts.length === 0) return { allowed: true };
  if (input.proposerPersonId && input.proposerPosts.some((p) => k.proposerPosts.includes(p))) return { allowed: true };
  const period = k.cadence === 'quarterly' ? '本季度' : k.cadence === 'monthly' ? '本月' : '本期';
  const periodEn = k.cadence === 'quarterly' ? 'quarter' : 'month';
  return deny(k.rule, `${period}已有${k.label}，增开须由${zhPosts(k.proposerPosts)}提议`, `an extra ${k.labelEn} in the same ${periodEn} must be proposed by the ${enPosts(k.proposerPosts)}`);
}

/**
 * A1-8, A2-6: who chairs. A plenary: the leader, or a deputy leader he delegated (a delegation in force on the
 * meeting's date). Office meetings: the director, or a deputy director he delegated. A special meeting: its convener.
 * `power` is organization.checkPower's answer for the chair on the meeting's date (null for convener-chaired kinds).
 */
export function checkChair(input: { kind: MeetingKindRule; chairPersonId: string; convenerPersonId: string | null; power: PowerResult | null }): ChairCheck {
  const k = input.kind;
  if (k.chairBy === 'convener') {
    if (input.convenerPersonId && input.chairPersonId === input.convenerPersonId) return { allowed: true, via: 'post', delegationId: null, onBehalfOf: null };
    const by = k.convenerPosts.length ? k.convenerPosts : (['director'] as Post[]);
    return deny(k.rule, `${k.label}由召集人（${zhPosts(by)}）主持`, `${article(k.labelEn)} is chaired by its convener (the ${enPosts(by)})`);
  }
  const p = input.power;
  if (p?.allowed) return { allowed: true, via: p.via, delegationId: p.delegationId, onBehalfOf: p.via === 'delegation' ? p.onBehalfOf : null };
  const [from, to]: [Post, Post] = k.chairBy === 'chair_plenary' ? ['leader', 'deputy_leader'] : ['director', 'deputy_director'];
  return deny(
    k.rule,
    `只有${POST_LABELS[from].zh}或经其委托的${POST_LABELS[to].zh}可以主持${k.label}`,
    `only the ${POST_LABELS[from].en.toLowerCase()} or a delegated ${POST_LABELS[to].en.toLowerCase()} may chair ${article(k.labelEn)}`,
  );
}

// ---- periods and cadence ----

export interface Period {
  period: string;
  start: string;
  end: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const monthEnd = (y: number, m: number) => addDays(m === 12 ? `${y + 1}-01-01` : `${y}-${pad(m + 1)}-01`, -1);

/** The period of a calendar date for a cadence: 2026-Q2, 2026-05; null for ad hoc kinds. */
export function periodOf(cadence: Cadence, date: string): Period | null {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  if (cadence === 'monthly') return { period: `${y}-${pad(m)}`, start: `${y}-${pad(m)}-01`, end: monthEnd(y, m) };
  if (cadence === 'quarterly') {
    const q = Math.floor((m - 1) / 3) + 1;
    return { period: `${y}-Q${q}`, start: `${y}-${pad(q * 3 - 2)}-01`, end: monthEnd(y, q * 3) };
  }
  return null;
}

/** Every period of a year for a cadence (four quarters or twelve months). */
export function periodsOfYear(cadence: 'quarterly' | 'monthly', year: number): Period[] {
  const months = cadence === 'quarterly' ? [1, 4, 7, 10] : [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
  return months.map((m) => periodOf(cadence, `${year}-${pad(m)}-01`)!);
}

/** A meeting counts for its period once it has been held (held, minutes in progress, archived). */
export const HELD_STATUSES: readonly MeetingStatus[] = ['held', 'minutes_drafted', 'minutes_reviewed', 'archived'];

/**
 * A1-8: is a new meeting "extra" for its cadence — is another meeting of the kind, not cancelled, already in the same
 * period? Ad hoc kinds are never extra.
 */
export function isExtraMeeting(input: { cadence: Cadence; date: string; others: Array<{ date: string; status: MeetingStatus }> }): boolean {
  const p = periodOf(input.cadence, input.date);
  if (!p) return false;
  return input.others.some((o) => o.status !== 'cancelled' && o.date >= p.start && o.date <= p.end);
}

export interface CadenceMeeting {
  meetingId: string;
  title: string;
  /** The meeting's date in China (YYYY-MM-DD). */
  date: string;
  status: MeetingStatus;
  chairName: string | null;
  chairVia: 'post' | 'delegation' | null;
}
export interface CadencePeriod extends Period {
  state: 'held' | 'breach' | 'pending' | 'future';
  meetings: CadenceMeeting[];
  explanation: string | null;
}

/**
 * A1-8 (a plenary each quarter, in principle) and A2-6 (an office meeting each month): for every period of the year,
 * held, breach (it ended without one), pending (the current one, nothing held yet) or future. "In principle" allows an
 * explanation: the breach stays a breach, the note is shown beside it, never in its place.
 */
export function cadenceCompliance(input: { cadence: 'quarterly' | 'monthly'; year: number; today: string; meetings: CadenceMeeting[]; notes: ReadonlyMap<string, string> }): CadencePeriod[] {
  return periodsOfYear(input.cadence, input.year).map((p) => {
    const inPeriod = input.meetings.filter((m) => m.status !== 'cancelled' && m.date >= p.start && m.date <= p.end).sort((a, b) => a.date.localeCompare(b.date));
    const held = inPeriod.some((m) => HELD_STATUSES.includes(m.status));
    const state: CadencePeriod['state'] = held ? 'held' : p.end < input.today ? 'breach' : p.start <= input.today ? 'pending' : 'future';
    return { ...p, state, meetings: inPeriod, explanation: input.notes.get(p.period) ?? null };
  });
}

/** Days a decision is past its deadline on `today` (0 or more), or null when it is not overdue or done. */
export function decisionOverdueDays(input: { deadline: string | null; today: string; done: boolean }): number | null {
  if (input.done || !input.deadline || input.deadline >= input.today) return null;
  return Math.round((Date.parse(`${input.today}T00:00:00Z`) - Date.parse(`${input.deadline}T00:00:00Z`)) / 86_400_000);
}

/** The red mark of minutes: the body's full name + the kind's mark (昌吉州…领导小组全体会议纪要 / …领导小组办公室会议纪要). */
export function minutesTitle(input: { officeShortName: string; kind: MeetingKindRule }): string {
  const body = input.kind.body === 'office' ? '工程建设项目审批制度改革领导小组办公室' : '工程建设项目审批制度改革领导小组';
  return `${input.officeShortName}${body}${input.kind.minutesMark}`;
}

/** Minutes are numbered per office, series and year: the leading group's plenary, special and the office's minutes. */
export const minutesSeries = (kind: MeetingKind): 'plenary' | 'special' | 'office' => (kind === 'plenary' ? 'plenary' : kind === 'special' ? 'special' : 'office');

/** Posts whose holders are invited by default, as rule data says (A1-8: every leading-group member). */
export const defaultAttendeePosts = (kind: MeetingKindRule): readonly Post[] => kind.attendeePosts;
