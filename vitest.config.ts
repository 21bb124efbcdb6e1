import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['shared/**/*.test.ts', 'runtime/**/*.test.ts', 'electron/**/*.test.ts', 'webhost/**/*.test.ts', 'renderer/**/*.test.ts', 'test/unit/**/*.test.ts', 'bench/**/*.test.ts'],
    testTimeout: 30000,
    pool: 'forks',
  },
});
