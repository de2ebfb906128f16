import { api, type SessionUser } from '../api';
import { navigate } from '../router';
import { useSubmit } from '../components';
import { ErrorNote } from '../ui';

/** The page an invitation link opens: choose a password, then the console signs you in. */
export function Invitation({ token, onSignedIn }: { token: string; onSignedIn: (s: { user: SessionUser; csrfToken: string }) => void }) {
  const { error, busy, onSubmit } = useSubmit();
  const submit = onSubmit(async (form) => {
    const password = String(form.get('password'));
    if (password !== String(form.get('confirm'))) throw new Error('The two passwords differ.');
    const user = await api<SessionUser>('POST', '/v1/invitations/accept', { token, password });
    onSignedIn(await api('POST', '/console/api/session', { email: user.email, password }));
    navigate('/projects', true);
  });
  return (
    <main class="container narrow">
      <article>
        <header>
          <h1>Accept your invitation</h1>
          <p>Choose a password for your Plinth account (at least 12 characters).</p>
        </header>
        <form onSubmit={submit}>
          <label>
            Password
            <input name="password" type="password" autoComplete="new-password" minLength={12} required autoFocus />
          </label>
          <label>
            Confirm password
            <input name="confirm" type="password" autoComplete="new-password" minLength={12} required />
          </label>
          <ErrorNote error={error} />
          <button type="submit" aria-busy={busy} disabled={busy}>
            Set password and sign in
          </button>
        </form>
      </article>
    </main>
  );
}
