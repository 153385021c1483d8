import type { z } from 'zod';
import type {
  AgendaItem,
  AgendaItemCreateSchema,
  AgendaItemProposeSchema,
  Attendee,
  AttendeeAddSchema,
  AttendeeUpdateSchema,
  CadenceNoteSchema,
  Compliance,
  DecisionFollowUpResponseSchema,
  DecisionTaskSchema,
  MaterialSchema,
  MeetingEventSchema,
  Meeting,
  MeetingCreate,
  MeetingListQuerySchema,
  MeetingRules,
  MeetingRulesResponseSchema,
  MeetingSummary,
  MeetingUpdate,
  Minutes,
  MinutesUpdate,
  MinutesVerify,
  PostponeSchema,
  RespondSchema,
} from '../../../shared/contracts/meetings.ts';
import type { Person, Roster, Unit } from '../../../shared/contracts/organization.ts';
import { api } from '../../api.ts';

export type { AgendaItem, Attendee, Compliance, Meeting, MeetingSummary, Minutes, MinutesUpdate };
export type MeetingQuery = Omit<z.input<typeof MeetingListQuerySchema>, 'year'> & { year?: number };
export type AgendaItemCreate = z.input<typeof AgendaItemCreateSchema>;
export type AgendaItemPropose = z.input<typeof AgendaItemProposeSchema>;
export type AttendeeAdd = z.input<typeof AttendeeAddSchema>;
export type AttendeeUpdate = z.input<typeof AttendeeUpdateSchema>;
export type Respond = z.input<typeof RespondSchema>;
export type Postpone = z.input<typeof PostponeSchema>;
export type CadenceNote = z.input<typeof CadenceNoteSchema>;
export type DecisionTask = z.input<typeof DecisionTaskSchema>;
export type DecisionFollowUp = z.infer<typeof DecisionFollowUpResponseSchema>;
export type MeetingEvent = z.infer<typeof MeetingEventSchema>;
export type { MinutesVerify, MeetingRules };
export type MinutesFile = z.infer<typeof MaterialSchema> & { ownerId: string };
export type MeetingRulesResponse = z.infer<typeof MeetingRulesResponseSchema>;

const enc = encodeURIComponent;
const office = (officeId: string) => `/api/v1/meetings/offices/${enc(officeId)}`;
const meeting = (officeId: string, meetingId: string) => `${office(officeId)}/meetings/${enc(meetingId)}`;
const item = (officeId: string, meetingId: string, itemId: string) => `${meeting(officeId, meetingId)}/agenda-items/${enc(itemId)}`;
const attendee = (officeId: string, meetingId: string, attendeeId: string) => `${meeting(officeId, meetingId)}/attendees/${enc(attendeeId)}`;
const minutes = (officeId: string, minutesId: string) => `${office(officeId)}/minutes/${enc(minutesId)}`;

/** Meetings and minutes (A1-8, A2-6). State changes send the version read (If-Match); the server refuses with the rule named. */
export const meetingsApi = {
  list: (officeId: string, query: MeetingQuery) => api.get<{ items: MeetingSummary[] }>(`${office(officeId)}/meetings`, { query }).then((r) => r.items),
  /** Quiet: the form shows the refusal (403 with the article) itself. */
  create: (officeId: string, body: MeetingCreate) => api.post<Meeting>(`${office(officeId)}/meetings`, body, { quiet: true }),
  /** Meetings I am invited to (the last 90 days and ahead). */
  mine: (officeId: string) => api.get<{ items: MeetingSummary[] }>(`${office(officeId)}/my/meetings`).then((r) => r.items),
  get: (officeId: string, meetingId: string) => api.get<Meeting>(meeting(officeId, meetingId)),
  setChair: (officeId: string, m: Meeting, personId: string) => api.put<Meeting>(`${meeting(officeId, m.id)}/chair`, { personId }, { ifMatch: m.version, quiet: true }),
  sendNotice: (officeId: string, m: Meeting) => api.post<Meeting>(`${meeting(officeId, m.id)}/send-notice`, {}, { ifMatch: m.version }),
  hold: (officeId: string, m: Meeting) => api.post<Meeting>(`${meeting(officeId, m.id)}/hold`, {}, { ifMatch: m.version }),
  cancel: (officeId: string, m: Meeting, reason: string) => api.post<Meeting>(`${meeting(officeId, m.id)}/cancel`, { reason }, { ifMatch: m.version, quiet: true }),
  /** Rule data (A1-16): inherited from the nearest ancestor that set it, else the prefecture template. */
  rules: (officeId: string) => api.get<MeetingRulesResponse>(`${office(officeId)}/rules`),
  saveRules: (officeId: string, rules: MeetingRules, version: number) => api.put<MeetingRulesResponse>(`${office(officeId)}/rules`, rules, { ifMatch: version }),
  /** Title, place, end, material cut-off and note, while the meeting is being arranged (a new time is a postponement). */
  update: (officeId: string, m: Meeting, body: MeetingUpdate) => api.patch<Meeting>(meeting(officeId, m.id), body, { ifMatch: m.version, quiet: true }),
  postpone: (officeId: string, m: Meeting, body: Postpone) => api.post<Meeting>(`${meeting(officeId, m.id)}/postpone`, body, { ifMatch: m.version, quiet: true }),
  history: (officeId: string, meetingId: string) => api.get<{ items: MeetingEvent[] }>(`${meeting(officeId, meetingId)}/history`).then((r) => r.items),
  icsUrl: (officeId: string, meetingId: string) => `${meeting(officeId, meetingId)}/invite.ics`,
  packUrl: (officeId: string, meetingId: string) => `${meeting(officeId, meetingId)}/pack`,

  addItem: (officeId: string, meetingId: string, body: AgendaItemCreate) => api.post<AgendaItem>(`${meeting(officeId, meetingId)}/agenda-items`, body, { quiet: true }),
  proposeItem: (officeId: string, meetingId: string, body: AgendaItemPropose) => api.post<AgendaItem>(`${meeting(officeId, meetingId)}/agenda-items/propose`, body, { quiet: true }),
  /** The agenda's order: every item of the meeting, each once. */
  reorderAgenda: (officeId: string, meetingId: string, itemIds: string[]) => api.put<{ items: AgendaItem[] }>(`${meeting(officeId, meetingId)}/agenda-order`, { itemIds }),
  acceptItem: (officeId: string, meetingId: string, a: AgendaItem) => api.post<AgendaItem>(`${item(officeId, meetingId, a.id)}/accept`, {}, { ifMatch: a.version }),
  rejectItem: (officeId: string, meetingId: string, a: AgendaItem, reason: string) => api.post<AgendaItem>(`${item(officeId, meetingId, a.id)}/reject`, { reason }, { ifMatch: a.version, quiet: true }),
  uploadMaterial: (officeId: string, meetingId: string, itemId: string, file: Blob, filename: string) => api.upload<AgendaItem>(`${item(officeId, meetingId, itemId)}/materials`, file, filename),
  materialUrl: (officeId: string, meetingId: string, itemId: string, fileId: string) => `${item(officeId, meetingId, itemId)}/materials/${enc(fileId)}`,
  removeMaterial: (officeId: string, meetingId: string, itemId: string, fileId: string) => api.delete<AgendaItem>(`${item(officeId, meetingId, itemId)}/materials/${enc(fileId)}`),
  remindMaterials: (officeId: string, meetingId: string) => api.post<{ reminded: number; items: number }>(`${meeting(officeId, meetingId)}/materials/remind`),

  inviteDefaults: (officeId: string, meetingId: string) => api.post<{ added: number; items: Attendee[] }>(`${meeting(officeId, meetingId)}/attendees/defaults`),
  addAttendee: (officeId: string, meetingId: string, body: AttendeeAdd) => api.post<Attendee>(`${meeting(officeId, meetingId)}/attendees`, body, { quiet: true }),
  updateAttendee: (officeId: string, meetingId: string, a: Attendee, body: AttendeeUpdate) => api.patch<Attendee>(attendee(officeId, meetingId, a.id), body, { ifMatch: a.version, quiet: true }),
  removeAttendee: (officeId: string, meetingId: string, attendeeId: string) => api.delete<{ ok: true }>(attendee(officeId, meetingId, attendeeId)),
  signInFor: (officeId: string, meetingId: string, attendeeId: string) => api.post<Attendee>(`${attendee(officeId, meetingId, attendeeId)}/sign-in`),
  respond: (officeId: string, meetingId: string, body: Respond) => api.post<Attendee>(`${meeting(officeId, meetingId)}/respond`, body, { quiet: true }),
  signIn: (officeId: string, meetingId: string) => api.post<Attendee>(`${meeting(officeId, meetingId)}/sign-in`),

  draftMinutes: (officeId: string, meetingId: string) => api.post<Minutes>(`${meeting(officeId, meetingId)}/minutes`),
  meetingMinutes: (officeId: string, meetingId: string) => api.get<Minutes>(`${meeting(officeId, meetingId)}/minutes`),
  minutes: (officeId: string, minutesId: string) => api.get<Minutes>(minutes(officeId, minutesId)),
  saveMinutes: (officeId: string, mn: Minutes, body: MinutesUpdate) => api.put<Minutes>(minutes(officeId, mn.id), body, { ifMatch: mn.version, quiet: true }),
  reviewMinutes: (officeId: string, mn: Minutes) => api.post<Minutes>(`${minutes(officeId, mn.id)}/review`, {}, { ifMatch: mn.version }),
  /** The chair sends the draft back with comments (it stays a draft). */
  returnMinutes: (officeId: string, mn: Minutes, reason: string) => api.post<Minutes>(`${minutes(officeId, mn.id)}/return`, { reason }, { ifMatch: mn.version, quiet: true }),
  reopenMinutes: (officeId: string, mn: Minutes, reason: string) => api.post<Minutes>(`${minutes(officeId, mn.id)}/reopen`, { reason }, { ifMatch: mn.version, quiet: true }),
  archiveMinutes: (officeId: string, mn: Minutes) => api.post<Minutes>(`${minutes(officeId, mn.id)}/archive`, {}, { ifMatch: mn.version }),
  /** Files attached to the minutes (a signed attendance sheet, a speech): added while drafted, frozen when archived. */
  minutesFiles: (officeId: string, minutesId: string) => api.get<{ items: MinutesFile[] }>(`${minutes(officeId, minutesId)}/attachments`).then((r) => r.items),
  addMinutesFile: (officeId: string, minutesId: string, file: Blob, filename: string) => api.upload<{ items: MinutesFile[] }>(`${minutes(officeId, minutesId)}/attachments`, file, filename).then((r) => r.items),
  removeMinutesFile: (officeId: string, minutesId: string, fileId: string) => api.delete<{ items: MinutesFile[] }>(`${minutes(officeId, minutesId)}/attachments/${enc(fileId)}`).then((r) => r.items),
  minutesFileUrl: (officeId: string, minutesId: string, fileId: string) => `${minutes(officeId, minutesId)}/attachments/${enc(fileId)}`,
  /** 勘误: archived minutes are never edited; a correction is a new linked record, drafted, reviewed and archived. */
  createCorrection: (officeId: string, mn: Minutes, reason: string) => api.post<Minutes>(`${minutes(officeId, mn.id)}/corrections`, { reason }, { quiet: true }),
  verifyMinutes: (officeId: string, minutesId: string) => api.get<MinutesVerify>(`${minutes(officeId, minutesId)}/verify`),
  docxUrl: (officeId: string, minutesId: string) => `${minutes(officeId, minutesId)}/export.docx`,
  pdfUrl: (officeId: string, minutesId: string) => `${minutes(officeId, minutesId)}/export.pdf`,

  completeDecision: (officeId: string, decisionId: string, note: string | null) => api.post<DecisionFollowUp>(`${office(officeId)}/decisions/${enc(decisionId)}/complete`, { note }, { quiet: true }),
  decisionToTask: (officeId: string, decisionId: string, body: DecisionTask) => api.post<DecisionFollowUp>(`${office(officeId)}/decisions/${enc(decisionId)}/task`, body),

  compliance: (officeId: string, year: number) => api.get<Compliance>(`${office(officeId)}/compliance`, { query: { year } }),
  explain: (officeId: string, body: CadenceNote) => api.put<Compliance>(`${office(officeId)}/compliance/notes`, body, { quiet: true }),

  units: (officeId: string) => api.get<{ items: Unit[] }>(`/api/v1/organization/offices/${enc(officeId)}/units`).then((r) => r.items),
  roster: (officeId: string) => api.get<Roster>(`/api/v1/organization/offices/${enc(officeId)}/roster`),
};

export const peopleOf = (officeId: string) =>
  api.get<{ items: Person[] }>(`/api/v1/organization/offices/${enc(officeId)}/people`).then((r) => r.items);
