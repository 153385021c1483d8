import type { Grants } from '../../platform/authorize.ts';
import type { Actor } from '../../platform/actor.ts';

const ALL_POSTS = ['leader', 'deputy_leader', 'group_member', 'director', 'deputy_director', 'office_staff', 'liaison_officer', 'information_officer'] as const;

/** Official documents (A2-12) and incoming documents / major matters (A2-11). */
export const documentsGrants = {
  /**
   * Posts of the office (and, `.read`, of its ancestors). Drafts are seen by the office's own desk (leader, deputy
   * leaders, director, deputy directors, office staff) and by their reviewers; everyone else sees issued documents.
   */
  'document.read': ALL_POSTS,
  /** The desk's views: the register of numbers, the 核稿 chain and time limits. */
  'document.desk.read': ['leader', 'deputy_leader', 'director', 'deputy_director', 'office_staff'],
  /** Drafting and editing a draft, attachments. */
  'document.draft': ['director', 'deputy_director', 'office_staff'],
  /** 核稿: reaches the route; only the reviewer whose turn it is may approve or return. */
  'document.review': ['leader', 'deputy_leader', 'group_member', 'director', 'deputy_director', 'office_staff'],
  /**
   * 签发: every post reaches the route so the refusal names the rule. Who may sign is A2-12's power check
   * (organization.checkPower): leader or delegated deputy leader for the leading group, director or delegated deputy
   * director for the office; anyone else is refused 403 "A2-12: …".
   */
  'document.sign': ALL_POSTS,
  /** Numbering after sign-off, issuing and distributing. */
  'document.dispatch': ['office_staff'],
  /** Voiding a number (kept in the register with the reason). */
  'document.void': ['director', 'office_staff'],
  /** The office's 核稿 chain and incoming time limits. */
  'document.rules': ['director', 'deputy_director'],
  /** Member units' liaison officers (to this office) and child offices' desks (to the parent office) submit. */
  'incoming.submit': ['liaison_officer', 'director', 'deputy_director', 'office_staff'],
  /** The inbox of incoming items and major matters; `.read` also lets a parent office look at a child's. */
  'incoming.read': ['leader', 'deputy_leader', 'director', 'deputy_director', 'office_staff'],
  /** Registering, rejecting, forwarding (呈批), filing, closing, linking a ledger task. */
  'incoming.handle': ['director', 'deputy_director', 'office_staff'],
  /** 批示: the leader (major matters, A2-12) or the director, on items forwarded to them. */
  'incoming.instruct': ['leader', 'director'],
} as const satisfies Grants;

/** The office's own desk: sees drafts and everything in flight. */
export const DESK_POSTS = ['leader', 'deputy_leader', 'director', 'deputy_director', 'office_staff'] as const;

/** Does the actor sit at the desk of the office, or of one of its ancestors (read-only oversight)? */
export const isDesk = (actor: Actor, office: { id: string; path: string }) =>
  actor.posts.some((p) => (DESK_POSTS as readonly string[]).includes(p.post) && (p.officeId === office.id || office.path.startsWith(p.officePath)));

/** Posts that make a person a member of a unit for distribution: its head in the group, its liaison and information officers. */
const UNIT_MEMBER_POSTS: readonly string[] = ['group_member', 'liaison_officer', 'information_officer'];

/** The units the actor belongs to in the office (seconded office staff keep their unit id but do not count). */
export const actorUnits = (actor: Actor, officeId: string) => [...new Set(actor.posts.filter((p) => p.officeId === officeId && p.unitId && UNIT_MEMBER_POSTS.includes(p.post)).map((p) => p.unitId!))];

/** Does the actor hold a post in exactly this office? */
export const holdsPostIn = (actor: Actor, officeId: string) => actor.posts.some((p) => p.officeId === officeId);
