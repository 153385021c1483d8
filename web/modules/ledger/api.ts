import type { z } from 'zod';
import type {
  BulkAssignSchema,
  Dashboard,
  LedgerChanges,
  ExtensionCreate,
  ExtensionRequest,
  LedgerImportJob,
  LedgerImportMode,
  LedgerImportReport,
  ProgressCreate,
  ProgressUpdate,
  SavedViewCreateSchema,
  SavedViewSchema,
  TaskCreate,
  TaskDetail,
  TaskListQuerySchema,
  TaskListSchema,
  TaskUpdate,
} from '../../../shared/contracts/ledger.ts';
import type { Unit } from '../../../shared/contracts/organization.ts';
import { api } from '../../api.ts';

export type TaskList = z.infer<typeof TaskListSchema>;
/** The list's query string (the parsed form: every value a string or a number). */
export type TaskQuery = Partial<z.infer<typeof TaskListQuerySchema>>;
export type SavedView = z.infer<typeof SavedViewSchema>;
export type SavedViewCreate = z.input<typeof SavedViewCreateSchema>;
export type BulkAssign = z.input<typeof BulkAssignSchema>;
export type Milestone = TaskDetail['milestones'][number];

const office = (officeId: string) => `/api/v1/ledger/offices/${encodeURIComponent(officeId)}`;
const task = (officeId: string, taskId: string) => `${office(officeId)}/tasks/${encodeURIComponent(taskId)}`;
const update = (officeId: string, taskId: string, updateId: string) => `${task(officeId, taskId)}/updates/${encodeURIComponent(updateId)}`;

export const ledgerApi = {
  tasks: (officeId: string, query: TaskQuery) => api.get<TaskList>(`${office(officeId)}/tasks`, { query }),
  task: (officeId: string, taskId: string) => api.get<TaskDetail>(task(officeId, taskId)),
  createTask: (officeId: string, body: TaskCreate) => api.post<TaskDetail>(`${office(officeId)}/tasks`, body),
  /** The version read goes as If-Match: a 412 means somebody changed the task meanwhile. Quiet: the form shows the error. */
  updateTask: (officeId: string, taskId: string, version: number, body: TaskUpdate) => api.patch<TaskDetail>(task(officeId, taskId), body, { ifMatch: version, quiet: true }),
  confirmDone: (officeId: string, taskId: string, version: number, note: string | null) => api.post<TaskDetail>(`${task(officeId, taskId)}/confirm-done`, { note }, { ifMatch: version }),
  cancel: (officeId: string, taskId: string, version: number, reason: string) => api.post<TaskDetail>(`${task(officeId, taskId)}/cancel`, { reason }, { ifMatch: version }),
  bulkAssign: (officeId: string, body: BulkAssign) => api.post<{ changed: number }>(`${office(officeId)}/tasks/bulk-assign`, body),

  views: (officeId: string) => api.get<{ items: SavedView[] }>(`${office(officeId)}/views`).then((r) => r.items),
  saveView: (officeId: string, body: SavedViewCreate) => api.post<SavedView>(`${office(officeId)}/views`, body),
  deleteView: (officeId: string, viewId: string) => api.delete<{ ok: true }>(`${office(officeId)}/views/${encodeURIComponent(viewId)}`),

  dashboard: (officeId: string) => api.get<Dashboard>(`${office(officeId)}/dashboard`),
  /** 本期变化: what changed between two days (both included; `to` defaults to today on the server). */
  changes: (officeId: string, from: string, to?: string) => api.get<LedgerChanges>(`${office(officeId)}/changes`, { query: { from, to } }),

  /** A liaison or information officer's tasks (their units lead or cooperate), and one of them in full. */
  myTasks: (officeId: string) => api.get<TaskList>(`${office(officeId)}/my/tasks`),
  myTask: (officeId: string, taskId: string) => api.get<TaskDetail>(`${office(officeId)}/my/tasks/${encodeURIComponent(taskId)}`),

  addUpdate: (officeId: string, taskId: string, body: ProgressCreate) => api.post<ProgressUpdate>(`${task(officeId, taskId)}/updates`, body),
  addEvidence: (officeId: string, taskId: string, updateId: string, file: Blob, filename: string) =>
    api.upload<ProgressUpdate>(`${update(officeId, taskId, updateId)}/attachments`, file, filename),
  /** `mine`: a member unit's download of its own task's evidence (it has no ledger.read). */
  evidenceUrl: (officeId: string, taskId: string, updateId: string, fileId: string, mine = false) =>
    mine
      ? `${office(officeId)}/my/tasks/${encodeURIComponent(taskId)}/updates/${encodeURIComponent(updateId)}/attachments/${encodeURIComponent(fileId)}`
      : `${update(officeId, taskId, updateId)}/attachments/${encodeURIComponent(fileId)}`,
  comment: (officeId: string, taskId: string, u: ProgressUpdate, comment: string) => api.post<ProgressUpdate>(`${update(officeId, taskId, u.id)}/comment`, { comment }, { ifMatch: u.version }),
  /** The office's extension requests (pending ones: what waits for a decision). */
  extensions: (officeId: string, state?: ExtensionRequest['state']) =>
    api.get<{ items: Array<ExtensionRequest & { taskCode: string; taskTitle: string }> }>(`${office(officeId)}/extensions`, state ? { query: { state } } : {}).then((r) => r.items),
  /** Deadline extensions: the lead unit asks (before the deadline); the office approves or refuses with a note. */
  requestExtension: (officeId: string, taskId: string, body: ExtensionCreate) => api.post<TaskDetail>(`${task(officeId, taskId)}/extensions`, body),
  approveExtension: (officeId: string, taskId: string, r: ExtensionRequest, note?: string) =>
    api.post<TaskDetail>(`${task(officeId, taskId)}/extensions/${encodeURIComponent(r.id)}/approve`, note ? { note } : {}, { ifMatch: r.version }),
  rejectExtension: (officeId: string, taskId: string, r: ExtensionRequest, note: string) =>
    api.post<TaskDetail>(`${task(officeId, taskId)}/extensions/${encodeURIComponent(r.id)}/reject`, { note }, { ifMatch: r.version }),
  returnUpdate: (officeId: string, taskId: string, u: ProgressUpdate, comment: string) => api.post<ProgressUpdate>(`${update(officeId, taskId, u.id)}/return`, { comment }, { ifMatch: u.version }),

  /** dry-run answers the checked rows (200); commit answers a job (202) to poll. Quiet: the import page shows the error with its report. */
  importDryRun: (officeId: string, file: Blob, filename: string) => api.upload<LedgerImportReport>(`${office(officeId)}/import`, file, filename, { query: { mode: 'dry-run' satisfies LedgerImportMode }, quiet: true }),
  importCommit: (officeId: string, file: Blob, filename: string) => api.upload<LedgerImportJob>(`${office(officeId)}/import`, file, filename, { query: { mode: 'commit' satisfies LedgerImportMode }, quiet: true }),
  importJob: (officeId: string, jobId: string) => api.get<LedgerImportJob>(`${office(officeId)}/import/${encodeURIComponent(jobId)}`, { quiet: true }),
  exportUrl: (officeId: string) => `${office(officeId)}/export.xlsx`,

  /** Member units of the office (lead and cooperating units, filters). */
  units: (officeId: string) => api.get<{ items: Unit[] }>(`/api/v1/organization/offices/${encodeURIComponent(officeId)}/units`).then((r) => r.items),
};
