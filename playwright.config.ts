import { defineConfig } from '@playwright/test'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './tests/e2e/browser.ts'

/**
 * Browser flows against the production build, served twice: with cross-origin isolation headers (the
 * default) and without them (plain HTTP on a LAN), to prove the app works both ways.
 */
/** Ports and build folder can be moved so that several checkouts' flows run side by side. */
const PORT = Number(process.env.E2E_PORT ?? 4173)
const DIST = process.env.E2E_DIST ?? 'dist'
const preview = (port: number) =>
  `npx vite preview --port ${port} --strictPort --host 127.0.0.1 --outDir ${DIST}`

export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.e2e.ts',
  outputDir: process.env.E2E_OUT ?? 'test-results/e2e',
  workers: 1,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 30_000 },
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    viewport: { width: 1400, height: 900 },
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
  },
  webServer: [
    {
      command: preview(PORT),
      url: `http://127.0.0.1:${PORT}`,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
    },
    {
      command: preview(PORT + 1),
      url: `http://127.0.0.1:${PORT + 1}`,
      env: { OSTEOPLAN_NO_ISOLATION: '1' },
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
    },
  ],
})
