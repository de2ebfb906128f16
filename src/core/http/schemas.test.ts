import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { lazyValidator, makeAjv } from './schemas.js';

// The bundle's validators come from dist/precompiled.cjs, built on a route's first request; the
// sources never load that file, so the wrapper is checked here against a generated module.
describe('lazyValidator', () => {
  const schema = { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] };
  const ajv = makeAjv(false, { source: true });
  const code = standaloneCode.default(ajv, ajv.compile(schema));
  const factory = () => {
    builds++;
    const module = { exports: {} as any };
    new Function('module', 'exports', 'require', code)(module, module.exports, createRequire(import.meta.url));
    return module.exports;
  };
  let builds = 0;

  it('builds the validator on its first call only, and reads its errors through', () => {
    const validate = lazyValidator(factory) as any;
    expect(builds).toBe(0);
    expect(validate.errors).toBeNull();
    expect(validate({})).toBe(false);
    expect(validate.errors.map((e: any) => e.params)).toEqual([{ missingProperty: 'name' }]);
    expect(validate({ name: 'x' })).toBe(true);
    expect(validate.errors).toBeNull();
    expect(builds).toBe(1);
  });
});
