import { lockResource, type Db, type Dialect, type Tx } from '../../db/db.ts';
import type {
  AgendaItem,
  Attendee,
  AttendeeResponse,
  Compliance,
  Decision,
  FollowUpStatus,
  Meeting,
  MeetingCreate,
  MeetingKind,
  MeetingKindRule,
  MeetingRules,
  MeetingStatus,
  MeetingSummary,
  MeetingUpdate,
  Minutes,
  MinutesAttendance,
  MinutesStatus,
  MinutesUpdate,
  MinutesVerify,
} from '../../../shared/contracts/meetings.ts';
import { MeetingRulesSchema } from '../../../shared/contracts/meetings.ts';
import type { Warning } from '../../../shared/contracts/common.ts';
import type { Post } from '../../../shared/roles.ts';
import type { Actor, RequestContext } from '../../platform/actor.ts';
import type { Audit } from '../../platform/audit.ts';
import { chinaDate, chinaDateTime, type Clock } from '../../platform/clock.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { formatChineseDate, type FontOptions } from '../../platform/gbt9704.ts';
import { newId } from '../../platform/ids.ts';
import { createOfficeRule } from '../../platform/office-rules.ts';
import { cleanFilename, MIME, sniffFileType } from '../../platform/uploads.ts';
import { renderIcs, type IcsEvent } from '../calendar/ics.ts';
import type { NotificationInput, NotificationsService } from '../notifications/notifications.service.ts';
import type { OrganizationService } from '../organization/organization.service.ts';
import { actorUnits, isOfficeActor } from './meetings.policy.ts';
import { MATERIAL_OWNER, MINUTES_OWNER, RULES_KEY, type MeetingsRepository } from './meetings.repository.ts';
import {
  cadenceCompliance,
  checkChair,
  checkConvener,
  checkProposal,
  DEFAULT_MEETING_RULES,
  decisionOverdueDays,
  isExtraMeeting,
  minutesSeries,
  minutesTitle,
  type CadenceMeeting,
  type ChairCheck,
  type RuleCheck,
} from './meetings.rules.ts';
import { ARRANGEABLE, assertMinutesEditable, nextMeetingStatus, nextMinutesStatus, SIGN_IN_OPEN, type MeetingAction } from './meetings.state.ts';
import { canonicalMinutes, sm3, type CanonicalMinutesInput } from './minutes-digest.ts';

type Ctx = RequestContext & { actor: Actor };
type MeetingRow = NonNullable<Awaited<ReturnType<MeetingsRepository['findMeeting']>>>;
type MinutesRow = NonNullable<Awaited<ReturnType<MeetingsRepository['findMinutes']>>>;
type AttendeeRow = NonNullable<Awaited<ReturnType<MeetingsRepository['findAttendee']>>>;
type AgendaRow = NonNullable<Awaited<ReturnType<MeetingsRepository['findAgendaItem']>>>;

/** Serializes the numbering of minutes (PostgreSQL advisory lock; SQLite writers are serial already). */
const MINUTES_NUMBER_LOCK_KEY = 720_501;

// ---- the decision → task hand-off ----
export interface DecisionTaskInput {
  officeId: string;
  decisionId: string;
  title: string;
  description: string;
  leadUnitId: string;
  deadline: string;
  keyTask: boolean;
  /** e.g. 2026年第四季度全体会议 第2项决定 */
  label: string;
}
/** Where a decision goes to be supervised (the ledger). Injected from app.ts. */
export interface DecisionTaskSink {
  /** Creates the task; `taskId` null when no ledger is connected (the hand-off is then only recorded on the decision). */
  createTaskFromDecision(input: DecisionTaskInput, ctx: RequestContext): Promise<{ taskId: string | null }>;
  /** Of these tasks, the ones done (optional; without it a decision is done when the office marks it). */
  doneTaskIds?(officeId: string, taskIds: string[], actor: Actor): Promise<Set<string>>;
}
/** No ledger connected: the hand-off is recorded ('handed_off', no task id) for the ledger to pick up. */
export const recordOnlyTaskSink: DecisionTaskSink = { createTaskFromDecision: async () => ({ taskId: null }) };

export interface MeetingsServiceDeps {
  db: Db;
  repo: MeetingsRepository;
  audit: Audit;
  clock: Clock;
  organization: Pick<OrganizationService, 'checkPower'>;
  notifications: NotificationsService;
  taskSink: DecisionTaskSink;
  dialect: Dialect;
  /** Licensed font folder for the PDF exports (config FONT_DIR); Noto CJK stand-ins otherwise. */
  fonts?: FontOptions;
}

const denied = (r: RuleCheck | ChairCheck) => (r.allowed ? null : new AppError('FORBIDDEN', r.reason, { rule: r.rule }));
/** '2026-12-15T02:00:00Z' → '10:00' (China time). */
const chinaTime = (iso: string) => chinaDateTime(new Date(iso)).slice(11);
/** '2026-12-15T02:00:00Z' → '2026年12月15日 10:00' (China time). */
export const formatChinaDateTime = (iso: string) => `${formatChineseDate(chinaDate(new Date(iso)))} ${chinaTime(iso)}`;
const toIso = (s: string) => new Date(s).toISOString();

export function createMeetingsService(deps: MeetingsServiceDeps) {
  const { db, repo, audit, clock } = deps;
  const today = () => chinaDate(clock.now());
  const iso = () => clock.now().toISOString();
  const stale = (entity: string) => new AppError('VERSION_MISMATCH', undefined, { entity });
  const dateOf = (instant: string) => chinaDate(new Date(instant));

  // ---- rules (A1-16: inherited from the nearest ancestor that set them, else the prefecture template) ----
  const meetingRules = createOfficeRule({ db, audit, clock }, RULES_KEY, MeetingRulesSchema, DEFAULT_MEETING_RULES);
  const rules = meetingRules.get;
  const kindRule = async (officeId: string, kind: MeetingKind): Promise<MeetingKindRule> => (await rules(officeId)).rules.kinds[kind];

  const setRules = (officeId: string, value: MeetingRules, version: number, ctx: Ctx) => meetingRules.set(officeId, value, version, ctx);

  // ---- loading and presenting ----
  async function meetingOrThrow(q: Db | Tx, officeId: string, meetingId: string) {
    const m = await repo.findMeeting(q, officeId, meetingId);
    if (!m) throw notFound('meeting');
    return m;
  }
  const postsOn = async (q: Db | Tx, officeId: string, personId: string | null, date: string) => (personId ? ((await repo.postsOn(q, officeId, personId, date)) as Post[]) : []);

  async function chairCheckFor(officeId: string, k: MeetingKindRule, chairPersonId: string, convenerPersonId: string | null, date: string): Promise<ChairCheck> {
    const power = k.chairBy === 'convener' ? null : await deps.organization.checkPower(officeId, k.chairBy, chairPersonId, date);
    return checkChair({ kind: k, chairPersonId, convenerPersonId, power });
  }

  /** Rule violations of a meeting as arranged now (shown, never hidden): a chair or convener without the right on the day. */
  async function meetingWarnings(m: MeetingRow, k: MeetingKindRule, agenda: AgendaRow[], attendees: AttendeeRow[]): Promise<Warning[]> {
    const out: Warning[] = [];
    if (m.status === 'cancelled' || m.status === 'archived') return out;
    const date = dateOf(m.startsAt);
    if (!m.chairPersonId) out.push({ rule: k.rule, code: 'CHAIR_MISSING', message: `${k.rule}：未确定主持人 / ${k.rule}: no chair set` });
    else {
      const c = await chairCheckFor(m.officeId, k, m.chairPersonId, m.convenerPersonId, date);
      if (!c.allowed) out.push({ rule: c.rule, code: 'CHAIR_NOT_ALLOWED', message: c.reason, subject: { type: 'person', id: m.chairPersonId, name: m.chairName } });
    }
    const conv = checkConvener({ kind: k, convenerPersonId: m.convenerPersonId, convenerPosts: await postsOn(db, m.officeId, m.convenerPersonId, date), creatorIsOffice: true });
    if (!conv.allowed) out.push({ rule: conv.rule, code: 'CONVENER_NOT_ALLOWED', message: conv.reason });
    if (!agenda.some((a) => a.status === 'accepted')) out.push({ rule: k.rule, code: 'AGENDA_EMPTY', message: `${k.rule}：尚无议题 / ${k.rule}: no agenda item yet` });
    if (!attendees.length) out.push({ rule: k.rule, code: 'NO_ATTENDEES', message: '尚未确定参会人员 / nobody invited yet' });
    return out;
  }

  function presentAttendee(a: AttendeeRow): Attendee {
    return {
      id: a.id, personId: a.personId, name: a.name, unitId: a.unitId, unitName: a.unitName, title: a.title, role: a.role as Attendee['role'], response: a.response as AttendeeResponse,
      substituteName: a.substituteName, leaveReason: a.leaveReason, respondedAt: a.respondedAt, signedInAt: a.signedInAt, signedInBy: a.signedInBy as Attendee['signedInBy'], version: a.version,
    };
  }

  async function presentAgenda(q: Db | Tx, rows: AgendaRow[]): Promise<AgendaItem[]> {
    const files = await repo.listFiles(q, MATERIAL_OWNER, rows.map((r) => r.id));
    return rows.map((r) => ({
      id: r.id, meetingId: r.meetingId, seq: r.seq, title: r.title, description: r.description, presenterUnitId: r.presenterUnitId, presenterUnitName: r.presenterUnitName,
      status: r.status as AgendaItem['status'], proposedByUnitId: r.proposedByUnitId, proposedByUnitName: r.proposedByUnitName, proposedByName: r.proposedByName, rejectReason: r.rejectReason,
      materials: files.filter((f) => f.ownerId === r.id).map((f) => ({ id: f.id, filename: f.filename, mime: f.mime, size: f.size, digest: f.digest, uploadedByName: f.uploadedByName, createdAt: f.createdAt })),
      version: r.version,
    }));
  }

  const summary = (m: MeetingRow, k: MeetingKindRule): MeetingSummary => ({
    id: m.id, officeId: m.officeId, kind: m.kind as MeetingKind, kindLabel: k.label, title: m.title, status: m.status as MeetingStatus, startsAt: m.startsAt, endsAt: m.endsAt,
    place: m.place, chairName: m.chairName, extra: Boolean(m.extra), minutesId: m.minutesId, version: m.version,
  });

  function meetingAbilities(actor: Actor, m: MeetingRow, attendee: AttendeeRow | undefined): string[] {
    const out: string[] = [];
    const status = m.status as MeetingStatus;
    const office = isOfficeActor(actor, m.officeId);
    const arrangeable = ARRANGEABLE.includes(status);
    if (office && arrangeable) out.push('edit', 'set_chair', 'manage_agenda', 'manage_attendance', 'postpone', 'cancel');
    if (office && status === 'planned') out.push('send_notice');
    if (office && status === 'notice_sent') out.push('hold');
    if (office && status === 'held') out.push('manage_attendance', 'draft_minutes');
    if (office && status === 'minutes_reviewed') out.push('archive_minutes', 'reopen_minutes');
    if (actor.personId && m.chairPersonId === actor.personId && status === 'minutes_drafted') out.push('review_minutes');
    if (attendee && arrangeable) out.push('respond');
    if (attendee && SIGN_IN_OPEN.includes(status) && !attendee.signedInAt) out.push('sign_in');
    const cutoffOpen = !m.materialCutoff || clock.now().toISOString() <= m.materialCutoff;
    if (arrangeable && (office || (cutoffOpen && actorUnits(actor, m.officeId).length))) out.push('propose_item', 'upload_material');
    return [...new Set(out)];
  }

  async function presentMeeting(actor: Actor, m: MeetingRow): Promise<Meeting> {
    const k = await kindRule(m.officeId, m.kind as MeetingKind);
    const [agendaRows, attendeeRows] = await Promise.all([repo.listAgenda(db, m.id), repo.listAttendees(db, m.id)]);
    const agenda = await presentAgenda(db, agendaRows);
    const attendance = attendeeRows.map(presentAttendee);
    const mine = actor.personId ? attendeeRows.find((a) => a.personId === actor.personId) : undefined;
    return {
      ...summary(m, k),
      rule: k.rule,
      convener: m.convenerPersonId ? { personId: m.convenerPersonId, name: m.convenerName ?? '' } : null,
      convenedByOffice: k.convenerPosts.length === 0,
      proposedBy: m.proposedByPersonId ? { personId: m.proposedByPersonId, name: m.proposerName ?? '' } : null,
      chair: m.chairPersonId
        ? { personId: m.chairPersonId, name: m.chairName ?? '', via: (m.chairVia ?? 'post') as 'post' | 'delegation', delegationId: m.chairDelegationId, onBehalfOfName: m.onBehalfOfName }
        : null,
      materialCutoff: m.materialCutoff, noticeSentAt: m.noticeSentAt, heldAt: m.heldAt, cancelledAt: m.cancelledAt, cancelReason: m.cancelReason, postponements: m.postponements, note: m.note,
      agenda,
      attendance,
      attendanceSummary: {
        invited: attendance.filter((a) => a.role === 'attendee').length,
        confirmed: attendance.filter((a) => a.response === 'confirmed').length,
        substitute: attendance.filter((a) => a.response === 'substitute').length,
        onLeave: attendance.filter((a) => a.response === 'on_leave').length,
        signedIn: attendance.filter((a) => a.signedInAt).length,
        observers: attendance.filter((a) => a.role === 'observer').length,
      },
      materialsMissing: agenda.filter((a) => a.status === 'accepted' && a.presenterUnitId && a.materials.length === 0).map((a) => ({ itemId: a.id, title: a.title, unitName: a.presenterUnitName })),
      warnings: await meetingWarnings(m, k, agendaRows, attendeeRows),
      createdByName: m.createdByName, createdAt: m.createdAt, updatedAt: m.updatedAt,
      abilities: meetingAbilities(actor, m, mine),
    };
  }

  async function getMeeting(actor: Actor, officeId: string, meetingId: string) {
    return presentMeeting(actor, await meetingOrThrow(db, officeId, meetingId));
  }

  async function listMeetings(officeId: string, f: { year?: number; kind?: MeetingKind; status?: MeetingStatus }) {
    const r = (await rules(officeId)).rules;
    // A year in China time: from 16:00 UTC on 31 December of the year before.
    const range = f.year ? { from: `${f.year - 1}-12-31T16:00:00.000Z`, to: `${f.year}-12-31T16:00:00.000Z` } : {};
    const rows = await repo.listMeetings(db, officeId, { ...range, kind: f.kind, status: f.status });
    return { items: rows.map((m) => summary(m, r.kinds[m.kind as MeetingKind])) };
  }

  async function myMeetings(actor: Actor, officeId: string) {
    if (!actor.personId) return { items: [] };
    const r = (await rules(officeId)).rules;
    const rows = (await repo.meetingsOfPerson(db, actor.personId, new Date(clock.now().getTime() - 90 * 86_400_000).toISOString())).filter((m) => m.officeId === officeId);
    const out: MeetingSummary[] = [];
    for (const row of rows) out.push(summary(await meetingOrThrow(db, officeId, row.id), r.kinds[row.kind as MeetingKind]));
    return { items: out };
  }

  async function event(trx: Tx, m: { id: string; officeId: string }, action: string, ctx: RequestContext, reason: string | null = null, detail: unknown = null) {
    await repo.insertEvent(trx, { id: newId(), meetingId: m.id, officeId: m.officeId, action, at: iso(), actorName: ctx.actor?.displayName ?? null, reason, detail: detail === null ? null : JSON.stringify(detail) });
  }

  // ---- create and arrange ----

  /**
   * The office drafts any meeting, naming its convener; the leader or a deputy leader may also create one they convene
   * (or, for a plenary beyond the quarter's, propose). A1-8 / A2-6 refusals name the rule.
   */
  async function createMeeting(officeId: string, input: MeetingCreate, ctx: Ctx) {
    const k = await kindRule(officeId, input.kind);
    const startsAt = toIso(input.startsAt);
    const endsAt = input.endsAt ? toIso(input.endsAt) : null;
    if (endsAt && endsAt <= startsAt) throw new AppError('VALIDATION_FAILED', '结束时间应晚于开始时间 / the meeting ends before it starts', { field: 'endsAt' });
    const date = dateOf(startsAt);
    const office = isOfficeActor(ctx.actor, officeId);
    const actorPosts = await postsOn(db, officeId, ctx.actor.personId, date);
    const others = (await repo.listMeetings(db, officeId, { kind: input.kind })).map((o) => ({ date: dateOf(o.startsAt), status: o.status as MeetingStatus }));
    const extra = isExtraMeeting({ cadence: k.cadence, date, others });

    let convenerPersonId: string | null = null;
    let proposedByPersonId: string | null = input.proposedByPersonId ?? null;
    if (k.convenerPosts.length) {
      if (office) {
        convenerPersonId = input.convenerPersonId ?? null;
        if (!convenerPersonId) {
          // The office drafts for the convener: the actor if he may convene, else the (single) holder of the first convener post.
          if (ctx.actor.personId && actorPosts.some((p) => k.convenerPosts.includes(p))) convenerPersonId = ctx.actor.personId;
          else convenerPersonId = (await repo.holdersOn(db, officeId, [k.convenerPosts[0]!], date))[0]?.personId ?? null;
        }
      } else {
        // Not the office: the actor convenes himself, or proposes an extra meeting the convener (the leader) convenes.
        const proposes = extra && ctx.actor.personId && actorPosts.some((p) => k.proposerPosts.includes(p)) && !actorPosts.some((p) => k.convenerPosts.includes(p));
        if (proposes) {
          proposedByPersonId = ctx.actor.personId;
          convenerPersonId = input.convenerPersonId ?? (await repo.holdersOn(db, officeId, [k.convenerPosts[0]!], date))[0]?.personId ?? null;
        } else {
          if (input.convenerPersonId && input.convenerPersonId !== ctx.actor.personId)
            throw new AppError('FORBIDDEN', '只有办公室可以代他人拟定会议 / only the office drafts a meeting for someone else', { rule: k.rule, field: 'convenerPersonId' });
          convenerPersonId = ctx.actor.personId;
        }
      }
    }
    for (const [field, id] of [['convenerPersonId', convenerPersonId], ['proposedByPersonId', proposedByPersonId]] as const) {
      if (id && !(await repo.findPerson(db, officeId, id))) throw new AppError('UNPROCESSABLE', '人员不属于本办公室 / person is not in this office', { field });
    }
    const convenerCheck = checkConvener({ kind: k, convenerPersonId, convenerPosts: await postsOn(db, officeId, convenerPersonId, date), creatorIsOffice: office });
    const err = denied(convenerCheck);
    if (err) throw err;
    if (!extra) proposedByPersonId = input.proposedByPersonId ?? null;
    const proposal = checkProposal({ kind: k, extra, proposerPersonId: extra ? proposedByPersonId ?? (office ? null : ctx.actor.personId) : null, proposerPosts: await postsOn(db, officeId, proposedByPersonId, date) });
    const perr = denied(proposal);
    if (perr) throw perr;

    // The chair by default: the convener (special), or the holder of the chairing post on the day (leader, director).
    let chair: { personId: string; check: ChairCheck & { allowed: true } } | null = null;
    const candidate = k.chairBy === 'convener' ? convenerPersonId : (await repo.holdersOn(db, officeId, [k.chairBy === 'chair_plenary' ? 'leader' : 'director'], date))[0]?.personId ?? null;
    if (candidate) {
      const c = await chairCheckFor(officeId, k, candidate, convenerPersonId, date);
      if (c.allowed) chair = { personId: candidate, check: c };
    }
    const cutoff = input.materialCutoff ? toIso(input.materialCutoff) : new Date(Date.parse(startsAt) - k.materialCutoffDays * 86_400_000).toISOString();
    const now = iso();
    const row = {
      id: newId(), officeId, kind: input.kind, title: input.title, status: 'planned', startsAt, endsAt, place: input.place, convenerPersonId, proposedByPersonId, extra: extra ? 1 : 0,
      chairPersonId: chair?.personId ?? null, chairVia: chair?.check.via ?? null, chairDelegationId: chair?.check.delegationId ?? null, chairOnBehalfOf: chair?.check.onBehalfOf ?? null,
      materialCutoff: cutoff, note: input.note ?? null, noticeSentAt: null, noticeSequence: 0, heldAt: null, cancelledAt: null, cancelReason: null, postponements: 0,
      createdByName: ctx.actor.displayName, version: 1, createdAt: now, updatedAt: now,
    };
    await db.transaction().execute(async (trx) => {
      await repo.insertMeeting(trx, row);
      await event(trx, row, 'create', ctx);
      await audit.record(trx, ctx, { officeId, action: 'meeting.create', entityType: 'meeting', entityId: row.id, after: { kind: row.kind, title: row.title, startsAt, place: row.place, convenerPersonId, proposedByPersonId, extra, chairPersonId: row.chairPersonId } });
    });
    return getMeeting(ctx.actor, officeId, row.id);
  }

  async function updateMeeting(officeId: string, meetingId: string, version: number, patch: MeetingUpdate, ctx: Ctx) {
    await db.transaction().execute(async (trx) => {
      const m = await meetingOrThrow(trx, officeId, meetingId);
      if (m.version !== version) throw stale('meeting');
      if (!ARRANGEABLE.includes(m.status as MeetingStatus)) throw new AppError('INVALID_STATE_TRANSITION', '会议已召开或已取消，安排不可更改 / a held or cancelled meeting is not rearranged', { status: m.status });
      const endsAt = patch.endsAt === undefined ? undefined : patch.endsAt ? toIso(patch.endsAt) : null;
      if (endsAt && endsAt <= m.startsAt) throw new AppError('VALIDATION_FAILED', '结束时间应晚于开始时间 / the meeting ends before it starts', { field: 'endsAt' });
      const set = { title: patch.title, place: patch.place, endsAt, materialCutoff: patch.materialCutoff === undefined ? undefined : patch.materialCutoff ? toIso(patch.materialCutoff) : null, note: patch.note, updatedAt: iso() };
      if ((await repo.updateMeeting(trx, m.id, version, set)) === 0) throw stale('meeting');
      await audit.record(trx, ctx, { officeId, action: 'meeting.update', entityType: 'meeting', entityId: m.id, before: { title: m.title, place: m.place, endsAt: m.endsAt, materialCutoff: m.materialCutoff, note: m.note }, after: patch });
    });
    return getMeeting(ctx.actor, officeId, meetingId);
  }

  /** A1-8, A2-6: sets the chair; a person without the right on the meeting's date is refused (403) with the rule named. */
  async function setChair(officeId: string, meetingId: string, version: number, personId: string, ctx: Ctx) {
    // Rules and the power check read outside the transaction (SQLite has one connection); the version check below
    // guarantees the meeting did not change in between.
    const pre = await meetingOrThrow(db, officeId, meetingId);
    if (pre.version !== version) throw stale('meeting');
    if (!ARRANGEABLE.includes(pre.status as MeetingStatus)) throw new AppError('INVALID_STATE_TRANSITION', '会议已召开或已取消，主持人不可更改 / the chair of a held or cancelled meeting does not change', { status: pre.status });
    if (!(await repo.findPerson(db, officeId, personId))) throw new AppError('UNPROCESSABLE', '人员不属于本办公室 / person is not in this office', { field: 'personId' });
    const k = await kindRule(officeId, pre.kind as MeetingKind);
    const c = await chairCheckFor(officeId, k, personId, pre.convenerPersonId, dateOf(pre.startsAt));
    if (!c.allowed) throw denied(c)!;
    await db.transaction().execute(async (trx) => {
      const m = await meetingOrThrow(trx, officeId, meetingId);
      if (m.version !== version) throw stale('meeting');
      const set = { chairPersonId: personId, chairVia: c.via, chairDelegationId: c.delegationId, chairOnBehalfOf: c.onBehalfOf, updatedAt: iso() };
      if ((await repo.updateMeeting(trx, m.id, version, set)) === 0) throw stale('meeting');
      await event(trx, m, 'set_chair', ctx, null, { personId, via: c.via, delegationId: c.delegationId });
      await audit.record(trx, ctx, { officeId, action: 'meeting.chair.set', entityType: 'meeting', entityId: m.id, before: { chairPersonId: m.chairPersonId }, after: { chairPersonId: personId, via: c.via, delegationId: c.delegationId, onBehalfOf: c.onBehalfOf } });
    });
    return getMeeting(ctx.actor, officeId, meetingId);
  }

  // ---- notices (in-app, e-mail when configured, ICS) ----
  function icsEvent(m: { id: string; title: string; startsAt: string; endsAt: string | null; place: string }, label: string, extra = ''): IcsEvent {
    const start = new Date(m.startsAt);
    return {
      uid: `meeting-${m.id}@reform-office`,
      summary: `${label}：${m.title}`,
      start,
      end: m.endsAt ? new Date(m.endsAt) : new Date(start.getTime() + 2 * 3_600_000),
      location: m.place,
      description: extra || undefined,
      categories: ['会议'],
    };
  }

  async function noticeRecipients(trx: Tx, m: MeetingRow) {
    const attendees = await repo.listAttendees(trx, m.id);
    const personIds = [...new Set([...attendees.map((a) => a.personId), m.chairPersonId].filter((x): x is string => Boolean(x)))];
    const accounts = await repo.accountsOfPeople(trx, personIds);
    return accounts;
  }

  /**
   * Notifies everyone invited and the chair; the e-mail copy carries the meeting as an ICS file (SEQUENCE = the
   * notice's number, so a calendar replaces the earlier copy; STATUS:CANCELLED when called off).
   */
  async function notifyAll(trx: Tx, m: MeetingRow, kind: string, title: string, body: string, ics: { label: string; sequence: number; cancelled?: boolean }) {
    const recipients = await noticeRecipients(trx, m);
    const event = { ...icsEvent(m, ics.label, body), sequence: ics.sequence, status: ics.cancelled ? ('CANCELLED' as const) : ('CONFIRMED' as const) };
    const attachments = [{ filename: `${m.title}.ics`, content: renderIcs({ name: '审改办工作平台 · 会议', events: [event], now: clock.now() }), contentType: 'text/calendar; charset=utf-8' }];
    const items: NotificationInput[] = recipients.map((r) => ({ accountId: r.accountId, email: r.email, officeId: m.officeId, kind, title, body, link: `/offices/${m.officeId}/meetings/${m.id}`, attachments }));
    return { send: await deps.notifications.notify(trx, items), count: items.length };
  }

  async function noticeBody(m: MeetingRow, k: MeetingKindRule, agenda: AgendaRow[]) {
    const items = agenda.filter((a) => a.status === 'accepted');
    return [
      `${k.rule}：${k.label}`,
      `时间：${formatChinaDateTime(m.startsAt)}${m.endsAt ? ` 至 ${chinaTime(m.endsAt)}` : ''}`,
      `地点：${m.place}`,
      `主持人：${m.chairName ?? '待定'}`,
      items.length ? `议题：\n${items.map((a, i) => `${i + 1}. ${a.title}${a.presenterUnitName ? `（${a.presenterUnitName}汇报）` : ''}`).join('\n')}` : '',
      m.materialCutoff ? `材料报送截止：${formatChinaDateTime(m.materialCutoff)}` : '',
      '请在系统中确认参会或请假（可指定代会人员）；日历文件（ICS）随邮件附送，也可在会议页面下载或通过个人日历订阅获取。',
    ].filter(Boolean).join('\n');
  }

  async function transition(officeId: string, meetingId: string, version: number, action: MeetingAction, ctx: Ctx, extra: { reason?: string; startsAt?: string; endsAt?: string | null } = {}) {
    const sends: Array<() => Promise<void>> = [];
    const pre = await meetingOrThrow(db, officeId, meetingId);
    if (pre.version !== version) throw stale('meeting');
    nextMeetingStatus(pre.status as MeetingStatus, action);
    const k = await kindRule(officeId, pre.kind as MeetingKind);
    const chairCheck = pre.chairPersonId ? await chairCheckFor(officeId, k, pre.chairPersonId, pre.convenerPersonId, dateOf(pre.startsAt)) : null;
    await db.transaction().execute(async (trx) => {
      const m = await meetingOrThrow(trx, officeId, meetingId);
      if (m.version !== version) throw stale('meeting');
      const to = nextMeetingStatus(m.status as MeetingStatus, action);
      const now = iso();
      const set: Parameters<MeetingsRepository['updateMeeting']>[3] = { status: to, updatedAt: now };
      let detail: unknown = null;
      if (action === 'send_notice' || action === 'hold') {
        const agenda = await repo.listAgenda(trx, m.id);
        if (!m.chairPersonId || !chairCheck) throw new AppError('UNPROCESSABLE', `${k.rule}：请先确定主持人 / ${k.rule}: set the chair first`, { rule: k.rule, field: 'chair' });
        if (!chairCheck.allowed) throw new AppError('UNPROCESSABLE', chairCheck.reason, { rule: chairCheck.rule, field: 'chair' });
        if (action === 'send_notice') {
          if (!agenda.some((a) => a.status === 'accepted')) throw new AppError('UNPROCESSABLE', `${k.rule}：请先拟定议题 / ${k.rule}: draft the agenda first`, { rule: k.rule, field: 'agenda' });
          if ((await repo.listAttendees(trx, m.id)).length === 0) throw new AppError('UNPROCESSABLE', '请先确定参会人员 / invite the attendees first', { field: 'attendance' });
          set.noticeSentAt = now;
          set.noticeSequence = m.noticeSequence + 1;
          const n = await notifyAll(trx, m, 'meeting.notice', `会议通知：${m.title}（${formatChinaDateTime(m.startsAt)}）`, await noticeBody(m, k, agenda), { label: k.label, sequence: set.noticeSequence });
          sends.push(n.send);
          detail = { recipients: n.count };
        } else {
          if (today() < dateOf(m.startsAt)) throw new AppError('UNPROCESSABLE', '会议日期未到，不能登记为已召开 / a meeting is held on or after its date', { field: 'startsAt' });
          set.heldAt = now;
        }
      } else if (action === 'cancel') {
        set.cancelledAt = now;
        set.cancelReason = extra.reason ?? null;
        if (m.status === 'notice_sent') sends.push((await notifyAll(trx, m, 'meeting.cancelled', `会议取消：${m.title}`, `原定${formatChinaDateTime(m.startsAt)}在${m.place}召开的会议取消。原因：${extra.reason ?? ''}`, { label: k.label, sequence: m.noticeSequence + 1, cancelled: true })).send);
      } else if (action === 'postpone') {
        const startsAt = toIso(extra.startsAt!);
        const endsAt = extra.endsAt ? toIso(extra.endsAt) : extra.endsAt === null || !m.endsAt ? null : new Date(Date.parse(m.endsAt) + Date.parse(startsAt) - Date.parse(m.startsAt)).toISOString();
        if (startsAt === m.startsAt) throw new AppError('VALIDATION_FAILED', '新时间与原时间相同 / the new time is the old one', { field: 'startsAt' });
        if (endsAt && endsAt <= startsAt) throw new AppError('VALIDATION_FAILED', '结束时间应晚于开始时间 / the meeting ends before it starts', { field: 'endsAt' });
        set.startsAt = startsAt;
        set.endsAt = endsAt;
        set.postponements = m.postponements + 1;
        if (m.materialCutoff) set.materialCutoff = new Date(Date.parse(m.materialCutoff) + Date.parse(startsAt) - Date.parse(m.startsAt)).toISOString();
        detail = { from: m.startsAt, to: startsAt };
        if (m.status === 'notice_sent') {
          set.noticeSequence = m.noticeSequence + 1;
          sends.push((await notifyAll(trx, { ...m, startsAt, endsAt }, 'meeting.postponed', `会议改期：${m.title}`, `会议由${formatChinaDateTime(m.startsAt)}改至${formatChinaDateTime(startsAt)}，地点：${m.place}。原因：${extra.reason ?? ''}`, { label: k.label, sequence: set.noticeSequence })).send);
        }
      }
      if ((await repo.updateMeeting(trx, m.id, version, set)) === 0) throw stale('meeting');
      await event(trx, m, action, ctx, extra.reason ?? null, detail);
      await audit.record(trx, ctx, { officeId, action: `meeting.${action}`, entityType: 'meeting', entityId: m.id, before: { status: m.status, startsAt: m.startsAt }, after: { status: to, reason: extra.reason ?? null, ...(detail && typeof detail === 'object' ? detail : {}) } });
    });
    for (const s of sends) await s();
    return getMeeting(ctx.actor, officeId, meetingId);
  }

  async function inviteIcs(officeId: string, meetingId: string) {
    const m = await meetingOrThrow(db, officeId, meetingId);
    const k = await kindRule(officeId, m.kind as MeetingKind);
    const agenda = await repo.listAgenda(db, m.id);
    return { event: icsEvent(m, k.label, await noticeBody(m, k, agenda)), filename: `${m.title}.ics` };
  }

  /** ICS feed source: the meetings a person is invited to, chairs or convenes (not cancelled). */
  async function meetingsFor(accountId: string): Promise<IcsEvent[]> {
    const personId = await repo.personOfAccount(db, accountId);
    if (!personId) return [];
    const rows = await repo.meetingsOfPerson(db, personId, new Date(clock.now().getTime() - 180 * 86_400_000).toISOString());
    const labels = new Map<string, MeetingRules>();
    const out: IcsEvent[] = [];
    for (const m of rows) {
      if (!labels.has(m.officeId)) labels.set(m.officeId, (await rules(m.officeId)).rules);
      out.push(icsEvent(m, labels.get(m.officeId)!.kinds[m.kind as MeetingKind].label));
    }
    return out;
  }

  async function history(officeId: string, meetingId: string) {
    await meetingOrThrow(db, officeId, meetingId);
    return { items: (await repo.listEvents(db, meetingId)).map((e) => ({ id: e.id, action: e.action, at: e.at, actorName: e.actorName, reason: e.reason, detail: e.detail ? (JSON.parse(e.detail) as unknown) : null })) };
  }

  // ---- agenda (议题) ----
  function assertArrangeable(m: MeetingRow) {
    if (!ARRANGEABLE.includes(m.status as MeetingStatus)) throw new AppError('INVALID_STATE_TRANSITION', '会议已召开或已取消，议题不可更改 / the agenda of a held or cancelled meeting is closed', { status: m.status });
  }
  async function assertUnit(q: Db | Tx, officeId: string, unitId: string | null | undefined, field: string) {
    if (unitId && !(await repo.findUnit(q, officeId, unitId))) throw new AppError('UNPROCESSABLE', '单位不属于本办公室 / unit is not in this office', { field });
  }
  const cutoffPassed = (m: MeetingRow) => Boolean(m.materialCutoff && iso() > m.materialCutoff);

  async function addAgendaItem(officeId: string, meetingId: string, input: { title: string; description?: string | null; presenterUnitId?: string | null }, ctx: Ctx, proposal?: { unitId: string }) {
    const id = newId();
    await db.transaction().execute(async (trx) => {
      const m = await meetingOrThrow(trx, officeId, meetingId);
      assertArrangeable(m);
      const unitId = proposal ? proposal.unitId : (input.presenterUnitId ?? null);
      if (proposal) {
        if (!actorUnits(ctx.actor, officeId).includes(proposal.unitId)) throw new AppError('FORBIDDEN', '只能以本单位名义提出议题 / you propose items for your own unit only', { field: 'unitId' });
        if (cutoffPassed(m)) throw new AppError('UNPROCESSABLE', `议题和材料报送已于${formatChinaDateTime(m.materialCutoff!)}截止 / the cut-off has passed`, { field: 'materialCutoff', cutoff: m.materialCutoff });
      }
      await assertUnit(trx, officeId, unitId, proposal ? 'unitId' : 'presenterUnitId');
      const now = iso();
      const row = {
        id, meetingId, officeId, seq: (await repo.maxAgendaSeq(trx, meetingId)) + 1, title: input.title, description: input.description ?? null, presenterUnitId: unitId,
        status: proposal ? 'proposed' : 'accepted', proposedByUnitId: proposal?.unitId ?? null, proposedByName: proposal ? ctx.actor.displayName : null, rejectReason: null, version: 1, createdAt: now, updatedAt: now,
      };
      await repo.insertAgendaItem(trx, row);
      await audit.record(trx, ctx, { officeId, action: proposal ? 'meeting.agenda.propose' : 'meeting.agenda.add', entityType: 'meeting', entityId: meetingId, after: { itemId: id, title: row.title, presenterUnitId: unitId } });
    });
    return (await presentAgenda(db, [(await repo.findAgendaItem(db, meetingId, id))!]))[0]!;
  }

  async function agendaItemOrThrow(q: Db | Tx, officeId: string, meetingId: string, itemId: string) {
    const m = await meetingOrThrow(q, officeId, meetingId);
    const item = await repo.findAgendaItem(q, meetingId, itemId);
    if (!item) throw notFound('agenda item');
    return { m, item };
  }

  async function changeAgendaItem(officeId: string, meetingId: string, itemId: string, version: number, ctx: Ctx, change: { patch?: { title?: string; description?: string | null; presenterUnitId?: string | null }; status?: 'accepted' | 'rejected'; reason?: string }) {
    await db.transaction().execute(async (trx) => {
      const { m, item } = await agendaItemOrThrow(trx, officeId, meetingId, itemId);
      assertArrangeable(m);
      if (item.version !== version) throw stale('agenda item');
      if (change.status === 'accepted' && item.status === 'accepted') throw new AppError('INVALID_STATE_TRANSITION', '议题已列入 / already on the agenda', { status: item.status });
      if (change.status === 'rejected' && item.status === 'rejected') throw new AppError('INVALID_STATE_TRANSITION', '议题已退回 / already rejected', { status: item.status });
      await assertUnit(trx, officeId, change.patch?.presenterUnitId, 'presenterUnitId');
      const set = { ...(change.patch ?? {}), ...(change.status ? { status: change.status, rejectReason: change.status === 'rejected' ? (change.reason ?? null) : null } : {}), updatedAt: iso() };
      if ((await repo.updateAgendaItem(trx, itemId, version, set)) === 0) throw stale('agenda item');
      await audit.record(trx, ctx, { officeId, action: change.status ? `meeting.agenda.${change.status === 'accepted' ? 'accept' : 'reject'}` : 'meeting.agenda.update', entityType: 'meeting', entityId: meetingId, before: { itemId, title: item.title, status: item.status, presenterUnitId: item.presenterUnitId }, after: { itemId, ...set } });
    });
    return (await presentAgenda(db, [(await repo.findAgendaItem(db, meetingId, itemId))!]))[0]!;
  }

  async function reorderAgenda(officeId: string, meetingId: string, itemIds: string[], ctx: Ctx) {
    await db.transaction().execute(async (trx) => {
      const m = await meetingOrThrow(trx, officeId, meetingId);
      assertArrangeable(m);
      const current = await repo.listAgenda(trx, meetingId);
      const all = new Set(current.map((c) => c.id));
      if (itemIds.length !== all.size || new Set(itemIds).size !== itemIds.length || itemIds.some((i) => !all.has(i)))
        throw new AppError('UNPROCESSABLE', '顺序须列出本会议全部议题各一次 / list every agenda item of the meeting exactly once', { field: 'itemIds' });
      const now = iso();
      for (const [i, id] of itemIds.entries()) await repo.setAgendaSeq(trx, id, i + 1, now);
      await audit.record(trx, ctx, { officeId, action: 'meeting.agenda.reorder', entityType: 'meeting', entityId: meetingId, before: current.map((c) => c.id), after: itemIds });
    });
    return { items: await presentAgenda(db, await repo.listAgenda(db, meetingId)) };
  }

  /** The office may add materials to any item; a member unit to its own items, before the cut-off. */
  async function materialAccess(trx: Tx, officeId: string, meetingId: string, itemId: string, actor: Actor) {
    const { m, item } = await agendaItemOrThrow(trx, officeId, meetingId, itemId);
    assertArrangeable(m);
    if (!isOfficeActor(actor, officeId)) {
      if (!item.presenterUnitId || !actorUnits(actor, officeId).includes(item.presenterUnitId)) throw notFound('agenda item');
      if (cutoffPassed(m)) throw new AppError('UNPROCESSABLE', `材料报送已于${formatChinaDateTime(m.materialCutoff!)}截止 / the cut-off for materials has passed`, { field: 'materialCutoff', cutoff: m.materialCutoff });
    }
    if (item.status === 'rejected') throw new AppError('INVALID_STATE_TRANSITION', '议题已退回 / the item was rejected', { status: item.status });
    return { m, item };
  }

  async function addMaterial(officeId: string, meetingId: string, itemId: string, file: { filename: string; data: Buffer }, ctx: Ctx) {
    const type = sniffFileType(file.data, ['docx', 'pdf', 'xlsx']);
    await db.transaction().execute(async (trx) => {
      await materialAccess(trx, officeId, meetingId, itemId, ctx.actor);
      const id = newId();
      const digest = sm3(file.data);
      const filename = cleanFilename(file.filename);
      await repo.insertFile(trx, { id, officeId, ownerType: MATERIAL_OWNER, ownerId: itemId, filename, mime: MIME[type], size: file.data.length, digest, content: file.data, uploadedByName: ctx.actor.displayName, deletedAt: null, createdAt: iso() });
      await audit.record(trx, ctx, { officeId, action: 'meeting.material.add', entityType: 'meeting', entityId: meetingId, after: { itemId, fileId: id, filename, size: file.data.length, digest } });
    });
    return (await presentAgenda(db, [(await repo.findAgendaItem(db, meetingId, itemId))!]))[0]!;
  }

  async function removeMaterial(officeId: string, meetingId: string, itemId: string, fileId: string, ctx: Ctx) {
    await db.transaction().execute(async (trx) => {
      await materialAccess(trx, officeId, meetingId, itemId, ctx.actor);
      const f = await repo.findFile(trx, MATERIAL_OWNER, itemId, fileId);
      if (!f) throw notFound('material');
      await repo.markFileDeleted(trx, fileId, iso());
      await audit.record(trx, ctx, { officeId, action: 'meeting.material.remove', entityType: 'meeting', entityId: meetingId, before: { itemId, fileId, filename: f.filename, digest: f.digest } });
    });
    return (await presentAgenda(db, [(await repo.findAgendaItem(db, meetingId, itemId))!]))[0]!;
  }

  async function getMaterial(officeId: string, meetingId: string, itemId: string, fileId: string) {
    await agendaItemOrThrow(db, officeId, meetingId, itemId);
    const f = await repo.findFile(db, MATERIAL_OWNER, itemId, fileId);
    if (!f) throw notFound('material');
    return f;
  }

  /** Reminds the liaison officers of presenter units whose material is missing (in-app; e-mail when configured). */
  async function remindMaterials(officeId: string, meetingId: string, ctx: Ctx) {
    const m = await meetingOrThrow(db, officeId, meetingId);
    assertArrangeable(m);
    const agenda = await presentAgenda(db, await repo.listAgenda(db, meetingId));
    const missing = agenda.filter((a) => a.status === 'accepted' && a.presenterUnitId && a.materials.length === 0);
    const liaisons = await repo.liaisonsOf(db, officeId, [...new Set(missing.map((a) => a.presenterUnitId!))], today());
    const accounts = await repo.accountsOfPeople(db, liaisons.map((l) => l.personId));
    const send = await db.transaction().execute(async (trx) => {
      const items: NotificationInput[] = accounts.map((a) => {
        const unitId = liaisons.find((l) => l.personId === a.personId)?.unitId;
        const titles = missing.filter((x) => x.presenterUnitId === unitId).map((x) => `《${x.title}》`).join('、');
        return { accountId: a.accountId, email: a.email, officeId, kind: 'meeting.materials', title: `请报送会议材料：${m.title}`, body: `议题${titles}的汇报材料尚未上传。${m.materialCutoff ? `截止时间：${formatChinaDateTime(m.materialCutoff)}。` : ''}`, link: `/offices/${officeId}/meetings/${meetingId}` };
      });
      const after = await deps.notifications.notify(trx, items);
      await audit.record(trx, ctx, { officeId, action: 'meeting.material.remind', entityType: 'meeting', entityId: meetingId, after: { items: missing.map((x) => x.id), recipients: items.length } });
      return after;
    });
    await send();
    return { reminded: accounts.length, items: missing.length };
  }

  // ---- attendance ----
  const ATTENDANCE_OPEN: readonly MeetingStatus[] = [...ARRANGEABLE, 'held'];
  function assertAttendanceOpen(m: MeetingRow) {
    if (!ATTENDANCE_OPEN.includes(m.status as MeetingStatus)) throw new AppError('INVALID_STATE_TRANSITION', '纪要起草后签到记录不再更改 / attendance is closed once the minutes are drafted', { status: m.status });
  }

  /** A1-8: all leading-group members (or the office, A2-6) are invited, and the units concerned by the topics. */
  async function inviteDefaults(officeId: string, meetingId: string, ctx: Ctx) {
    let added = 0;
    const k = await kindRule(officeId, (await meetingOrThrow(db, officeId, meetingId)).kind as MeetingKind);
    await db.transaction().execute(async (trx) => {
      const m = await meetingOrThrow(trx, officeId, meetingId);
      assertArrangeable(m);
      const date = dateOf(m.startsAt);
      const existing = await repo.listAttendees(trx, meetingId);
      const have = new Set(existing.map((a) => a.personId).filter(Boolean));
      const haveUnits = new Set(existing.map((a) => a.unitId).filter(Boolean));
      let seq = await repo.maxAttendeeSeq(trx, meetingId);
      const now = iso();
      const invite = async (p: { personId: string; name: string; title: string | null; unitId: string | null }) => {
        if (have.has(p.personId)) return;
        have.add(p.personId);
        if (p.unitId) haveUnits.add(p.unitId);
        await repo.insertAttendee(trx, { id: newId(), meetingId, officeId, seq: ++seq, personId: p.personId, name: p.name, unitId: p.unitId, title: p.title, role: 'attendee', response: 'invited', substituteName: null, leaveReason: null, respondedAt: null, signedInAt: null, signedInBy: null, version: 1, createdAt: now, updatedAt: now });
        added++;
      };
      const holders = await repo.holdersOn(trx, officeId, k.attendeePosts, date);
      for (const post of k.attendeePosts) for (const h of holders.filter((x) => x.post === post)) await invite(h);
      if (k.unitsConcerned) {
        const units = [...new Set((await repo.listAgenda(trx, meetingId)).filter((a) => a.status === 'accepted' && a.presenterUnitId).map((a) => a.presenterUnitId!))].filter((u) => !haveUnits.has(u));
        const liaisons = await repo.liaisonsOf(trx, officeId, units, date);
        for (const u of units) {
          const l = liaisons.find((x) => x.unitId === u);
          const p = l ? await repo.findPerson(trx, officeId, l.personId) : undefined;
          if (p) await invite({ personId: p.id, name: p.name, title: p.title, unitId: u });
        }
      }
      await audit.record(trx, ctx, { officeId, action: 'meeting.attendance.invite_defaults', entityType: 'meeting', entityId: meetingId, after: { added, posts: k.attendeePosts } });
    });
    return { added, items: (await repo.listAttendees(db, meetingId)).map(presentAttendee) };
  }

  async function addAttendee(officeId: string, meetingId: string, input: { personId?: string | null; name?: string; unitId?: string | null; title?: string | null; role: 'attendee' | 'observer' }, ctx: Ctx) {
    const id = newId();
    await db.transaction().execute(async (trx) => {
      const m = await meetingOrThrow(trx, officeId, meetingId);
      assertAttendanceOpen(m);
      let name = input.name ?? null;
      let unitId = input.unitId ?? null;
      let title = input.title ?? null;
      if (input.personId) {
        const p = await repo.findPerson(trx, officeId, input.personId);
        if (!p) throw new AppError('UNPROCESSABLE', '人员不属于本办公室 / person is not in this office', { field: 'personId' });
        if (await repo.findAttendeeByPerson(trx, meetingId, p.id)) throw new AppError('CONFLICT', '此人已在参会名单中 / already invited', { field: 'personId' });
        name = p.name;
        unitId = input.unitId ?? p.unitId;
        title = input.title ?? p.title;
      }
      if (!name) throw new AppError('VALIDATION_FAILED', '请选择人员或填写姓名 / a person or a name is required', { field: 'personId' });
      await assertUnit(trx, officeId, unitId, 'unitId');
      const now = iso();
      await repo.insertAttendee(trx, { id, meetingId, officeId, seq: (await repo.maxAttendeeSeq(trx, meetingId)) + 1, personId: input.personId ?? null, name, unitId, title, role: input.role, response: 'invited', substituteName: null, leaveReason: null, respondedAt: null, signedInAt: null, signedInBy: null, version: 1, createdAt: now, updatedAt: now });
      await audit.record(trx, ctx, { officeId, action: 'meeting.attendance.add', entityType: 'meeting', entityId: meetingId, after: { attendeeId: id, personId: input.personId ?? null, name, role: input.role } });
    });
    return presentAttendee((await repo.findAttendee(db, meetingId, id))!);
  }

  function responsePatch(input: { response?: AttendeeResponse; substituteName?: string | null; leaveReason?: string | null }, current: AttendeeRow) {
    const response = input.response ?? (current.response as AttendeeResponse);
    const substituteName = input.substituteName !== undefined ? input.substituteName : current.substituteName;
    const leaveReason = input.leaveReason !== undefined ? input.leaveReason : current.leaveReason;
    if (response === 'substitute' && !substituteName?.trim()) throw new AppError('VALIDATION_FAILED', '请填写代会人员姓名 / name the substitute', { field: 'substituteName' });
    if (response === 'on_leave' && !leaveReason?.trim()) throw new AppError('VALIDATION_FAILED', '请填写请假事由 / give the reason for leave', { field: 'leaveReason' });
    return { response, substituteName: response === 'substitute' ? substituteName : null, leaveReason: response === 'on_leave' ? leaveReason : null };
  }

  async function updateAttendee(officeId: string, meetingId: string, attendeeId: string, version: number, input: { role?: 'attendee' | 'observer'; response?: AttendeeResponse; substituteName?: string | null; leaveReason?: string | null }, ctx: Ctx) {
    await db.transaction().execute(async (trx) => {
      const m = await meetingOrThrow(trx, officeId, meetingId);
      assertAttendanceOpen(m);
      const a = await repo.findAttendee(trx, meetingId, attendeeId);
      if (!a) throw notFound('attendee');
      if (a.version !== version) throw stale('attendee');
      const set = { ...responsePatch(input, a), role: input.role, respondedAt: input.response ? iso() : a.respondedAt, updatedAt: iso() };
      if ((await repo.updateAttendee(trx, a.id, version, set)) === 0) throw stale('attendee');
      await audit.record(trx, ctx, { officeId, action: 'meeting.attendance.update', entityType: 'meeting', entityId: meetingId, before: presentAttendee(a), after: { attendeeId, ...set } });
    });
    return presentAttendee((await repo.findAttendee(db, meetingId, attendeeId))!);
  }

  async function removeAttendee(officeId: string, meetingId: string, attendeeId: string, ctx: Ctx) {
    await db.transaction().execute(async (trx) => {
      const m = await meetingOrThrow(trx, officeId, meetingId);
      assertArrangeable(m);
      const a = await repo.findAttendee(trx, meetingId, attendeeId);
      if (!a) throw notFound('attendee');
      if (a.signedInAt) throw new AppError('CONFLICT', '已签到人员不能移除 / a signed-in attendee stays on the record', { field: 'attendeeId' });
      await repo.deleteAttendee(trx, a.id);
      await audit.record(trx, ctx, { officeId, action: 'meeting.attendance.remove', entityType: 'meeting', entityId: meetingId, before: presentAttendee(a) });
    });
    return { ok: true as const };
  }

  /** The invitee answers: confirmed, a named substitute, or leave with a reason. */
  async function respond(officeId: string, meetingId: string, input: { response: 'confirmed' | 'substitute' | 'on_leave'; substituteName?: string | null; leaveReason?: string | null }, ctx: Ctx) {
    let id = '';
    await db.transaction().execute(async (trx) => {
      const m = await meetingOrThrow(trx, officeId, meetingId);
      const a = ctx.actor.personId ? await repo.findAttendeeByPerson(trx, meetingId, ctx.actor.personId) : undefined;
      if (!a) throw notFound('invitation');
      assertArrangeable(m);
      const set = { ...responsePatch(input, a), respondedAt: iso(), updatedAt: iso() };
      if ((await repo.updateAttendee(trx, a.id, a.version, set)) === 0) throw stale('attendee');
      id = a.id;
      await audit.record(trx, ctx, { officeId, action: 'meeting.attendance.respond', entityType: 'meeting', entityId: meetingId, after: { attendeeId: a.id, ...set } });
    });
    return presentAttendee((await repo.findAttendee(db, meetingId, id))!);
  }

  /** Sign-in (签到): the invitee on the day from 2 hours before the start (also from a phone), or the office for anyone. */
  async function signIn(officeId: string, meetingId: string, ctx: Ctx, attendeeId?: string) {
    let id = '';
    await db.transaction().execute(async (trx) => {
      const m = await meetingOrThrow(trx, officeId, meetingId);
      const self = attendeeId === undefined;
      const a = self ? (ctx.actor.personId ? await repo.findAttendeeByPerson(trx, meetingId, ctx.actor.personId) : undefined) : await repo.findAttendee(trx, meetingId, attendeeId);
      if (!a) throw notFound(self ? 'invitation' : 'attendee');
      id = a.id;
      if (!SIGN_IN_OPEN.includes(m.status as MeetingStatus)) throw new AppError('INVALID_STATE_TRANSITION', '当前不在签到时段 / sign-in is not open', { status: m.status });
      if (self) {
        const now = clock.now().getTime();
        const opens = Date.parse(m.startsAt) - 2 * 3_600_000;
        const closes = m.endsAt ? Date.parse(m.endsAt) + 2 * 3_600_000 : Date.parse(m.startsAt) + 12 * 3_600_000;
        if (now < opens || now > closes) throw new AppError('UNPROCESSABLE', `签到时间为会前2小时至会后 / sign-in opens 2 hours before the meeting`, { opensAt: new Date(opens).toISOString(), closesAt: new Date(closes).toISOString() });
      }
      if (a.signedInAt) return; // a second tap changes nothing
      // The invitee signing in himself came in person; the office signs in whoever came (the substitute, if named).
      const response = self && a.response !== 'confirmed' ? 'confirmed' : a.response === 'on_leave' || a.response === 'invited' ? 'confirmed' : a.response;
      const set = { signedInAt: iso(), signedInBy: self ? 'self' : 'office', response, leaveReason: response === 'on_leave' ? a.leaveReason : null, substituteName: response === 'substitute' ? a.substituteName : null, updatedAt: iso() };
      if ((await repo.updateAttendee(trx, a.id, a.version, set)) === 0) throw stale('attendee');
      await audit.record(trx, ctx, { officeId, action: 'meeting.attendance.sign_in', entityType: 'meeting', entityId: meetingId, after: { attendeeId: a.id, by: set.signedInBy, substituteName: set.substituteName } });
    });
    return presentAttendee((await repo.findAttendee(db, meetingId, id))!);
  }

  // ---- minutes (会议记录 / 纪要) ----
  function attendanceOf(rows: AttendeeRow[]): MinutesAttendance {
    const person = (a: AttendeeRow) => ({ name: a.name, unitName: a.unitName, title: a.title });
    return {
      present: rows.filter((a) => a.role === 'attendee' && a.signedInAt).map((a) => (a.response === 'substitute' && a.substituteName ? { ...person(a), name: a.substituteName, substituteFor: a.name } : person(a))),
      onLeave: rows.filter((a) => a.role === 'attendee' && !a.signedInAt && a.response === 'on_leave').map((a) => ({ ...person(a), reason: a.leaveReason })),
      observers: rows.filter((a) => a.role === 'observer' && a.signedInAt).map(person),
      absent: rows.filter((a) => a.role === 'attendee' && !a.signedInAt && a.response !== 'on_leave').map(person),
    };
  }

  const isChairOf = (actor: Actor, mn: { chairPersonId: string | null }) => Boolean(actor.personId && mn.chairPersonId === actor.personId);
  /** Drafts are the office's and the chair's; everyone with meeting.read sees archived minutes. */
  async function visibleMinutes(actor: Actor, officeId: string, minutesId: string) {
    const mn = await repo.findMinutes(db, officeId, minutesId);
    if (!mn || (mn.status !== 'archived' && !isOfficeActor(actor, officeId) && !isChairOf(actor, mn))) throw notFound('minutes');
    return mn;
  }

  function minutesAbilities(actor: Actor, mn: MinutesRow): string[] {
    const office = isOfficeActor(actor, mn.officeId);
    const out: string[] = [];
    if (office && mn.status === 'draft') out.push('edit');
    if (isChairOf(actor, mn) && mn.status === 'draft') out.push('review', 'return');
    if (office && mn.status === 'reviewed') out.push('archive', 'reopen');
    if (office && mn.status === 'archived') out.push('correct', 'hand_off_decisions');
    return out;
  }

  async function decisionNumbers(q: Db | Tx, minutesId: string) {
    const ds = await repo.listDecisions(q, minutesId);
    return new Map(ds.map((d, i) => [d.id, i + 1]));
  }

  async function presentMinutes(actor: Actor, mn: MinutesRow): Promise<Minutes> {
    const [topics, points, decisions, corrections, archive] = await Promise.all([
      repo.listTopics(db, mn.id), repo.listPoints(db, mn.id), repo.listDecisions(db, mn.id), repo.listCorrections(db, mn.id), repo.findArchive(db, mn.id),
    ]);
    const followUps = await repo.listFollowUps(db, decisions.map((d) => d.id));
    const t = today();
    const numbers = new Map(decisions.map((d, i) => [d.id, i + 1]));
    const presentDecision = (d: (typeof decisions)[number]): Decision => {
      const f = followUps.find((x) => x.decisionId === d.id);
      return {
        id: d.id, seq: d.seq, number: numbers.get(d.id)!, text: d.text, ownerUnitId: d.ownerUnitId, ownerUnitName: d.ownerUnitName, deadline: d.deadline, supersedesDecisionId: d.supersedesDecisionId,
        followUp: f ? { status: f.status as FollowUpStatus, taskId: f.taskId, handedOffAt: f.handedOffAt, handedOffByName: f.handedOffByName, doneOn: f.doneOn, note: f.note } : null,
        overdueDays: mn.status === 'archived' ? decisionOverdueDays({ deadline: d.deadline, today: t, done: f?.status === 'done' }) : null,
      };
    };
    return {
      id: mn.id, meetingId: mn.meetingId, officeId: mn.officeId, kind: mn.kind as Minutes['kind'], correctsMinutesId: mn.correctsMinutesId, status: mn.status as MinutesStatus,
      title: mn.title, year: mn.year, number: mn.number, numberLabel: mn.number ? `第${mn.number}期` : null, meetingTitle: mn.meetingTitle, meetingKind: mn.meetingKind as MeetingKind,
      startsAt: mn.startsAt, endsAt: mn.endsAt, place: mn.place, chairPersonId: mn.chairPersonId, chairName: mn.chairName, recorderName: mn.recorderName, opening: mn.opening,
      attendance: JSON.parse(mn.attendance) as MinutesAttendance,
      topics: topics.map((tp) => ({
        id: tp.id, seq: tp.seq, agendaItemId: tp.agendaItemId, title: tp.title, presenterUnitName: tp.presenterUnitName, summary: tp.summary,
        speakerPoints: points.filter((p) => p.topicId === tp.id).map((p) => ({ id: p.id, seq: p.seq, speakerName: p.speakerName, speakerPersonId: p.speakerPersonId, unitName: p.unitName, points: p.points })),
        decisions: decisions.filter((d) => d.topicId === tp.id).map(presentDecision),
      })),
      correctionReason: mn.correctionReason, reviewedAt: mn.reviewedAt, reviewedByName: mn.reviewedByName, returnReason: mn.returnReason,
      archivedAt: mn.archivedAt, archivedByName: mn.archivedByName, digest: archive?.digest ?? null,
      corrections: corrections.map((c) => ({ id: c.id, status: c.status as MinutesStatus, correctionReason: c.correctionReason, createdAt: c.createdAt, archivedAt: c.archivedAt })),
      version: mn.version,
      abilities: minutesAbilities(actor, mn),
    };
  }

  const getMinutes = async (actor: Actor, officeId: string, minutesId: string) => presentMinutes(actor, await visibleMinutes(actor, officeId, minutesId));
  async function getMeetingMinutes(actor: Actor, officeId: string, meetingId: string) {
    await meetingOrThrow(db, officeId, meetingId);
    const mn = await repo.findOriginalMinutes(db, meetingId);
    if (!mn) throw notFound('minutes');
    return getMinutes(actor, officeId, mn.id);
  }

  /** Minutes start as a copy of the agenda (not a live link): one topic per accepted item, with time, place, chair and attendance. */
  async function draftMinutes(officeId: string, meetingId: string, ctx: Ctx) {
    const id = newId();
    const k = await kindRule(officeId, (await meetingOrThrow(db, officeId, meetingId)).kind as MeetingKind);
    await db.transaction().execute(async (trx) => {
      const m = await meetingOrThrow(trx, officeId, meetingId);
      const to = nextMeetingStatus(m.status as MeetingStatus, 'draft_minutes');
      const office = (await repo.findOffice(trx, officeId))!;
      const agenda = (await repo.listAgenda(trx, meetingId)).filter((a) => a.status === 'accepted');
      const attendance = attendanceOf(await repo.listAttendees(trx, meetingId));
      const date = dateOf(m.startsAt);
      const now = iso();
      const opening = `${formatChineseDate(date)}，${m.chairName ?? ''}在${m.place}主持召开${m.title}${agenda.length ? `，研究${agenda.map((a) => a.title).join('、')}等事项` : ''}。现将会议议定事项纪要如下：`;
      await repo.insertMinutes(trx, {
        id, meetingId, officeId, kind: 'original', correctsMinutesId: null, status: 'draft', series: minutesSeries(m.kind as MeetingKind), year: Number(date.slice(0, 4)), number: null,
        title: minutesTitle({ officeShortName: office.shortName, kind: k }), meetingTitle: m.title, meetingKind: m.kind, startsAt: m.startsAt, endsAt: m.endsAt, place: m.place,
        chairPersonId: m.chairPersonId, chairName: m.chairName, recorderName: ctx.actor.displayName, opening, attendance: JSON.stringify(attendance), correctionReason: null,
        reviewedAt: null, reviewedByName: null, returnReason: null, archivedAt: null, archivedByName: null, version: 1, createdAt: now, updatedAt: now,
      });
      const topics = agenda.map((a, i) => ({ id: newId(), minutesId: id, seq: i + 1, agendaItemId: a.id, title: a.title, presenterUnitName: a.presenterUnitName, summary: a.description ?? '' }));
      await repo.replaceContent(trx, id, topics, [], []);
      if ((await repo.updateMeeting(trx, m.id, m.version, { status: to, updatedAt: now })) === 0) throw stale('meeting');
      await event(trx, m, 'draft_minutes', ctx);
      await audit.record(trx, ctx, { officeId, action: 'minutes.draft', entityType: 'minutes', entityId: id, after: { meetingId, topics: topics.length, present: attendance.present.length } });
    });
    return getMinutes(ctx.actor, officeId, id);
  }

  async function minutesOrThrow(q: Db | Tx, officeId: string, minutesId: string) {
    const mn = await repo.findMinutes(q, officeId, minutesId);
    if (!mn) throw notFound('minutes');
    return mn;
  }

  /** The office (secretary) edits a draft: time, place, topics with each speaker's points and the decisions. */
  async function updateMinutes(officeId: string, minutesId: string, version: number, input: MinutesUpdate, ctx: Ctx) {
    await db.transaction().execute(async (trx) => {
      const mn = await minutesOrThrow(trx, officeId, minutesId);
      assertMinutesEditable(mn.status as MinutesStatus);
      if (mn.version !== version) throw stale('minutes');
      const startsAt = toIso(input.startsAt);
      const endsAt = input.endsAt ? toIso(input.endsAt) : null;
      if (endsAt && endsAt <= startsAt) throw new AppError('VALIDATION_FAILED', '结束时间应晚于开始时间 / ends before it starts', { field: 'endsAt' });
      const oldDecisions = new Set((await repo.listDecisions(trx, minutesId)).map((d) => d.id));
      const oldTopics = new Set((await repo.listTopics(trx, minutesId)).map((t) => t.id));
      const correctable = mn.correctsMinutesId ? new Set((await repo.listDecisions(trx, mn.correctsMinutesId)).map((d) => d.id)) : new Set<string>();
      const units = new Map<string, string>();
      const topics = [];
      const points = [];
      const decisions = [];
      const used = new Set<string>();
      const keep = (id: string | undefined, old: Set<string>) => (id && old.has(id) && !used.has(id) ? (used.add(id), id) : newId());
      for (const [ti, t] of input.topics.entries()) {
        const topicId = keep(t.id, oldTopics);
        topics.push({ id: topicId, minutesId, seq: ti + 1, agendaItemId: t.agendaItemId ?? null, title: t.title, presenterUnitName: t.presenterUnitName ?? null, summary: t.summary });
        for (const [pi, p] of t.speakerPoints.entries())
          points.push({ id: newId(), minutesId, topicId, seq: pi + 1, speakerName: p.speakerName, speakerPersonId: p.speakerPersonId ?? null, unitName: p.unitName ?? null, points: p.points });
        for (const [di, d] of t.decisions.entries()) {
          if (!units.has(d.ownerUnitId)) {
            const u = await repo.findUnit(trx, officeId, d.ownerUnitId);
            if (!u) throw new AppError('UNPROCESSABLE', '责任单位不属于本办公室 / the owner unit is not in this office', { field: `topics.${ti}.decisions.${di}.ownerUnitId` });
            units.set(u.id, u.name);
          }
          if (d.supersedesDecisionId && !correctable.has(d.supersedesDecisionId))
            throw new AppError('UNPROCESSABLE', '只有勘误记录可以更正原纪要中的决定 / only a correction replaces a decision of the minutes it corrects', { field: `topics.${ti}.decisions.${di}.supersedesDecisionId` });
          decisions.push({ id: keep(d.id, oldDecisions), minutesId, topicId, seq: di + 1, text: d.text, ownerUnitId: d.ownerUnitId, ownerUnitName: units.get(d.ownerUnitId)!, deadline: d.deadline, supersedesDecisionId: d.supersedesDecisionId ?? null });
        }
      }
      await repo.replaceContent(trx, minutesId, topics, points, decisions);
      const attendance = mn.kind === 'original' ? JSON.stringify(attendanceOf(await repo.listAttendees(trx, mn.meetingId))) : mn.attendance;
      const set = { startsAt, endsAt, place: input.place, recorderName: input.recorderName ?? null, opening: input.opening, attendance, updatedAt: iso() };
      if ((await repo.updateMinutes(trx, minutesId, version, set)) === 0) throw stale('minutes');
      await audit.record(trx, ctx, {
        officeId, action: 'minutes.update', entityType: 'minutes', entityId: minutesId,
        before: { startsAt: mn.startsAt, place: mn.place, topics: oldTopics.size, decisions: oldDecisions.size },
        after: { startsAt, place: input.place, topics: topics.length, speakerPoints: points.length, decisions: decisions.length },
      });
    });
    return getMinutes(ctx.actor, officeId, minutesId);
  }

  /** A1-8: the chair reviews the minutes of the meeting he chaired (and of its corrections). */
  async function reviewMinutes(officeId: string, minutesId: string, version: number, ctx: Ctx) {
    const k = await kindRule(officeId, (await minutesOrThrow(db, officeId, minutesId)).meetingKind as MeetingKind);
    await db.transaction().execute(async (trx) => {
      const mn = await minutesOrThrow(trx, officeId, minutesId);
      if (!isChairOf(ctx.actor, mn)) throw new AppError('FORBIDDEN', `${k.rule}：纪要由会议主持人审核 / ${k.rule}: minutes are reviewed by the meeting's chair`, { rule: k.rule });
      if (mn.version !== version) throw stale('minutes');
      const to = nextMinutesStatus(mn.status as MinutesStatus, 'review');
      if (mn.kind === 'original' && (await repo.listTopics(trx, minutesId)).length === 0) throw new AppError('UNPROCESSABLE', '纪要至少记录一项议题 / minutes record at least one topic', { field: 'topics' });
      const now = iso();
      // The attendance reviewed is the attendance archived.
      const attendance = mn.kind === 'original' ? JSON.stringify(attendanceOf(await repo.listAttendees(trx, mn.meetingId))) : mn.attendance;
      if ((await repo.updateMinutes(trx, minutesId, version, { status: to, reviewedAt: now, reviewedByName: ctx.actor.displayName, returnReason: null, attendance, updatedAt: now })) === 0) throw stale('minutes');
      if (mn.kind === 'original') await moveMeeting(trx, mn.meetingId, officeId, 'review_minutes', ctx);
      await audit.record(trx, ctx, { officeId, action: 'minutes.review', entityType: 'minutes', entityId: minutesId, before: { status: mn.status }, after: { status: to } });
    });
    return getMinutes(ctx.actor, officeId, minutesId);
  }

  /** A1-8: the chair sends the draft back to the office with what to change (it stays a draft; the reason shows on it). */
  async function returnMinutes(officeId: string, minutesId: string, version: number, reason: string, ctx: Ctx) {
    const k = await kindRule(officeId, (await minutesOrThrow(db, officeId, minutesId)).meetingKind as MeetingKind);
    await db.transaction().execute(async (trx) => {
      const mn = await minutesOrThrow(trx, officeId, minutesId);
      if (!isChairOf(ctx.actor, mn)) throw new AppError('FORBIDDEN', `${k.rule}：纪要由会议主持人审核 / ${k.rule}: minutes are reviewed by the meeting's chair`, { rule: k.rule });
      if (mn.version !== version) throw stale('minutes');
      assertMinutesEditable(mn.status as MinutesStatus);
      if ((await repo.updateMinutes(trx, minutesId, version, { returnReason: reason, updatedAt: iso() })) === 0) throw stale('minutes');
      await audit.record(trx, ctx, { officeId, action: 'minutes.return', entityType: 'minutes', entityId: minutesId, before: { status: mn.status, returnReason: mn.returnReason }, after: { status: mn.status, returnReason: reason } });
    });
    return getMinutes(ctx.actor, officeId, minutesId);
  }

  async function moveMeeting(trx: Tx, meetingId: string, officeId: string, action: MeetingAction, ctx: RequestContext) {
    const m = await meetingOrThrow(trx, officeId, meetingId);
    const to = nextMeetingStatus(m.status as MeetingStatus, action);
    if ((await repo.updateMeeting(trx, m.id, m.version, { status: to, updatedAt: iso() })) === 0) throw stale('meeting');
    await event(trx, m, action, ctx);
  }

  async function reopenMinutes(officeId: string, minutesId: string, version: number, reason: string, ctx: Ctx) {
    await db.transaction().execute(async (trx) => {
      const mn = await minutesOrThrow(trx, officeId, minutesId);
      if (mn.version !== version) throw stale('minutes');
      const to = nextMinutesStatus(mn.status as MinutesStatus, 'reopen');
      if ((await repo.updateMinutes(trx, minutesId, version, { status: to, returnReason: reason, reviewedAt: null, reviewedByName: null, updatedAt: iso() })) === 0) throw stale('minutes');
      if (mn.kind === 'original') await moveMeeting(trx, mn.meetingId, officeId, 'reopen_minutes', ctx);
      await audit.record(trx, ctx, { officeId, action: 'minutes.reopen', entityType: 'minutes', entityId: minutesId, before: { status: mn.status }, after: { status: to, reason } });
    });
    return getMinutes(ctx.actor, officeId, minutesId);
  }

  async function canonicalInput(q: Db | Tx, mn: MinutesRow): Promise<{ input: CanonicalMinutesInput; files: Array<{ id: string; digest: string; content: Buffer | null; filename: string }> }> {
    const [topics, points, decisions] = await Promise.all([repo.listTopics(q, mn.id), repo.listPoints(q, mn.id), repo.listDecisions(q, mn.id)]);
    const own = await repo.listFilesWithContent(q, MINUTES_OWNER, [mn.id]);
    const materials = mn.kind === 'original' ? await repo.listFilesWithContent(q, MATERIAL_OWNER, (await repo.listAgenda(q, mn.meetingId)).filter((a) => a.status === 'accepted').map((a) => a.id)) : [];
    const files = [...own, ...materials];
    return {
      input: {
        minutes: {
          id: mn.id, meetingId: mn.meetingId, officeId: mn.officeId, kind: mn.kind, correctsMinutesId: mn.correctsMinutesId, status: mn.status, series: mn.series, year: mn.year, number: mn.number,
          title: mn.title, meetingTitle: mn.meetingTitle, meetingKind: mn.meetingKind, startsAt: mn.startsAt, endsAt: mn.endsAt, place: mn.place, chairPersonId: mn.chairPersonId, chairName: mn.chairName,
          recorderName: mn.recorderName, opening: mn.opening, attendance: mn.attendance, correctionReason: mn.correctionReason, reviewedAt: mn.reviewedAt, reviewedByName: mn.reviewedByName,
          archivedAt: mn.archivedAt, archivedByName: mn.archivedByName,
        },
        topics: topics.map((t) => ({ id: t.id, seq: t.seq, agendaItemId: t.agendaItemId, title: t.title, presenterUnitName: t.presenterUnitName, summary: t.summary })),
        points: points.map((p) => ({ id: p.id, topicId: p.topicId, seq: p.seq, speakerName: p.speakerName, speakerPersonId: p.speakerPersonId, unitName: p.unitName, points: p.points })),
        decisions: decisions.map((d) => ({ id: d.id, topicId: d.topicId, seq: d.seq, text: d.text, ownerUnitId: d.ownerUnitId, ownerUnitName: d.ownerUnitName, deadline: d.deadline, supersedesDecisionId: d.supersedesDecisionId })),
        attachments: files.map((f) => ({ id: f.id, ownerType: f.ownerType, ownerId: f.ownerId, filename: f.filename, mime: f.mime, size: f.size, digest: f.digest })),
      },
      files: files.map((f) => ({ id: f.id, digest: f.digest, content: f.content, filename: f.filename })),
    };
  }

  /**
   * 存档备查: numbers the minutes (第N期, per office, series and year), freezes them and records the SM3 digest of their
   * canonical JSON (which lists every attachment's digest). After this the database refuses any change.
   */
  async function archiveMinutes(officeId: string, minutesId: string, version: number, ctx: Ctx) {
    await db.transaction().execute(async (trx) => {
      await lockResource(trx, deps.dialect, MINUTES_NUMBER_LOCK_KEY);
      const mn = await minutesOrThrow(trx, officeId, minutesId);
      if (mn.version !== version) throw stale('minutes');
      const to = nextMinutesStatus(mn.status as MinutesStatus, 'archive');
      const now = iso();
      const number = mn.kind === 'original' ? await repo.nextMinutesNumber(trx, officeId, mn.series, mn.year) : null;
      // Files re-hashed now: what is archived is what the bytes are.
      const pre = await canonicalInput(trx, { ...mn, status: to, number, archivedAt: now, archivedByName: ctx.actor.displayName });
      for (const f of pre.files) if (f.content && sm3(f.content) !== f.digest) throw new AppError('CONFLICT', `附件《${f.filename}》内容与登记摘要不符 / attachment ${f.filename} does not match its digest`, { fileId: f.id });
      const canonical = canonicalMinutes(pre.input);
      const digest = sm3(canonical);
      if ((await repo.updateMinutes(trx, minutesId, version, { status: to, number, archivedAt: now, archivedByName: ctx.actor.displayName, updatedAt: now })) === 0) throw stale('minutes');
      await repo.insertArchive(trx, { minutesId, officeId, digest, canonical, archivedAt: now, archivedByName: ctx.actor.displayName });
      if (mn.kind === 'original') await moveMeeting(trx, mn.meetingId, officeId, 'archive_minutes', ctx);
      await audit.record(trx, ctx, { officeId, action: 'minutes.archive', entityType: 'minutes', entityId: minutesId, before: { status: mn.status }, after: { status: to, number, digest, attachments: pre.files.length } });
    });
    return getMinutes(ctx.actor, officeId, minutesId);
  }

  /** Recomputes the digest from the stored rows and files and compares it with the archive entry (API and CLI). */
  async function verifyMinutes(minutesId: string, officeId?: string): Promise<MinutesVerify> {
    const mn = officeId ? await repo.findMinutes(db, officeId, minutesId) : await repo.findMinutesAnyOffice(db, minutesId);
    if (!mn) throw notFound('minutes');
    const archive = await repo.findArchive(db, minutesId);
    if (!archive) throw new AppError('INVALID_STATE_TRANSITION', '纪要尚未存档 / the minutes are not archived', { status: mn.status });
    const problems: MinutesVerify['problems'] = [];
    const { input, files } = await canonicalInput(db, mn);
    const computedDigest = sm3(canonicalMinutes(input));
    if (sm3(archive.canonical) !== archive.digest) problems.push({ kind: 'archive_entry_altered', detail: '存档条目的规范文本与其摘要不符 / the archive entry\'s canonical text does not match its digest' });
    if (computedDigest !== archive.digest) problems.push({ kind: 'content_changed', detail: '纪要内容与存档摘要不符 / the minutes as stored no longer match the archived digest' });
    for (const f of files) if (f.content && sm3(f.content) !== f.digest) problems.push({ kind: 'attachment_changed', detail: `附件《${f.filename}》(${f.id}) 内容已变化 / attachment content changed` });
    const archived = (JSON.parse(archive.canonical) as { attachments?: Array<{ id: string; filename: string }> }).attachments ?? [];
    for (const a of archived) if (!files.some((f) => f.id === a.id)) problems.push({ kind: 'attachment_missing', detail: `附件《${a.filename}》(${a.id}) 已不存在 / attachment missing` });
    return { minutesId, ok: problems.length === 0, digest: archive.digest, computedDigest, archivedAt: archive.archivedAt, attachments: archived.length, problems };
  }

  /** 勘误: a new record linked to the archived minutes, never an edit. It is reviewed by the chair and archived in turn. */
  async function createCorrection(officeId: string, minutesId: string, reason: string, ctx: Ctx) {
    const id = newId();
    await db.transaction().execute(async (trx) => {
      const mn = await minutesOrThrow(trx, officeId, minutesId);
      if (mn.status !== 'archived') throw new AppError('INVALID_STATE_TRANSITION', '未存档的纪要直接修改即可 / minutes not yet archived are edited, not corrected', { status: mn.status });
      const now = iso();
      await repo.insertMinutes(trx, {
        id, meetingId: mn.meetingId, officeId, kind: 'correction', correctsMinutesId: mn.id, status: 'draft', series: mn.series, year: mn.year, number: null, title: mn.title,
        meetingTitle: mn.meetingTitle, meetingKind: mn.meetingKind, startsAt: mn.startsAt, endsAt: mn.endsAt, place: mn.place, chairPersonId: mn.chairPersonId, chairName: mn.chairName,
        recorderName: ctx.actor.displayName, opening: `关于《${mn.title}》（${mn.number ? `第${mn.number}期` : ''}）的勘误：`, attendance: mn.attendance, correctionReason: reason,
        reviewedAt: null, reviewedByName: null, returnReason: null, archivedAt: null, archivedByName: null, version: 1, createdAt: now, updatedAt: now,
      });
      await audit.record(trx, ctx, { officeId, action: 'minutes.correction.create', entityType: 'minutes', entityId: id, after: { corrects: mn.id, reason } });
    });
    return getMinutes(ctx.actor, officeId, id);
  }

  async function addMinutesAttachment(officeId: string, minutesId: string, file: { filename: string; data: Buffer }, ctx: Ctx) {
    const type = sniffFileType(file.data, ['docx', 'pdf', 'xlsx']);
    await db.transaction().execute(async (trx) => {
      const mn = await minutesOrThrow(trx, officeId, minutesId);
      assertMinutesEditable(mn.status as MinutesStatus);
      const id = newId();
      const digest = sm3(file.data);
      const filename = cleanFilename(file.filename);
      await repo.insertFile(trx, { id, officeId, ownerType: MINUTES_OWNER, ownerId: minutesId, filename, mime: MIME[type], size: file.data.length, digest, content: file.data, uploadedByName: ctx.actor.displayName, deletedAt: null, createdAt: iso() });
      await audit.record(trx, ctx, { officeId, action: 'minutes.attachment.add', entityType: 'minutes', entityId: minutesId, after: { fileId: id, filename, size: file.data.length, digest } });
    });
    return { items: await repo.listFiles(db, MINUTES_OWNER, [minutesId]) };
  }

  async function removeMinutesAttachment(officeId: string, minutesId: string, fileId: string, ctx: Ctx) {
    await db.transaction().execute(async (trx) => {
      const mn = await minutesOrThrow(trx, officeId, minutesId);
      assertMinutesEditable(mn.status as MinutesStatus);
      const f = await repo.findFile(trx, MINUTES_OWNER, minutesId, fileId);
      if (!f) throw notFound('attachment');
      await repo.markFileDeleted(trx, fileId, iso());
      await audit.record(trx, ctx, { officeId, action: 'minutes.attachment.remove', entityType: 'minutes', entityId: minutesId, before: { fileId, filename: f.filename, digest: f.digest } });
    });
    return { items: await repo.listFiles(db, MINUTES_OWNER, [minutesId]) };
  }

  async function listMinutesAttachments(actor: Actor, officeId: string, minutesId: string) {
    await visibleMinutes(actor, officeId, minutesId);
    return { items: await repo.listFiles(db, MINUTES_OWNER, [minutesId]) };
  }

  async function getMinutesAttachment(actor: Actor, officeId: string, minutesId: string, fileId: string) {
    await visibleMinutes(actor, officeId, minutesId);
    const f = await repo.findFile(db, MINUTES_OWNER, minutesId, fileId);
    if (!f) throw notFound('attachment');
    return f;
  }

  // ---- decisions → the ledger ----
  async function archivedDecision(q: Db | Tx, officeId: string, decisionId: string) {
    const d = await repo.findDecision(q, officeId, decisionId);
    if (!d) throw notFound('decision');
    if (d.minutesStatus !== 'archived') throw new AppError('INVALID_STATE_TRANSITION', '纪要存档后决定事项方可转为任务 / a decision becomes a task once its minutes are archived', { status: d.minutesStatus });
    return d;
  }

  const presentFollowUp = (f: { status: string; taskId: string | null; handedOffAt: string | null; handedOffByName: string | null; doneOn: string | null; note: string | null }) => ({
    status: f.status as FollowUpStatus, taskId: f.taskId, handedOffAt: f.handedOffAt, handedOffByName: f.handedOffByName, doneOn: f.doneOn, note: f.note,
  });

  /** "Becomes a task" with one click: the ledger gets a task whose source is this decision; its id is kept on the decision. */
  async function handOffDecision(officeId: string, decisionId: string, input: { keyTask: boolean; title?: string }, ctx: Ctx) {
    const d = await archivedDecision(db, officeId, decisionId);
    if (!d.ownerUnitId || !d.deadline) throw new AppError('UNPROCESSABLE', '决定事项须有责任单位和完成时限 / a decision needs an owner unit and a deadline', { field: 'ownerUnitId' });
    const number = (await decisionNumbers(db, d.minutesId)).get(d.id)!;
    const now = iso();
    const claimed = await db.transaction().execute(async (trx) => {
      const ok = await repo.insertFollowUp(trx, { decisionId, officeId, minutesId: d.minutesId, status: 'pending', taskId: null, handedOffAt: now, handedOffByName: ctx.actor.displayName, doneOn: null, doneByName: null, note: null, version: 1, updatedAt: now });
      if (ok) await audit.record(trx, ctx, { officeId, action: 'minutes.decision.hand_off.start', entityType: 'minutes_decision', entityId: decisionId, after: { minutesId: d.minutesId } });
      return ok;
    });
    if (!claimed) throw new AppError('CONFLICT', '该决定事项已转为任务或已办结 / the decision was handed off already', { decisionId });
    const label = `${d.meetingTitle} 第${number}项决定`;
    let taskId: string | null;
    try {
      const firstLine = d.text.split(/[。；;\n]/)[0]!.trim();
      const title = input.title ?? (firstLine.length > 0 && firstLine.length <= 120 ? firstLine : d.text.slice(0, 120));
      taskId = (await deps.taskSink.createTaskFromDecision({ officeId, decisionId, title, description: `${d.text}\n\n来源：${d.minutesTitle}${d.minutesNumber ? `（第${d.minutesNumber}期）` : ''}，${label}`, leadUnitId: d.ownerUnitId, deadline: d.deadline, keyTask: input.keyTask, label }, ctx)).taskId;
    } catch (err) {
      await repo.deleteFollowUp(db, decisionId);
      throw err;
    }
    const status: FollowUpStatus = taskId ? 'linked' : 'handed_off';
    await db.transaction().execute(async (trx) => {
      await repo.updateFollowUp(trx, decisionId, { status, taskId, updatedAt: iso() });
      await audit.record(trx, ctx, { officeId, action: 'minutes.decision.hand_off', entityType: 'minutes_decision', entityId: decisionId, after: { status, taskId, label } });
    });
    return { decisionId, followUp: presentFollowUp((await repo.listFollowUps(db, [decisionId]))[0]!) };
  }

  /** The office records a decision as carried out (when it is not supervised as a ledger task). */
  async function completeDecision(officeId: string, decisionId: string, note: string | null, ctx: Ctx) {
    const d = await archivedDecision(db, officeId, decisionId);
    await db.transaction().execute(async (trx) => {
      const now = iso();
      const existing = (await repo.listFollowUps(trx, [decisionId]))[0];
      if (existing?.status === 'done') throw new AppError('INVALID_STATE_TRANSITION', '该决定事项已办结 / already done', { status: existing.status });
      if (!existing) await repo.insertFollowUp(trx, { decisionId, officeId, minutesId: d.minutesId, status: 'done', taskId: null, handedOffAt: null, handedOffByName: null, doneOn: today(), doneByName: ctx.actor.displayName, note, version: 1, updatedAt: now });
      else await repo.updateFollowUp(trx, decisionId, { status: 'done', doneOn: today(), doneByName: ctx.actor.displayName, note, updatedAt: now });
      await audit.record(trx, ctx, { officeId, action: 'minutes.decision.complete', entityType: 'minutes_decision', entityId: decisionId, before: existing ? { status: existing.status } : undefined, after: { status: 'done', note } });
    });
    return { decisionId, followUp: presentFollowUp((await repo.listFollowUps(db, [decisionId]))[0]!) };
  }

  // ---- cadence compliance (A1-8, A2-6) ----
  async function compliance(actor: Actor, officeId: string, year: number): Promise<Compliance> {
    const r = (await rules(officeId)).rules;
    const t = today();
    const notes = await repo.listNotes(db, officeId, year);
    const series: Compliance['series'] = [];
    const rows = await repo.listMeetings(db, officeId, { from: `${year - 1}-12-31T16:00:00.000Z`, to: `${year}-12-31T16:00:00.000Z` });
    for (const kind of Object.keys(r.kinds) as MeetingKind[]) {
      const k = r.kinds[kind];
      if (k.cadence === 'ad_hoc') continue;
      const meetings: CadenceMeeting[] = rows
        .filter((m) => m.kind === kind)
        .map((m) => ({ meetingId: m.id, title: m.title, date: dateOf(m.startsAt), status: m.status as MeetingStatus, chairName: m.chairName, chairVia: (m.chairVia as 'post' | 'delegation' | null) ?? null }));
      const periods = cadenceCompliance({ cadence: k.cadence, year, today: t, meetings, notes: new Map(notes.filter((n) => n.kind === kind).map((n) => [n.period, n.note])) });
      series.push({ kind, label: k.label, rule: k.rule, cadence: k.cadence, periods, breaches: periods.filter((p) => p.state === 'breach').length });
    }
    const superseded = new Set(await repo.listSupersededIds(db, officeId));
    const all = await repo.listArchivedDecisions(db, officeId);
    const decisions = all.filter((d) => !superseded.has(d.id));
    const linked = decisions.filter((d) => d.followUpStatus === 'linked' && d.taskId).map((d) => d.taskId!);
    const doneTasks = linked.length && deps.taskSink.doneTaskIds ? await deps.taskSink.doneTaskIds(officeId, linked, actor) : new Set<string>();
    // Decision numbers per minutes (topic order, then decision order).
    const numbers = new Map<string, number>();
    const byMinutes = new Map<string, typeof decisions>();
    for (const d of all) byMinutes.set(d.minutesId, [...(byMinutes.get(d.minutesId) ?? []), d]);
    for (const list of byMinutes.values()) for (const [i, d] of [...list].sort((a, b) => a.topicSeq - b.topicSeq || a.seq - b.seq).entries()) numbers.set(d.id, i + 1);
    const overdueDecisions: Compliance['overdueDecisions'] = [];
    for (const d of decisions) {
      const done = d.followUpStatus === 'done' || Boolean(d.taskId && doneTasks.has(d.taskId));
      const days = decisionOverdueDays({ deadline: d.deadline, today: t, done });
      if (days === null) continue;
      overdueDecisions.push({
        decisionId: d.id, minutesId: d.minutesId, meetingId: d.meetingId, meetingTitle: d.meetingTitle, number: numbers.get(d.id) ?? 0, text: d.text, ownerUnitName: d.ownerUnitName, deadline: d.deadline!, overdueDays: days,
        followUp: d.followUpStatus ? presentFollowUp({ status: d.followUpStatus, taskId: d.taskId, handedOffAt: d.handedOffAt, handedOffByName: d.handedOffByName, doneOn: d.doneOn, note: d.note }) : null,
      });
    }
    return { officeId, year, today: t, series, overdueDecisions };
  }

  async function setCadenceNote(officeId: string, input: { kind: MeetingKind; period: string; note: string }, ctx: Ctx) {
    const k = await kindRule(officeId, input.kind);
    const expected = k.cadence === 'quarterly' ? /^\d{4}-Q[1-4]$/ : k.cadence === 'monthly' ? /^\d{4}-\d{2}$/ : null;
    if (!expected || !expected.test(input.period))
      throw new AppError('VALIDATION_FAILED', `${k.label}的周期为${k.cadence === 'quarterly' ? 'YYYY-Qn' : k.cadence === 'monthly' ? 'YYYY-MM' : '不定期（无需说明）'} / period does not fit the ${k.cadence} cadence`, { field: 'period' });
    await db.transaction().execute(async (trx) => {
      await repo.upsertNote(trx, { officeId, kind: input.kind, period: input.period, note: input.note, createdByName: ctx.actor.displayName, updatedAt: iso() });
      await audit.record(trx, ctx, { officeId, action: 'meeting.cadence.note', entityType: 'office', entityId: officeId, after: input });
    });
    return compliance(ctx.actor, officeId, Number(input.period.slice(0, 4)));
  }

  // ---- exports and the pack need the data, rendered elsewhere ----
  async function exportData(actor: Actor, officeId: string, minutesId: string) {
    const minutes = await getMinutes(actor, officeId, minutesId);
    const office = (await repo.findOffice(db, officeId))!;
    return { minutes, office, fonts: deps.fonts ?? {} };
  }

  async function packData(actor: Actor, officeId: string, meetingId: string) {
    const meeting = await getMeeting(actor, officeId, meetingId);
    const items = meeting.agenda.filter((a) => a.status === 'accepted');
    const files = await repo.listFilesWithContent(db, MATERIAL_OWNER, items.map((i) => i.id));
    const office = (await repo.findOffice(db, officeId))!;
    return { meeting, items, files, office, fonts: deps.fonts ?? {} };
  }

  return {
    rules, setRules, listMeetings, myMeetings, getMeeting, createMeeting, updateMeeting, setChair,
    sendNotice: (officeId: string, meetingId: string, version: number, ctx: Ctx) => transition(officeId, meetingId, version, 'send_notice', ctx),
    hold: (officeId: string, meetingId: string, version: number, ctx: Ctx) => transition(officeId, meetingId, version, 'hold', ctx),
    cancel: (officeId: string, meetingId: string, version: number, reason: string, ctx: Ctx) => transition(officeId, meetingId, version, 'cancel', ctx, { reason }),
    postpone: (officeId: string, meetingId: string, version: number, input: { startsAt: string; endsAt?: string | null; reason: string }, ctx: Ctx) => transition(officeId, meetingId, version, 'postpone', ctx, input),
    history, inviteIcs, meetingsFor,
    addAgendaItem: (officeId: string, meetingId: string, input: { title: string; description?: string | null; presenterUnitId?: string | null }, ctx: Ctx) => addAgendaItem(officeId, meetingId, input, ctx),
    proposeAgendaItem: (officeId: string, meetingId: string, input: { title: string; description?: string | null; unitId: string }, ctx: Ctx) => addAgendaItem(officeId, meetingId, input, ctx, { unitId: input.unitId }),
    updateAgendaItem: (officeId: string, meetingId: string, itemId: string, version: number, patch: { title?: string; description?: string | null; presenterUnitId?: string | null }, ctx: Ctx) => changeAgendaItem(officeId, meetingId, itemId, version, ctx, { patch }),
    acceptAgendaItem: (officeId: string, meetingId: string, itemId: string, version: number, ctx: Ctx) => changeAgendaItem(officeId, meetingId, itemId, version, ctx, { status: 'accepted' }),
    rejectAgendaItem: (officeId: string, meetingId: string, itemId: string, version: number, reason: string, ctx: Ctx) => changeAgendaItem(officeId, meetingId, itemId, version, ctx, { status: 'rejected', reason }),
    reorderAgenda, addMaterial, removeMaterial, getMaterial, remindMaterials,
    inviteDefaults, addAttendee, updateAttendee, removeAttendee, respond,
    signIn: (officeId: string, meetingId: string, ctx: Ctx) => signIn(officeId, meetingId, ctx),
    signInFor: (officeId: string, meetingId: string, attendeeId: string, ctx: Ctx) => signIn(officeId, meetingId, ctx, attendeeId),
    draftMinutes, getMinutes, getMeetingMinutes, updateMinutes, reviewMinutes, returnMinutes, reopenMinutes, archiveMinutes, verifyMinutes, createCorrection,
    addMinutesAttachment, removeMinutesAttachment, listMinutesAttachments, getMinutesAttachment,
    handOffDecision, completeDecision, compliance, setCadenceNote, exportData, packData,
  };
}
export type MeetingsService = ReturnType<typeof createMeetingsService>;
