/**
 * The client commands (`login`, resource commands, `plan`, `apply`, `export`, `schema`): built on
 * the SDK, HTTP only — they import no server code (.dependency-cruiser.cjs enforces it), so they
 * start fast and work against Plinth and the SaaS alike.
 */
import type { Command } from 'commander';
import { register as apply } from './apply.js';
import { register as exportCommand } from './export.js';
import { register as login } from './login.js';
import { register as plan } from './plan.js';
import { register as resources } from './resources.js';
import { projectSchema } from './spec.js';

export function registerClientCommands(program: Command) {
  login(program);
  resources(program);
  plan(program);
  apply(program);
  exportCommand(program);
  program
    .command('schema')
    .description('print the JSON Schema of the project file (for editor completion)')
    .action(() => void process.stdout.write(JSON.stringify(projectSchema, null, 2) + '\n'));
}
