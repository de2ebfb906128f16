/**
 * Modules outside the bundle. The CLI's bundle runs from V8's code cache (bin/code-cache.js),
 * and lends two hooks under global symbols: its own `import()` (on Node 20 a script compiled
 * from a cache has no dynamic-import callback) and its cached loader for other CommonJS bundles.
 */
type Hooks = { import?: (specifier: string) => Promise<any>; runCached?: (file: string) => { exports: unknown } };
const lent = <K extends keyof Hooks>(name: K): Hooks[K] => (globalThis as Record<symbol, any>)[Symbol.for(`plinth.${name}`)];

/** `import()` of an ES module outside the bundle (the docs UI). */
export function importOutside(specifier: string): Promise<any> {
  const load = lent('import');
  return load ? load(specifier) : import(specifier);
}

/** A CommonJS file outside the bundle (dist/precompiled.cjs): from the code cache under the CLI, else `require`. */
export function requireOutside(file: string, require: NodeJS.Require): unknown {
  const runCached = lent('runCached');
  return runCached ? runCached(file).exports : require(file);
}
