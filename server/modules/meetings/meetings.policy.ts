import type { Grants } from '../../platform/authorize.ts';
import type { Actor } from '../../platform/actor.ts';
import { POSTS, type Post } from '../../../shared/roles.ts';

/**
 * Meetings and minutes (A1-8, A2-6). Route permissions say who may reach a use case; the rules (meetings.rules.ts)
 * then say whether this person may convene or chair this meeting, and refuse with the article named.
 */
export const meetingsGrants = {
  /** Meetings, agendas, attendance, archived minutes, compliance; `.read` also reaches child offices (read-only). */
  'meeting.read': POSTS,
  /** A meeting is created by the office (which drafts every meeting, A1-8 "议题由领导小组办公室拟定") or by the person convening it. */
  'meeting.create': ['leader', 'deputy_leader', 'director', 'deputy_director', 'office_staff'],
  /** The office runs the meeting: agenda, attendance, notice, minutes (A1-8 "会议记录由领导小组办公室负责"). */
  'meeting.manage': ['director', 'deputy_director', 'office_staff'],
  /** The chair reviews the minutes of a meeting he chaired (checked against the meeting). */
  'meeting.chair': ['leader', 'deputy_leader', 'director', 'deputy_director'],
  /** Member units propose agenda items and upload materials for their own unit before the cut-off; the office for any. */
  'meeting.contribute': ['liaison_officer', 'group_member', 'director', 'deputy_director', 'office_staff'],
  /** An invitee answers and signs in (also from a phone). */
  'meeting.attend': POSTS,
  /** Rule data of this office (kinds, who convenes and chairs, cadence) — A1-16. */
  'meeting.rules': ['director', 'deputy_director'],
} as const satisfies Grants;

/** Posts that act for the office in its own meetings. */
export const OFFICE_POSTS_ACTING: readonly Post[] = ['director', 'deputy_director', 'office_staff'];

export const isOfficeActor = (actor: Actor, officeId: string) => actor.posts.some((p) => p.officeId === officeId && OFFICE_POSTS_ACTING.includes(p.post));

/** The member units an actor speaks for in an office (liaison officer or the unit's head in the group). */
export const actorUnits = (actor: Actor, officeId: string) =>
  [...new Set(actor.posts.filter((p) => p.officeId === officeId && (p.post === 'liaison_officer' || p.post === 'group_member') && p.unitId).map((p) => p.unitId!))];
