import { createHash } from 'node:crypto';
import type { Db } from '../../db/db.ts';
import type { Actor } from '../../platform/actor.ts';
import type { Clock } from '../../platform/clock.ts';
import { AppError } from '../../platform/errors.ts';
import { newId, newToken } from '../../platform/ids.ts';
import type { CalendarRepository } from './calendar.repository.ts';
import { renderIcs, type IcsEvent } from './ics.ts';

/** A module that contributes events to a person's feed (deadlines, meetings …). */
export type FeedSource = (accountId: string) => Promise<IcsEvent[]>;

const hash = (t: string) => createHash('sm3').update(t).digest('hex');

/** Per-user ICS feeds: a secret token in the URL (calendar clients cannot log in); rotating it revokes the old URL. */
export function createCalendarFeedService(deps: { db: Db; repo: CalendarRepository; clock: Clock; sources: FeedSource[] }) {
  const { db, repo, clock } = deps;

  async function issue(actor: Actor, rotate: boolean): Promise<string | null> {
    const existing = await repo.findFeedByAccount(db, actor.accountId);
    if (existing && !rotate) return null; // the token is only shown once; rotate to get a new one
    const token = newToken();
    await repo.upsertFeed(db, { id: newId(), accountId: actor.accountId, tokenHash: hash(token), createdAt: clock.now().toISOString() });
    return token;
  }

  async function render(token: string): Promise<string> {
    const feed = await repo.findFeedByTokenHash(db, hash(token));
    if (!feed) throw new AppError('NOT_FOUND', '订阅地址无效 / unknown feed');
    const events = (await Promise.all(deps.sources.map((s) => s(feed.accountId)))).flat();
    return renderIcs({ name: '审改办工作平台 · 我的期限与会议', events, now: clock.now() });
  }

  return { issue, render };
}
export type CalendarFeedService = ReturnType<typeof createCalendarFeedService>;
