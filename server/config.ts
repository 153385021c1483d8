import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname, resolve } from 'node:path';

export interface Config {
  port: number;
  host: string;
  /** `sqlite:./data/reform-office.db` (default) or `postgres://…`. */
  databaseUrl: string;
  dataDir: string;
  /** Where the audit HMAC key lives: outside the database, by design. */
  auditKeyFile: string;
  webDist: string;
  secureCookies: boolean;
  logLevel: string;
  trustProxy: boolean;
  /** smtp://user:pass@host:port — e-mail copies of reminders; none when unset. */
  smtpUrl: string | null;
  mailFrom: string;
  /** A folder with the licensed official fonts (方正小标宋简体, 仿宋_GB2312 …) for PDFs; Noto CJK stand-ins otherwise. */
  fontDir: string | null;
  /** How often the scheduled jobs (opening report cycles, reminders) check whether a slot is due; the first check waits as long. */
  jobIntervalSeconds: number;
  /** RESPONSE_CHECK=1: every response is also checked against its zod schema (server/platform/serializer.ts); tests and e2e do. */
  responseCheck: boolean;
}

/** The only reader of the environment (called from main and the CLI). */
export function loadConfig(env: NodeJS.ProcessEnv, root = process.cwd()): Config {
  const dataDir = resolve(root, env.DATA_DIR ?? 'data');
  return {
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '127.0.0.1',
    databaseUrl: env.DATABASE_URL ?? `sqlite:${resolve(dataDir, 'reform-office.db')}`,
    dataDir,
    auditKeyFile: resolve(root, env.AUDIT_KEY_FILE ?? resolve(dataDir, 'audit.key')),
    webDist: resolve(root, 'dist/web'),
    secureCookies: env.COOKIE_SECURE === '1' || env.COOKIE_SECURE === 'true',
    logLevel: env.LOG_LEVEL ?? 'info',
    trustProxy: env.TRUST_PROXY === '1',
    smtpUrl: env.SMTP_URL ?? null,
    mailFrom: env.MAIL_FROM ?? '审改办工作平台 <noreply@localhost>',
    fontDir: env.FONT_DIR ? resolve(root, env.FONT_DIR) : null,
    jobIntervalSeconds: positiveNumber(env, 'JOB_INTERVAL_SECONDS', 30),
    responseCheck: env.RESPONSE_CHECK === '1',
  };
}

function positiveNumber(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number of seconds, got ${JSON.stringify(raw)}`);
  return n;
}

/** Reads the audit key, creating a random one (mode 0600) on first start. */
export function loadAuditKey(file: string): Buffer {
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
  }
  const hex = readFileSync(file, 'utf8').trim();
  if (!/^[0-9a-f]{64}$/i.test(hex)) throw new Error(`audit key file ${file} must hold 64 hex digits`);
  return Buffer.from(hex, 'hex');
}
