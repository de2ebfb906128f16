import '@picocss/pico/css/pico.min.css';
import './styles.css';
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, roleLabel, setCsrfToken, whenSignedOut, type SessionUser } from './api';
import { linkProps, navigate, usePath } from './router';
import { ApiCredentials } from './screens/ApiCredentials';
import { Audit } from './screens/Audit';
import { Invitation } from './screens/Invitation';
import { Project } from './screens/Project';
import { Projects } from './screens/Projects';
import { SignIn } from './screens/SignIn';
import { Users } from './screens/Users';

interface Session {
  user: SessionUser;
  csrfToken: string;
}

function App() {
  const path = usePath();
  const [session, setSession] = useState<Session | null | undefined>(undefined);

  const signedIn = (s: Session | null) => {
    setCsrfToken(s?.csrfToken ?? '');
    setSession(s);
  };
  useEffect(() => {
    whenSignedOut(() => signedIn(null));
    api<Session>('GET', '/console/api/session')
      .then(signedIn)
      .catch(() => signedIn(null));
  }, []);

  const invitation = /^\/invitations\/([^/]+)$/.exec(path);
  if (invitation) return <Invitation token={decodeURIComponent(invitation[1]!)} onSignedIn={signedIn} />;
  if (session === undefined) return <main class="container" aria-busy="true" />;
  if (!session) return <SignIn onSignedIn={(s) => (signedIn(s), navigate(path === '/' || path === '/sign-in' ? '/projects' : path, true))} />;

  return (
    <>
      <a href="#content" class="skip">
        Skip to content
      </a>
      <div class="shell">
        <Nav path={path} user={session.user} onSignOut={() => signedIn(null)} />
        <main id="content" tabIndex={-1}>
          <Screen path={path} user={session.user} />
        </main>
      </div>
    </>
  );
}

function Screen({ path, user }: { path: string; user: SessionUser }) {
  const project = /^\/projects\/([0-9a-fA-F-]{36})$/.exec(path);
  if (project) return <Project projectId={project[1]!} />;
  switch (path) {
    case '/':
    case '/sign-in':
    case '/projects':
      return <Projects mayCreate={(MAY.createProjects as readonly string[]).includes(user.role)} />;
    case '/api-credentials':
      return <ApiCredentials />;
    case '/users':
      return <Users me={user} />;
    case '/audit':
      return <Audit />;
    default:
      return (
        <section>
          <h1>Not found</h1>
          <p>
            There is no console page at this address. <a {...linkProps('/projects')}>Go to Projects</a>.
          </p>
        </section>
      );
  }
}

/**
 * Which account roles see which pages in the menu (the SaaS's account-role matrix). Only a hint:
 * the API decides, and a page reached anyway shows its refusal.
 */
const MAY = {
  audit: ['SUPER_ADMIN', 'ADMIN'],
  apiCredentials: ['SUPER_ADMIN'],
  users: ['SUPER_ADMIN', 'BILLING_ADMIN', 'ADMIN'],
  createProjects: ['SUPER_ADMIN', 'BILLING_ADMIN', 'ADMIN'],
} as const;

function Nav({ path, user, onSignOut }: { path: string; user: SessionUser; onSignOut: () => void }) {
  const [error, setError] = useState<string | null>(null);
  const item = (to: string, label: string, roles?: readonly string[]) =>
    roles && !roles.includes(user.role) ? null : (
    <li>
      <a {...linkProps(to)} aria-current={path === to || path.startsWith(`${to}/`) ? 'page' : undefined}>
        {label}
      </a>
    </li>
  );
  const account = [item('/api-credentials', 'API credentials', MAY.apiCredentials), item('/users', 'Users', MAY.users)].filter(Boolean);
  const signOut = async () => {
    try {
      await api('DELETE', '/console/api/session');
      onSignOut();
      navigate('/sign-in', true);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  };
  return (
    <aside class="sidebar">
      <p class="brand">
        <strong>Plinth</strong> console
      </p>
      <nav aria-label="Main">
        <ul>
          {item('/projects', 'Projects')}
          {item('/audit', 'Audit events', MAY.audit)}
        </ul>
        {account.length > 0 && (
          <>
            <p class="nav-heading" id="account-heading">
              Profile &amp; Account
            </p>
            <ul aria-labelledby="account-heading">{account}</ul>
          </>
        )}
      </nav>
      <footer>
        <p class="who">
          Signed in as <span data-testid="me">{user.email}</span>
          <br />
          <small>{roleLabel(user.role)}</small>
        </p>
        <button type="button" class="secondary outline" onClick={signOut}>
          Sign out
        </button>
        {error && <p role="alert">{error}</p>}
      </footer>
    </aside>
  );
}

render(<App />, document.getElementById('app')!);
