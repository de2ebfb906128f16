// Generates src/generated/openapi-types.ts from the bundled OpenAPI document.
// `--check` exits 1 when the committed file is stale (run by the test suite).
import { readFileSync, writeFileSync } from 'node:fs';
import openapiTS, { astToString } from 'openapi-typescript';
import { loadContract } from '../src/resources/index.js';

export async function generateTypes(): Promise<string> {
  const ast = await openapiTS(loadContract(), { alphabetize: true });
  return `// Generated from the OpenAPI contract (openapi/ and src/resources/*/openapi.yaml) by \`npm run gen:types\`. Do not edit.\n/* eslint-disable */\n${astToString(ast)}`;
}

const target = new URL('../src/generated/openapi-types.ts', import.meta.url);
if (import.meta.url === `file://${process.argv[1]}`) {
  const out = await generateTypes();
  if (process.argv.includes('--check')) {
    const current = readFileSync(target, 'utf8');
    if (current !== out) {
      console.error('src/generated/openapi-types.ts is stale: run npm run gen:types');
      process.exit(1);
    }
  } else {
    writeFileSync(target, out);
  }
}
