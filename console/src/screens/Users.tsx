import { useEffect, useState } from 'preact/hooks';
import { ACCOUNT_ROLES, api, roleLabel, type Page, type SessionUser } from '../api';
import { ConfirmDialog, DialogFooter, Options, PagedTable, useSubmit } from '../components';
import { CopyButton, Dialog, ErrorNote, formatDate, usePaged } from '../ui';

interface User {
  userId: string;
  email: string;
  role: string;
  active: boolean;
  displayName: string | null;
  createdAt: string;
}
interface Invitation {
  invitationId: string;
  email: string;
  role: string;
  status: string;
  expiresAt: string;
  createdAt: string;
}

const INVARIANTS =
  'Each account must have at least one user with the Super Admin role at all times. Removal or changes to a user with the Super Admin role must be done by another user with the Super Admin role.';

export function Users({ me }: { me: SessionUser }) {
  const users = usePaged<User>((page) => api<Page<User>>('GET', `/v1/users?page=${page}&size=25`));
  const invites = usePaged<Invitation>((page) => api<Page<Invitation>>('GET', `/v1/invitations?page=${page}&size=25`));
  const [inviting, setInviting] = useState(false);
  const [removing, setRemoving] = useState<User | null>(null);
  const [rowError, setRowError] = useState<unknown>(null);

  const changeRole = async (u: User, role: string) => {
    setRowError(null);
    try {
      await api('PATCH', `/v1/users/${u.userId}`, { role });
    } catch (err) {
      setRowError(err);
    }
    users.reload();
  };
  const withdraw = async (i: Invitation) => {
    try {
      await api('DELETE', `/v1/invitations/${i.invitationId}`);
      invites.reload();
    } catch (err) {
      setRowError(err);
    }
  };

  return (
    <section>
      <hgroup>
        <h1>Users</h1>
        <p>People of this account and their account roles.</p>
      </hgroup>
      <p class="note" role="note">
        {INVARIANTS}
      </p>
      <button type="button" onClick={() => setInviting(true)}>
        Invite user
      </button>
      <ErrorNote error={rowError} />
      <PagedTable list={users} empty="No users." columns={['Email', 'Account Role', 'Status', 'Created']} actions label="Users">
        {(u) => (
          <tr key={u.userId} data-user-id={u.userId}>
            <td>
              {u.email}
              {u.userId === me.userId && <small> (you)</small>}
            </td>
            <td>
              <select aria-label={`Account Role of ${u.email}`} value={u.role} onChange={(e) => changeRole(u, (e.target as HTMLSelectElement).value)}>
                <Options pairs={ACCOUNT_ROLES} />
              </select>
            </td>
            <td>{u.active ? 'Active' : 'Deactivated'}</td>
            <td>{formatDate(u.createdAt)}</td>
            <td>
              <button type="button" class="secondary outline small" aria-label={`Remove ${u.email}`} onClick={() => setRemoving(u)}>
                Remove
              </button>
            </td>
          </tr>
        )}
      </PagedTable>

      <h2>Invitations</h2>
      <PagedTable list={invites} empty="No pending invitations." columns={['Email', 'Account Role', 'Status', 'Expires']} actions label="Invitations">
        {(i) => (
          <tr key={i.invitationId}>
            <td>{i.email}</td>
            <td>{roleLabel(i.role)}</td>
            <td>{i.status}</td>
            <td>{formatDate(i.expiresAt)}</td>
            <td>
              <button type="button" class="secondary outline small" aria-label={`Withdraw the invitation of ${i.email}`} onClick={() => withdraw(i)}>
                Withdraw
              </button>
            </td>
          </tr>
        )}
      </PagedTable>
      <Invite open={inviting} onClose={() => setInviting(false)} onInvited={invites.reload} />
      <RemoveUser
        user={removing}
        onClose={() => setRemoving(null)}
        onRemoved={() => {
          setRemoving(null);
          users.reload();
        }}
      />
    </section>
  );
}

function Invite({ open, onClose, onInvited }: { open: boolean; onClose: () => void; onInvited: () => void }) {
  const { error, setError, busy, onSubmit } = useSubmit();
  const [link, setLink] = useState<{ inviteUrl: string; email: string; expiresAt: string } | null>(null);
  useEffect(() => void (open && (setError(null), setLink(null))), [open]);
  const submit = onSubmit(async (form) => {
    setLink(await api('POST', '/v1/invitations', { email: String(form.get('email')).trim(), role: String(form.get('role')) }));
    onInvited();
  });
  return (
    <Dialog id="invite" title="Invite user" open={open} onClose={onClose}>
      {!link ? (
        <form onSubmit={submit}>
          <label>
            Email
            <input name="email" type="email" required autoFocus />
          </label>
          <label>
            Account Role
            <select name="role" defaultValue="MEMBER">
              <Options pairs={ACCOUNT_ROLES} />
            </select>
          </label>
          <ErrorNote error={error} />
          <DialogFooter onCancel={onClose} label="Invite" busy={busy} />
        </form>
      ) : (
        <>
          <p>
            Send this link to <strong>{link.email}</strong>. It works once, until {formatDate(link.expiresAt)}, and is not shown again.
          </p>
          <label>
            Invitation link
            <input readOnly name="inviteUrl" value={link.inviteUrl} onFocus={(e) => (e.target as HTMLInputElement).select()} />
          </label>
          <footer>
            <CopyButton text={link.inviteUrl} label="Copy link" />
            <button type="button" class="secondary" onClick={onClose}>
              Close
            </button>
          </footer>
        </>
      )}
    </Dialog>
  );
}

function RemoveUser({ user, onClose, onRemoved }: { user: User | null; onClose: () => void; onRemoved: () => void }) {
  const remove = async () => {
    await api('DELETE', `/v1/users/${user!.userId}`);
    onRemoved();
  };
  return (
    <ConfirmDialog id="remove-user" title="Remove user" open={!!user} onClose={onClose} label="Remove" action={remove}>
      <p>
        Remove <strong>{user?.email}</strong> from this account? They are signed out and lose every project role at once.
      </p>
    </ConfirmDialog>
  );
}
