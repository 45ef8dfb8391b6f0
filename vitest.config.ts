import { defineConfig } from 'vitest/config';

const shared = {
  exclude: ['**/node_modules/**', '**/dist/**'],
  testTimeout: 60_000,
  hookTimeout: 120_000,
  pool: 'forks' as const,
};

export default defineConfig({
  test: {
    // Stack suites start databases and brokers; two at a time suit a 2-core machine.
    maxWorkers: 2,
    reporters: ['default'],
    projects: [
      {
        extends: false,
        test: { ...shared, name: 'unit+stack', include: ['{server,simulators,ioc-web,db}/src/**/*.spec.{ts,tsx}', 'oc-modules/*/src/**/*.spec.ts', 'tests/**/*.spec.ts'], exclude: [...shared.exclude, 'tests/browser/**'] },
      },
      {
        extends: false,
        // Real Chromium against one demo shared by the suites (tests/browser/global-demo.ts).
        test: { ...shared, name: 'browser', include: ['tests/browser/**/*.spec.ts'], globalSetup: ['tests/browser/global-demo.ts'], hookTimeout: 240_000 },
      },
    ],
  },
});
