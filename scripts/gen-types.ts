// Generates src/http/openapi-types.ts from the bundled OpenAPI document.
// `--check` exits 1 when the committed file is stale (run by the test suite).
import { readFileSync, writeFileSync } from 'node:fs';
import openapiTS, { astToString } from 'openapi-typescript';
import { loadOpenApi } from '../src/http/contract.js';

export async function generateTypes(): Promise<string> {
  const ast = await openapiTS(loadOpenApi(), { alphabetize: true });
  return `// Generated from openapi/ by \`npm run gen:types\`. Do not edit.\n/* eslint-disable */\n${astToString(ast)}`;
}

const target = new URL('../src/http/openapi-types.ts', import.meta.url);
if (import.meta.url === `file://${process.argv[1]}`) {
  const out = await generateTypes();
  if (process.argv.includes('--check')) {
    const current = readFileSync(target, 'utf8');
    if (current !== out) {
      console.error('src/http/openapi-types.ts is stale: run npm run gen:types');
      process.exit(1);
    }
  } else {
    writeFileSync(target, out);
  }
}
