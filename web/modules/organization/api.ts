import type { z } from 'zod';
import type { Warning } from '../../../shared/contracts/common.ts';
import type {
  Appointment,
  AppointmentCreateSchema,
  AppointmentEndSchema,
  AppointmentListQuerySchema,
  Delegation,
  DelegationCreate,
  DirectorySchema,
  Person,
  PersonCreate,
  PersonUpdate,
  Roster,
  Unit,
} from '../../../shared/contracts/organization.ts';
import { api } from '../../api.ts';

export type Directory = z.infer<typeof DirectorySchema>;
export type Contact = NonNullable<Directory['items'][number]['liaisonOfficer']>;
export type RosterPerson = Roster['units'][number]['liaisonOfficers'][number];
export type AppointmentInput = z.input<typeof AppointmentCreateSchema>;
export type AppointmentEnd = z.input<typeof AppointmentEndSchema>;
export type AppointmentQuery = z.input<typeof AppointmentListQuerySchema>;
export interface WithWarnings<T> {
  item: T;
  warnings: Warning[];
}

const office = (officeId: string) => `/api/v1/organization/offices/${encodeURIComponent(officeId)}`;
const items = <T>(p: Promise<{ items: T[] }>) => p.then((r) => r.items);

export const organizationApi = {
  roster: (officeId: string) => api.get<Roster>(`${office(officeId)}/roster`),
  directory: (officeId: string) => items(api.get<Directory>(`${office(officeId)}/directory`)),
  units: (officeId: string) => items(api.get<{ items: Unit[] }>(`${office(officeId)}/units`)),

  people: (officeId: string) => items(api.get<{ items: Person[] }>(`${office(officeId)}/people`)),
  createPerson: (officeId: string, body: PersonCreate) => api.post<Person>(`${office(officeId)}/people`, body),
  updatePerson: (officeId: string, personId: string, version: number, body: PersonUpdate) =>
    api.patch<Person>(`${office(officeId)}/people/${encodeURIComponent(personId)}`, body, { ifMatch: version }),

  appointments: (officeId: string, query: AppointmentQuery = {}) => items(api.get<{ items: Appointment[] }>(`${office(officeId)}/appointments`, { query })),
  appoint: (officeId: string, body: AppointmentInput) => api.post<WithWarnings<Appointment>>(`${office(officeId)}/appointments`, body),
  endAppointment: (officeId: string, appointmentId: string, version: number, body: AppointmentEnd) =>
    api.post<WithWarnings<Appointment>>(`${office(officeId)}/appointments/${encodeURIComponent(appointmentId)}/end`, body, { ifMatch: version }),

  delegations: (officeId: string) => items(api.get<{ items: Delegation[] }>(`${office(officeId)}/delegations`)),
  delegate: (officeId: string, body: DelegationCreate) => api.post<Delegation>(`${office(officeId)}/delegations`, body),
  revokeDelegation: (officeId: string, delegationId: string, version: number) =>
    api.post<Delegation>(`${office(officeId)}/delegations/${encodeURIComponent(delegationId)}/revoke`, undefined, { ifMatch: version }),
};
