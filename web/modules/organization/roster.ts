// Reading the roster: who holds a post now (for "replace the current holder" and end links).
import type { Roster } from '../../../shared/contracts/organization.ts';
import type { Post } from '../../../shared/roles.ts';
import type { RosterPerson } from './api.ts';

/** Current holders of a post in the roster (per unit for unit posts). */
export function holdersOf(roster: Roster, post: Post, unitId?: string | null): RosterPerson[] {
  const g = roster.leadingGroup;
  const o = roster.officePosts;
  const unit = unitId ? roster.units.find((u) => u.unit.id === unitId) : undefined;
  switch (post) {
    case 'leader':
      return g.leader;
    case 'deputy_leader':
      return g.deputyLeaders;
    case 'group_member':
      return unitId ? g.members.filter((p) => p.unitId === unitId) : g.members;
    case 'director':
      return o.director;
    case 'deputy_director':
      return o.deputyDirectors;
    case 'office_staff':
      return o.staff;
    case 'liaison_officer':
      return unit?.liaisonOfficers ?? [];
    case 'information_officer':
      return unit ? unit.informationOfficers : o.informationOfficers;
  }
}

/** Empty form text → null, so optional fields are cleared rather than stored as "". */
export const blankToNull = (s: string | null | undefined) => (s && s.trim() ? s.trim() : null);
