/**
 * The client commands (`login`, resource commands, `plan`, `apply`, `export`, `schema`): built on
 * the SDK, HTTP only — they import no server code (.dependency-cruiser.cjs enforces it), so they
 * start fast and work against Plinth and the SaaS alike.
 */
import { CommanderError, type Command } from 'commander';
import { register as apply } from './apply.js';
import { register as exportCommand } from './export.js';
import { register as login } from './login.js';
import { EXIT } from './output.js';
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

/** Exit code 3 for usage errors (unknown command or option, missing argument); 0 for --help / --version. */
export function usageExitCodes(program: Command) {
  const apply = (cmd: Command) => {
    cmd.exitOverride((err: CommanderError) => {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help' || err.exitCode === 0) process.exit(0);
      process.exit(EXIT.USAGE);
    });
    for (const c of cmd.commands) apply(c);
  };
  apply(program);
}
