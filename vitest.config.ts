/**
 * Vitest: unit tests (pure logic) and node tests (real files, real libraries, real Chromium).
 * Two workers on every machine: Vitest's default (cores − 1) ran the node tests one file at a time
 * on a 2-core CI machine, where most of them wait on a server, PostgreSQL or a browser while the
 * zoo's tests compute. Tests that time the machine itself (a ratio of two timed loops) run after
 * the rest, alone.
 */
import { defineConfig } from 'vitest/config';

/** Files whose assertions are ratios of timings on this machine: they must not share the CPU. */
const TIMING = ['tests/node/cpu-throttle.test.ts'];

const shared = { environment: 'node', testTimeout: 30_000, hookTimeout: 60_000 } as const;

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          ...shared,
          name: 'tests',
          include: ['tests/unit/**/*.test.ts', 'tests/node/**/*.test.ts'],
          exclude: TIMING,
          maxWorkers: 2,
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          ...shared,
          name: 'timing',
          include: TIMING,
          maxWorkers: 1,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
