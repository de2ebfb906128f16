import { useState } from 'preact/hooks';
import { api, type Page } from '../api';
import { linkProps, navigate } from '../router';
import { DialogFooter, PagedTable, useSubmit } from '../components';
import { Dialog, ErrorNote, formatDate, usePaged } from '../ui';

export interface ProjectView {
  id: string;
  name: string;
  warehouse: string;
  agentDeploymentType: string;
  createdAt?: string;
}

export const WAREHOUSES = [
  ['SNOWFLAKE', 'Snowflake'],
  ['REDSHIFT', 'Amazon Redshift'],
] as const;
export const DEPLOYMENTS = [
  ['HYBRID', 'Hybrid SaaS'],
  ['FULL_SAAS', 'Full SaaS'],
] as const;
export const label = (pairs: readonly (readonly [string, string])[], v: string) => pairs.find(([k]) => k === v)?.[1] ?? v;

export function Projects({ mayCreate }: { mayCreate: boolean }) {
  const list = usePaged<ProjectView>((page) => api<Page<ProjectView>>('GET', `/v1/projects?page=${page}&size=20`));
  const [creating, setCreating] = useState(false);
  return (
    <section>
      <hgroup>
        <h1>Projects</h1>
        <p>Projects you can see. Until users are invited, a project is visible only to Super Admins.</p>
      </hgroup>
      {mayCreate && (
        <button type="button" onClick={() => setCreating(true)}>
          Create project
        </button>
      )}
      <PagedTable
        list={list}
        empty={mayCreate ? 'No projects yet. Create one, or ask a project owner to add you.' : 'No projects yet. Ask a project owner to add you.'}
        columns={['Name', 'Warehouse', 'Deployment', 'Created']}
        label="Projects"
      >
        {(p) => (
          <tr key={p.id}>
            <td>
              <a {...linkProps(`/projects/${p.id}`)}>{p.name}</a>
            </td>
            <td>{label(WAREHOUSES, p.warehouse)}</td>
            <td>{label(DEPLOYMENTS, p.agentDeploymentType)}</td>
            <td>{formatDate(p.createdAt)}</td>
          </tr>
        )}
      </PagedTable>
      <CreateProject open={creating} onClose={() => setCreating(false)} />
    </section>
  );
}

function CreateProject({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { error, busy, onSubmit } = useSubmit();
  const submit = onSubmit(async (form) => {
    const body = { name: String(form.get('name')).trim(), warehouse: String(form.get('warehouse')), agentDeploymentType: String(form.get('agentDeploymentType')) };
    const { projectId } = await api<{ projectId: string }>('POST', '/v1/projects', body);
    onClose();
    navigate(`/projects/${projectId}`);
  });
  return (
    <Dialog id="create-project" title="Create project" open={open} onClose={onClose}>
      <form onSubmit={submit}>
        <label>
          Name
          <input name="name" required maxLength={255} autoFocus />
        </label>
        <fieldset>
          <legend>Data warehouse</legend>
          {WAREHOUSES.map(([v, l], i) => (
            <label key={v}>
              <input type="radio" name="warehouse" value={v} defaultChecked={i === 0} /> {l}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>Deployment type</legend>
          {DEPLOYMENTS.map(([v, l], i) => (
            <label key={v}>
              <input type="radio" name="agentDeploymentType" value={v} defaultChecked={i === 0} /> {l}
            </label>
          ))}
        </fieldset>
        <ErrorNote error={error} />
        <DialogFooter onCancel={onClose} label="Create" busy={busy} />
      </form>
    </Dialog>
  );
}
