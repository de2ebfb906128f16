/**
 * The project file (`plinth plan|apply -f project.yaml`, written by `plinth export`): its model,
 * loading and validation against `schemas/project.schema.json`, and secret sources.
 *
 * Secret values never appear in the file: a secret is `{fromEnv: VAR}` or `{fromFile: path}`
 * (relative to the file), read only when apply has to send it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import YAML from 'yaml';
import schema from '../../schemas/project.schema.json' with { type: 'json' };

export type AgentRef = 'hosted' | { name: string } | { id: string };
export type SecretSource = { fromEnv: string } | { fromFile: string };
export interface SecretsLocation {
  type: string;
  region?: string;
  vaultName?: string;
  gcpProjectId?: string;
}
export type PropertyValue = { value: string } | { secretName: string; secretKey: string };

export interface SecretSpec {
  name: string;
  type: 'DWH_PASSWORD' | 'CLOUD_PROVIDER_SECRET';
  key: string;
  value: SecretSource;
}
export interface SecretReferenceSpec {
  name: string;
  agentType: 'AWS' | 'Azure' | 'Matillion hosted';
  secretReferenceType?: 'PASSWORD';
  description?: string;
  secretName?: string;
  secretKey?: string;
  vaultName?: string;
  agent?: AgentRef;
  secretValue?: SecretSource;
}
export interface ConnectionDetails {
  description?: string;
  secretsLocation?: SecretsLocation;
  connectionProperties?: { secretName?: string; secretKey?: string; credentialSecretName?: string };
}
export interface ConnectionSpec {
  name: string;
  platformConnectionType: 'COMPONENT_BASIC' | 'CLOUD_PLATFORM_CREDENTIALS';
  authProvider: string;
  authType: string;
  connectionDetails?: ConnectionDetails;
}
export interface OverrideSpec {
  connectionName: string;
  authType?: string;
  secretsLocation?: SecretsLocation;
  connectionProperties: Record<string, unknown>;
}
export interface EnvironmentSpec {
  name: string;
  displayName?: string;
  description?: string;
  defaultAgent?: AgentRef;
  defaultUserAccessLevel: 'default' | 'admin' | 'runner' | 'readOnly' | 'noAccess';
  defaultConnections?: { DWH?: Record<string, string>; CLOUD_PLATFORM?: Record<string, string> };
  connectionOverrides: OverrideSpec[];
}
export interface RepositorySpec {
  provider: 'github' | 'azure-devops' | 'gitlab';
  repositoryName: string;
  providerParameters: Record<string, unknown>;
  accessToken?: SecretSource;
}
export interface ProjectFile {
  apiVersion: 'plinth/v1';
  kind: 'Project';
  project: { name: string; description?: string; warehouse: 'SNOWFLAKE' | 'REDSHIFT'; agentDeploymentType: 'FULL_SAAS' | 'HYBRID' };
  defaultAgent?: AgentRef;
  secrets?: SecretSpec[];
  secretReferences?: SecretReferenceSpec[];
  warehouseConnection?: { name: string; authType?: 'KEY_PAIR' | 'PASSWORD'; connectionDetails?: Omit<ConnectionDetails, 'connectionProperties'> };
  connections?: ConnectionSpec[];
  environments?: EnvironmentSpec[];
  repository?: RepositorySpec;
}

export { schema as projectSchema };

/** A file that cannot be used: not YAML, or not valid against the schema. */
export class SpecError extends Error {
  override name = 'SpecError';
  constructor(
    message: string,
    readonly problems: string[] = [],
  ) {
    super(problems.length ? `${message}:\n${problems.map((p) => `  - ${p}`).join('\n')}` : message);
  }
}

let validator: ((v: unknown) => boolean) & { errors?: any[] | null };
function validate(doc: unknown): string[] {
  if (!validator) {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats.default(ajv);
    validator = ajv.compile(schema) as any;
  }
  if (validator(doc)) return [];
  // oneOf branches repeat the same complaint; keep the most specific, once each.
  const seen = new Set<string>();
  const out: string[] = [];
  for (const e of validator.errors ?? []) {
    if (e.keyword === 'oneOf' || e.keyword === 'if') continue;
    const where = e.instancePath ? e.instancePath.slice(1).replace(/\//g, '.') : '(file)';
    let msg = e.message ?? 'is invalid';
    if (e.keyword === 'additionalProperties') msg = `has an unknown property "${e.params.additionalProperty}"`;
    if (e.keyword === 'enum') msg = `must be one of ${e.params.allowedValues.join(', ')}`;
    if (e.keyword === 'const') msg = `must be ${JSON.stringify(e.params.allowedValue)}`;
    const line = `${where}: ${msg}`;
    if (!seen.has(line)) out.push(line), seen.add(line);
  }
  return out;
}

/** Cross-field rules the schema cannot say. */
function rules(f: ProjectFile): string[] {
  const out: string[] = [];
  const dupes = (list: { name: string }[] | undefined, where: string) => {
    const seen = new Set<string>();
    for (const x of list ?? []) {
      if (seen.has(x.name)) out.push(`${where}: "${x.name}" is declared twice`);
      seen.add(x.name);
    }
  };
  dupes(f.secrets, 'secrets');
  dupes(f.secretReferences, 'secretReferences');
  dupes(f.environments, 'environments');
  dupes([...(f.connections ?? []), ...(f.warehouseConnection ? [f.warehouseConnection] : [])], 'connections');
  for (const [i, r] of (f.secretReferences ?? []).entries()) {
    if (r.agentType === 'Matillion hosted' && !r.secretValue) out.push(`secretReferences.${i}.secretValue: is required for "Matillion hosted"`);
    if (r.agentType !== 'Matillion hosted' && r.secretValue) out.push(`secretReferences.${i}.secretValue: only "Matillion hosted" references carry a value`);
    if (r.agentType !== 'Matillion hosted' && !r.secretName) out.push(`secretReferences.${i}.secretName: is required for ${r.agentType}`);
    if (r.agentType === 'Azure' && !r.vaultName) out.push(`secretReferences.${i}.vaultName: is required for Azure`);
  }
  if (f.secrets?.length && f.project.agentDeploymentType !== 'FULL_SAAS') out.push('secrets: hosted secret values need a FULL_SAAS project (use secretReferences for a HYBRID one)');
  for (const [i, e] of (f.environments ?? []).entries()) {
    const seen = new Set<string>();
    for (const o of e.connectionOverrides) {
      if (seen.has(o.connectionName)) out.push(`environments.${i}.connectionOverrides: "${o.connectionName}" is overridden twice`);
      seen.add(o.connectionName);
    }
    if (!e.defaultConnections?.DWH && !f.warehouseConnection) out.push(`environments.${i}.defaultConnections.DWH: is required when the file has no warehouseConnection`);
    if (!e.defaultAgent && !f.defaultAgent && f.project.agentDeploymentType !== 'FULL_SAAS') out.push(`environments.${i}.defaultAgent: is required (or a top-level defaultAgent) for a HYBRID project`);
  }
  if (f.repository?.provider === 'gitlab' && !f.repository.accessToken) out.push('repository.accessToken: is required for gitlab');
  return out;
}

export interface LoadedSpec {
  file: ProjectFile;
  /** The directory `fromFile` paths are relative to. */
  baseDir: string;
  source: string;
}

export function parseSpec(text: string, source = '<input>', baseDir = process.cwd()): LoadedSpec {
  let doc: unknown;
  try {
    doc = YAML.parse(text);
  } catch (err) {
    throw new SpecError(`${source} is not valid YAML: ${(err as Error).message.split('\n')[0]}`);
  }
  const problems = validate(doc);
  if (problems.length) throw new SpecError(`${source} does not match the project schema`, problems);
  const file = doc as ProjectFile;
  const more = rules(file);
  if (more.length) throw new SpecError(`${source} breaks a rule`, more);
  return { file, baseDir, source };
}

export function loadSpec(file: string): LoadedSpec {
  let text: string;
  try {
    text = file === '-' ? readFileSync(0, 'utf8') : readFileSync(file, 'utf8');
  } catch (err) {
    throw new SpecError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  return parseSpec(text, file, file === '-' ? process.cwd() : path.dirname(path.resolve(file)));
}

/** Reads a secret source; throws a SpecError naming the variable or file (never the value). */
export function readSecret(src: SecretSource, baseDir: string, env: NodeJS.ProcessEnv = process.env): string {
  if ('fromEnv' in src) {
    const v = env[src.fromEnv];
    if (v === undefined || v === '') throw new SpecError(`environment variable ${src.fromEnv} is not set`);
    return v;
  }
  const p = path.resolve(baseDir, src.fromFile);
  try {
    return readFileSync(p, 'utf8');
  } catch (err) {
    throw new SpecError(`cannot read secret file ${p}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}

/** Whether a source can be read now (for plan's warnings), without reading it into anything. */
export function secretAvailable(src: SecretSource, baseDir: string, env: NodeJS.ProcessEnv = process.env): boolean {
  try {
    readSecret(src, baseDir, env);
    return true;
  } catch {
    return false;
  }
}

export const describeSource = (src: SecretSource) => ('fromEnv' in src ? `$${src.fromEnv}` : `file ${src.fromFile}`);

/** A secret's JSON value: the text parsed when it holds a JSON object, otherwise the text. */
export function jsonOrText(text: string): unknown {
  const t = text.trim();
  if (t.startsWith('{')) {
    try {
      return JSON.parse(t);
    } catch {
      /* plain text */
    }
  }
  return text;
}
