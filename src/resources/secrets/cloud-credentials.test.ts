import { describe, expect, it } from 'vitest';
import { checkCloudCredential } from './cloud-credentials.js';

const PEM = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----\n';

describe('checkCloudCredential', () => {
  it('recognises each provider shape, as an object or a JSON string', () => {
    const aws = { accessKeyId: 'ASIAIOSFODNN7EXAMPLE', secretAccessKey: 's', sessionToken: 't' };
    expect(checkCloudCredential(aws, 'v')).toEqual({ provider: 'AWS', violations: [] });
    expect(checkCloudCredential(JSON.stringify(aws), 'v')).toEqual({ provider: 'AWS', violations: [] });
    const azure = { clientId: '0b6f4c1e-7a57-4c0e-9e1a-3f1a2b3c4d5e', clientSecret: 's', tenantId: '72F988BF-86F1-41AF-91AB-2D7CD011DB47' };
    expect(checkCloudCredential(azure, 'v').provider).toBe('AZURE');
    const gcp = { type: 'service_account', project_id: 'p', private_key: PEM, client_email: 'a@p.iam.gserviceaccount.com', auth_uri: 'x' };
    expect(checkCloudCredential(gcp, 'v').provider).toBe('GCP');
    expect(checkCloudCredential({ ...gcp, private_key: PEM.replace('PRIVATE', 'RSA PRIVATE') }, 'v').provider).toBe('GCP');
  });

  it('names every missing or malformed field and never quotes the value', () => {
    const r = checkCloudCredential({ type: 'service_account', private_key: 'SECRET-LOOKING-TEXT' }, 'value');
    expect(r.provider).toBeNull();
    expect(r.violations).toEqual([
      { field: 'value.project_id', rule: 'is required (a non-empty string)' },
      { field: 'value.private_key', rule: 'must be a PEM private key with \\n line breaks' },
      { field: 'value.client_email', rule: 'must be an e-mail address' },
    ]);
    const bad = checkCloudCredential('{"secretAccessKey": "SECRET-LOOKING-TEXT"', 'value');
    expect(bad.violations).toHaveLength(1);
    expect(JSON.stringify(bad.violations)).not.toContain('SECRET-LOOKING-TEXT');
    for (const v of [null, 42, [], 'null', '"a string"', {}]) {
      const out = checkCloudCredential(v, 'f');
      expect(out.provider, JSON.stringify(v)).toBeNull();
      expect(out.violations[0]).toMatchObject({ field: 'f', rule: expect.stringMatching(/^must be/) });
    }
  });
});
