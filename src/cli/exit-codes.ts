import { CommanderError, type Command } from 'commander';

/** The CLI's exit codes (README "CLI"). */
export const EXIT = { OK: 0, ERROR: 1, CHANGES: 2, USAGE: 3, REFUSED: 4 } as const;

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
