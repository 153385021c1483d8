// Row types as Kysely sees them (CamelCasePlugin maps snake_case columns). Times: ISO UTC text; dates: YYYY-MM-DD; booleans: 0/1.
import type { ColumnType, Generated } from 'kysely';

export interface OfficesTable {
  id: string;
  parentId: string | null;
  path: string;
  level: string;
  divisionCode: string | null;
  name: string;
  shortName: string;
  hostUnitName: string | null;
  leadingGroupIssuerCode: string | null;
  officeIssuerCode: string | null;
  sortOrder: Generated<number>;
  version: Generated<number>;
  createdAt: string;
  updatedAt: string;
}

export interface UnitsTable {
  id: string;
  officeId: string;
  name: string;
  shortName: string | null;
  isMember: Generated<number>;
  isHost: Generated<number>;
  responsibleBody: string | null;
  phone: string | null;
  address: string | null;
  sortOrder: Generated<number>;
  active: Generated<number>;
  version: Generated<number>;
  createdAt: string;
  updatedAt: string;
}

export interface PeopleTable {
  id: string;
  officeId: string;
  unitId: string | null;
  name: string;
  title: string | null;
  phone: string | null;
  mobile: string | null;
  email: string | null;
  version: Generated<number>;
  createdAt: string;
  updatedAt: string;
}

export interface AppointmentsTable {
  id: string;
  officeId: string;
  post: string;
  personId: string;
  unitId: string | null;
  startDate: string;
  endDate: string | null;
  note: string | null;
  version: Generated<number>;
  createdAt: string;
  updatedAt: string;
}

export interface DelegationsTable {
  id: string;
  officeId: string;
  power: string;
  fromPersonId: string;
  toPersonId: string;
  startDate: string;
  endDate: string;
  reason: string | null;
  revokedAt: string | null;
  version: Generated<number>;
  createdAt: string;
  updatedAt: string;
}

export interface AccountsTable {
  id: string;
  username: string;
  displayName: string;
  personId: string | null;
  systemDuty: string | null;
  passwordHash: string;
  mustChangePassword: Generated<number>;
  passwordChangedAt: string;
  disabled: Generated<number>;
  lockedUntil: string | null;
  version: Generated<number>;
  createdAt: string;
  updatedAt: string;
}

export interface PasswordHistoryTable {
  id: string;
  accountId: string;
  passwordHash: string;
  createdAt: string;
}

export interface LoginFailuresTable {
  id: string;
  username: string;
  ip: string | null;
  at: string;
}

export interface SessionsTable {
  id: string;
  tokenHash: string;
  accountId: string;
  csrfToken: string;
  currentOfficeId: string | null;
  ip: string | null;
  userAgent: string | null;
  createdAt: string;
  lastSeenAt: string;
  revokedAt: string | null;
  revokedReason: string | null;
}

export interface SettingsTable {
  key: string;
  value: string;
  version: Generated<number>;
  updatedAt: string;
}

export interface AuditLogTable {
  seq: number;
  id: string;
  at: string;
  actorAccountId: string | null;
  actorName: string | null;
  actorPost: string | null;
  officeId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before: string | null;
  after: string | null;
  requestId: string | null;
  ip: string | null;
  prevHash: string;
  hash: string;
}

export interface CalendarYearsTable {
  year: number;
  source: string;
  note: string | null;
  loadedAt: string;
  version: Generated<number>;
}
export interface CalendarDaysTable {
  date: string;
  year: number;
  kind: string;
  name: string;
}
export interface CalendarFeedsTable {
  id: string;
  accountId: string;
  tokenHash: string;
  createdAt: string;
}
export interface OfficeRulesTable {
  officeId: string;
  key: string;
  value: string;
  version: Generated<number>;
  updatedAt: string;
}
export interface ReportCyclesTable {
  id: string;
  officeId: string;
  year: number;
  quarter: number;
  periodStart: string;
  periodEnd: string;
  dueWorkingDays: number;
  dueDate: string | null;
  openedAt: string;
  version: Generated<number>;
}
export interface ReportsTable {
  id: string;
  cycleId: string;
  officeId: string;
  unitId: string;
  status: string;
  title: string;
  body: string;
  revision: Generated<number>;
  firstSubmittedAt: string | null;
  submittedAt: string | null;
  submittedByName: string | null;
  submittedOn: string | null;
  lateWorkingDays: number | null;
  reviewedAt: string | null;
  reviewedByName: string | null;
  returnReason: string | null;
  version: Generated<number>;
  createdAt: string;
  updatedAt: string;
}
export interface ReportEventsTable {
  id: string;
  reportId: string;
  action: string;
  revision: number;
  at: string;
  actorName: string | null;
  reason: string | null;
  snapshot: string | null;
}
export interface FilesTable {
  id: string;
  officeId: string;
  ownerType: string;
  ownerId: string;
  filename: string;
  mime: string;
  size: number;
  digest: string;
  content: Buffer;
  uploadedByName: string | null;
  deletedAt: string | null;
  createdAt: string;
}
export interface NotificationsTable {
  id: string;
  accountId: string;
  officeId: string | null;
  kind: string;
  title: string;
  body: string | null;
  link: string | null;
  emailStatus: string | null;
  createdAt: string;
  readAt: string | null;
}
export interface JobRunsTable {
  job: string;
  slot: string;
  owner: string;
  startedAt: string;
  finishedAt: string | null;
  outcome: string | null;
}

export interface LedgerPlansTable {
  id: string;
  officeId: string;
  kind: string;
  title: string;
  docNumber: string | null;
  adoptedOn: string | null;
  version: Generated<number>;
  createdAt: string;
  updatedAt: string;
}
export interface LedgerPlanClausesTable {
  id: string;
  planId: string;
  officeId: string;
  code: string;
  text: string;
  sortOrder: Generated<number>;
}
export interface TasksTable {
  id: string;
  officeId: string;
  parentId: string | null;
  originTaskId: string | null;
  depth: Generated<number>;
  code: string;
  title: string;
  description: string | null;
  sourceType: string;
  sourceRef: string | null;
  sourceLabel: string | null;
  leadUnitId: string | null;
  deadline: string;
  keyTask: Generated<number>;
  expectedResult: string | null;
  weight: Generated<number>;
  percent: number | null;
  lastUpdateOn: string | null;
  atRiskFrom: string | null;
  nextMilestoneDue: string | null;
  doneAt: string | null;
  doneByName: string | null;
  cancelledAt: string | null;
  cancelReason: string | null;
  sortOrder: Generated<number>;
  version: Generated<number>;
  createdAt: string;
  updatedAt: string;
  /** The status derived on task_status_day's day, kept by triggers (migration 20261206150000): never written by the application. */
  status: ColumnType<string, never, never>;
}
export interface TaskCooperatingUnitsTable {
  taskId: string;
  unitId: string;
  // Copies of the task's columns, kept by triggers (migration 20261206120000): never written by the application.
  officeId: Generated<string>;
  depth: Generated<number>;
  cancelledAt: Generated<string | null>;
  doneAt: Generated<string | null>;
  deadline: Generated<string>;
  atRiskFrom: Generated<string | null>;
  percent: Generated<number | null>;
  nextMilestoneDue: Generated<string | null>;
  lastUpdateOn: Generated<string | null>;
  code: Generated<string>;
  status: ColumnType<string, never, never>;
}
/**
 * The ledger list's rows (migration 20261206170000): one for each task and unit leading (lead = 1) or cooperating on
 * it, with the task's summary; kept by triggers, never written by the application.
 */
export interface TaskListRowsTable {
  unitId: string;
  officeId: string;
  depth: number;
  status: string;
  code: string;
  taskId: string;
  lead: number;
  parentId: string | null;
  originTaskId: string | null;
  title: string;
  deadline: string;
  keyTask: number;
  percent: number | null;
  lastUpdateOn: string | null;
  version: number;
  leadUnitId: string | null;
  leadUnitName: string | null;
  childCount: number;
}
/** SQLite only (migration 20261206170000): the number of task_list_rows for each unit, office, level and status. */
export interface TaskListCountsTable {
  unitId: string;
  officeId: string;
  depth: number;
  status: string;
  n: number;
}
/** The day the tasks' kept statuses were derived on (one row, id 1; migration 20261206150000). */
export interface TaskStatusDayTable {
  id: number;
  day: string;
}
export interface TaskMilestonesTable {
  id: string;
  taskId: string;
  title: string;
  dueDate: string;
  doneOn: string | null;
  sortOrder: Generated<number>;
}
export interface ProgressUpdatesTable {
  id: string;
  taskId: string;
  officeId: string;
  unitId: string | null;
  reportedOn: string;
  doneText: string;
  nextSteps: string | null;
  problems: string | null;
  supportNeeded: string | null;
  percent: number | null;
  state: string;
  officeComment: string | null;
  createdByName: string | null;
  version: Generated<number>;
  createdAt: string;
}
/** Progress updates per office and day, kept on insert (the dashboard's monthly trend). */
export interface ProgressUpdateDaysTable {
  officeId: string;
  reportedOn: string;
  n: number;
}
export interface TaskTermsTable {
  term: string;
  taskId: string;
}
export interface SavedViewsTable {
  id: string;
  accountId: string;
  officeId: string;
  name: string;
  filters: string;
  createdAt: string;
}

// ---- meetings and minutes (A1-8, A2-6) ----
export interface MeetingsTable {
  id: string;
  officeId: string;
  kind: string;
  title: string;
  status: string;
  startsAt: string;
  endsAt: string | null;
  place: string;
  convenerPersonId: string | null;
  proposedByPersonId: string | null;
  extra: Generated<number>;
  chairPersonId: string | null;
  chairVia: string | null;
  chairDelegationId: string | null;
  chairOnBehalfOf: string | null;
  materialCutoff: string | null;
  note: string | null;
  noticeSentAt: string | null;
  noticeSequence: Generated<number>;
  heldAt: string | null;
  cancelledAt: string | null;
  cancelReason: string | null;
  postponements: Generated<number>;
  createdByName: string | null;
  version: Generated<number>;
  createdAt: string;
  updatedAt: string;
}
export interface MeetingAgendaItemsTable {
  id: string;
  meetingId: string;
  officeId: string;
  seq: number;
  title: string;
  description: string | null;
  presenterUnitId: string | null;
  status: string;
  proposedByUnitId: string | null;
  proposedByName: string | null;
  rejectReason: string | null;
  version: Generated<number>;
  createdAt: string;
  updatedAt: string;
}
export interface MeetingAttendeesTable {
  id: string;
  meetingId: string;
  officeId: string;
  seq: number;
  personId: string | null;
  name: string;
  unitId: string | null;
  title: string | null;
  role: string;
  response: string;
  substituteName: string | null;
  leaveReason: string | null;
  respondedAt: string | null;
  signedInAt: string | null;
  signedInBy: string | null;
  version: Generated<number>;
  createdAt: string;
  updatedAt: string;
}
export interface MeetingEventsTable {
  id: string;
  meetingId: string;
  officeId: string;
  action: string;
  at: string;
  actorName: string | null;
  reason: string | null;
  detail: string | null;
}
export interface MinutesTable {
  id: string;
  meetingId: string;
  officeId: string;
  kind: string;
  correctsMinutesId: string | null;
  status: string;
  series: string;
  year: number;
  number: number | null;
  title: string;
  meetingTitle: string;
  meetingKind: string;
  startsAt: string;
  endsAt: string | null;
  place: string;
  chairPersonId: string | null;
  chairName: string | null;
  recorderName: string | null;
  opening: string;
  attendance: string;
  correctionReason: string | null;
  reviewedAt: string | null;
  reviewedByName: string | null;
  returnReason: string | null;
  archivedAt: string | null;
  archivedByName: string | null;
  version: Generated<number>;
  createdAt: string;
  updatedAt: string;
}
export interface MinutesTopicsTable {
  id: string;
  minutesId: string;
  seq: number;
  agendaItemId: string | null;
  title: string;
  presenterUnitName: string | null;
  summary: string;
}
export interface MinutesSpeakerPointsTable {
  id: string;
  minutesId: string;
  topicId: string;
  seq: number;
  speakerName: string;
  speakerPersonId: string | null;
  unitName: string | null;
  points: string;
}
export interface MinutesDecisionsTable {
  id: string;
  minutesId: string;
  topicId: string;
  seq: number;
  text: string;
  ownerUnitId: string | null;
  ownerUnitName: string | null;
  deadline: string | null;
  supersedesDecisionId: string | null;
}
export interface MinutesArchivesTable {
  minutesId: string;
  officeId: string;
  digest: string;
  canonical: string;
  archivedAt: string;
  archivedByName: string | null;
}
export interface MeetingDecisionFollowUpsTable {
  decisionId: string;
  officeId: string;
  minutesId: string;
  status: string;
  taskId: string | null;
  handedOffAt: string | null;
  handedOffByName: string | null;
  doneOn: string | null;
  doneByName: string | null;
  note: string | null;
  version: Generated<number>;
  updatedAt: string;
}
export interface MeetingCadenceNotesTable {
  officeId: string;
  kind: string;
  period: string;
  note: string;
  createdByName: string | null;
  version: Generated<number>;
  updatedAt: string;
}

/** A long import run as a job (state shared by every app process); report is JSON text. */
export interface ImportJobsTable {
  id: string;
  officeId: string;
  kind: string;
  state: string;
  done: Generated<number>;
  total: number;
  report: string | null;
  error: string | null;
  fileName: string | null;
  fileSha256: string | null;
  createdByAccountId: string | null;
  createdByName: string | null;
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
}

/** A deadline extension request of a ledger task: pending, then approved or rejected by the office. */
export interface TaskExtensionRequestsTable {
  id: string;
  officeId: string;
  taskId: string;
  unitId: string | null;
  requestedByName: string;
  requestedAt: string;
  currentDeadline: string;
  newDeadline: string;
  reason: string;
  state: string;
  decidedByName: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
  version: Generated<number>;
}

// ---- official documents and incoming items (A2-11, A2-12)
export interface DocumentsTable {
  id: string;
  officeId: string;
  issuer: string;
  issuerCode: string | null;
  issuerName: string;
  kind: string;
  direction: string;
  title: string;
  addressees: string;
  body: string;
  attachments: string;
  copyTo: string;
  classification: string | null;
  secrecyPeriod: string | null;
  urgency: string | null;
  disclosure: string;
  disclosureReason: string | null;
  note: string | null;
  sealedOnBehalf: Generated<number>;
  signatureName: string;
  printedBy: string;
  printedOn: string | null;
  status: string;
  reviewRound: Generated<number>;
  signedByPersonId: string | null;
  signedByName: string | null;
  signedAt: string | null;
  signedOn: string | null;
  signVia: string | null;
  delegationId: string | null;
  onBehalfOfPersonId: string | null;
  onBehalfOfName: string | null;
  signOpinion: string | null;
  docYear: number | null;
  docSerial: number | null;
  docNumber: string | null;
  numberedAt: string | null;
  numberedByName: string | null;
  issuedAt: string | null;
  issuedByName: string | null;
  digest: string | null;
  closedAt: string | null;
  closeReason: string | null;
  createdByName: string | null;
  version: Generated<number>;
  createdAt: string;
  updatedAt: string;
}
export interface DocumentReviewsTable {
  id: string;
  documentId: string;
  round: number;
  step: number;
  reviewerPersonId: string;
  reviewerName: string;
  decision: string | null;
  comment: string | null;
  decidedAt: string | null;
}
export interface DocumentEventsTable {
  id: string;
  documentId: string;
  action: string;
  at: string;
  actorName: string | null;
  detail: string | null;
}
export interface DocumentCountersTable {
  scope: string;
  year: number;
  lastSerial: number;
}
export interface DocumentNumbersTable {
  id: string;
  issuerCode: string;
  year: number;
  serial: number;
  number: string;
  documentId: string;
  officeId: string;
  assignedAt: string;
  assignedByName: string | null;
  voidedAt: string | null;
  voidReason: string | null;
}
export interface DocumentDistributionsTable {
  id: string;
  documentId: string;
  officeId: string;
  role: string;
  recipientType: string;
  recipientId: string;
  recipientOfficeId: string;
  recipientName: string;
  distributedAt: string;
  distributedByName: string | null;
}
export interface DocumentReceiptsTable {
  id: string;
  distributionId: string;
  accountId: string;
  readerName: string;
  readAt: string;
}
export interface IncomingItemsTable {
  id: string;
  officeId: string;
  category: string;
  sourceType: string;
  sourceUnitId: string | null;
  sourceOfficeId: string | null;
  sourceName: string;
  submittedByAccountId: string | null;
  submittedByName: string;
  submittedAt: string;
  title: string;
  theirNumber: string | null;
  summary: string;
  matterWhat: string | null;
  matterWhyUrgent: string | null;
  matterRequest: string | null;
  status: string;
  incomingYear: number | null;
  incomingSerial: number | null;
  incomingNumber: string | null;
  registeredAt: string | null;
  registeredOn: string | null;
  registeredByName: string | null;
  timeLimitWorkingDays: number | null;
  dueDate: string | null;
  batchId: string | null;
  forwardedTo: string | null;
  forwardedAt: string | null;
  forwardedByName: string | null;
  forwardNote: string | null;
  instruction: string | null;
  instructedByName: string | null;
  instructedAt: string | null;
  closedAt: string | null;
  closedByName: string | null;
  rejectReason: string | null;
  taskId: string | null;
  version: Generated<number>;
  createdAt: string;
  updatedAt: string;
}
export interface IncomingEventsTable {
  id: string;
  itemId: string;
  action: string;
  at: string;
  actorName: string | null;
  detail: string | null;
}

export interface DB {
  offices: OfficesTable;
  units: UnitsTable;
  people: PeopleTable;
  appointments: AppointmentsTable;
  delegations: DelegationsTable;
  accounts: AccountsTable;
  passwordHistory: PasswordHistoryTable;
  loginFailures: LoginFailuresTable;
  sessions: SessionsTable;
  settings: SettingsTable;
  auditLog: AuditLogTable;
  calendarYears: CalendarYearsTable;
  calendarDays: CalendarDaysTable;
  calendarFeeds: CalendarFeedsTable;
  officeRules: OfficeRulesTable;
  reportCycles: ReportCyclesTable;
  reports: ReportsTable;
  reportEvents: ReportEventsTable;
  files: FilesTable;
  notifications: NotificationsTable;
  jobRuns: JobRunsTable;
  ledgerPlans: LedgerPlansTable;
  ledgerPlanClauses: LedgerPlanClausesTable;
  tasks: TasksTable;
  taskCooperatingUnits: TaskCooperatingUnitsTable;
  taskStatusDay: TaskStatusDayTable;
  taskListRows: TaskListRowsTable;
  taskListCounts: TaskListCountsTable;
  taskMilestones: TaskMilestonesTable;
  progressUpdates: ProgressUpdatesTable;
  progressUpdateDays: ProgressUpdateDaysTable;
  taskTerms: TaskTermsTable;
  savedViews: SavedViewsTable;
  meetings: MeetingsTable;
  meetingAgendaItems: MeetingAgendaItemsTable;
  meetingAttendees: MeetingAttendeesTable;
  meetingEvents: MeetingEventsTable;
  minutes: MinutesTable;
  minutesTopics: MinutesTopicsTable;
  minutesSpeakerPoints: MinutesSpeakerPointsTable;
  minutesDecisions: MinutesDecisionsTable;
  minutesArchives: MinutesArchivesTable;
  meetingDecisionFollowUps: MeetingDecisionFollowUpsTable;
  meetingCadenceNotes: MeetingCadenceNotesTable;
  importJobs: ImportJobsTable;
  taskExtensionRequests: TaskExtensionRequestsTable;
  documents: DocumentsTable;
  documentReviews: DocumentReviewsTable;
  documentEvents: DocumentEventsTable;
  documentCounters: DocumentCountersTable;
  documentNumbers: DocumentNumbersTable;
  documentDistributions: DocumentDistributionsTable;
  documentReceipts: DocumentReceiptsTable;
  incomingItems: IncomingItemsTable;
  incomingEvents: IncomingEventsTable;
}
