import type { Post, SystemDuty } from '../../shared/roles.ts';

export interface ActorPost {
  appointmentId: string;
  post: Post;
  officeId: string;
  officePath: string;
  unitId: string | null;
}

/** Who is asking: the account, its current posts (today's appointments) and its system duty. */
export interface Actor {
  accountId: string;
  username: string;
  displayName: string;
  personId: string | null;
  systemDuty: SystemDuty | null;
  posts: ActorPost[];
  sessionId: string;
  csrfToken: string;
  mustChangePassword: boolean;
}

/** The context a state change is audited with. */
export interface RequestContext {
  actor: Actor | null;
  requestId: string;
  ip: string | null;
  /** The post whose grant let the request through (recorded in the audit row). */
  post?: string | null;
}
