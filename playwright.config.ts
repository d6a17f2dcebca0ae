import { defineConfig } from '@playwright/test';

// Browser journeys against the real platform: a throwaway data directory (embedded PostgreSQL,
// demo city seeded on first start) and Debian's Chromium, since no browser can be downloaded here.

const PORT = Number(process.env.E2E_PORT ?? 3107);
const dataDir = `.tmp/e2e-data-${Date.now()}`;
// the personal-data scan of all the e2e server answers and logs (e2e/pii-preload.ts, e2e/pii-teardown.ts)
process.env.GZ_PII_REPORT ??= `${process.cwd()}/.tmp/e2e-pii-${PORT}-${Date.now()}.json`;
const chromium = {
  browserName: 'chromium' as const,
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  },
};

export default defineConfig({
  testDir: 'e2e',
  outputDir: '.tmp/e2e-results',
  timeout: 120_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  globalTeardown: './e2e/pii-teardown.ts',
  use: {
    baseURL: `http://localhost:${PORT}`,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    trace: 'retain-on-failure',
    ...chromium,
  },
  projects: [
    { name: 'desktop', testMatch: /official-.*\.spec\.ts|role-.*\.spec\.ts|admin-.*\.spec\.ts/, use: { viewport: { width: 1440, height: 900 } } },
    {
      name: 'phone',
      testMatch: /owner-.*\.spec\.ts/,
      use: { ...chromium, viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
    },
  ],
  webServer: {
    command: `npm run build:web --silent && node --import tsx --import ./e2e/pii-preload.ts packages/cli/src/main.ts start`,
    // its own PostgreSQL port too, so a developer's running instance does not collide
    env: { GONGZHI_DATA_DIR: dataDir, PORT: String(PORT), GONGZHI_PG_PORT: String(PORT + 51_000), LOG_LEVEL: 'warn', GONGZHI_DEMO: '1', GONGZHI_MFA: '', GZ_PII_REPORT: process.env.GZ_PII_REPORT },
    url: `http://localhost:${PORT}/api/v1/health`,
    reuseExistingServer: false,
    // Ctrl-C, not SIGKILL: the platform then stops its embedded PostgreSQL too
    gracefulShutdown: { signal: 'SIGINT', timeout: 15_000 },
    // the first start creates the database and seeds ~20,000 units
    timeout: 300_000,
    stdout: 'pipe',
    stderr: 'pipe',
  },
});
