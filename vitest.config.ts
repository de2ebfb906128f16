import { defineConfig } from 'vitest/config';

export default defineConfig({
  // `import … from 'plinth'` (the examples) resolves to the sources here; an installed package
  // resolves it to dist/ through package.json "exports".
  resolve: { alias: { plinth: new URL('./src/index.ts', import.meta.url).pathname } },
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts', 'examples/vitest/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    globalSetup: ['test/helpers/global-setup.ts'],
  },
});
