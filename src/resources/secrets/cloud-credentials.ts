import { Violations, type Violation } from '../../core/errors.js';
/**
 * Shapes a CLOUD_PROVIDER_SECRET value must have (seed 000 names the three providers; its example
 * bodies were stripped, so the shapes follow each provider's own credential format):
 *
 * - AWS: `{accessKeyId, secretAccessKey, sessionToken?}` — accessKeyId 16–128 upper-case letters
 *   and digits, secretAccessKey non-empty, sessionToken a non-empty string when present;
 * - Azure (service principal): `{clientId, clientSecret, tenantId}` — clientId and tenantId UUIDs,
 *   clientSecret non-empty;
 * - Google Cloud: a service-account key file: `type` = `service_account`, `project_id`,
 *   `private_key` (a PEM `PRIVATE KEY` block), `client_email` (an e-mail address); the other
 *   fields of the key file are allowed and kept.
 *
 * The value may be sent as a JSON object or as a string holding one. Messages name the field and
 * the rule, never the value (nor a JSON parser message, which quotes the input).
 */

export type CloudProvider = 'AWS' | 'AZURE' | 'GCP';

export const CLOUD_SHAPES =
  'AWS credentials JSON {accessKeyId, secretAccessKey[, sessionToken]}, Azure service principal JSON {clientId, clientSecret, tenantId} ' +
  'or a Google Cloud service account key JSON {type: service_account, project_id, private_key, client_email, ...}';

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PEM_KEY = /^-----BEGIN (RSA |EC )?PRIVATE KEY-----\n[\s\S]+\n-----END (RSA |EC )?PRIVATE KEY-----\n?$/;

const nonEmpty = (v: unknown) => typeof v === 'string' && v.trim() !== '';

/** The provider, or the violations (fields under `field`). */
export function checkCloudCredential(value: unknown, field: string): { provider: CloudProvider; violations: Violation[] } | { provider: null; violations: Violation[] } {
  let obj: unknown = value;
  if (typeof value === 'string') {
    try {
      obj = JSON.parse(value);
    } catch {
      return { provider: null, violations: [{ field, rule: `must be a JSON object (or a string holding one): ${CLOUD_SHAPES}` }] };
    }
  }
  if (!obj || typeof obj !== 'object' || Array.isArray(obj)) {
    return { provider: null, violations: [{ field, rule: `must be a JSON object: ${CLOUD_SHAPES}` }] };
  }
  const o = obj as Record<string, unknown>;
  const v = new Violations();
  if ('accessKeyId' in o || 'secretAccessKey' in o) {
    if (!(typeof o.accessKeyId === 'string' && /^[A-Z0-9]{16,128}$/.test(o.accessKeyId))) v.add(`${field}.accessKeyId`, `must be an AWS access key id (16-128 upper-case letters and digits)`);
    if (!nonEmpty(o.secretAccessKey)) v.add(`${field}.secretAccessKey`, `is required (a non-empty string)`);
    if (o.sessionToken !== undefined && !nonEmpty(o.sessionToken)) v.add(`${field}.sessionToken`, `must be a non-empty string when present`);
    return { provider: !v.empty ? null : 'AWS', violations: v.list };
  }
  if ('tenantId' in o || 'clientSecret' in o || 'clientId' in o) {
    if (!(typeof o.clientId === 'string' && UUID.test(o.clientId))) v.add(`${field}.clientId`, `must be the service principal's application (client) id, a UUID`);
    if (!nonEmpty(o.clientSecret)) v.add(`${field}.clientSecret`, `is required (a non-empty string)`);
    if (!(typeof o.tenantId === 'string' && UUID.test(o.tenantId))) v.add(`${field}.tenantId`, `must be the Microsoft Entra tenant id, a UUID`);
    return { provider: !v.empty ? null : 'AZURE', violations: v.list };
  }
  if ('type' in o || 'private_key' in o || 'client_email' in o || 'project_id' in o) {
    if (o.type !== 'service_account') v.add(`${field}.type`, `must be service_account`);
    if (!nonEmpty(o.project_id)) v.add(`${field}.project_id`, `is required (a non-empty string)`);
    if (!(typeof o.private_key === 'string' && PEM_KEY.test(o.private_key))) v.add(`${field}.private_key`, `must be a PEM private key with \\n line breaks`);
    if (!(typeof o.client_email === 'string' && EMAIL.test(o.client_email))) v.add(`${field}.client_email`, `must be an e-mail address`);
    return { provider: !v.empty ? null : 'GCP', violations: v.list };
  }
  return { provider: null, violations: [{ field, rule: `must be valid ${CLOUD_SHAPES}` }] };
}
