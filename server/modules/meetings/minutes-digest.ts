// 存档备查: the canonical text of archived minutes and its SM3 digest. Pure functions, no I/O.
import { createHash } from 'node:crypto';

export const sm3 = (data: string | Buffer): string => createHash('sm3').update(data).digest('hex');

/** JSON with object keys sorted at every level: the same content always gives the same text. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export interface CanonicalMinutesInput {
  minutes: {
    id: string; meetingId: string; officeId: string; kind: string; correctsMinutesId: string | null; status: string; series: string; year: number;
    number: number | null; title: string; meetingTitle: string; meetingKind: string; startsAt: string; endsAt: string | null; place: string;
    chairPersonId: string | null; chairName: string | null; recorderName: string | null; opening: string; attendance: string; correctionReason: string | null;
    reviewedAt: string | null; reviewedByName: string | null; archivedAt: string | null; archivedByName: string | null;
  };
  topics: Array<{ id: string; seq: number; agendaItemId: string | null; title: string; presenterUnitName: string | null; summary: string }>;
  points: Array<{ id: string; topicId: string; seq: number; speakerName: string; speakerPersonId: string | null; unitName: string | null; points: string }>;
  decisions: Array<{ id: string; topicId: string; seq: number; text: string; ownerUnitId: string | null; ownerUnitName: string | null; deadline: string | null; supersedesDecisionId: string | null }>;
  /** Attachments of the minutes and materials of the meeting's agenda, with the SM3 digest of each file's content. */
  attachments: Array<{ id: string; ownerType: string; ownerId: string; filename: string; mime: string; size: number; digest: string }>;
}

/**
 * The canonical record that is hashed: every field of the minutes (time, place, attendees, chair, topics, each
 * speaker's points, the decisions) and the list of attachments with their digests, in a fixed order.
 */
export function canonicalMinutes(input: CanonicalMinutesInput): string {
  const m = input.minutes;
  const bySeq = <T extends { seq: number; id: string }>(a: T, b: T) => a.seq - b.seq || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  return canonicalJson({
    format: 'reform-office/minutes/1',
    minutes: { ...m, attendance: JSON.parse(m.attendance) as unknown },
    topics: [...input.topics].sort(bySeq).map((t) => ({
      ...t,
      speakerPoints: input.points.filter((p) => p.topicId === t.id).sort(bySeq).map(({ topicId: _t, ...p }) => p),
      decisions: input.decisions.filter((d) => d.topicId === t.id).sort(bySeq).map(({ topicId: _t, ...d }) => d),
    })),
    attachments: [...input.attachments].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
  });
}
