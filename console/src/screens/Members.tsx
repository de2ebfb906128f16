import { useEffect, useState } from 'preact/hooks';
import { api, type Page } from '../api';
import { ConfirmDialog, DialogFooter, Options, PagedTable, useSubmit } from '../components';
import { Dialog, ErrorNote, usePaged } from '../ui';

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
      <PagedTable list={list} empty="No members yet: only Super Admins can see this project." columns={['Member', 'Project role', 'Environment roles']} actions label="Members">
        {(m) => (
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
        )}
      </PagedTable>
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
  const { error, setError, busy, onSubmit } = useSubmit();
  useEffect(() => setError(null), [member]);
  const submit = onSubmit(async (form) => {
    const principalId = existing?.principalId ?? String(form.get('principalId') || form.get('principalIdText') || '').trim();
    const environmentRoles: Record<string, string> = {};
    for (const env of props.environments) {
      const v = String(form.get(`env:${env}`) ?? '');
      if (v) environmentRoles[env] = v;
    }
    if (!principalId) throw new Error('Choose a user or API credential.');
    await api('PUT', `${props.base}/${encodeURIComponent(principalId)}`, { role: String(form.get('role')), environmentRoles });
    props.onSaved();
  });
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
            <Options pairs={PROJECT_ROLES} />
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
                  <Options pairs={ENV_ROLES} />
                </select>
              </label>
            ))}
          </fieldset>
        )}
        <ErrorNote error={error} />
        <DialogFooter onCancel={props.onClose} label="Save" busy={busy} />
      </form>
    </Dialog>
  );
}

function RemoveMember(props: { base: string; member: Member | null; name: string; onClose: () => void; onRemoved: () => void }) {
  const remove = async () => {
    await api('DELETE', `${props.base}/${encodeURIComponent(props.member!.principalId)}`);
    props.onRemoved();
  };
  return (
    <ConfirmDialog id="remove-member" title="Remove member" open={!!props.member} onClose={props.onClose} label="Remove" action={remove}>
      <p>
        Remove <strong>{props.name}</strong> from this project? They lose access to it and its environments at once.
      </p>
    </ConfirmDialog>
  );
}
