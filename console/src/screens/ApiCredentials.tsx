import { useEffect, useState } from 'preact/hooks';
import { ACCOUNT_ROLES, api, roleLabel, type Page } from '../api';
import { CopyButton, Dialog, Empty, ErrorNote, formatDate, Pager, usePaged } from '../ui';

interface Credential {
  clientId: string;
  name: string;
  role: string;
  createdAt: string;
}
interface Created extends Credential {
  clientSecret: string;
}

/** The SaaS's "API credentials" screen (seed 002), in its words. */
export function ApiCredentials() {
  const list = usePaged<Credential>((page) => api<Page<Credential>>('GET', `/v1/api-credentials?page=${page}&size=25`));
  const [setting, setSetting] = useState(false);
  const [created, setCreated] = useState<Created | null>(null);
  const [deleting, setDeleting] = useState<Credential | null>(null);

  return (
    <section>
      <hgroup>
        <h1>API credentials</h1>
        <p>Client IDs and secrets for the Maia API. Each set has an account role.</p>
      </hgroup>
      <button type="button" onClick={() => setSetting(true)}>
        Set an API Credential
      </button>
      <ErrorNote error={list.error} />
      {list.data && list.data.total === 0 && <Empty>No API credentials yet. Use “Set an API Credential” to create one.</Empty>}
      {list.data && list.data.results.length > 0 && (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Client ID</th>
                <th scope="col">Account Role</th>
                <th scope="col">Created</th>
                <th scope="col">
                  <span class="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.data.results.map((c) => (
                <tr key={c.clientId} data-client-id={c.clientId}>
                  <td>{c.name}</td>
                  <td>
                    <code>{c.clientId}</code>
                  </td>
                  <td>{roleLabel(c.role)}</td>
                  <td>{formatDate(c.createdAt)}</td>
                  <td>
                    <button type="button" class="secondary outline small" aria-label={`Delete ${c.name}`} title="Delete" onClick={() => setDeleting(c)}>
                      Delete
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager page={list.data} onPage={list.setPage} label="API credentials" />
      <SetCredential
        open={setting}
        onClose={() => setSetting(false)}
        onSaved={(c) => {
          setSetting(false);
          setCreated(c);
          list.reload();
        }}
      />
      <SecretWindow created={created} onClose={() => setCreated(null)} />
      <DeleteCredential
        credential={deleting}
        onClose={() => setDeleting(null)}
        onDeleted={() => {
          setDeleting(null);
          list.reload();
        }}
      />
    </section>
  );
}

function SetCredential({ open, onClose, onSaved }: { open: boolean; onClose: () => void; onSaved: (c: Created) => void }) {
  const [error, setError] = useState<unknown>(null);
  const [role, setRole] = useState('SUPER_ADMIN');
  const [busy, setBusy] = useState(false);
  useEffect(() => void (open && (setError(null), setRole('SUPER_ADMIN'))), [open]);
  const submit = async (e: Event) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget as HTMLFormElement);
    setBusy(true);
    try {
      onSaved(await api<Created>('POST', '/v1/api-credentials', { name: String(form.get('name')).trim(), role: String(form.get('role')) }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog id="set-credential" title="Set an API Credential" open={open} onClose={onClose}>
      <form onSubmit={submit}>
        <label>
          Name
          <input name="name" required maxLength={255} aria-describedby="name-help" autoFocus />
          <small id="name-help">Use a name that suits the application or purpose the credentials will be used for.</small>
        </label>
        <label>
          Account Role
          <select name="role" value={role} onChange={(e) => setRole((e.target as HTMLSelectElement).value)} aria-describedby="role-help">
            {ACCOUNT_ROLES.map(([v, l]) => (
              <option value={v} key={v}>
                {l}
              </option>
            ))}
          </select>
          <small id="role-help">
            {role === 'SUPER_ADMIN'
              ? 'Super Admin credentials can access every project and environment.'
              : 'With a role other than Super Admin, you must also grant the API credential specific roles on each project and environment it needs to access, just as you would for a standard user.'}
          </small>
        </label>
        <ErrorNote error={error} />
        <footer>
          <button type="button" class="secondary" onClick={onClose}>
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

/** The Secret window: shown once; it closes by itself a moment after the secret is copied. */
function SecretWindow({ created, onClose }: { created: Created | null; onClose: () => void }) {
  const [closing, setClosing] = useState(false);
  useEffect(() => setClosing(false), [created]);
  useEffect(() => {
    if (!closing) return;
    const t = setTimeout(onClose, 1500);
    return () => clearTimeout(t);
  }, [closing]);
  return (
    <Dialog id="secret" title="Secret" open={!!created} onClose={onClose}>
      {created && (
        <>
          <p>
            <strong>Copy the secret now.</strong> You are <strong>not</strong> able to view the secret again after this point. If you do not copy it, or
            otherwise lose it, you will need to delete these credentials and generate a new set.
          </p>
          <label>
            Client ID
            <input readOnly value={created.clientId} name="clientId" />
          </label>
          <label>
            Client Secret
            <input readOnly value={created.clientSecret} name="clientSecret" onFocus={(e) => (e.target as HTMLInputElement).select()} />
          </label>
          <footer>
            <CopyButton text={created.clientSecret} onCopied={() => setClosing(true)} />
            <button type="button" class="secondary" onClick={onClose}>
              Close
            </button>
          </footer>
          {closing && <p aria-live="polite">Secret copied. This window will close.</p>}
        </>
      )}
    </Dialog>
  );
}

function DeleteCredential({ credential, onClose, onDeleted }: { credential: Credential | null; onClose: () => void; onDeleted: () => void }) {
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => setError(null), [credential]);
  const confirm = async () => {
    setBusy(true);
    try {
      await api('DELETE', `/v1/api-credentials/${encodeURIComponent(credential!.clientId)}`);
      onDeleted();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog id="delete-credential" title="Delete API Credential" open={!!credential} onClose={onClose}>
      {credential && (
        <>
          <p>
            Delete <strong>{credential.name}</strong> (<code>{credential.clientId}</code>)?
          </p>
          <p role="note" class="warning">
            Deleted API credentials cannot be recovered or restored. Deleting API credentials may break any integrations with API consumers that use
            these credentials.
          </p>
          <ErrorNote error={error} />
          <footer>
            <button type="button" class="secondary" onClick={onClose}>
              Cancel
            </button>
            <button type="button" class="danger" aria-busy={busy} disabled={busy} onClick={confirm}>
              Delete
            </button>
          </footer>
        </>
      )}
    </Dialog>
  );
}
