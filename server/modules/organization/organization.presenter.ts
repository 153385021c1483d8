// Wire shapes: rows in, contract objects out. Never return DB rows.
import type { Appointment, Delegation, Office, Person, Unit } from '../../../shared/contracts/organization.ts';
import type { DelegablePower, Post } from '../../../shared/roles.ts';
import type { OfficesTable, UnitsTable } from '../../db/schema.ts';
import { appointmentCovers } from './organization.rules.ts';

type Row<T> = { [K in keyof T]: T[K] extends import('kysely').Generated<infer U> ? U : T[K] };

export const presentOffice = (o: Row<OfficesTable>): Office => ({
  id: o.id,
  parentId: o.parentId,
  level: o.level as Office['level'],
  divisionCode: o.divisionCode,
  name: o.name,
  shortName: o.shortName,
  hostUnitName: o.hostUnitName,
  leadingGroupIssuerCode: o.leadingGroupIssuerCode,
  officeIssuerCode: o.officeIssuerCode,
  version: o.version,
});

export const presentUnit = (u: Row<UnitsTable>): Unit => ({
  id: u.id,
  officeId: u.officeId,
  name: u.name,
  shortName: u.shortName,
  isMember: Boolean(u.isMember),
  isHost: Boolean(u.isHost),
  responsibleBody: u.responsibleBody,
  phone: u.phone,
  address: u.address,
  sortOrder: u.sortOrder,
  active: Boolean(u.active),
  version: u.version,
});

export const presentPerson = (p: { id: string; officeId: string; unitId: string | null; unitName: string | null; name: string; title: string | null; phone: string | null; mobile: string | null; email: string | null; version: number }): Person => ({
  id: p.id,
  officeId: p.officeId,
  unitId: p.unitId,
  unitName: p.unitName,
  name: p.name,
  title: p.title,
  phone: p.phone,
  mobile: p.mobile,
  email: p.email,
  version: p.version,
});

export const presentAppointment = (
  a: { id: string; officeId: string; post: string; personId: string; personName: string; unitId: string | null; unitName: string | null; startDate: string; endDate: string | null; note: string | null; version: number },
  today: string,
): Appointment => ({
  id: a.id,
  officeId: a.officeId,
  post: a.post as Post,
  personId: a.personId,
  personName: a.personName,
  unitId: a.unitId,
  unitName: a.unitName,
  startDate: a.startDate,
  endDate: a.endDate,
  current: appointmentCovers(a, today),
  note: a.note,
  version: a.version,
});

export const presentDelegation = (
  d: { id: string; officeId: string; power: string; fromPersonId: string; fromPersonName: string; toPersonId: string; toPersonName: string; startDate: string; endDate: string; reason: string | null; revokedAt: string | null; version: number },
  today: string,
): Delegation => ({
  id: d.id,
  officeId: d.officeId,
  power: d.power as DelegablePower,
  fromPersonId: d.fromPersonId,
  fromPersonName: d.fromPersonName,
  toPersonId: d.toPersonId,
  toPersonName: d.toPersonName,
  startDate: d.startDate,
  endDate: d.endDate,
  reason: d.reason,
  revokedAt: d.revokedAt,
  active: !d.revokedAt && d.startDate <= today && d.endDate >= today,
  version: d.version,
});
