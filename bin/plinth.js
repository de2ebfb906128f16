#!/usr/bin/env node
// Runs the compiled CLI (npm run build); falls back to the TypeScript sources through tsx.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dist = new URL('../dist/main.js', import.meta.url);
if (existsSync(fileURLToPath(dist))) {
  await import(dist.href);
} else {
  await import('tsx/esm');
  await import(new URL('../src/main.ts', import.meta.url).href);
}
