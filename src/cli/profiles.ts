/**
 * Connection profiles: `plinth login` stores one, every client command uses one.
 *
 * File: `$PLINTH_CONFIG_DIR/profiles.yaml` (default `$XDG_CONFIG_HOME/plinth` or
 * `~/.config/plinth`), written with mode 0600 in a 0700 directory. The client secret never comes
 * from a command-line argument (visible to other users in `ps`): it is read from an environment
 * variable or a file, and the profile records where (`clientSecretEnv` / `clientSecretFile`) —
 * the value itself only with `plinth login --save-secret`.
 *
 * Precedence: flags (`--url`, `--client-id`), then environment (`PLINTH_URL`, `PLINTH_CLIENT_ID`,
 * `PLINTH_CLIENT_SECRET`, `PLINTH_TOKEN_URL`, `PLINTH_TOKEN_AUDIENCE`, `PLINTH_ACCOUNT_ID`), then
 * the profile (`--profile`, `PLINTH_PROFILE`, or the one `login` made current).
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import { UsageError } from './output.js';

export interface Profile {
  url: string;
  clientId: string;
  clientSecretEnv?: string;
  clientSecretFile?: string;
  clientSecret?: string;
  tokenUrl?: string;
  audience?: string;
  accountId?: string;
}
export interface ProfilesFile {
  current?: string;
  profiles: Record<string, Profile>;
}

export class ProfileError extends Error {
  override name = 'ProfileError';
}

export function configDir(env = process.env): string {
  if (env.PLINTH_CONFIG_DIR) return env.PLINTH_CONFIG_DIR;
  const base = env.XDG_CONFIG_HOME || path.join(os.homedir(), '.config');
  return path.join(base, 'plinth');
}
export const profilesPath = (env = process.env) => path.join(configDir(env), 'profiles.yaml');

export function readProfiles(env = process.env): ProfilesFile {
  const file = profilesPath(env);
  if (!existsSync(file)) return { profiles: {} };
  try {
    const doc = YAML.parse(readFileSync(file, 'utf8')) ?? {};
    return { current: doc.current, profiles: doc.profiles ?? {} };
  } catch (err) {
    throw new ProfileError(`cannot read ${file}: ${(err as Error).message.split('\n')[0]}`);
  }
}

export function writeProfiles(data: ProfilesFile, env = process.env): string {
  const dir = configDir(env);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = profilesPath(env);
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `# plinth profiles (plinth login). Keep private: mode 0600.\n${YAML.stringify(data)}`, { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, file);
  return file;
}

export interface ConnectionFlags {
  profile?: string;
  url?: string;
  clientId?: string;
}

export interface ResolvedConnection {
  profileName?: string;
  url: string;
  clientId: string;
  clientSecret: string;
  tokenUrl?: string;
  audience?: string;
  accountId?: string;
}

export function readSecretFrom(p: Pick<Profile, 'clientSecretEnv' | 'clientSecretFile' | 'clientSecret'>, env = process.env): string | undefined {
  if (p.clientSecretEnv) {
    const v = env[p.clientSecretEnv];
    if (v) return v;
  }
  if (p.clientSecretFile) {
    try {
      return readFileSync(p.clientSecretFile, 'utf8').trim();
    } catch (err) {
      throw new ProfileError(`cannot read the client secret file ${p.clientSecretFile}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
  }
  return p.clientSecret;
}

export function resolveConnection(flags: ConnectionFlags, env = process.env): ResolvedConnection {
  const data = readProfiles(env);
  const name = flags.profile ?? env.PLINTH_PROFILE ?? data.current;
  const profile = name ? data.profiles[name] : undefined;
  if ((flags.profile || env.PLINTH_PROFILE) && !profile) throw new UsageError(`no profile "${name}" in ${profilesPath(env)} (run plinth login --profile ${name})`);
  const url = flags.url ?? env.PLINTH_URL ?? profile?.url;
  const clientId = flags.clientId ?? env.PLINTH_CLIENT_ID ?? profile?.clientId;
  const clientSecret = env.PLINTH_CLIENT_SECRET || (profile ? readSecretFrom(profile, env) : undefined);
  const missing = [!url && 'the API URL (--url, PLINTH_URL)', !clientId && 'a client id (--client-id, PLINTH_CLIENT_ID)', !clientSecret && 'a client secret (PLINTH_CLIENT_SECRET)'].filter(Boolean);
  if (missing.length) throw new UsageError(`not logged in: missing ${missing.join(', ')}; run plinth login, or set them`);
  return {
    profileName: profile ? name : undefined,
    url: url!,
    clientId: clientId!,
    clientSecret: clientSecret!,
    tokenUrl: env.PLINTH_TOKEN_URL ?? profile?.tokenUrl,
    audience: env.PLINTH_TOKEN_AUDIENCE ?? profile?.audience,
    accountId: env.PLINTH_ACCOUNT_ID ?? profile?.accountId,
  };
}
