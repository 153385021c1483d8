import { describe, expect, it } from 'vitest';
import { changePeriod } from './change-periods.ts';

describe('the 本期变化 card\'s periods', () => {
  it('this month so far, the whole of last month (across a year and a leap February), the last 30 days', () => {
    expect(changePeriod('this', '2026-12-06')).toEqual({ from: '2026-12-01', to: '2026-12-06' });
    expect(changePeriod('last', '2026-12-06')).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    expect(changePeriod('last', '2027-01-15')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    expect(changePeriod('last', '2028-03-01')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(changePeriod('30', '2026-03-01')).toEqual({ from: '2026-01-31', to: '2026-03-01' });
    expect(changePeriod('this', '2026-12-01')).toEqual({ from: '2026-12-01', to: '2026-12-01' });
  });
});
