import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildConsole } from '../../scripts/build-console.js';

/**
 * The console built into a folder of this test run's own (served with PLINTH_CONSOLE_DIR), so a
 * `npm run build` running meanwhile, which empties dist/, cannot pull the pages from under it.
 */
export async function buildConsoleForTests(): Promise<string> {
  const dir = mkdtempSync(path.join(tmpdir(), 'plinth-console-'));
  await buildConsole(dir);
  return dir;
}
