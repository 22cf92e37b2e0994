import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: [
            'engine/**/*.test.ts',
            'server/**/*.test.ts',
            'workflows/**/*.test.ts',
            'designer/src/**/*.test.ts',
          ],
          pool: 'forks',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts', 'test/browser/**/*.test.ts', 'test/durability/**/*.test.ts'],
          pool: 'forks',
          // Browser and process tests start real servers; keep them from fighting over two cores.
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // A page under load can take longer than the default second to show an answer.
          expect: { poll: { timeout: 10_000 } },
        },
      },
    ],
  },
});
