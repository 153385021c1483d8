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
