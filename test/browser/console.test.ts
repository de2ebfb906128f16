import { mkdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../helpers/app.js';
import { invitedUser } from '../helpers/console.js';
import { buildConsoleForTests } from '../helpers/console-build.js';
import { snowflakeProps } from '../helpers/fixtures.js';
import { startGitLabStub, type GitLabStub } from '../helpers/gitlab-stub.js';

/**
 * The console in a real browser: Debian's Chromium (/usr/bin/chromium, `apt-get install
 * chromium`) driven by playwright-core, against a Plinth listening on a real port (SQLite; the
 * API behaviour itself is tested on both databases by test/api), serving a console built for
 * this run (PLINTH_CONSOLE_DIR). With PLINTH_SCREENSHOTS=1 the
 * run also writes docs/screenshots/*.png.
 */

const CHROMIUM = process.env.PLINTH_CHROMIUM ?? '/usr/bin/chromium';
const SHOTS = process.env.PLINTH_SCREENSHOTS === '1' ? path.resolve('docs/screenshots') : null;
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** A hosted secret, the DWH connection and environments (name → defaultUserAccessLevel) in a FULL_SAAS project. */
async function withEnvironments(t: TestApp, projectId: string, environments: Record<string, string>) {
  const token = await t.adminToken();
  const agents = await t.inject({ method: 'GET', url: '/v1/agents?size=100', token });
  const agentId = agents.json().results.find((a: { projectId?: string }) => a.projectId === projectId).agentId as string;
  const calls = [
    { url: `/v1/secrets/${agentId}/secret-value`, body: { type: 'DWH_PASSWORD', name: 'sf-key', key: 'private_key', value: '-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----' } },
    { url: `/v1/projects/${projectId}/data-platform-connections`, body: { name: 'sf-dwh', platformConnectionType: 'DWH', authProvider: 'SNOWFLAKE', authType: 'KEY_PAIR' } },
    ...Object.entries(environments).map(([name, level]) => ({
      url: `/v1/projects/${projectId}/environments`,
      body: { name, defaultAgentId: agentId, defaultUserAccessLevel: level, defaultConnections: { DWH: { snowflake: 'sf-dwh' } }, connectionOverrides: [{ connectionName: 'sf-dwh', connectionProperties: snowflakeProps() }] },
    })),
  ];
  for (const c of calls) {
    const r = await t.inject({ method: 'POST', url: c.url, token, body: c.body });
    if (r.statusCode !== 201) throw new Error(`${c.url}: ${r.statusCode} ${r.body}`);
  }
}

async function shot(page: Page, name: string, fullPage = false) {
  if (!SHOTS) return;
  mkdirSync(SHOTS, { recursive: true });
  await page.waitForTimeout(150); // dialogs' open transition
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage });
}

describe('console in Chromium', { timeout: 90_000 }, () => {
  let t: TestApp;
  let gl: GitLabStub;
  let consoleDir: string;
  let base: string;
  let browser: Browser;
  let ctx: BrowserContext;
  let page: Page;
  let admin: { email: string; password: string; userId: string };
  let projectId = '';
  const projectName = 'Customer analytics';
  const cspViolations: string[] = [];

  const tokenFor = async (clientId: string, clientSecret: string) =>
    fetch(`${base}/oauth/dpc/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }),
    });
  const apiGet = async (token: string, p: string) => fetch(`${base}${p}`, { headers: { authorization: `Bearer ${token}` } });

  beforeAll(async () => {
    consoleDir = await buildConsoleForTests();
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    gl = await startGitLabStub();
    t = await startApp('sqlite', { env: { PLINTH_PUBLIC_URL: base, PLINTH_GITLAB_URL: gl.url, PLINTH_CONSOLE_DIR: consoleDir } });
    await t.app.server.listen({ port, host: '127.0.0.1' });
    admin = await invitedUser(t, 'SUPER_ADMIN', 'a long admin password', 'ada@example.com');
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
    ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, baseURL: base });
    await ctx.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
    ctx.setDefaultTimeout(20_000);
    page = await ctx.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy|Refused to/i.test(m.text())) cspViolations.push(m.text());
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await gl?.close();
    if (consoleDir) rmSync(consoleDir, { recursive: true, force: true });
  });

  it('signs in with email and password', async () => {
    await page.goto('/console/');
    await expect(page.getByRole('heading', { name: 'Sign in to Plinth' }).isVisible()).resolves.toBe(true);
    await shot(page, '01-sign-in');
    await page.getByLabel('Email').fill(admin.email);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'Invalid email or password' }).waitFor();
    await page.getByLabel('Password').fill(admin.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Projects', level: 1 }).waitFor();
    expect(await page.getByTestId('me').textContent()).toBe(admin.email);
    const cookies = await ctx.cookies();
    const session = cookies.find((c) => c.name === 'plinth_console')!;
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict', secure: false });
    expect(await page.evaluate(() => document.cookie)).not.toContain('plinth_console');
  });

  it('works from the keyboard: skip link, dialogs open with Enter, focus moves in and shows, Escape closes', async () => {
    await page.goto('/console/api-credentials');
    await page.getByRole('heading', { name: 'API credentials', level: 1 }).waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    const open = page.getByRole('button', { name: 'Set an API Credential' });
    await open.focus();
    const outline = await open.evaluate((el) => getComputedStyle(el).outlineStyle);
    expect(outline).not.toBe('none');
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Set an API Credential' });
    await dialog.waitFor();
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)).toBe('name');
    await page.keyboard.type('typed-only');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('cell', { name: 'typed-only' }).waitFor({ state: 'detached' });
  });

  it('seed 002: Set an API Credential, Save, Copy the secret once, use it at the token endpoint, then Delete API Credential', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'API credentials' }).click();
    await page.getByRole('heading', { name: 'API credentials', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Set an API Credential' }).click();
    const dialog = page.getByRole('dialog', { name: 'Set an API Credential' });
    await dialog.getByLabel('Name').fill('ci-pipeline');
    const role = dialog.getByLabel('Account Role');
    expect(await role.locator('option').allTextContents()).toEqual(['Super Admin', 'Billing Admin', 'Admin', 'Member']);
    await role.selectOption({ label: 'Admin' });
    await dialog.getByText('you must also grant the API credential specific roles').waitFor();
    await dialog.getByRole('button', { name: 'Save' }).click();

    const secretWindow = page.getByRole('dialog', { name: 'Secret' });
    await secretWindow.waitFor();
    await secretWindow.getByText('not', { exact: true }).waitFor();
    const clientId = await secretWindow.getByLabel('Client ID').inputValue();
    const shown = await secretWindow.getByLabel('Client Secret').inputValue();
    await shot(page, '02-api-credentials-secret');
    await secretWindow.getByRole('button', { name: 'Copy' }).click();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(shown);
    await secretWindow.waitFor({ state: 'hidden' }); // the Secret window closes by itself
    // The secret is never shown again: not in the list, not in the page.
    const row = page.locator(`tr[data-client-id="${clientId}"]`);
    await row.waitFor();
    expect(await row.locator('td').allTextContents()).toEqual(expect.arrayContaining(['ci-pipeline', clientId, 'Admin']));
    expect(await page.content()).not.toContain(copied);
    await shot(page, '03-api-credentials');

    const tok = await tokenFor(clientId, copied);
    expect(tok.status).toBe(200);
    const { access_token } = (await tok.json()) as { access_token: string };
    expect((await apiGet(access_token, '/v1/projects')).status).toBe(200);

    await row.getByRole('button', { name: 'Delete ci-pipeline' }).click();
    const del = page.getByRole('dialog', { name: 'Delete API Credential' });
    await del.getByText('Deleted API credentials cannot be recovered or restored. Deleting API credentials may break any integrations').waitFor();
    await shot(page, '04-delete-api-credential');
    await del.getByRole('button', { name: 'Delete', exact: true }).click();
    await row.waitFor({ state: 'detached' });
    expect((await tokenFor(clientId, copied)).status).toBe(401);
  });

  it('creates a project in the UI that the API then lists', async () => {
    await page.getByRole('link', { name: 'Projects' }).click();
    await page.getByRole('button', { name: 'Create project' }).click();
    const dialog = page.getByRole('dialog', { name: 'Create project' });
    await dialog.getByLabel('Name').fill(projectName);
    await dialog.getByLabel('Amazon Redshift').check();
    await dialog.getByLabel('Snowflake').check();
    await dialog.getByLabel('Full SaaS').check();
    await dialog.getByRole('button', { name: 'Create' }).click();
    await page.getByRole('heading', { name: projectName, level: 1 }).waitFor();
    projectId = page.url().split('/').pop()!;
    const list = await apiGet(await t.adminToken(), '/v1/projects?size=100');
    const found = ((await list.json()) as { results: { id: string; name: string }[] }).results.find((p) => p.name === projectName);
    expect(found).toMatchObject({ id: projectId, warehouse: 'SNOWFLAKE', agentDeploymentType: 'FULL_SAAS' });
    await page.getByRole('link', { name: 'Projects' }).first().click();
    await page.getByRole('link', { name: projectName }).waitFor();
    await shot(page, '05-projects');
  });

  it('adds a member in the UI, who then has access through the API; changes and removes it', async () => {
    const created = await t.inject({ method: 'POST', url: '/v1/api-credentials', token: await t.adminToken(), body: { name: 'reporting-bot', role: 'MEMBER' } });
    const { clientId, clientSecret } = created.json();
    const token = ((await (await tokenFor(clientId, clientSecret)).json()) as { access_token: string }).access_token;
    expect((await apiGet(token, `/v1/projects/${projectId}`)).status).toBe(404);
    await withEnvironments(t, projectId, { dev: 'default', prod: 'readOnly' });
    gl.grant(7, 4242, 30);
    const supplied = gl.issue({ userId: 7, lifetimeDays: 30 });
    const repo = await t.inject({
      method: 'POST',
      url: `/v1/projects/${projectId}/repositories`,
      token: await t.adminToken(),
      body: { provider: 'gitlab', repositoryName: 'data-project', providerParameters: { repositoryId: 4242 } },
      headers: { 'git-provider-access-token': supplied },
    });
    expect(repo.statusCode).toBe(201);

    await page.goto(`/console/projects/${projectId}`);
    // The repository and its GitLab token's status, never a token.
    await page.getByText('data-project').waitFor();
    await page.getByRole('definition').filter({ hasText: 'next rotation' }).waitFor();
    const html = await page.content();
    for (const token of gl.issued()) expect(html).not.toContain(token);
    await page.getByRole('heading', { name: 'Members' }).waitFor();
    await page.getByRole('button', { name: 'Add member' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add member' });
    await dialog.getByLabel('User or API credential').selectOption({ label: 'reporting-bot (API credential)' });
    await dialog.getByLabel('Project role').selectOption({ label: 'Viewer' });
    await dialog.getByLabel('prod').selectOption({ label: 'Operator' });
    await dialog.getByRole('button', { name: 'Save' }).click();
    const row = page.locator(`tr[data-principal-id="${clientId}"]`);
    await row.getByText('prod: Operator').waitFor();
    await row.getByText('dev: Viewer (default)').waitFor();
    await shot(page, '06-project-members', true);
    expect((await apiGet(token, `/v1/projects/${projectId}`)).status).toBe(200);
    expect((await apiGet(token, `/v1/projects/${projectId}/environments`)).status).toBe(200);

    await row.getByRole('button', { name: 'Change reporting-bot' }).click();
    const change = page.getByRole('dialog', { name: 'Change member' });
    await change.getByLabel('Project role').selectOption({ label: 'Contributor' });
    await change.getByRole('button', { name: 'Save' }).click();
    await row.locator('td').nth(1).getByText('Contributor').waitFor();
    const member = await apiGet(await t.adminToken(), `/v1/projects/${projectId}/members`);
    expect(((await member.json()) as { results: { principalId: string; role: string }[] }).results).toContainEqual(expect.objectContaining({ principalId: clientId, role: 'CONTRIBUTOR' }));

    await row.getByRole('button', { name: 'Remove reporting-bot' }).click();
    await page.getByRole('dialog', { name: 'Remove member' }).getByRole('button', { name: 'Remove' }).click();
    await row.waitFor({ state: 'detached' });
    expect((await apiGet(token, `/v1/projects/${projectId}`)).status).toBe(404);
  });

  it('deletes a project only after its name is typed', async () => {
    const doomed = await t.inject({ method: 'POST', url: '/v1/projects', token: await t.adminToken(), body: { name: 'Scratch', warehouse: 'REDSHIFT', agentDeploymentType: 'HYBRID' } });
    const id = doomed.json().projectId as string;
    await page.goto(`/console/projects/${id}`);
    await page.getByRole('button', { name: 'Delete project' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete project' });
    const confirm = dialog.getByRole('button', { name: 'Delete', exact: true });
    expect(await confirm.isDisabled()).toBe(true);
    await dialog.getByLabel('Type the project name to confirm').fill('Scratch');
    await confirm.click();
    await page.getByRole('heading', { name: 'Projects', level: 1 }).waitFor();
    expect((await apiGet(await t.adminToken(), `/v1/projects/${id}`)).status).toBe(404);
  });

  it('pages the project list', async () => {
    const token = await t.adminToken();
    for (let i = 0; i < 20; i++) {
      const r = await t.inject({ method: 'POST', url: '/v1/projects', token, body: { name: `bulk-${String(i).padStart(2, '0')}`, warehouse: 'SNOWFLAKE', agentDeploymentType: 'HYBRID' } });
      expect(r.statusCode).toBe(201);
    }
    await page.goto('/console/projects');
    const pager = page.getByRole('navigation', { name: 'Projects pages' });
    await pager.getByText('Page 1 of 2 (21)').waitFor();
    expect(await page.locator('tbody tr').count()).toBe(20);
    await pager.getByRole('button', { name: 'Next' }).click();
    await pager.getByText('Page 2 of 2 (21)').waitFor();
    expect(await page.locator('tbody tr').count()).toBe(1);
    expect(await pager.getByRole('button', { name: 'Next' }).isDisabled()).toBe(true);
  });

  it('invites a user whose link, opened in a second browser, sets a password and signs them in', async () => {
    const email = 'grace.hopper@example.com';
    await page.getByRole('link', { name: 'Users' }).click();
    await page.getByRole('heading', { name: 'Users', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Invite user' }).click();
    const dialog = page.getByRole('dialog', { name: 'Invite user' });
    await dialog.getByLabel('Email').fill(email);
    await dialog.getByLabel('Account Role').selectOption({ label: 'Member' });
    await dialog.getByRole('button', { name: 'Invite' }).click();
    const link = await dialog.getByLabel('Invitation link').inputValue();
    expect(link).toMatch(new RegExp(`^${base}/console/invitations/`));
    await shot(page, '09-invite-link');
    await dialog.getByRole('button', { name: 'Copy link' }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
    await dialog.getByRole('button', { name: 'Close', exact: true }).click();
    await page.getByRole('cell', { name: email }).first().waitFor();

    const other = await browser.newContext({ viewport: { width: 390, height: 844 } });
    try {
      const p2 = await other.newPage();
      await p2.goto(link);
      await p2.getByRole('heading', { name: 'Accept your invitation' }).waitFor();
      await shot(p2, '07-invitation-narrow');
      await p2.getByLabel('Password', { exact: true }).fill('a brand new password');
      await p2.getByLabel('Confirm password').fill('a brand new password');
      await p2.getByRole('button', { name: 'Set password and sign in' }).click();
      await p2.getByRole('heading', { name: 'Projects', level: 1 }).waitFor();
      expect(await p2.getByTestId('me').textContent()).toBe(email);
      // A Member sees no project until granted one (seed 000).
      await p2.getByText('No projects yet').waitFor();
      await shot(p2, '08-projects-narrow');
      // The link worked once.
      await p2.goto(link);
      await p2.getByLabel('Password', { exact: true }).fill('another password!!');
      await p2.getByLabel('Confirm password').fill('another password!!');
      await p2.getByRole('button', { name: 'Set password and sign in' }).click();
      await p2.getByRole('alert').waitFor();
    } finally {
      await other.close();
    }
    await page.reload();
    await page.getByRole('cell', { name: new RegExp(email.replace(/\./g, '\\.')) }).first().waitFor();
  });

  it('withdraws an invitation in the UI: its link stops working', async () => {
    const inv = await t.inject({ method: 'POST', url: '/v1/invitations', token: await t.adminToken(), body: { email: 'never.mind@example.com', role: 'MEMBER' } });
    const token = new URL(inv.json().inviteUrl).pathname.split('/').pop()!;
    await page.reload();
    await page.getByRole('button', { name: 'Withdraw the invitation of never.mind@example.com' }).click();
    await page.getByRole('cell', { name: 'never.mind@example.com', exact: true }).waitFor({ state: 'detached' });
    const accept = await t.inject({ method: 'POST', url: '/v1/invitations/accept', body: { token, password: 'a password that fails' } });
    expect(accept.statusCode).toBe(400);
  });

  it('fits a narrow screen: no sideways scrolling of the page, wide tables scroll in place', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      for (const p of ['/console/api-credentials', '/console/users', `/console/projects/${projectId}`, '/console/audit']) {
        await page.goto(p);
        await page.locator('tbody tr').first().waitFor();
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, p).toBeLessThanOrEqual(0);
      }
      await page.goto('/console/api-credentials');
      await page.locator('tbody tr').first().waitFor();
      await shot(page, '12-api-credentials-narrow');
    } finally {
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.goto('/console/users');
    }
  });

  it('removes a user in the UI: gone from the API, their session ended', async () => {
    const bob = await invitedUser(t, 'MEMBER', 'bob has a password', 'bob@example.com');
    const session = await t.inject({ method: 'POST', url: '/console/api/session', body: { email: bob.email, password: bob.password } });
    const cookie = String(session.headers['set-cookie']).split(';')[0]!;
    await page.reload();
    await page.getByRole('button', { name: 'Remove bob@example.com' }).click();
    await page.getByRole('dialog', { name: 'Remove user' }).getByRole('button', { name: 'Remove' }).click();
    await page.locator(`tr[data-user-id="${bob.userId}"]`).waitFor({ state: 'detached' });
    expect((await apiGet(await t.adminToken(), `/v1/users/${bob.userId}`)).status).toBe(404);
    expect((await t.inject({ method: 'GET', url: '/console/api/session', headers: { cookie } })).statusCode).toBe(401);
  });

  it('shows the Super Admin invariants as the API states them', async () => {
    const users = (await (await apiGet(await t.adminToken(), '/v1/users?size=100')).json()) as { results: { userId: string; email: string; role: string }[] };
    const others = users.results.filter((u) => u.role === 'SUPER_ADMIN' && u.userId !== admin.userId);
    // Demote every other Super Admin user in the UI (allowed: one remains) …
    for (const o of others) {
      await page.locator(`tr[data-user-id="${o.userId}"]`).getByLabel(`Account Role of ${o.email}`).selectOption({ label: 'Admin' });
      await expect.poll(async () => ((await (await apiGet(await t.adminToken(), `/v1/users/${o.userId}`)).json()) as { role: string }).role).toBe('ADMIN');
    }
    // … then the last one cannot be demoted: the API's ProblemDetail is shown as it is.
    await page.locator(`tr[data-user-id="${admin.userId}"]`).getByLabel(`Account Role of ${admin.email}`).selectOption({ label: 'Admin' });
    await page.getByRole('alert').filter({ hasText: "The account's last active Super Admin user cannot be demoted" }).waitFor();
    await shot(page, '10-users');
    const me = (await (await apiGet(await t.adminToken(), `/v1/users/${admin.userId}`)).json()) as { role: string };
    expect(me.role).toBe('SUPER_ADMIN');
    expect(await page.locator(`tr[data-user-id="${admin.userId}"] select`).inputValue()).toBe('SUPER_ADMIN');
  });

  it('lists audit events in a time range, filtered', async () => {
    await page.getByRole('link', { name: 'Audit events' }).click();
    await page.getByRole('heading', { name: 'Audit events', level: 1 }).waitFor();
    await page.getByRole('cell', { name: 'hub_user_login' }).first().waitFor();
    await page.getByLabel('Event name').fill('user_invited');
    await page.getByRole('button', { name: 'Show events' }).click();
    await page.getByRole('cell', { name: 'hub_user_login' }).first().waitFor({ state: 'detached' });
    await page.getByRole('cell', { name: 'user_invited' }).first().waitFor();
    await page.getByLabel('Event name').fill('');
    await page.getByRole('button', { name: 'Show events' }).click();
    await page.getByRole('cell', { name: 'hub_user_login' }).first().waitFor();
    await shot(page, '11-audit');
    const sources = await page.getByTestId('source').allTextContents();
    expect(sources).toContain('CONSOLE');
  });

  it('refuses a state change without the CSRF token (403 ProblemDetail)', async () => {
    const r = await page.evaluate(async () => {
      const res = await fetch('/v1/projects', { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'forged', warehouse: 'SNOWFLAKE', agentDeploymentType: 'HYBRID' }) });
      return { status: res.status, type: res.headers.get('content-type'), body: await res.json() };
    });
    expect(r.status).toBe(403);
    expect(r.type).toContain('application/problem+json');
    expect(r.body.detail).toMatch(/CSRF/);
    const list = await apiGet(await t.adminToken(), '/v1/projects?size=100');
    expect(JSON.stringify(await list.json())).not.toContain('"forged"');
  });

  it('signs out: the session ends and the console asks to sign in again', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in to Plinth' }).waitFor();
    const status = await page.evaluate(async () => (await fetch('/console/api/session')).status);
    expect(status).toBe(401);
    await page.goto('/console/api-credentials');
    await page.getByRole('heading', { name: 'Sign in to Plinth' }).waitFor();
    // The pages ran under their Content-Security-Policy without a single violation.
    expect(cspViolations).toEqual([]);
  });
});
