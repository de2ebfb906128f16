import { api, type SessionUser } from '../api';
import { useSubmit } from '../components';
import { ErrorNote } from '../ui';

export function SignIn({ onSignedIn }: { onSignedIn: (s: { user: SessionUser; csrfToken: string }) => void }) {
  const { error, busy, onSubmit } = useSubmit();
  const submit = onSubmit(async (form) => {
    onSignedIn(await api('POST', '/console/api/session', { email: String(form.get('email')), password: String(form.get('password')) }));
  });
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
