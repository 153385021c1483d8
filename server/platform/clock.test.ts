import { expect, it } from 'vitest';
import { Cron } from 'croner';
import { CHINA_UTC_OFFSET_MINUTES, chinaDate, chinaDateTime } from './clock.ts';

it('chinaDate gives the Asia/Shanghai calendar date of an instant, as Intl does, around every midnight and new year', () => {
  const intl = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });
  const instants: number[] = [];
  for (let y = 1992; y <= 2100; y++) {
    // China's midnight is 16:00 UTC the day before: one second either side of it, on new year's eve and in mid-year.
    for (const [m, d] of [[0, 1], [5, 30], [11, 31]] as const) {
      const midnight = Date.UTC(y, m, d) - 8 * 3_600_000;
      instants.push(midnight - 1000, midnight, midnight + 1000, midnight + 12 * 3_600_000);
    }
  }
  for (let k = 0; k < 2000; k++) instants.push(Date.UTC(2026, 0, 1) + k * 7_919_000); // every 2.2 h across 2026
  for (const t of instants) expect(chinaDate(new Date(t)), new Date(t).toISOString()).toBe(intl.format(new Date(t)));
  expect(chinaDate(new Date('2026-12-31T15:59:59.999Z'))).toBe('2026-12-31');
  expect(chinaDate(new Date('2026-12-31T16:00:00.000Z'))).toBe('2027-01-01');
});

it('chinaDateTime gives the Asia/Shanghai date and minute of an instant, as Intl does', () => {
  const intl = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const viaIntl = (d: Date) => {
    const p = Object.fromEntries(intl.formatToParts(d).map((x) => [x.type, x.value]));
    return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
  };
  for (let k = 0; k < 5000; k++) {
    const d = new Date(Date.UTC(1992, 0, 1) + k * 683_117_000); // every 7.9 days and a few hours, 1992 to 2100
    expect(chinaDateTime(d), d.toISOString()).toBe(viaIntl(d));
  }
  expect(chinaDateTime(new Date('2026-12-15T02:00:00Z'))).toBe('2026-12-15 10:00');
  expect(chinaDateTime(new Date('2026-12-31T16:00:59.999Z'))).toBe('2027-01-01 00:00');
});

it('the job scheduler\'s fixed China offset gives the same slots as the Asia/Shanghai time zone', () => {
  for (const pattern of ['0 1 * * *', '0 9 * * *', '30 8 1 * *']) {
    const fixed = new Cron(pattern, { utcOffset: CHINA_UTC_OFFSET_MINUTES, paused: true });
    const zone = new Cron(pattern, { timezone: 'Asia/Shanghai', paused: true });
    for (let k = 0; k < 400; k++) {
      const now = new Date(Date.UTC(2025, 11, 31) + k * 7_919_000);
      expect(fixed.previousRuns(1, now)[0]?.toISOString(), `${pattern} at ${now.toISOString()}`).toBe(zone.previousRuns(1, now)[0]?.toISOString());
    }
  }
});
