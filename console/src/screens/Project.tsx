import { useEffect, useState } from 'preact/hooks';
import { api, type Page } from '../api';
import { linkProps, navigate } from '../router';
import { DialogFooter, PagedTable, useSubmit } from '../components';
import { Dialog, Empty, ErrorNote, formatDate, usePaged } from '../ui';
import { DEPLOYMENTS, label, WAREHOUSES, type ProjectView } from './Projects';
import { Members } from './Members';

interface Environment {
  name: string;
  displayName?: string;
  defaultAgentName?: string;
  defaultUserAccessLevel: string;
}
interface Connection {
  id: string;
  name: string;
  platformConnectionType: string;
  authProvider: string;
  authType: string;
  createdDate?: string;
}
interface Repository {
  provider: string;
  repositoryName: string;
  createdAt: string;
  tokenStatus?: { expiresAt: string | null; lastRotatedAt: string | null; nextRotationAt: string | null; lastError: string | null };
}

export function Project({ projectId }: { projectId: string }) {
  const [project, setProject] = useState<ProjectView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [deleting, setDeleting] = useState(false);
  useEffect(() => {
    setProject(null);
    api<ProjectView>('GET', `/v1/projects/${projectId}`).then(setProject, setError);
  }, [projectId]);
  const base = `/v1/projects/${projectId}`;
  const envs = usePaged<Environment>((page) => api<Page<Environment>>('GET', `${base}/environments?page=${page}&size=100`), [projectId]);

  if (error) {
    return (
      <section>
        <h1>Project</h1>
        <ErrorNote error={error} />
        <p>
          <a {...linkProps('/projects')}>Back to Projects</a>
        </p>
      </section>
    );
  }
  if (!project) return <section aria-busy="true" />;
  return (
    <section>
      <nav aria-label="breadcrumb">
        <ul>
          <li>
            <a {...linkProps('/projects')}>Projects</a>
          </li>
          <li aria-current="page">{project.name}</li>
        </ul>
      </nav>
      <hgroup>
        <h1>{project.name}</h1>
        <p>
          {label(WAREHOUSES, project.warehouse)} · {label(DEPLOYMENTS, project.agentDeploymentType)} · created {formatDate(project.createdAt)} · id{' '}
          <code>{project.id}</code>
        </p>
      </hgroup>
      <Environments envs={envs.data?.results ?? null} error={envs.error} />
      <Connections base={base} />
      <Repositories base={base} />
      <Members projectId={projectId} environments={envs.data?.results.map((e) => e.name) ?? []} />
      <section class="danger-zone" aria-labelledby="danger-title">
        <h2 id="danger-title">Delete project</h2>
        <p>Deleting a project removes its environments, connections, repository and members.</p>
        <button type="button" class="danger" onClick={() => setDeleting(true)}>
          Delete project
        </button>
      </section>
      <DeleteProject project={project} open={deleting} onClose={() => setDeleting(false)} />
    </section>
  );
}

function Environments({ envs, error }: { envs: Environment[] | null; error: unknown }) {
  return (
    <section aria-labelledby="envs-title">
      <h2 id="envs-title">Environments</h2>
      <ErrorNote error={error} />
      {envs && envs.length === 0 && <Empty>No environments yet (create them with POST /v1/projects/{'{projectId}'}/environments).</Empty>}
      {envs && envs.length > 0 && (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Default agent</th>
                <th scope="col">Default user access</th>
              </tr>
            </thead>
            <tbody>
              {envs.map((e) => (
                <tr key={e.name}>
                  <td>{e.name}</td>
                  <td>{e.defaultAgentName ?? '—'}</td>
                  <td>{e.defaultUserAccessLevel}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** Names and kinds only: a connection's details never come to the console. */
function Connections({ base }: { base: string }) {
  const list = usePaged<Connection>((page) => api<Page<Connection>>('GET', `${base}/connections?page=${page}&size=100`), [base]);
  return (
    <section aria-labelledby="conns-title">
      <h2 id="conns-title">Connections</h2>
      <PagedTable list={list} empty="No connections yet." columns={['Name', 'Type', 'Provider', 'Authentication', 'Created']}>
        {(c) => (
          <tr key={c.id}>
            <td>{c.name}</td>
            <td>{c.platformConnectionType}</td>
            <td>{c.authProvider}</td>
            <td>{c.authType}</td>
            <td>{formatDate(c.createdDate)}</td>
          </tr>
        )}
      </PagedTable>
    </section>
  );
}

const PROVIDERS: Record<string, string> = { github: 'GitHub', 'azure-devops': 'Azure DevOps', gitlab: 'GitLab' };

function Repositories({ base }: { base: string }) {
  const list = usePaged<Repository>((page) => api<Page<Repository>>('GET', `${base}/repositories?page=${page}&size=10`), [base]);
  const repo = list.data?.results[0];
  const t = repo?.tokenStatus;
  return (
    <section aria-labelledby="repo-title">
      <h2 id="repo-title">Repository</h2>
      <ErrorNote error={list.error} />
      {list.data && !repo && <Empty>No repository associated.</Empty>}
      {repo && (
        <dl class="facts">
          <dt>Provider</dt>
          <dd>{PROVIDERS[repo.provider] ?? repo.provider}</dd>
          <dt>Repository</dt>
          <dd>{repo.repositoryName}</dd>
          <dt>Associated</dt>
          <dd>{formatDate(repo.createdAt)}</dd>
          {repo.provider === 'gitlab' && (
            <>
              <dt>GitLab token</dt>
              <dd>
                {t?.lastError ? <span class="error">Needs attention: {t.lastError}</span> : 'OK'}
                {t && (
                  <small>
                    {' '}
                    · expires {t.expiresAt ?? 'never'} · last rotated {formatDate(t.lastRotatedAt)} · next rotation {formatDate(t.nextRotationAt)}
                  </small>
                )}
              </dd>
            </>
          )}
        </dl>
      )}
    </section>
  );
}

function DeleteProject({ project, open, onClose }: { project: ProjectView; open: boolean; onClose: () => void }) {
  const [typed, setTyped] = useState('');
  const { error, setError, busy, onSubmit } = useSubmit();
  useEffect(() => void (open && (setTyped(''), setError(null))), [open]);
  const confirm = onSubmit(async () => {
    await api('DELETE', `/v1/projects/${project.id}`);
    onClose();
    navigate('/projects', true);
  });
  return (
    <Dialog id="delete-project" title="Delete project" open={open} onClose={onClose}>
      <form onSubmit={confirm}>
        <p class="warning">
          This deletes <strong>{project.name}</strong> and everything in it. It cannot be undone.
        </p>
        <label>
          Type the project name to confirm
          <input name="confirm" value={typed} onInput={(e) => setTyped((e.target as HTMLInputElement).value)} autoComplete="off" autoFocus />
        </label>
        <ErrorNote error={error} />
        <DialogFooter onCancel={onClose} label="Delete" busy={busy} danger disabled={typed !== project.name} />
      </form>
    </Dialog>
  );
}
