// The console's single-page app (console/, Vite + Preact) into dist/console, which Plinth serves
// at /console (src/resources/console). Part of `npm run build`; also run alone with
// `tsx scripts/build-console.ts`.
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

/** Builds into dist/console, or into `outDir` (the browser tests use their own folder). */
export async function buildConsole(outDir?: string): Promise<void> {
  await build({
    configFile: fileURLToPath(new URL('../console/vite.config.ts', import.meta.url)),
    logLevel: 'warn',
    ...(outDir ? { build: { outDir, emptyOutDir: true } } : {}),
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await buildConsole();
