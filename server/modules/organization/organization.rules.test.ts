import { describe, expect, it } from 'vitest';
import { canExercisePower, checkCountyInformationOfficer, checkDelegation, checkDirector, checkLeader, checkMemberUnits, checkRosterRules, type RuleAppointment } from './organization.rules.ts';

const a = (post: RuleAppointment['post'], personId: string, o: Partial<RuleAppointment> = {}): RuleAppointment => ({ id: `${post}-${personId}`, post, personId, personName: personId, unitId: null, startDate: '2024-01-01', endDate: null, ...o });
const unit = (id: string, o: Partial<{ isMember: boolean; isHost: boolean; active: boolean; responsibleBody: string | null }> = {}) => ({ id, name: id, isMember: true, isHost: false, active: true, responsibleBody: '专班', ...o });

describe('organization rules', () => {
  it('A1-2: the leading group has exactly one leader', () => {
    expect(checkLeader([]).map((w) => w.code)).toEqual(['LEADER_MISSING']);
    expect(checkLeader([a('leader', 'p1')])).toEqual([]);
    const two = checkLeader([a('leader', 'p1'), a('leader', 'p2')]);
    expect(two.map((w) => [w.rule, w.code])).toEqual([['A1-2', 'LEADER_MULTIPLE']]);
  });

  it('A1-3: exactly one director, from the host unit', () => {
    const units = [unit('host', { isHost: true }), unit('other')];
    expect(checkDirector([], units, []).map((w) => w.code)).toEqual(['DIRECTOR_MISSING']);
    expect(checkDirector([a('director', 'd1', { unitId: 'host' }), a('director', 'd2', { unitId: 'host' })], units, []).map((w) => w.code)).toEqual(['DIRECTOR_MULTIPLE']);
    expect(checkDirector([a('director', 'd1', { unitId: 'host' })], units, [])).toEqual([]);
    expect(checkDirector([a('director', 'd1', { unitId: 'other' })], units, []).map((w) => w.code)).toEqual(['DIRECTOR_NOT_FROM_HOST_UNIT']);
    // The person's own unit counts when the appointment names none.
    expect(checkDirector([a('director', 'd1')], units, [{ id: 'd1', unitId: 'host' }])).toEqual([]);
  });

  it('A2-2, A1-13, A1-4: each member unit has one liaison, an information officer and a responsible body', () => {
    const units = [unit('u1'), unit('u2', { responsibleBody: null }), unit('u3', { isMember: false }), unit('u4', { active: false })];
    const appts = [a('liaison_officer', 'l1', { unitId: 'u1' }), a('information_officer', 'i1', { unitId: 'u1' }), a('liaison_officer', 'l2', { unitId: 'u2' }), a('liaison_officer', 'l3', { unitId: 'u2' })];
    const codes = checkMemberUnits(appts, units).map((w) => `${w.rule}:${w.code}:${w.subject?.id}`);
    expect(codes).toEqual(['A1-4:RESPONSIBLE_BODY_MISSING:u2', 'A2-2:LIAISON_MULTIPLE:u2', 'A1-13:INFORMATION_OFFICER_MISSING:u2']);
    expect(checkMemberUnits([], [unit('u1')]).map((w) => w.code)).toEqual(['LIAISON_MISSING', 'INFORMATION_OFFICER_MISSING']);
  });

  it('A2-9: a county or park office names its own information officer; a prefecture need not', () => {
    expect(checkCountyInformationOfficer({ level: 'county' }, []).map((w) => w.code)).toEqual(['OFFICE_INFORMATION_OFFICER_MISSING']);
    expect(checkCountyInformationOfficer({ level: 'park' }, [a('information_officer', 'x')])).toEqual([]);
    expect(checkCountyInformationOfficer({ level: 'prefecture' }, [])).toEqual([]);
  });

  it('A1-2, A2-2: appointments count only within their period (history is kept)', () => {
    const appts = [a('leader', 'old', { endDate: '2026-03-31' }), a('leader', 'new', { startDate: '2026-04-01' })];
    const base = { office: { level: 'prefecture' }, units: [], people: [] };
    expect(checkRosterRules({ ...base, appointments: appts, date: '2026-03-31' }).filter((w) => w.rule === 'A1-2')).toEqual([]);
    expect(checkRosterRules({ ...base, appointments: appts, date: '2026-04-01' }).filter((w) => w.rule === 'A1-2')).toEqual([]);
    expect(checkRosterRules({ ...base, appointments: [a('leader', 'old', { endDate: '2026-03-31' })], date: '2026-04-01' }).map((w) => w.code)).toContain('LEADER_MISSING');
  });

  describe('delegation (A1-8, A2-12)', () => {
    const appts = [a('leader', 'L'), a('deputy_leader', 'D'), a('deputy_leader', 'D2'), a('director', 'R'), a('deputy_director', 'DD')];
    const deleg = { id: 'g1', power: 'chair_plenary' as const, fromPersonId: 'L', toPersonId: 'D', startDate: '2026-11-01', endDate: '2026-11-30', revokedAt: null };

    it('A1-8: the leader chairs a plenary by post', () => {
      expect(canExercisePower({ power: 'chair_plenary', personId: 'L', date: '2026-11-15', appointments: appts, delegations: [] })).toMatchObject({ allowed: true, via: 'post' });
    });
    it('A1-8: a deputy leader chairs only under a delegation in force that day', () => {
      expect(canExercisePower({ power: 'chair_plenary', personId: 'D', date: '2026-11-15', appointments: appts, delegations: [deleg] })).toMatchObject({ allowed: true, via: 'delegation', delegationId: 'g1', onBehalfOf: 'L' });
      const before = canExercisePower({ power: 'chair_plenary', personId: 'D', date: '2026-10-31', appointments: appts, delegations: [deleg] });
      expect(before).toMatchObject({ allowed: false, rule: 'A1-8' });
      expect(canExercisePower({ power: 'chair_plenary', personId: 'D', date: '2026-12-01', appointments: appts, delegations: [deleg] }).allowed).toBe(false);
      expect(canExercisePower({ power: 'chair_plenary', personId: 'D2', date: '2026-11-15', appointments: appts, delegations: [deleg] }).allowed).toBe(false);
      expect(canExercisePower({ power: 'chair_plenary', personId: 'D', date: '2026-11-15', appointments: appts, delegations: [{ ...deleg, revokedAt: '2026-11-10T00:00:00Z' }] }).allowed).toBe(false);
    });
    it('A2-12: a delegation for one power does not give another', () => {
      expect(canExercisePower({ power: 'sign_leading_group_documents', personId: 'D', date: '2026-11-15', appointments: appts, delegations: [deleg] })).toMatchObject({ allowed: false, rule: 'A2-12' });
    });
    it('A2-12: office documents are signed by the director or a delegated deputy director', () => {
      expect(canExercisePower({ power: 'sign_office_documents', personId: 'R', date: '2026-11-15', appointments: appts, delegations: [] }).allowed).toBe(true);
      expect(canExercisePower({ power: 'sign_office_documents', personId: 'DD', date: '2026-11-15', appointments: appts, delegations: [] }).allowed).toBe(false);
      const d2 = { ...deleg, id: 'g2', power: 'sign_office_documents' as const, fromPersonId: 'R', toPersonId: 'DD' };
      expect(canExercisePower({ power: 'sign_office_documents', personId: 'DD', date: '2026-11-15', appointments: appts, delegations: [d2] })).toMatchObject({ allowed: true, via: 'delegation' });
    });
    it('A1-8: a delegation lapses when the delegating leader leaves the post', () => {
      const leaderGone = [a('leader', 'L', { endDate: '2026-11-10' }), a('leader', 'L2', { startDate: '2026-11-11' }), a('deputy_leader', 'D')];
      expect(canExercisePower({ power: 'chair_plenary', personId: 'D', date: '2026-11-15', appointments: leaderGone, delegations: [deleg] }).allowed).toBe(false);
    });
    it('A1-8: only the leader may delegate, only to a deputy leader, for a real period', () => {
      expect(checkDelegation({ power: 'chair_plenary', fromPersonId: 'L', toPersonId: 'D', startDate: '2026-11-01', endDate: '2026-11-30', appointments: appts })).toBeNull();
      expect(checkDelegation({ power: 'chair_plenary', fromPersonId: 'D2', toPersonId: 'D', startDate: '2026-11-01', endDate: '2026-11-30', appointments: appts })).toMatch(/^A1-8/);
      expect(checkDelegation({ power: 'chair_plenary', fromPersonId: 'L', toPersonId: 'R', startDate: '2026-11-01', endDate: '2026-11-30', appointments: appts })).toMatch(/^A1-8/);
      expect(checkDelegation({ power: 'chair_plenary', fromPersonId: 'L', toPersonId: 'D', startDate: '2026-11-30', endDate: '2026-11-01', appointments: appts })).toMatch(/ends before/);
    });
  });
});
