import { request } from './http.js';

/**
 * A MEMBER credential granted VIEWER on every project of `projectIds` (issue 13), and a token for
 * it: the bench's "granted non-Super-Admin" caller, whose GET /v1/projects sees the same page as
 * the Super Admin's (goal: within 10% of its throughput).
 */
export async function grantedMemberToken(base: string, adminToken: string, projectIds: string[], tag: string): Promise<string> {
  const c = await request(base, 'POST', '/v1/api-credentials', { token: adminToken, json: { name: `bench-member-${tag}`, role: 'MEMBER' } });
  if (c.status !== 201) throw new Error(`creating the MEMBER credential failed: ${c.status} ${c.text}`);
  const { clientId, clientSecret } = c.json() as { clientId: string; clientSecret: string };
  for (const id of projectIds) {
    const g = await request(base, 'PUT', `/v1/projects/${id}/members/${clientId}`, { token: adminToken, json: { role: 'VIEWER' } });
    if (g.status !== 200) throw new Error(`granting project ${id} failed: ${g.status} ${g.text}`);
  }
  const t = await request(base, 'POST', '/oauth/dpc/token', { form: { grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret } });
  if (t.status !== 200) throw new Error(`token for the MEMBER credential failed: ${t.status} ${t.text}`);
  return t.json().access_token as string;
}
