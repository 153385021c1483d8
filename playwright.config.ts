import { defineConfig } from '@playwright/test';

// Browser journeys against the built app: `start` builds the web app when stale, migrates a fresh
// database, loads the Changji demo with a known password and serves it.
const PORT = Number(process.env.E2E_PORT ?? 3210);
const DATA_DIR = process.env.E2E_DATA_DIR ?? '/tmp/reform-office-e2e';
export const E2E_PASSWORD = 'E2e-Pass-2026!';

export default defineConfig({
  testDir: 'e2e',
  workers: 1,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  projects: [
    // Runs first: rule data that must exist before the server's daily job opens the quarter's reports on its first
    // tick (JOB_INTERVAL_SECONDS below; see e2e/report-deadline.setup.ts).
    { name: 'setup', testMatch: /.*\.setup\.ts/ },
    { name: 'journeys', dependencies: ['setup'] },
  ],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    headless: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
  webServer: {
    command: `rm -rf '${DATA_DIR}' && node bin/reform-office.js start --demo-password '${E2E_PASSWORD}'`,
    env: { DATA_DIR, PORT: String(PORT), HOST: '127.0.0.1', LOG_LEVEL: 'warn', JOB_INTERVAL_SECONDS: '300', RESPONSE_CHECK: '1' },
    url: `http://127.0.0.1:${PORT}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
