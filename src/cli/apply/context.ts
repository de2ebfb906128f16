/** What apply's per-kind steps (steps.ts) share, and the create rules they go through. */
import { PlinthApiError, type PlinthClient } from '../../sdk/index.js';
import { Agents } from '../plan/desired.js';
import { readSecret, type LoadedSpec, type ProjectFile, type SecretSource } from '../spec.js';
import type { ActualState } from '../state.js';

/** The client, the file, and what apply learns on the way (the project's id and agents once it is created). */
export class ApplyContext {
  readonly file: ProjectFile;
  projectId: string | undefined;
  agents: Agents;

  constructor(
    readonly api: PlinthClient,
    private readonly spec: LoadedSpec,
    public state: ActualState,
  ) {
    this.file = spec.file;
    this.projectId = state.project?.id;
    this.agents = new Agents(state, false);
  }

  /** The project's path parameters; the id is known from the start or once the project is created. */
  project() {
    if (!this.projectId) throw new Error('internal: project id unknown');
    return { projectId: this.projectId };
  }

  hostedAgentId() {
    return this.agents.id('hosted', 'hosted agent');
  }

  /** A secret value, read from its source only when it is about to be sent. */
  secret(src: SecretSource) {
    return readSecret(src, this.spec.baseDir);
  }
}

/** A find for the create rule that reads through a Plinth extension: where the server does not serve it (the SaaS), the 409 is taken at its word. */
export const extensionFind =
  <T>(read: () => Promise<T | undefined>) =>
  async () => {
    try {
      return await read();
    } catch (err) {
      if (err instanceof PlinthApiError && (err.status === 404 || err.status === 405)) return true;
      throw err;
    }
  };

/** A create; with `tolerateExisting` (state unknown), a 409 on the first attempt means it already exists. */
export async function createTolerant(run: () => Promise<unknown>, tolerateExisting: boolean) {
  try {
    await run();
  } catch (err) {
    if (tolerateExisting && err instanceof PlinthApiError && err.status === 409) return;
    throw err;
  }
}
