import { Cron } from 'croner';
import type { Db } from '../db/db.ts';
import { CHINA_UTC_OFFSET_MINUTES, type Clock } from './clock.ts';
import { newId } from './ids.ts';

export interface JobDefinition {
  name: string;
  /** Cron pattern in China time (UTC+8, a fixed offset: clock.ts), e.g. '0 1 * * *' = 01:00 every day. */
  cron: string;
  run(): Promise<unknown>;
}

/**
 * Scheduled work that fires once per slot however many app processes share the database: each process, on its tick,
 * tries to insert (job, slot) into job_runs; only the process whose insert succeeds runs the job. The slot is the
 * latest scheduled time not after now, so a slot missed while no process ran is caught up once at the next tick.
 * (pg-boss would do this on PostgreSQL, but its current versions need Node 22; this also works on SQLite.)
 */
export function createJobRunner(deps: { db: Db; clock: Clock; jobs: JobDefinition[]; owner?: string; log?: (msg: string, extra?: unknown) => void }) {
  const owner = deps.owner ?? `${process.pid}-${newId().slice(-8)}`;
  const patterns = deps.jobs.map((j) => ({ job: j, cron: new Cron(j.cron, { utcOffset: CHINA_UTC_OFFSET_MINUTES, paused: true }) }));
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> = Promise.resolve();

  /** Claims and runs every job whose current slot is unclaimed. Returns the jobs this process ran. */
  async function tick(now = deps.clock.now()): Promise<string[]> {
    const ran: string[] = [];
    for (const { job, cron } of patterns) {
      const prev = cron.previousRuns(1, now)[0];
      if (!prev) continue;
      const slot = prev.toISOString();
      const claimed = await deps.db
        .insertInto('jobRuns')
        .values({ job: job.name, slot, owner, startedAt: now.toISOString(), finishedAt: null, outcome: null })
        .onConflict((oc) => oc.columns(['job', 'slot']).doNothing())
        .executeTakeFirst();
      if (Number(claimed.numInsertedOrUpdatedRows ?? 0) === 0) continue;
      let outcome: string;
      try {
        outcome = `ok ${JSON.stringify((await job.run()) ?? null)}`.slice(0, 500);
      } catch (err) {
        outcome = `error ${(err as Error).message}`.slice(0, 500);
        deps.log?.(`job ${job.name} failed`, err);
      }
      await deps.db.updateTable('jobRuns').set({ finishedAt: deps.clock.now().toISOString(), outcome }).where('job', '=', job.name).where('slot', '=', slot).execute();
      ran.push(job.name);
    }
    return ran;
  }

  return {
    tick,
    start(intervalMs = 30_000) {
      if (timer) return;
      const loop = () => {
        running = running.then(() => tick()).catch((err: unknown) => deps.log?.('job tick failed', err));
      };
      // The first tick waits a little: a fresh database may only just have been migrated.
      timer = setInterval(loop, intervalMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await running;
    },
  };
}
export type JobRunner = ReturnType<typeof createJobRunner>;

/**
 * The jobs of the ledger: the daily deadline reminder to lead units (supervision practice; ledger.service remindDue),
 * and at midnight the tasks' kept statuses moved to the new day (A1-6; ledger.repository statusesFor: 0.2–0.7 s for
 * bench/'s 200,000 tasks), so that no request waits for it.
 */
export function ledgerJobs(ledger: { remindDue(): Promise<number>; keepStatusesForToday(): Promise<string> }): JobDefinition[] {
  return [
    { name: 'ledger.statuses', cron: '0 0 * * *', run: () => ledger.keepStatusesForToday() },
    { name: 'ledger.remind', cron: '0 9 * * *', run: () => ledger.remindDue() },
  ];
}

/** The jobs of the reports module (A1-10). */
export function reportJobs(reports: { openDueCycles(): Promise<number>; remindDue(): Promise<number> }): JobDefinition[] {
  return [
    { name: 'reports.open-cycles', cron: '0 1 * * *', run: () => reports.openDueCycles() },
    { name: 'reports.remind', cron: '0 9 * * *', run: () => reports.remindDue() },
  ];
}
