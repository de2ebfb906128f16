import { useState } from 'preact/hooks';
import { api, type SessionUser } from '../api';
import { ErrorNote } from '../ui';

export function SignIn({ onSignedIn }: { onSignedIn: (s: { user: SessionUser; csrfToken: string }) => void }) {
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget as HTMLFormElement);
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await api('POST', '/console/api/session', { email: String(form.get('email')), password: String(form.get('password')) }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <main class="container narrow">
      <article>
        <header>
          <h1>Sign in to Plinth</h1>
        </header>
        <form onSubmit={submit}>
          <label>
            Email
            <input name="email" type="email" autoComplete="username" required autoFocus />
          </label>
          <label>
            Password
            <input name="password" type="password" autoComplete="current-password" required />
          </label>
          <ErrorNote error={error} />
          <button type="submit" aria-busy={busy} disabled={busy}>
            Sign in
          </button>
        </form>
      </article>
    </main>
  );
}
