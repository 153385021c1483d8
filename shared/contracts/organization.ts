import { z } from 'zod';
import { DELEGABLE_POWER_NAMES, POSTS } from '../roles.ts';
import { DateSchema, IdSchema, WarningSchema } from './common.ts';

export const OFFICE_LEVELS = ['region', 'prefecture', 'county', 'park'] as const;

export const OfficeSchema = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  level: z.enum(OFFICE_LEVELS),
  divisionCode: z.string().nullable(),
  name: z.string(),
  shortName: z.string(),
  hostUnitName: z.string().nullable(),
  leadingGroupIssuerCode: z.string().nullable(),
  officeIssuerCode: z.string().nullable(),
  version: z.number(),
});
export type Office = z.infer<typeof OfficeSchema>;
export const OfficeListSchema = z.object({ items: z.array(OfficeSchema.extend({ abilities: z.array(z.string()) })) });

const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

export const UnitSchema = z.object({
  id: z.string(),
  officeId: z.string(),
  name: z.string(),
  shortName: z.string().nullable(),
  isMember: z.boolean(),
  isHost: z.boolean(),
  responsibleBody: z.string().nullable(),
  phone: z.string().nullable(),
  address: z.string().nullable(),
  sortOrder: z.number(),
  active: z.boolean(),
  version: z.number(),
});
export type Unit = z.infer<typeof UnitSchema>;
const unitFields = {
  name: text(100),
  shortName: optionalText(50),
  isMember: z.boolean(),
  isHost: z.boolean(),
  responsibleBody: optionalText(100),
  phone: optionalText(50),
  address: optionalText(200),
  sortOrder: z.number().int().min(0).max(100000).optional(),
};
export const UnitCreateSchema = z.strictObject({ ...unitFields, isMember: unitFields.isMember.default(true), isHost: unitFields.isHost.default(false) });
export type UnitCreate = z.infer<typeof UnitCreateSchema>;
/** No defaults here: a PATCH that omits a flag leaves it as it is. */
export const UnitUpdateSchema = z.strictObject({ ...unitFields, active: z.boolean() }).partial();
export type UnitUpdate = z.infer<typeof UnitUpdateSchema>;
export const UnitParamsSchema = z.strictObject({ officeId: IdSchema, unitId: IdSchema });

export const PersonSchema = z.object({
  id: z.string(),
  officeId: z.string(),
  unitId: z.string().nullable(),
  unitName: z.string().nullable(),
  name: z.string(),
  title: z.string().nullable(),
  phone: z.string().nullable(),
  mobile: z.string().nullable(),
  email: z.string().nullable(),
  version: z.number(),
});
export type Person = z.infer<typeof PersonSchema>;
export const PersonCreateSchema = z.strictObject({
  name: text(50),
  unitId: IdSchema.nullable().optional(),
  title: optionalText(100),
  phone: optionalText(50),
  mobile: z.string().trim().regex(/^1\d{10}$/, '手机号应为 11 位 / mobile must be 11 digits').nullable().optional(),
  email: z.email().max(200).nullable().optional(),
});
export type PersonCreate = z.infer<typeof PersonCreateSchema>;
export const PersonUpdateSchema = PersonCreateSchema.partial().strict();
export type PersonUpdate = z.infer<typeof PersonUpdateSchema>;
export const PersonParamsSchema = z.strictObject({ officeId: IdSchema, personId: IdSchema });

export const AppointmentSchema = z.object({
  id: z.string(),
  officeId: z.string(),
  post: z.enum(POSTS),
  personId: z.string(),
  personName: z.string(),
  unitId: z.string().nullable(),
  unitName: z.string().nullable(),
  startDate: z.string(),
  endDate: z.string().nullable(),
  current: z.boolean(),
  note: z.string().nullable(),
  version: z.number(),
});
export type Appointment = z.infer<typeof AppointmentSchema>;
export const AppointmentCreateSchema = z.strictObject({
  post: z.enum(POSTS),
  personId: IdSchema,
  /** The member unit for liaison/information officers; the seconding unit for office staff; the department of a group member. */
  unitId: IdSchema.nullable().optional(),
  startDate: DateSchema,
  note: optionalText(500),
  /** For single-holder posts: end the current holder's appointment the day before startDate. */
  replaceCurrent: z.boolean().default(false),
});
export type AppointmentCreate = z.infer<typeof AppointmentCreateSchema>;
export const AppointmentEndSchema = z.strictObject({ endDate: DateSchema, note: optionalText(500) });
export const AppointmentParamsSchema = z.strictObject({ officeId: IdSchema, appointmentId: IdSchema });
export const AppointmentListQuerySchema = z.strictObject({
  /** current (default): today's holders; all: the whole history. */
  scope: z.enum(['current', 'all']).default('current'),
  post: z.enum(POSTS).optional(),
  personId: IdSchema.optional(),
  unitId: IdSchema.optional(),
});

export const DelegationSchema = z.object({
  id: z.string(),
  officeId: z.string(),
  power: z.enum(DELEGABLE_POWER_NAMES),
  fromPersonId: z.string(),
  fromPersonName: z.string(),
  toPersonId: z.string(),
  toPersonName: z.string(),
  startDate: z.string(),
  endDate: z.string(),
  reason: z.string().nullable(),
  revokedAt: z.string().nullable(),
  active: z.boolean(),
  version: z.number(),
});
export type Delegation = z.infer<typeof DelegationSchema>;
export const DelegationCreateSchema = z.strictObject({
  power: z.enum(DELEGABLE_POWER_NAMES),
  fromPersonId: IdSchema,
  toPersonId: IdSchema,
  startDate: DateSchema,
  endDate: DateSchema,
  reason: optionalText(500),
});
export type DelegationCreate = z.infer<typeof DelegationCreateSchema>;
export const DelegationParamsSchema = z.strictObject({ officeId: IdSchema, delegationId: IdSchema });

const RosterPersonSchema = z.object({
  appointmentId: z.string(),
  personId: z.string(),
  name: z.string(),
  title: z.string().nullable(),
  unitId: z.string().nullable(),
  unitName: z.string().nullable(),
  startDate: z.string(),
});
export const RosterSchema = z.object({
  office: OfficeSchema,
  asOf: z.string(),
  leadingGroup: z.object({ leader: z.array(RosterPersonSchema), deputyLeaders: z.array(RosterPersonSchema), members: z.array(RosterPersonSchema) }),
  officePosts: z.object({ director: z.array(RosterPersonSchema), deputyDirectors: z.array(RosterPersonSchema), staff: z.array(RosterPersonSchema), informationOfficers: z.array(RosterPersonSchema) }),
  units: z.array(z.object({ unit: UnitSchema, liaisonOfficers: z.array(RosterPersonSchema), informationOfficers: z.array(RosterPersonSchema) })),
  warnings: z.array(WarningSchema),
});
export type Roster = z.infer<typeof RosterSchema>;

const ContactSchema = z.object({ personId: z.string(), name: z.string(), title: z.string().nullable(), phone: z.string().nullable(), mobile: z.string().nullable(), email: z.string().nullable() });
export const DirectorySchema = z.object({
  items: z.array(z.object({
    unitId: z.string(),
    unitName: z.string(),
    responsibleBody: z.string().nullable(),
    liaisonOfficer: ContactSchema.nullable(),
    informationOfficer: ContactSchema.nullable(),
  })),
});

export const WithWarnings = <T extends z.ZodTypeAny>(item: T) => z.object({ item, warnings: z.array(WarningSchema) });

// ---- roster workbook import (成员单位 sheet) ----
export const ROSTER_IMPORT_MODES = ['dry-run', 'commit'] as const;
export type RosterImportMode = (typeof ROSTER_IMPORT_MODES)[number];
export const RosterImportQuerySchema = z.strictObject({
  /** dry-run (default): validate and preview, write nothing; commit: apply everything in one transaction or nothing. */
  mode: z.enum(ROSTER_IMPORT_MODES).default('dry-run'),
});
const RosterImportIssueSchema = z.object({ field: z.string(), column: z.string().nullable(), message: z.string() });
const RosterImportChangeSchema = z.object({ field: z.string(), column: z.string().nullable(), from: z.string().nullable(), to: z.string().nullable() });
export type RosterImportIssue = z.infer<typeof RosterImportIssueSchema>;
export type RosterImportChange = z.infer<typeof RosterImportChangeSchema>;
export const RosterImportReportSchema = z.object({
  mode: z.enum(ROSTER_IMPORT_MODES),
  sheet: z.string(),
  /** One entry per data row; `row` is the Excel row number. */
  rows: z.array(z.object({
    row: z.number(),
    unitName: z.string().nullable(),
    action: z.enum(['create', 'update', 'unchanged']),
    changes: z.array(RosterImportChangeSchema),
    errors: z.array(RosterImportIssueSchema),
  })),
  errorCount: z.number(),
  summary: z.object({ rows: z.number(), create: z.number(), update: z.number(), unchanged: z.number(), rowsWithErrors: z.number() }),
  /** After a commit: the roster's rule warnings (A1-4, A2-2, A1-13 …). */
  warnings: z.array(WarningSchema).optional(),
});
export type RosterImportReport = z.infer<typeof RosterImportReportSchema>;
