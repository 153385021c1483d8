// Posts (from appointments in an office) and system duties (from the account). Names follow GLOSSARY.md.
export const LEADING_GROUP_POSTS = ['leader', 'deputy_leader', 'group_member'] as const;
export const OFFICE_POSTS = ['director', 'deputy_director', 'office_staff'] as const;
export const UNIT_POSTS = ['liaison_officer', 'information_officer'] as const;
export const POSTS = [...LEADING_GROUP_POSTS, ...OFFICE_POSTS, ...UNIT_POSTS] as const;
export type Post = (typeof POSTS)[number];

export const SYSTEM_DUTIES = ['system_admin', 'security_admin', 'audit_admin'] as const;
export type SystemDuty = (typeof SYSTEM_DUTIES)[number];

export type Role = Post | SystemDuty;

/** Posts held by exactly one person at a time (A1-2, A1-3; per unit A2-2). */
export const SINGLE_HOLDER_POSTS: readonly Post[] = ['leader', 'director', 'liaison_officer'];
/** Posts that belong to a member unit (unitId required). */
export const UNIT_BOUND_POSTS: readonly Post[] = ['liaison_officer', 'information_officer'];

export const POST_LABELS: Record<Post, { zh: string; en: string }> = {
  leader: { zh: '组长', en: 'Leader' },
  deputy_leader: { zh: '副组长', en: 'Deputy leader' },
  group_member: { zh: '成员', en: 'Group member' },
  director: { zh: '办公室主任', en: 'Director' },
  deputy_director: { zh: '办公室副主任', en: 'Deputy director' },
  office_staff: { zh: '办公室成员', en: 'Office staff' },
  liaison_officer: { zh: '联络员', en: 'Liaison officer' },
  information_officer: { zh: '信息员', en: 'Information officer' },
};

export const SYSTEM_DUTY_LABELS: Record<SystemDuty, { zh: string; en: string }> = {
  system_admin: { zh: '系统管理员', en: 'System administrator' },
  security_admin: { zh: '安全管理员', en: 'Security administrator' },
  audit_admin: { zh: '安全审计员', en: 'Audit administrator' },
};

/** Powers a leader or director may delegate to a deputy for a period (A1-8, A2-6, A2-12). */
export const DELEGABLE_POWERS = {
  chair_plenary: { from: 'leader', to: 'deputy_leader', zh: '主持全体会议', en: 'Chair plenary meetings', rule: 'A1-8' },
  sign_leading_group_documents: { from: 'leader', to: 'deputy_leader', zh: '签发领导小组文件', en: 'Sign leading-group documents', rule: 'A2-12' },
  chair_office_meetings: { from: 'director', to: 'deputy_director', zh: '主持办公室会议', en: 'Chair office meetings', rule: 'A2-6' },
  sign_office_documents: { from: 'director', to: 'deputy_director', zh: '签发办公室文件', en: 'Sign office documents', rule: 'A2-12' },
} as const satisfies Record<string, { from: Post; to: Post; zh: string; en: string; rule: string }>;
export type DelegablePower = keyof typeof DELEGABLE_POWERS;
export const DELEGABLE_POWER_NAMES = Object.keys(DELEGABLE_POWERS) as [DelegablePower, ...DelegablePower[]];
