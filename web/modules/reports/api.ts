import type { z } from 'zod';
import type {
  ChildrenQuerySchema,
  ChildSummarySchema,
  Cycle,
  CycleDeadline,
  CycleOpenSchema,
  MyReportsSchema,
  RemindResultSchema,
  Report,
  ReportDraft,
  ReportEventSchema,
  ReportRules,
  ReportRulesResponseSchema,
  StatusTable,
} from '../../../shared/contracts/reports.ts';
import { api } from '../../api.ts';

export type { Cycle, Report, ReportRules, StatusTable };
export type StatusRow = StatusTable['rows'][number];
export type ReportEvent = z.infer<typeof ReportEventSchema>;
export type RulesResponse = z.infer<typeof ReportRulesResponseSchema>;
export type ChildSummary = z.infer<typeof ChildSummarySchema>['items'][number];
export type MyReportItem = z.infer<typeof MyReportsSchema>['items'][number];
export type RemindResult = z.infer<typeof RemindResultSchema>;
export type CycleOpen = z.input<typeof CycleOpenSchema>;
export type ChildrenQuery = z.infer<typeof ChildrenQuerySchema>;

const office = (officeId: string) => `/api/v1/reports/offices/${encodeURIComponent(officeId)}`;
const cycle = (officeId: string, cycleId: string) => `${office(officeId)}/cycles/${encodeURIComponent(cycleId)}`;
const report = (officeId: string, reportId: string) => `${office(officeId)}/reports/${encodeURIComponent(reportId)}`;
const myReport = (officeId: string, reportId: string) => `${office(officeId)}/my/reports/${encodeURIComponent(reportId)}`;
const items = <T>(p: Promise<{ items: T[] }>) => p.then((r) => r.items);

/** Where a file of a report downloads from: the office's reader route, or the unit's own route for its liaison officer. */
export const attachmentUrl = (officeId: string, reportId: string, fileId: string, own: boolean) =>
  `${own ? myReport(officeId, reportId) : report(officeId, reportId)}/attachments/${encodeURIComponent(fileId)}`;
export const statusWorkbookUrl = (officeId: string, cycleId: string) => `${cycle(officeId, cycleId)}/status.xlsx`;
export const compilationUrl = (officeId: string, cycleId: string) => `${cycle(officeId, cycleId)}/compilation.docx`;

export const reportsApi = {
  // the office (report.read / report.review)
  cycles: (officeId: string) => items(api.get<{ items: Cycle[] }>(`${office(officeId)}/cycles`)),
  openCycle: (officeId: string, body: CycleOpen) => api.post<Cycle>(`${office(officeId)}/cycles`, body),
  /** A1-10: more working days for an open quarter, with a reason (the director; If-Match the cycle read). */
  extendDeadline: (officeId: string, cycle: Cycle, body: CycleDeadline) =>
    api.put<Cycle>(`${office(officeId)}/cycles/${encodeURIComponent(cycle.id)}/deadline`, body, { ifMatch: cycle.version }),
  status: (officeId: string, cycleId: string) => api.get<StatusTable>(`${cycle(officeId, cycleId)}/status`),
  remind: (officeId: string, cycleId: string, unitIds?: string[]) => api.post<RemindResult>(`${cycle(officeId, cycleId)}/remind`, unitIds ? { unitIds } : {}),
  children: (officeId: string, query: ChildrenQuery) => items(api.get<{ items: ChildSummary[] }>(`${office(officeId)}/children`, { query })),
  report: (officeId: string, reportId: string) => api.get<Report>(report(officeId, reportId)),
  history: (officeId: string, reportId: string) => items(api.get<{ items: ReportEvent[] }>(`${report(officeId, reportId)}/history`)),
  accept: (officeId: string, reportId: string, version: number) => api.post<Report>(`${report(officeId, reportId)}/accept`, {}, { ifMatch: version }),
  returnForRevision: (officeId: string, reportId: string, version: number, reason: string) =>
    api.post<Report>(`${report(officeId, reportId)}/return`, { reason }, { ifMatch: version }),

  // rule data (read: report.read; save: report.rules)
  rules: (officeId: string) => api.get<RulesResponse>(`${office(officeId)}/rules`),
  saveRules: (officeId: string, rules: ReportRules, version: number) => api.put<RulesResponse>(`${office(officeId)}/rules`, rules, { ifMatch: version }),

  // the member unit's liaison officer (report.submit)
  mine: (officeId: string) => items(api.get<{ items: MyReportItem[] }>(`${office(officeId)}/my`)),
  myReport: (officeId: string, reportId: string) => api.get<Report>(myReport(officeId, reportId)),
  myHistory: (officeId: string, reportId: string) => items(api.get<{ items: ReportEvent[] }>(`${myReport(officeId, reportId)}/history`)),
  /** Creates the draft (no version yet) or saves it (the version read). */
  saveDraft: (officeId: string, cycleId: string, unitId: string, body: ReportDraft, version?: number) =>
    api.put<Report>(`${office(officeId)}/my/cycles/${encodeURIComponent(cycleId)}/units/${encodeURIComponent(unitId)}`, body, version === undefined ? {} : { ifMatch: version }),
  submit: (officeId: string, reportId: string, version: number) => api.post<Report>(`${myReport(officeId, reportId)}/submit`, {}, { ifMatch: version }),
  /** The server judges the file by its content (docx/pdf/xlsx); a refused file comes back as VALIDATION_FAILED. */
  attach: (officeId: string, reportId: string, file: File) => api.upload<Report>(`${myReport(officeId, reportId)}/attachments`, file, file.name, { quiet: true }),
  detach: (officeId: string, reportId: string, fileId: string) => api.delete<Report>(`${myReport(officeId, reportId)}/attachments/${encodeURIComponent(fileId)}`),
};
