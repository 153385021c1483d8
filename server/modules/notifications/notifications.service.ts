import type { Transporter } from 'nodemailer';
import type { Db, Tx } from '../../db/db.ts';
import type { Clock } from '../../platform/clock.ts';
import { newId } from '../../platform/ids.ts';
import type { NotificationsRepository } from './notifications.repository.ts';

export interface NotificationInput {
  accountId: string;
  email?: string | null;
  officeId: string | null;
  kind: string;
  title: string;
  body?: string;
  link?: string;
  /** Files for the e-mail copy only (e.g. a meeting's ICS); the in-app notice links to the page instead. */
  attachments?: Array<{ filename: string; content: string | Buffer; contentType: string }>;
}

export interface Mailer {
  transport: Transporter;
  from: string;
}

/**
 * In-app notifications, written in the caller's transaction; e-mail copies are sent after commit when SMTP is
 * configured (a failed e-mail is recorded on the notification, never rolls back the work).
 */
export function createNotificationsService(deps: { db: Db; repo: NotificationsRepository; clock: Clock; mailer: Mailer | null }) {
  const { db, repo, clock } = deps;

  async function notify(trx: Tx, items: NotificationInput[]): Promise<() => Promise<void>> {
    const now = clock.now().toISOString();
    const rows = items.map((n) => ({
      id: newId(), accountId: n.accountId, officeId: n.officeId, kind: n.kind, title: n.title, body: n.body ?? null, link: n.link ?? null,
      emailStatus: deps.mailer && n.email ? 'pending' : null, createdAt: now, readAt: null,
    }));
    await repo.insert(trx, rows);
    // Returned to run after the transaction commits.
    return async () => {
      if (!deps.mailer) return;
      for (const [i, n] of items.entries()) {
        if (!n.email) continue;
        const id = rows[i]!.id;
        try {
          await deps.mailer.transport.sendMail({ from: deps.mailer.from, to: n.email, subject: n.title, text: `${n.body ?? ''}\n\n${n.link ?? ''}`.trim(), attachments: n.attachments });
          await repo.setEmailStatus(db, id, 'sent');
        } catch (err) {
          await repo.setEmailStatus(db, id, `failed: ${(err as Error).message.slice(0, 200)}`);
        }
      }
    };
  }

  /** The accounts to tell: people holding `posts` in the office on `today` (optionally of given units), deduplicated. */
  async function holders(q: Db | Tx, officeId: string, posts: readonly string[], today: string, unitIds?: string[]) {
    const rows = await repo.accountsHolding(q, officeId, [...posts], today, unitIds);
    return [...new Map(rows.map((r) => [r.accountId, r])).values()];
  }

  /** holders, per unit: who holds `posts` in each of these units on `today` (one query for all of them). */
  async function holdersByUnit(q: Db | Tx, officeId: string, posts: readonly string[], today: string, unitIds: string[]) {
    const byUnit = new Map<string, Array<{ accountId: string; email: string | null }>>();
    for (const r of await repo.accountsHolding(q, officeId, [...posts], today, unitIds)) {
      if (!r.unitId) continue;
      const list = byUnit.get(r.unitId) ?? [];
      if (!list.some((a) => a.accountId === r.accountId)) list.push({ accountId: r.accountId, email: r.email });
      byUnit.set(r.unitId, list);
    }
    return byUnit;
  }

  return {
    notify,
    holders,
    holdersByUnit,
    list: async (accountId: string, unreadOnly: boolean, limit: number) => ({
      items: (await repo.listForAccount(db, accountId, unreadOnly, limit)).map((n) => ({ id: n.id, officeId: n.officeId, kind: n.kind, title: n.title, body: n.body, link: n.link, createdAt: n.createdAt, readAt: n.readAt, emailStatus: n.emailStatus })),
      unread: await repo.countUnread(db, accountId),
    }),
    markRead: (accountId: string, id: string) => repo.markRead(db, accountId, id, clock.now().toISOString()),
  };
}
export type NotificationsService = ReturnType<typeof createNotificationsService>;
