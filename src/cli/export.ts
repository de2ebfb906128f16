/**
 * `plinth export <project>`: writes the project file of a live project, so that `plinth plan`
 * with it shows nothing. Secret values are write-only in the API and never exported: each
 * secret, `Matillion hosted` secret reference and GitLab token is written as a reference to an
 * environment variable (`SECRET_<NAME>`, `SECRET_REF_<NAME>`, `GITLAB_TOKEN`) that apply reads
 * only when it has to create it.
 */
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import YAML from 'yaml';
import type { PlinthClient } from '../sdk/index.js';
import { action, allOptions, makeClient, withGlobals, type GlobalOptions } from './common.js';
import { Agents, clean, fileDefaultAgent, desiredDefaultConnections, warehouseAuthType } from './diff.js';
import { ExitError, EXIT, progress } from './output.js';
import type { AgentRef, ConnectionSpec, EnvironmentSpec, OverrideSpec, ProjectFile } from './spec.js';
import { readState, UNKNOWN, type ActualState, type EnvironmentSummary, type Override } from './state.js';

export const envName = (prefix: string, name: string) => `${prefix}_${name.toUpperCase().replace(/[^A-Z0-9]+/g, '_').replace(/^_+|_+$/g, '')}`;
const sameRef = (a: AgentRef | undefined, b: AgentRef | undefined) => JSON.stringify(a) === JSON.stringify(b);

/** What the exporters of the parts share: the state read, the file being written and the notes for the user. */
interface Export {
  state: ActualState;
  file: ProjectFile;
  notes: string[];
  agents: Agents;
}

export function exportProject(state: ActualState): { file: ProjectFile; notes: string[] } {
  const p = state.project!;
  const agents = new Agents(state, false);
  const file: ProjectFile = {
    apiVersion: 'plinth/v1',
    kind: 'Project',
    project: clean({ name: p.name, description: p.description ?? undefined, warehouse: p.warehouse, agentDeploymentType: p.agentDeploymentType }),
  };
  // HYBRID projects name their agent once at the top (the first environment's).
  if (p.agentDeploymentType !== 'FULL_SAAS' && state.environments[0]) file.defaultAgent = agents.ref(state.environments[0].defaultAgentId);
  const x: Export = { state, file, notes: [], agents };
  // In the file's order, which is the YAML's key order. Environments come after the connections:
  // they leave out the default DWH connection the file's warehouse connection implies.
  exportSecrets(x);
  exportSecretReferences(x);
  exportConnections(x);
  if (state.environments.length) file.environments = state.environments.map((e) => exportEnvironment(x, e));
  exportRepository(x);
  return { file, notes: x.notes };
}

function exportSecrets({ state, file, notes }: Export) {
  if (state.secrets === UNKNOWN) notes.push('the server does not list hosted secrets: none exported');
  else if (state.secrets.length) file.secrets = state.secrets.map((s) => ({ name: s.name, type: s.type, key: s.key, value: { fromEnv: envName('SECRET', s.name) } }));
}

function exportSecretReferences({ state, file, notes, agents }: Export) {
  if (state.secretReferences === UNKNOWN) notes.push('the server does not list secret references: none exported');
  else if (state.secretReferences.length)
    file.secretReferences = state.secretReferences.map((r) =>
      clean({
        name: r.name,
        agentType: r.agentType,
        description: r.description ?? undefined,
        secretName: r.secretName,
        secretKey: r.secretKey,
        vaultName: r.vaultName,
        agent: r.agentType !== 'Matillion hosted' && r.agentId ? agents.ref(r.agentId) : undefined,
        secretValue: r.agentType === 'Matillion hosted' ? { fromEnv: envName('SECRET_REF', r.name) } : undefined,
      }),
    );
}

/** The warehouse connection (a file declares one: the one of the project's warehouse), then the others. */
function exportConnections({ state, file, notes }: Export) {
  const p = state.project!;
  const dwh = state.connections.filter((c) => c.platformConnectionType === 'DWH');
  const w = dwh.find((c) => c.authProvider?.toUpperCase() === p.warehouse) ?? dwh[0];
  if (w) {
    const details = clean({ description: w.connectionDetails?.description, secretsLocation: w.connectionDetails?.secretsLocation }) as Record<string, unknown>;
    file.warehouseConnection = clean({
      name: w.name,
      authType: w.authType !== warehouseAuthType(p.warehouse) ? (w.authType as 'KEY_PAIR' | 'PASSWORD') : undefined,
      connectionDetails: Object.keys(details).length ? details : undefined,
    });
  }
  for (const other of dwh.filter((c) => c !== w)) notes.push(`warehouse connection "${other.name}" is not exported (a project file declares one)`);
  const connections = state.connections.filter((c) => c.platformConnectionType !== 'DWH');
  if (connections.length) file.connections = connections.map((c) => clean({ name: c.name, platformConnectionType: c.platformConnectionType, authProvider: c.authProvider, authType: c.authType, connectionDetails: c.connectionDetails }) as ConnectionSpec);
}

/** An environment, leaving out what the file implies (its default agent, its default DWH connection). */
function exportEnvironment({ state, file, agents }: Export, e: EnvironmentSummary): EnvironmentSpec {
  const ref = agents.ref(e.defaultAgentId);
  const env: EnvironmentSpec = clean({
    name: e.name,
    displayName: e.displayName,
    description: e.description,
    defaultAgent: sameRef(ref, fileDefaultAgent(file)) ? undefined : ref,
    defaultUserAccessLevel: e.defaultUserAccessLevel as EnvironmentSpec['defaultUserAccessLevel'],
    connectionOverrides: [],
  });
  // defaultConnections only where they differ from what the file implies.
  const implied = desiredDefaultConnections(file, env);
  const actual = Object.fromEntries(Object.entries(e.defaultConnections ?? {}).map(([k, v]) => [k, Object.fromEntries(Object.entries(v as Record<string, string>).map(([a, b]) => [a.toLowerCase(), b]))]));
  const dc: Record<string, Record<string, string>> = {};
  if (actual.DWH && JSON.stringify(actual.DWH) !== JSON.stringify(implied.DWH)) dc.DWH = actual.DWH;
  if (actual.CLOUD_PLATFORM) dc.CLOUD_PLATFORM = actual.CLOUD_PLATFORM;
  const overrides = (state.overrides.get(e.name) ?? []).map((o) => exportOverride(state, o));
  const { connectionOverrides: _, ...head } = env;
  return { ...head, ...(Object.keys(dc).length ? { defaultConnections: dc } : {}), connectionOverrides: overrides };
}

/** An override; its authType only where it differs from its connection's. */
function exportOverride(state: ActualState, o: Override): OverrideSpec {
  const conn = state.connections.find((c) => c.name === o.name);
  return clean({
    connectionName: o.name,
    authType: conn && conn.authType === o.authType ? undefined : o.authType,
    secretsLocation: o.connectionOverrides?.secretsLocation as OverrideSpec['secretsLocation'],
    connectionProperties: (o.connectionOverrides?.connectionProperties ?? {}) as Record<string, unknown>,
  });
}

function exportRepository({ state, file, notes }: Export) {
  if (state.repository === UNKNOWN) notes.push('the server does not show repositories: none exported');
  else if (state.repository) {
    const r = state.repository;
    file.repository = clean({
      provider: r.provider,
      repositoryName: r.repositoryName,
      providerParameters: r.providerParameters,
      accessToken: r.provider === 'gitlab' ? { fromEnv: 'GITLAB_TOKEN' } : undefined,
    });
  }
}

export function toYaml(file: ProjectFile): string {
  const doc = new YAML.Document(file);
  doc.commentBefore =
    ' Written by plinth export. Secret values are write-only and never exported: apply reads each\n' +
    ' from the environment variable named under fromEnv, only when it has to create it.';
  return doc.toString({ lineWidth: 0 });
}

export async function exportByName(api: PlinthClient, name: string) {
  const state = await readState(api, name);
  if (!state.project) throw new ExitError(`no project named "${name}" (or not visible to this credential)`, EXIT.ERROR);
  return exportProject(state);
}

export function register(program: Command) {
  withGlobals(
    program
      .command('export')
      .description('write the project file of a live project (plan with it shows nothing)')
      .argument('<project>', 'the project name')
      .option('-f, --file <path>', 'write to this file instead of stdout')
      .option('-o, --output <format>', 'yaml (default) | json', 'yaml'),
  ).action(
    action(async (name: string, _opts: unknown, cmd: Command) => {
      const opts = allOptions<GlobalOptions & { file?: string; output?: string }>(cmd);
      const log = progress(!opts.quiet);
      const api = makeClient(opts, log);
      const { file, notes } = await exportByName(api, name);
      for (const n of notes) log(`note: ${n}`);
      const text = opts.output === 'json' ? JSON.stringify(file, null, 2) + '\n' : toYaml(file);
      if (opts.file) writeFileSync(opts.file, text);
      else process.stdout.write(text);
    }),
  );
}
