import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // `import … from 'plinth'` (the examples) resolves to the sources here; an installed package
  // resolves it to dist/ through package.json "exports".
  resolve: { alias: { plinth: new URL('./src/index.ts', import.meta.url).pathname } },
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts', 'bench/**/*.test.ts', 'examples/vitest/**/*.test.ts'],
    pool: 'forks',
    // The API tests mostly wait on databases, sockets and timers, so two files at once pay off
    // even on 2 cores (vitest's default there is one): 1261 tests took 296 s two at a time on a
    // lightly loaded machine, against 811 s one at a time on a busier one; same results.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    testTimeout: 30_000,
    hookTimeout: 60_000,
    globalSetup: ['test/helpers/global-setup.ts'],
  },
});
