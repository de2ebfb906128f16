import type { FixtureSet } from './fixtures.js';
import type { GenRequest } from './generate.js';

/**
 * The cases issue 11 names, as fixed requests on a fresh fixture set, sent before the sweep so
 * that no earlier request (a create that makes a later one a 409) can hide them: NUL characters
 * in a body field, a form field of the token endpoint, a query value and a path segment; deep
 * nesting in a secret reference's secretValue and an environment override's
 * connectionProperties; malformed percent-encoding; a path parameter over 500 characters;
 * headers over 16 KiB; bodies over 1 MiB (sent several times: whether the client sees the 413
 * or a broken pipe depends on timing).
 */
export function issueProbes(f: FixtureSet, token: string): GenRequest[] {
  const A = { authorization: `Bearer ${token}` };
  const J = { ...A, 'content-type': 'application/json' };
  const F = { 'content-type': 'application/x-www-form-urlencoded' };
  const deep = (n: number) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`;
  const deepArr = (n: number) => `${'['.repeat(n)}1${']'.repeat(n)}`;
  const p = `/v1/projects/${f.projectId}`;
  const probe = (op: string, mutation: string, method: string, path: string, headers: Record<string, string>, body?: string): GenRequest => ({ op, mutation: `issue11.${mutation}`, method, path, headers, body });
  const out: GenRequest[] = [
    probe('createProject', 'nul-body', 'POST', '/v1/projects', J, '{"name":"nul\\u0000name","warehouse":"SNOWFLAKE","agentDeploymentType":"HYBRID"}'),
    probe('createApiCredential', 'nul-body', 'POST', '/v1/api-credentials', J, '{"name":"nul\\u0000name","role":"MEMBER"}'),
    probe('createAgent', 'nul-body', 'POST', '/v1/agents', J, '{"agentType":"data_productivity_cloud","cloudProvider":"aws","deployment":"fargate","name":"nul\\u0000name"}'),
    probe('updateAgent', 'nul-body', 'PATCH', `/v1/agents/${f.hybridAgentId}`, J, '{"description":"nul\\u0000description"}'),
    probe('createSecretValue', 'nul-body', 'POST', `/v1/secrets/${f.hostedAgentId}/secret-value`, J, '{"name":"nul-key","type":"DWH_PASSWORD","key":"k\\u0000","value":"pw"}'),
    probe('createDataPlatformConnection', 'nul-body', 'POST', `${p}/data-platform-connections`, J, '{"name":"nul\\u0000name","platformConnectionType":"DWH","authProvider":"SNOWFLAKE","authType":"KEY_PAIR"}'),
    probe('createSecretReference', 'nul-body', 'POST', `${p}/secret-references/nul-ref`, J, '{"agentType":"AWS","secretReferenceType":"PASSWORD","secretName":"nul\\u0000name","secretKey":"password"}'),
    probe('createEnvironmentConnectionOverride', 'nul-body', 'POST', `${p}/connections/environment-overrides`, J, `{"environmentName":"nul\\u0000env","connectionName":"${f.basicConnection}","authType":"GENERIC_SECRET","connectionOverrides":{"connectionProperties":{"secretName":"${f.secretName}"}}}`),
    probe('issueToken', 'nul-form', 'POST', '/oauth/dpc/token', F, 'grant_type=client_credentials&client_id=nul%00id&client_secret=whatever-secret'),
    probe('listEnvironmentConnectionOverrides', 'nul-query', 'GET', `${p}/connections/environment-overrides?environmentName=%00env`, A),
    probe('deleteProjectConnection', 'nul-query', 'DELETE', `${p}/connections?connectionName=%00conn`, A),
    probe('listProjectConnections', 'nul-query', 'GET', `${p}/connections?connectionNames=%00conn`, A),
    probe('getEnvironment', 'nul-path', 'GET', `${p}/environments/env%00name`, A),
    probe('deleteApiCredential', 'nul-path', 'DELETE', '/v1/api-credentials/client%00id', A),
    probe('createSecretReference', 'deep-secretValue', 'POST', `${p}/secret-references/deep-ref-1`, J, `{"agentType":"Matillion hosted","secretReferenceType":"PASSWORD","agentId":"${f.hostedAgentId}","secretValue":${deep(5000)}}`),
    probe('createSecretReference', 'deep-secretValue', 'POST', `${p}/secret-references/deep-ref-2`, J, `{"agentType":"Matillion hosted","secretReferenceType":"PASSWORD","agentId":"${f.hostedAgentId}","secretValue":{"password":${deepArr(5000)}}}`),
    probe('createEnvironmentConnectionOverride', 'deep-connectionProperties', 'POST', `${p}/connections/environment-overrides`, J, `{"environmentName":"${f.environment}","connectionName":"${f.basicConnection}","authType":"GENERIC_SECRET","connectionOverrides":{"connectionProperties":{"secretName":"${f.secretName}","secretKey":${deep(5000)}}}}`),
    probe('updateEnvironmentConnectionOverride', 'deep-connectionProperties', 'PUT', `${p}/connections/environment-overrides`, J, `{"environmentName":"${f.environment}","connectionName":"${f.dwhConnection}","authType":"KEY_PAIR","connectionOverrides":{"connectionProperties":{"account":{"value":${deep(5000)}},"username":{"value":"u"},"privateKey":{"secretName":"${f.secretName}","secretKey":"private_key"}}}}`),
    probe('createEnvironment', 'deep-connectionProperties', 'POST', `${p}/environments`, J, `{"name":"deep-env","defaultAgentId":"${f.hostedAgentId}","defaultUserAccessLevel":"readOnly","defaultConnections":{"DWH":{"snowflake":"${f.dwhConnection}"}},"connectionOverrides":[{"connectionName":"${f.dwhConnection}","connectionProperties":{"account":${deep(5000)}}}]}`),
    probe('getProject', 'bad-percent', 'GET', '/v1/projects/%ZZ', A),
    probe('getAgent', 'bad-percent', 'GET', '/v1/agents/%E0%A4', A),
    probe('getEnvironment', 'bad-percent', 'GET', `${p}/environments/%ZZ`, A),
    probe('getAgent', 'long-path-param', 'GET', `/v1/agents/${'a'.repeat(600)}`, A),
    probe('getEnvironment', 'long-path-param', 'GET', `${p}/environments/${'e'.repeat(501)}`, A),
    probe('listProjects', 'big-headers', 'GET', '/v1/projects', { ...A, 'x-filler': 'h'.repeat(20 * 1024) }),
    probe('issueToken', 'big-headers', 'POST', '/oauth/dpc/token', { ...F, 'x-filler': 'h'.repeat(20 * 1024) }, 'grant_type=client_credentials&client_id=x&client_secret=y'),
  ];
  const big = JSON.stringify({ name: 'big', warehouse: 'SNOWFLAKE', agentDeploymentType: 'HYBRID', description: 'o'.repeat(1100 * 1024) });
  for (let i = 0; i < 4; i++) {
    out.push(probe('createProject', 'body-over-1MiB', 'POST', '/v1/projects', J, big));
    out.push(probe('issueToken', 'body-over-1MiB', 'POST', '/oauth/dpc/token', F, `grant_type=client_credentials&client_id=x&client_secret=y&pad=${'p'.repeat(1100 * 1024)}`));
  }
  return out;
}
