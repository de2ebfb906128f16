import { useEffect, useState } from 'preact/hooks';
import { api, type Page } from '../api';
import { Dialog, Empty, ErrorNote, Pager, usePaged } from '../ui';

interface Member {
  principalId: string;
  principalType: 'USER' | 'API_CREDENTIAL';
  role: string;
  environmentRoles: Record<string, string>;
  explicitEnvironmentRoles: Record<string, string>;
}
interface Principal {
  id: string;
  label: string;
  type: 'USER' | 'API_CREDENTIAL';
}

const PROJECT_ROLES = [
  ['OWNER', 'Owner'],
  ['CONTRIBUTOR', 'Contributor'],
  ['VIEWER', 'Viewer'],
] as const;
const ENV_ROLES = [
  ['OWNER', 'Owner'],
  ['CONTRIBUTOR', 'Contributor'],
  ['OPERATOR', 'Operator'],
  ['VIEWER', 'Viewer'],
  ['NONE', 'None'],
] as const;
const title = (v: string) => v.charAt(0) + v.slice(1).toLowerCase();

/** People and API credentials the signed-in user may pick from (lists it cannot read are skipped). */
function usePrincipals() {
  const [principals, setPrincipals] = useState<Principal[]>([]);
  useEffect(() => {
    const users = api<Page<{ userId: string; email: string }>>('GET', '/v1/users?size=100').then(
      (p) => p.results.map((u): Principal => ({ id: u.userId, label: u.email, type: 'USER' })),
      () => [],
    );
    const creds = api<Page<{ clientId: string; name: string }>>('GET', '/v1/api-credentials?size=100').then(
      (p) => p.results.map((c): Principal => ({ id: c.clientId, label: c.name, type: 'API_CREDENTIAL' })),
      () => [],
    );
    Promise.all([users, creds]).then(([u, c]) => setPrincipals([...u, ...c]));
  }, []);
  return principals;
}

export function Members({ projectId, environments }: { projectId: string; environments: string[] }) {
  const base = `/v1/projects/${projectId}/members`;
  const list = usePaged<Member>((page) => api<Page<Member>>('GET', `${base}?page=${page}&size=50`), [projectId]);
  const principals = usePrincipals();
  const [editing, setEditing] = useState<Member | 'new' | null>(null);
  const [removing, setRemoving] = useState<Member | null>(null);
  const nameOf = (id: string) => principals.find((p) => p.id === id)?.label ?? id;
  return (
    <section aria-labelledby="members-title">
      <h2 id="members-title">Members</h2>
      <p>Super Admins are implicitly Owner of every project and environment.</p>
      <button type="button" onClick={() => setEditing('new')}>
        Add member
      </button>
      <ErrorNote error={list.error} />
      {list.data && list.data.total === 0 && <Empty>No members yet: only Super Admins can see this project.</Empty>}
      {list.data && list.data.results.length > 0 && (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Member</th>
                <th scope="col">Project role</th>
                <th scope="col">Environment roles</th>
                <th scope="col">
                  <span class="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.data.results.map((m) => (
                <tr key={m.principalId} data-principal-id={m.principalId}>
                  <td>
                    {nameOf(m.principalId)}
                    <br />
                    <small>{m.principalType === 'USER' ? 'User' : 'API credential'}</small>
                  </td>
                  <td>{title(m.role)}</td>
                  <td>
                    {Object.entries(m.environmentRoles).map(([env, role]) => (
                      <div key={env}>
                        {env}: {title(role)}
                        {m.explicitEnvironmentRoles[env] ? '' : ' (default)'}
                      </div>
                    ))}
                    {Object.keys(m.environmentRoles).length === 0 && '—'}
                  </td>
                  <td class="actions">
                    <button type="button" class="secondary outline small" aria-label={`Change ${nameOf(m.principalId)}`} onClick={() => setEditing(m)}>
                      Change
                    </button>
                    <button type="button" class="secondary outline small" aria-label={`Remove ${nameOf(m.principalId)}`} onClick={() => setRemoving(m)}>
                      Remove
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager page={list.data} onPage={list.setPage} label="Members" />
      <MemberDialog
        base={base}
        member={editing}
        principals={principals}
        environments={environments}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          list.reload();
        }}
      />
      <RemoveMember
        base={base}
        member={removing}
        name={removing ? nameOf(removing.principalId) : ''}
        onClose={() => setRemoving(null)}
        onRemoved={() => {
          setRemoving(null);
          list.reload();
        }}
      />
    </section>
  );
}

function MemberDialog(props: { base: string; member: Member | 'new' | null; principals: Principal[]; environments: string[]; onClose: () => void; onSaved: () => void }) {
  const { member } = props;
  const existing = member && member !== 'new' ? member : null;
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => setError(null), [member]);
  const submit = async (e: Event) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget as HTMLFormElement);
    const principalId = existing?.principalId ?? String(form.get('principalId') || form.get('principalIdText') || '').trim();
    const environmentRoles: Record<string, string> = {};
    for (const env of props.environments) {
      const v = String(form.get(`env:${env}`) ?? '');
      if (v) environmentRoles[env] = v;
    }
    setBusy(true);
    try {
      if (!principalId) throw new Error('Choose a user or API credential.');
      await api('PUT', `${props.base}/${encodeURIComponent(principalId)}`, { role: String(form.get('role')), environmentRoles });
      props.onSaved();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog id="member" title={existing ? 'Change member' : 'Add member'} open={!!member} onClose={props.onClose}>
      <form onSubmit={submit} key={existing?.principalId ?? 'new'}>
        {!existing && (
          <>
            <label>
              User or API credential
              <select name="principalId" autoFocus>
                <option value="">Choose…</option>
                {props.principals.map((p) => (
                  <option value={p.id} key={p.id}>
                    {p.type === 'USER' ? p.label : `${p.label} (API credential)`}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Or a principal id (user id or client id)
              <input name="principalIdText" autoComplete="off" />
            </label>
          </>
        )}
        <label>
          Project role
          <select name="role" defaultValue={existing?.role ?? 'VIEWER'}>
            {PROJECT_ROLES.map(([v, l]) => (
              <option value={v} key={v}>
                {l}
              </option>
            ))}
          </select>
        </label>
        {props.environments.length > 0 && (
          <fieldset>
            <legend>Environment roles</legend>
            {props.environments.map((env) => (
              <label key={env}>
                {env}
                <select name={`env:${env}`} defaultValue={existing?.explicitEnvironmentRoles[env] ?? ''}>
                  <option value="">Default (from the environment)</option>
                  {ENV_ROLES.map(([v, l]) => (
                    <option value={v} key={v}>
                      {l}
                    </option>
                  ))}
                </select>
              </label>
            ))}
          </fieldset>
        )}
        <ErrorNote error={error} />
        <footer>
          <button type="button" class="secondary" onClick={props.onClose}>
            Cancel
          </button>
          <button type="submit" aria-busy={busy} disabled={busy}>
            Save
          </button>
        </footer>
      </form>
    </Dialog>
  );
}

function RemoveMember(props: { base: string; member: Member | null; name: string; onClose: () => void; onRemoved: () => void }) {
  const [error, setError] = useState<unknown>(null);
  useEffect(() => setError(null), [props.member]);
  const confirm = async () => {
    try {
      await api('DELETE', `${props.base}/${encodeURIComponent(props.member!.principalId)}`);
      props.onRemoved();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <Dialog id="remove-member" title="Remove member" open={!!props.member} onClose={props.onClose}>
      <p>
        Remove <strong>{props.name}</strong> from this project? They lose access to it and its environments at once.
      </p>
      <ErrorNote error={error} />
      <footer>
        <button type="button" class="secondary" onClick={props.onClose}>
          Cancel
        </button>
        <button type="button" class="danger" onClick={confirm}>
          Remove
        </button>
      </footer>
    </Dialog>
  );
}
