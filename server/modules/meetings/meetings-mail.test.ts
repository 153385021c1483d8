// Meeting notices by e-mail (A1-8): each change of the meeting mails everyone invited a calendar file that a calendar
// client can import — the notice, a postponement (same UID, higher SEQUENCE, the new time) and a cancellation
// (STATUS:CANCELLED). Real parts: a local SMTP server, nodemailer, mailparser for the MIME, ical.js for the ICS.
import ICAL from 'ical.js';
import { simpleParser, type ParsedMail } from 'mailparser';
import nodemailer from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, login, type TestContext } from '../../test/harness.ts';

const v = (x: { version: number }) => ({ 'if-match': `"v${x.version}"` });

describe('meeting notices by e-mail with an ICS attachment (A1-8)', () => {
  const received: Array<{ to: string; raw: Buffer }> = [];
  let server: SMTPServer;
  let t: TestContext;
  beforeAll(async () => {
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, session, cb) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          received.push({ to: session.envelope.rcptTo.map((r) => r.address).join(','), raw: Buffer.concat(chunks) });
          cb();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const port = (server.server.address() as { port: number }).port;
    t = await createTestContext('sqlite', { now: '2026-12-01T02:00:00.000Z', mailer: { transport: nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true }), from: 'ro@localhost' } });
  });
  afterAll(async () => {
    await t?.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  /** The director's mails so far, parsed, with the VEVENT of each one's calendar attachment. */
  async function directorMails() {
    const mails: Array<{ mail: ParsedMail; event: ICAL.Component }> = [];
    for (const r of received.filter((x) => x.to === 'director@example.test')) {
      const mail = await simpleParser(r.raw);
      const ics = mail.attachments.find((a) => a.contentType === 'text/calendar');
      expect(ics, `an ICS attachment in "${mail.subject}"`).toBeDefined();
      mails.push({ mail, event: new ICAL.Component(ICAL.parse(ics!.content.toString('utf8'))).getFirstSubcomponent('vevent')! });
    }
    return mails;
  }

  it('A1-8: notice, postponement and cancellation each mail an ICS of the meeting (one UID, rising SEQUENCE)', async () => {
    const office = t.offices['昌吉州']!;
    const base = `/api/v1/meetings/offices/${office}`;
    const director = await login(t.app, 'cj.director');
    const personId = (await t.handle.db.selectFrom('accounts').select('personId').where('username', '=', 'cj.director').executeTakeFirstOrThrow()).personId!;
    const person = (await director.get(`/api/v1/organization/offices/${office}/people/${personId}`)).json();
    expect((await director.patch(`/api/v1/organization/offices/${office}/people/${personId}`, { email: 'director@example.test' }, v(person))).statusCode).toBe(200);

    const staff = await login(t.app, 'cj.staff');
    let m = (await staff.post(`${base}/meetings`, { kind: 'office_regular', title: '12月办公室例会', startsAt: '2026-12-08T02:00:00.000Z', endsAt: '2026-12-08T03:30:00.000Z', place: '州住建局五楼会议室' })).json();
    const url = `${base}/meetings/${m.id}`;
    expect((await staff.post(`${url}/agenda-items`, { title: '研究12月重点工作' })).statusCode).toBe(201);
    expect((await staff.post(`${url}/attendees/defaults`, {})).statusCode).toBe(200);
    m = (await staff.get(url)).json();
    m = (await staff.post(`${url}/send-notice`, {}, v(m))).json();
    expect(m.status).toBe('notice_sent');
    let mails = await directorMails();
    expect(mails).toHaveLength(1);
    expect(mails[0]!.mail.subject).toBe('会议通知：12月办公室例会（2026年12月8日 10:00）');
    expect(mails[0]!.mail.text).toContain('地点：州住建局五楼会议室');
    let ev = new ICAL.Event(mails[0]!.event);
    expect([ev.summary, ev.location, ev.startDate.toJSDate().toISOString(), ev.endDate.toJSDate().toISOString(), ev.sequence]).toEqual([
      '办公室例会：12月办公室例会', '州住建局五楼会议室', '2026-12-08T02:00:00.000Z', '2026-12-08T03:30:00.000Z', 1,
    ]);
    const uid = ev.uid;
    // The in-app notice holds no file; its status says the e-mail went out.
    expect((await director.get('/api/v1/notifications')).json().items[0]).toMatchObject({ kind: 'meeting.notice', emailStatus: 'sent' });

    m = (await staff.post(`${url}/postpone`, { startsAt: '2026-12-09T02:00:00.000Z', reason: '与州政府常务会议冲突' }, v(m))).json();
    mails = await directorMails();
    expect(mails).toHaveLength(2);
    ev = new ICAL.Event(mails[1]!.event);
    expect([ev.uid, ev.startDate.toJSDate().toISOString(), ev.endDate.toJSDate().toISOString(), ev.sequence]).toEqual([uid, '2026-12-09T02:00:00.000Z', '2026-12-09T03:30:00.000Z', 2]);
    expect(mails[1]!.event.getFirstPropertyValue('status')).toBe('CONFIRMED');

    expect((await staff.post(`${url}/cancel`, { reason: '并入专题会议' }, v(m))).json().status).toBe('cancelled');
    mails = await directorMails();
    expect(mails).toHaveLength(3);
    ev = new ICAL.Event(mails[2]!.event);
    expect([ev.uid, ev.sequence, mails[2]!.event.getFirstPropertyValue('status')]).toEqual([uid, 3, 'CANCELLED']);
    expect(mails[2]!.mail.subject).toBe('会议取消：12月办公室例会');
  });
});
