import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

describe('configuration from the environment', () => {
  it('defaults: embedded database under ./data, port 3000, jobs checked every 30 s', () => {
    const c = loadConfig({}, '/srv/ro');
    expect(c).toMatchObject({ port: 3000, host: '127.0.0.1', databaseUrl: 'sqlite:/srv/ro/data/reform-office.db', jobIntervalSeconds: 30, fontDir: null, smtpUrl: null });
  });

  it('JOB_INTERVAL_SECONDS is read, and a bad value stops the start with the variable named', () => {
    expect(loadConfig({ JOB_INTERVAL_SECONDS: '300' }, '/srv/ro').jobIntervalSeconds).toBe(300);
    expect(() => loadConfig({ JOB_INTERVAL_SECONDS: '0' }, '/srv/ro')).toThrow(/JOB_INTERVAL_SECONDS/);
    expect(() => loadConfig({ JOB_INTERVAL_SECONDS: 'soon' }, '/srv/ro')).toThrow(/JOB_INTERVAL_SECONDS/);
  });
});
