// A2-11 and A2-12 as named functions over data: who signs, the issuer's code and names, the digest of an issued
// document, the incoming numbers and their time limits in working days.
import { createHash } from 'node:crypto';
import type { DocumentRules, IncomingCategory, Issuer } from '../../../shared/contracts/documents.ts';
import type { DelegablePower } from '../../../shared/roles.ts';
import type { WorkingCalendar } from '../calendar/working-days.ts';

export const DEFAULT_DOCUMENT_RULES: DocumentRules = {
  reviewChain: { leading_group: [], office: [] },
  incomingWorkingDays: { approval: 10, filing: 5, major_matter: 2 },
  yellowWorkingDays: 1,
};

/** A2-12: documents in the leading group's name are signed by the leader (or a deputy leader he delegated); the office's by the director (or a delegated deputy director). */
export const signingPower = (issuer: Issuer): DelegablePower => (issuer === 'leading_group' ? 'sign_leading_group_documents' : 'sign_office_documents');

export interface IssuerOffice {
  name: string;
  shortName: string;
  leadingGroupIssuerCode: string | null;
  officeIssuerCode: string | null;
}

/** 机关代字 of the issuer, from the office row (昌建审改 / 昌建审改办); null when the office has not set it. */
export const issuerCodeOf = (o: IssuerOffice, issuer: Issuer) => (issuer === 'leading_group' ? o.leadingGroupIssuerCode : o.officeIssuerCode);

const GROUP = '工程建设项目审批制度改革领导小组';
/** The issuer's full name, as in the mark and the 印发 line: 昌吉回族自治州工程建设项目审批制度改革领导小组办公室. */
export const issuerFullName = (o: IssuerOffice, issuer: Issuer) => `${o.name}${GROUP}${issuer === 'office' ? '办公室' : ''}`;
/** The signature under the body uses the short name: 昌吉州工程建设项目审批制度改革领导小组办公室. */
export const issuerSignatureName = (o: IssuerOffice, issuer: Issuer) => `${o.shortName}${GROUP}${issuer === 'office' ? '办公室' : ''}`;
/** The office seals on the group's behalf: "（代章）". */
export const withSealNote = (name: string, sealedOnBehalf: boolean) => (sealedOnBehalf ? `${name}（代章）` : name);

/** A2-12: a signer acting under delegation is shown with 代 after the name. */
export const signerLabel = (name: string, via: 'post' | 'delegation') => (via === 'delegation' ? `${name}（代）` : name);

/** Incoming numbers: the office's own gap-free counter per year, 收文〔2026〕12号. */
export const formatIncomingNumber = (year: number, serial: number) => `收文〔${year}〕${serial}号`;
export const incomingScope = (officeId: string) => `incoming:${officeId}`;

/** A2-12: major matters go to the leader; approvals and filings may go to the leader or the director. */
export const forwardAllowed = (category: IncomingCategory, to: 'leader' | 'director') => category !== 'major_matter' || to === 'leader';

/** The due date of an incoming item: `days` working days after its registration. Throws CalendarYearMissing. */
export const incomingDueDate = (cal: WorkingCalendar, registeredOn: string, days: number) => cal.addWorkingDays(registeredOn, days);

export type Light = 'green' | 'yellow' | 'red' | 'none' | 'unknown';
/**
 * The inbox light: green once handled (filed, instructed, closed); red after the due date; yellow within
 * `yellow` working days of it; unknown when the due date could not be computed (calendar not loaded).
 */
export function incomingLight(input: { status: string; dueDate: string | null; today: string; cal: WorkingCalendar; yellow: number }): { light: Light; workingDaysLeft: number | null } {
  if (['filed', 'instructed', 'closed', 'rejected'].includes(input.status)) return { light: 'green', workingDaysLeft: null };
  if (input.status === 'submitted') return { light: 'none', workingDaysLeft: null };
  if (!input.dueDate) return { light: 'unknown', workingDaysLeft: null };
  if (input.today > input.dueDate) return { light: 'red', workingDaysLeft: 0 };
  try {
    const left = input.cal.workingDaysBetween(input.today, input.dueDate);
    return { light: left <= input.yellow ? 'yellow' : 'none', workingDaysLeft: left };
  } catch {
    return { light: 'unknown', workingDaysLeft: null };
  }
}

/** JSON with object keys sorted at every level: the same data always gives the same text. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export const sm3 = (data: string | Buffer) => createHash('sm3').update(data).digest('hex');
