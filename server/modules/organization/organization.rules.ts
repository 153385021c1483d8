// The seed's organization rules as named functions over data (SPEC §1). Each is tested with its article ID.
import type { Warning } from '../../../shared/contracts/common.ts';
import { DELEGABLE_POWERS, type DelegablePower, type Post } from '../../../shared/roles.ts';

export interface RuleAppointment {
  id: string;
  post: Post;
  personId: string;
  personName: string;
  unitId: string | null;
  startDate: string;
  endDate: string | null;
}
export interface RuleUnit {
  id: string;
  name: string;
  isMember: boolean;
  isHost: boolean;
  active: boolean;
  responsibleBody: string | null;
}
export interface RuleOffice {
  level: string;
}
export interface RulePerson {
  id: string;
  unitId: string | null;
}

/** Is the appointment in force on `date` (both ends inclusive)? */
export const appointmentCovers = (a: { startDate: string; endDate: string | null }, date: string) =>
  a.startDate <= date && (a.endDate === null || a.endDate >= date);

const w = (rule: string, code: string, message: string, subject?: Warning['subject']): Warning => ({ rule, code, message, ...(subject ? { subject } : {}) });

/** A1-2: the leading group has exactly one leader. */
export function checkLeader(current: RuleAppointment[]): Warning[] {
  const leaders = current.filter((a) => a.post === 'leader');
  if (leaders.length === 0) return [w('A1-2', 'LEADER_MISSING', '领导小组未设组长 / the leading group has no leader')];
  if (leaders.length > 1)
    return [w('A1-2', 'LEADER_MULTIPLE', `领导小组设有 ${leaders.length} 名组长（应为 1 人） / ${leaders.length} leaders (exactly 1 allowed): ${leaders.map((l) => l.personName).join('、')}`)];
  return [];
}

/** A1-3: the office has exactly one director, the host unit's principal leader. */
export function checkDirector(current: RuleAppointment[], units: RuleUnit[], people: RulePerson[]): Warning[] {
  const directors = current.filter((a) => a.post === 'director');
  if (directors.length === 0) return [w('A1-3', 'DIRECTOR_MISSING', '办公室未设主任 / the office has no director')];
  if (directors.length > 1)
    return [w('A1-3', 'DIRECTOR_MULTIPLE', `办公室设有 ${directors.length} 名主任（应为 1 人） / ${directors.length} directors (exactly 1 allowed): ${directors.map((d) => d.personName).join('、')}`)];
  const host = units.find((u) => u.isHost);
  const d = directors[0]!;
  const unitId = d.unitId ?? people.find((p) => p.id === d.personId)?.unitId ?? null;
  if (host && unitId !== host.id)
    return [w('A1-3', 'DIRECTOR_NOT_FROM_HOST_UNIT', `办公室主任应由${host.name}主要领导担任 / the director should come from the host unit ${host.name}`, { type: 'person', id: d.personId, name: d.personName })];
  return [];
}

/** A1-4, A2-2, A1-13: every active member unit names a responsible body, exactly one liaison officer and an information officer. */
export function checkMemberUnits(current: RuleAppointment[], units: RuleUnit[]): Warning[] {
  const out: Warning[] = [];
  for (const u of units.filter((x) => x.isMember && x.active)) {
    const subject = { type: 'unit', id: u.id, name: u.name };
    const liaisons = current.filter((a) => a.post === 'liaison_officer' && a.unitId === u.id);
    if (!u.responsibleBody?.trim()) out.push(w('A1-4', 'RESPONSIBLE_BODY_MISSING', `${u.name}未明确承担改革工作的内设机构 / ${u.name} names no responsible internal body`, subject));
    if (liaisons.length === 0) out.push(w('A2-2', 'LIAISON_MISSING', `${u.name}未确定联络员 / ${u.name} has no liaison officer`, subject));
    if (liaisons.length > 1)
      out.push(w('A2-2', 'LIAISON_MULTIPLE', `${u.name}有 ${liaisons.length} 名联络员（应为 1 人） / ${u.name} has ${liaisons.length} liaison officers (exactly 1)`, subject));
    if (!current.some((a) => a.post === 'information_officer' && a.unitId === u.id))
      out.push(w('A1-13', 'INFORMATION_OFFICER_MISSING', `${u.name}未确定信息员 / ${u.name} has no information officer`, subject));
  }
  return out;
}

/** A2-9: a county or park office names its own information officer (an information officer with no unit). */
export function checkCountyInformationOfficer(office: RuleOffice, current: RuleAppointment[]): Warning[] {
  if (office.level !== 'county' && office.level !== 'park') return [];
  if (current.some((a) => a.post === 'information_officer' && a.unitId === null)) return [];
  return [w('A2-9', 'OFFICE_INFORMATION_OFFICER_MISSING', '本级办公室未确定信息员 / this office names no information officer')];
}

/** Every rule of SPEC §1 over one office's roster on `date`. Violations are returned, never hidden. */
export function checkRosterRules(input: { office: RuleOffice; appointments: RuleAppointment[]; units: RuleUnit[]; people: RulePerson[]; date: string }): Warning[] {
  const current = input.appointments.filter((a) => appointmentCovers(a, input.date));
  return [
    ...checkLeader(current),
    ...checkDirector(current, input.units, input.people),
    ...checkMemberUnits(current, input.units),
    ...checkCountyInformationOfficer(input.office, current),
  ];
}

export interface RuleDelegation {
  id: string;
  power: DelegablePower;
  fromPersonId: string;
  toPersonId: string;
  startDate: string;
  endDate: string;
  revokedAt: string | null;
}

export type PowerCheck = { allowed: true; via: 'post'; delegationId: null } | { allowed: true; via: 'delegation'; delegationId: string; onBehalfOf: string } | { allowed: false; rule: string; reason: string };

/**
 * A1-8, A2-6, A2-12: may this person exercise a delegable power on `date`? The holder of the `from` post
 * (leader, director) may; so may a holder of the `to` post (deputy) under a delegation in force that day from
 * the person who then holds the `from` post.
 */
export function canExercisePower(input: { power: DelegablePower; personId: string; date: string; appointments: RuleAppointment[]; delegations: RuleDelegation[] }): PowerCheck {
  const def = DELEGABLE_POWERS[input.power];
  const current = input.appointments.filter((a) => appointmentCovers(a, input.date));
  if (current.some((a) => a.post === def.from && a.personId === input.personId)) return { allowed: true, via: 'post', delegationId: null };
  const isDeputy = current.some((a) => a.post === def.to && a.personId === input.personId);
  const holders = new Set(current.filter((a) => a.post === def.from).map((a) => a.personId));
  const d = input.delegations.find(
    (x) => x.power === input.power && x.toPersonId === input.personId && !x.revokedAt && x.startDate <= input.date && x.endDate >= input.date && holders.has(x.fromPersonId),
  );
  if (isDeputy && d) return { allowed: true, via: 'delegation', delegationId: d.id, onBehalfOf: d.fromPersonId };
  const fromZh = def.from === 'leader' ? '组长' : '办公室主任';
  const toZh = def.to === 'deputy_leader' ? '副组长' : '副主任';
  return {
    allowed: false,
    rule: def.rule,
    reason: `${def.rule}：只有${fromZh}或经其委托的${toZh}可以${def.zh} / ${def.rule}: only the ${def.from.replace('_', ' ')} or a ${def.to.replace('_', ' ')} he delegated may ${def.en.toLowerCase()}`,
  };
}

/** A delegation is valid only from the holder of the `from` post to a holder of the `to` post, for a non-empty period. */
export function checkDelegation(input: { power: DelegablePower; fromPersonId: string; toPersonId: string; startDate: string; endDate: string; appointments: RuleAppointment[] }): string | null {
  const def = DELEGABLE_POWERS[input.power];
  if (input.endDate < input.startDate) return '结束日期早于开始日期 / the period ends before it starts';
  const atStart = input.appointments.filter((a) => appointmentCovers(a, input.startDate));
  if (!atStart.some((a) => a.post === def.from && a.personId === input.fromPersonId))
    return `${def.rule}：委托人须为${def.from === 'leader' ? '组长' : '办公室主任'} / ${def.rule}: the delegating person must hold the ${def.from} post`;
  if (!atStart.some((a) => a.post === def.to && a.personId === input.toPersonId))
    return `${def.rule}：受托人须为${def.to === 'deputy_leader' ? '副组长' : '副主任'} / ${def.rule}: the delegate must hold the ${def.to.replace('_', ' ')} post`;
  return null;
}
