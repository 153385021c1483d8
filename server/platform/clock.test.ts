import { expect, it } from 'vitest';
import { chinaDate } from './clock.ts';

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
