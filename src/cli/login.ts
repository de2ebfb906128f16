/**
 * `plinth login`: checks a client credential against the token endpoint and stores it as a
 * profile (see profiles.ts). The secret is read from an environment variable
 * (`--client-secret-env`, default PLINTH_CLIENT_SECRET) or a file (`--client-secret-file`), never
 * from the command line; the profile records where it came from, or the value itself with
 * `--save-secret` (the file is mode 0600).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { clientCredentialsTokens } from '../sdk/index.js';
import { action, allOptions } from './common.js';
import { UsageError } from './output.js';
import { readProfiles, writeProfiles, type Profile } from './profiles.js';

interface LoginOptions {
  profile?: string;
  url: string;
  clientId: string;
  clientSecretEnv?: string;
  clientSecretFile?: string;
  saveSecret?: boolean;
  tokenUrl?: string;
  audience?: string;
  accountId?: string;
  check?: boolean;
}

export function register(program: Command) {
  program
    .command('login')
    .description('check a client credential and store it as a profile ($PLINTH_CONFIG_DIR/profiles.yaml, mode 0600)')
    .requiredOption('--url <url>', 'API base URL (Plinth: http://host:port; SaaS: https://eu1.api.matillion.com/dpc)')
    .requiredOption('--client-id <id>', 'the API credential client id')
    .option('--client-secret-env <var>', 'read the secret from this environment variable (default PLINTH_CLIENT_SECRET)')
    .option('--client-secret-file <path>', 'read the secret from this file')
    .option('--save-secret', 'store the secret value in the profile instead of where to read it')
    .option('--profile <name>', 'profile name (default "default"); becomes the current profile')
    .option('--token-url <url>', 'token endpoint (default: the SaaS identity host for *.api.matillion.com, else <url>/oauth/dpc/token)')
    .option('--audience <aud>', 'token audience (default https://api.matillion.com)')
    .option('--account-id <id>', 'send as the account-id header')
    .option('--no-check', 'store without requesting a token')
    .action(
      action(async (_opts: unknown, cmd: Command) => {
        const o = allOptions<LoginOptions>(cmd);
        if (o.clientSecretEnv && o.clientSecretFile) throw new UsageError('give --client-secret-env or --client-secret-file, not both');
        let url: URL;
        try {
          url = new URL(o.url);
        } catch {
          throw new UsageError(`--url is not a URL: ${o.url}`);
        }
        const profile: Profile = { url: url.toString().replace(/\/+$/, ''), clientId: o.clientId };
        let secret: string | undefined;
        if (o.clientSecretFile) {
          const file = path.resolve(o.clientSecretFile);
          try {
            secret = readFileSync(file, 'utf8').trim();
          } catch (err) {
            throw new UsageError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
          }
          profile.clientSecretFile = file;
        } else {
          const name = o.clientSecretEnv ?? 'PLINTH_CLIENT_SECRET';
          secret = process.env[name];
          if (!secret) throw new UsageError(`the client secret is read from $${name}, which is not set (or use --client-secret-file)`);
          profile.clientSecretEnv = name;
        }
        if (o.saveSecret) {
          delete profile.clientSecretEnv;
          delete profile.clientSecretFile;
          profile.clientSecret = secret;
        }
        if (o.tokenUrl) profile.tokenUrl = o.tokenUrl;
        if (o.audience) profile.audience = o.audience;
        if (o.accountId) profile.accountId = o.accountId;
        if (o.check !== false) await clientCredentialsTokens({ baseUrl: profile.url, clientId: o.clientId, clientSecret: secret, tokenUrl: o.tokenUrl, audience: o.audience }).get();
        const name = o.profile ?? 'default';
        const data = readProfiles();
        data.profiles[name] = profile;
        data.current = name;
        const file = writeProfiles(data);
        process.stdout.write(`Logged in to ${profile.url} as ${o.clientId} (profile "${name}", ${file}).\n`);
      }),
    );
}
