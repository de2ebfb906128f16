/**
 * `import()` of an ES module outside the bundle (the docs UI). The CLI's
 * bundle runs from V8's code cache (bin/code-cache.js), and on Node 20 a script compiled from a
 * cache has no dynamic-import callback, so the loader lends its own `import` under this symbol.
 */
export function importOutside(specifier: string): Promise<any> {
  const lent = (globalThis as Record<symbol, ((s: string) => Promise<any>) | undefined>)[Symbol.for('plinth.import')];
  return lent ? lent(specifier) : import(specifier);
}
