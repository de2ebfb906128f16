import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateTypes } from '../scripts/gen-types.js';
import { operations } from '../src/core/http/contract.js';
import { loadContract } from '../src/resources/index.js';

describe('contract', () => {
  it('the committed TypeScript types match the OpenAPI document (npm run gen:types)', async () => {
    const committed = readFileSync(new URL('../src/generated/openapi-types.ts', import.meta.url), 'utf8');
    expect(committed === (await generateTypes())).toBe(true);
  });

  it('every operation has an operationId, and extensions are marked', () => {
    const doc = loadContract();
    const ops = operations(doc);
    expect(ops.size).toBeGreaterThan(5);
    expect(ops.get('getProject')?.extension).toBe(true);
    expect(ops.get('createProject')?.extension).toBe(false);
  });
});
