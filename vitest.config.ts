import { defineConfig, mergeConfig } from 'vitest/config'
import viteConfig from './vite.config.ts'

/** Two projects: pure layers in Node, UI in jsdom. Tests live under tests/, mirroring src/. */
export default mergeConfig(
  viteConfig,
  defineConfig({
    test: {
      // Timeouts only catch hangs (no test asserts speed); heavy physics tests on a busy 2-core machine
      // take tens of seconds.
      testTimeout: 180_000,
      hookTimeout: 180_000,
      projects: [
        {
          extends: true,
          test: {
            name: 'node',
            environment: 'node',
            include: ['tests/{lib,sim,plan,cases,workers,store,tooling,scripts}/**/*.test.ts'],
          },
        },
        {
          extends: true,
          test: {
            name: 'jsdom',
            environment: 'jsdom',
            include: ['tests/{imaging,scene,ui,app}/**/*.test.{ts,tsx}'],
          },
        },
      ],
      coverage: {
        provider: 'v8',
        include: ['src/sim/**', 'src/plan/**'],
      },
    },
  }),
)
