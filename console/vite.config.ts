import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The console's single-page app: Preact (JSX compiled by Vite's own transformer, no plugin),
// Pico.css for classless styling. Built into dist/console by `npm run build`; served by
// Plinth itself at /console (src/resources/console).
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/console/',
  mode: 'production',
  // Always the production build of Preact, even when built from the test runner (NODE_ENV=test).
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact', development: false } },
  build: {
    outDir: fileURLToPath(new URL('../dist/console', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    assetsInlineLimit: 0,
    reportCompressedSize: true,
  },
  logLevel: 'warn',
});
