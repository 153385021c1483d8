import type { FastifyInstance } from 'fastify';
import v8 from 'node:v8';
import { buildApp, createServices } from './app.ts';
import { loadAuditKey, type Config } from './config.ts';
import { createDb, type DbHandle } from './db/db.ts';
import { migrateToLatest } from './db/migrate.ts';
import { ensureSystemAccounts, isEmpty, loadDemo, type DemoLogin } from './demo/demo.ts';
import { systemClock } from './platform/clock.ts';
import { createJobRunner, ledgerJobs, reportJobs } from './platform/jobs.ts';

export interface Started {
  app: FastifyInstance;
  handle: DbHandle;
  url: string;
  logins: DemoLogin[];
}

/** Migrates, optionally loads the demo into an empty database, creates the system accounts on first start, listens. */
export async function startServer(config: Config, opts: { demo: boolean; demoPassword?: string }): Promise<Started> {
  // V8 lets the old generation grow to as much as four times what survived the last full collection: under load
  // (bench/, 50 connections) the server peaked at 234 MB. Growing by at most 2 peaked at 194 MB (task page 1,228 →
  // 1,197 req/s, progress 708 → 664); by 1.3, at 173 MB for 16–33 % less (BENCHMARKS.md). V8 reads it at each
  // collection, so setting it here takes effect (a hard cap, --max-old-space-size, would end the process on a big export).
  v8.setFlagsFromString('--heap-growing-percent=100');
  const handle = createDb(config.databaseUrl);
  await migrateToLatest(handle.db);
  const auditKey = loadAuditKey(config.auditKeyFile);
  // nodemailer only when SMTP is configured (~0.1 s of start-up otherwise).
  const mailer = config.smtpUrl ? { transport: (await import('nodemailer')).default.createTransport(config.smtpUrl), from: config.mailFrom } : null;
  const services = createServices({ handle, clock: systemClock, auditKey, mailer, fontDir: config.fontDir });
  await services.calendar.seedFromPackage();
  const logins: DemoLogin[] = [];
  const demoOpts = opts.demoPassword ? { password: opts.demoPassword, mustChangePassword: false } : {};
  logins.push(...(await ensureSystemAccounts(services, demoOpts)));
  if (opts.demo && (await isEmpty(services, handle.db))) logins.push(...(await loadDemo(handle, services, systemClock, demoOpts)));
  const app = await buildApp({
    handle,
    clock: systemClock,
    auditKey,
    logger: { level: config.logLevel },
    secureCookies: config.secureCookies,
    trustProxy: config.trustProxy,
    webDist: config.webDist,
    mailer,
    services,
    checkResponses: config.responseCheck,
  });
  const url = await app.listen({ port: config.port, host: config.host });
  // Planner statistics (SQLite): refreshed once the server answers, then every 6 hours; a no-op when nothing changed much.
  const optimize = () => void handle.optimize().catch((err: unknown) => app.log.error({ err }, 'database optimize failed'));
  setTimeout(optimize, 2_000).unref();
  setInterval(optimize, 6 * 3_600_000).unref();
  const jobs = createJobRunner({ db: handle.db, clock: systemClock, jobs: [...reportJobs(services.reports), ...ledgerJobs(services.ledger)], log: (msg, err) => app.log.error({ err }, msg) });
  jobs.start(config.jobIntervalSeconds * 1000);
  const shutdown = async () => {
    await jobs.stop();
    await app.close();
    await handle.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
  return { app, handle, url, logins };
}
