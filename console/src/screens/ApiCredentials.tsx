import { useEffect, useState } from 'preact/hooks';
import { ACCOUNT_ROLES, api, roleLabel, type Page } from '../api';
import { ConfirmDialog, DialogFooter, Options, PagedTable, useSubmit } from '../components';
import { CopyButton, Dialog, ErrorNote, formatDate, usePaged } from '../ui';

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
      <PagedTable
        list={list}
        empty="No API credentials yet. Use “Set an API Credential” to create one."
        columns={['Name', 'Client ID', 'Account Role', 'Created']}
        actions
        label="API credentials"
      >
        {(c) => (
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
        )}
      </PagedTable>
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
  const { error, setError, busy, onSubmit } = useSubmit();
  const [role, setRole] = useState('SUPER_ADMIN');
  useEffect(() => void (open && (setError(null), setRole('SUPER_ADMIN'))), [open]);
  const submit = onSubmit(async (form) => {
    onSaved(await api<Created>('POST', '/v1/api-credentials', { name: String(form.get('name')).trim(), role: String(form.get('role')) }));
  });
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
            <Options pairs={ACCOUNT_ROLES} />
          </select>
          <small id="role-help">
            {role === 'SUPER_ADMIN'
              ? 'Super Admin credentials can access every project and environment.'
              : 'With a role other than Super Admin, you must also grant the API credential specific roles on each project and environment it needs to access, just as you would for a standard user.'}
          </small>
        </label>
        <ErrorNote error={error} />
        <DialogFooter onCancel={onClose} label="Save" busy={busy} />
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
  const remove = async () => {
    await api('DELETE', `/v1/api-credentials/${encodeURIComponent(credential!.clientId)}`);
    onDeleted();
  };
  return (
    <ConfirmDialog id="delete-credential" title="Delete API Credential" open={!!credential} onClose={onClose} label="Delete" action={remove}>
      <p>
        Delete <strong>{credential?.name}</strong> (<code>{credential?.clientId}</code>)?
      </p>
      <p role="note" class="warning">
        Deleted API credentials cannot be recovered or restored. Deleting API credentials may break any integrations with API consumers that use these
        credentials.
      </p>
    </ConfirmDialog>
  );
}
