/** Time source, injected so rules and tests can fix "now". Instants are UTC; calendar dates are shown in Asia/Shanghai. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export function fixedClock(start: Date | string): Clock & { set(d: Date | string): void; advance(ms: number): void } {
  let t = new Date(start).getTime();
  return {
    now: () => new Date(t),
    set: (d) => {
      t = new Date(d).getTime();
    },
    advance: (ms) => {
      t += ms;
    },
  };
}

/** China's clocks have kept UTC+8 all year since 1992 (no daylight saving); Intl's formatter cost 1 % of a task page. */
const CHINA_OFFSET_MS = 8 * 3_600_000;

/** The calendar date (YYYY-MM-DD) of an instant in China (from 1992 on; clock.test.ts checks it against Intl). */
export const chinaDate = (d: Date): string => new Date(d.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);

/** The instant (ISO, UTC) a China date begins, chinaDate's inverse: stored timestamps (created_at, done_at) compare with it. */
export const chinaDayStart = (date: string): string => new Date(Date.parse(`${date}T00:00:00Z`) - CHINA_OFFSET_MS).toISOString();

/**
 * The date and time (YYYY-MM-DD HH:mm) of an instant in China, from 1992 on. Not Intl: building one
 * Intl.DateTimeFormat with a time zone brings about 6 MB of the node binary's ICU data into the process's resident
 * memory, for good (measured with /proc/self/smaps; the idle server's target is 100 MB).
 */
export const chinaDateTime = (d: Date): string => new Date(d.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');

/** China's offset from UTC in minutes, for schedulers that take one (croner's utcOffset) instead of a time zone. */
export const CHINA_UTC_OFFSET_MINUTES = 480;
