import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{server,simulators,ioc-web,db}/src/**/*.spec.{ts,tsx}', 'oc-modules/*/src/**/*.spec.ts', 'tests/**/*.spec.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Stack suites start databases and brokers; two at a time suit a 2-core machine.
    maxWorkers: 2,
    reporters: ['default'],
  },
});
