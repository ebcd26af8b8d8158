import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Files run in parallel: most wait on a database, a child process or HTTP rather than the
    // CPU, so even two cores keep three files busy (the default would be one worker there).
    maxWorkers: 3,
  },
});
