import { defineConfig } from 'vitest/config';

// The fault tests that start Lineside and a broker as processes of their own and judge what
// arrives by the wall clock (core/uplink/store-and-forward.alone.test.ts): run after the
// other tests, one file at a time, so that no other test file competes for the two cores.
export default defineConfig({
  test: {
    include: ['core/**/*.alone.test.ts'],
    testTimeout: 300_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
