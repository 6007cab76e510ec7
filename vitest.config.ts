import { defineConfig } from 'vitest/config';

// Unit and integration tests live next to the code; Playwright's e2e/ is left out.
export default defineConfig({
  test: {
    include: ['core/**/*.test.ts', 'electron/**/*.test.ts', 'renderer/**/*.test.{ts,tsx}', 'scripts/**/*.test.ts', 'tools/**/*.test.ts'],
    // Timing-sensitive fault tests with processes of their own run afterwards, alone (vitest.alone.config.ts).
    exclude: ['**/node_modules/**', '**/*.alone.test.ts'],
    testTimeout: 20_000,
    pool: 'forks',
  },
});
