import type { UserChange, UserRecord } from '../users/service.js';
import { SCHEMA } from './discovery.js';
import { normaliseValue, type DocumentRules } from './patch.js';
import { invalidValue, mutability } from './scim-error.js';

/**
 * The SCIM User ⇄ Plinth user mapping. `userName` is the email; `externalId`, `displayName`,
 * `name.givenName`, `name.familyName` and `active` have columns; every other attribute of the
 * core User schema, and whole extension objects (`urn:…` keys, e.g. the enterprise User), are
 * kept as JSON in `scim_attributes` and returned as sent. Unknown core attributes are ignored
 * (as the API ignores unknown JSON properties); read-only ones (`id`, `meta`, `groups`,
 * `schemas`) are never stored. `password` sets the user's password (its scrypt hash, through the
 * users service) and is never returned.
 */

const SIMPLE = ['externalId', 'userName', 'displayName', 'nickName', 'profileUrl', 'title', 'userType', 'preferredLanguage', 'locale', 'timezone'];
const NAME_SUBS = ['formatted', 'familyName', 'givenName', 'middleName', 'honorificPrefix', 'honorificSuffix'];
const MULTI = ['emails', 'phoneNumbers', 'ims', 'photos', 'addresses', 'entitlements', 'roles', 'x509Certificates'];
const SUBS = ['value', 'display', 'type', 'primary', 'ref', 'streetAddress', 'locality', 'region', 'postalCode', 'country'];
const ENTERPRISE = ['employeeNumber', 'costCenter', 'organization', 'division', 'department', 'manager'];
const READ_ONLY = new Set(['id', 'meta', 'groups', 'schemas']);

const CANONICAL = new Map([...SIMPLE, 'name', 'active', ...NAME_SUBS, ...MULTI, ...SUBS, ...ENTERPRISE, 'password'].map((n) => [n.toLowerCase(), n]));
const KNOWN = new Set([...SIMPLE, 'name', 'active', 'password', ...MULTI].map((n) => n.toLowerCase()));

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export const userRules: DocumentRules = {
  canonical: (lower) => CANONICAL.get(lower) ?? lower,
  extensionKey: (schema) => (schema === SCHEMA.user.toLowerCase() ? null : schema === SCHEMA.enterpriseUser.toLowerCase() ? SCHEMA.enterpriseUser : schema),
};

/** A path a PATCH may not name: read-only attributes (ignored inside a path-less value). A password is set, never removed. */
export function checkWritable(attr: string, schema: string | undefined, fromValue: boolean, op: string): 'ignore' | 'ok' {
  const core = schema === undefined || schema === SCHEMA.user.toLowerCase();
  if (core && attr === 'password') return op === 'remove' ? 'ignore' : 'ok';
  if (core && READ_ONLY.has(CANONICAL.get(attr) ?? attr)) {
    if (fromValue) return 'ignore';
    throw mutability(`${CANONICAL.get(attr) ?? attr} is read-only`);
  }
  return 'ok';
}

/** The known attributes of a POST/PUT body (canonical names, `$ref` → `ref`, string booleans read). */
export function incomingDocument(body: unknown): Record<string, unknown> {
  if (!isObject(body)) throw invalidValue('The body must be a SCIM User object');
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(body)) {
    const lower = k.toLowerCase();
    if (lower.startsWith('urn:')) {
      if (lower === SCHEMA.user.toLowerCase() && isObject(v)) Object.assign(out, incomingDocument(v));
      else out[userRules.extensionKey(lower) ?? k] = normaliseValue(v);
    } else if (KNOWN.has(lower)) out[CANONICAL.get(lower)!] = normaliseValue(v, lower);
  }
  return out;
}

function stringOrNull(doc: Record<string, unknown>, key: string, where = key): string | null {
  const v = doc[key];
  if (v === undefined || v === null) return null;
  if (typeof v !== 'string') throw invalidValue(`${where} must be a string`);
  return v;
}

function checkShapes(doc: Record<string, unknown>) {
  for (const k of SIMPLE) stringOrNull(doc, k);
  const name = doc.name;
  if (name !== undefined && name !== null) {
    if (!isObject(name)) throw invalidValue('name must be an object');
    for (const s of NAME_SUBS) stringOrNull(name, s, `name.${s}`);
  }
  for (const k of MULTI) {
    const v = doc[k];
    if (v !== undefined && v !== null && (!Array.isArray(v) || !v.every(isObject))) throw invalidValue(`${k} must be an array of objects`);
  }
  for (const [k, v] of Object.entries(doc)) if (k.startsWith('urn:') && v !== null && !isObject(v)) throw invalidValue(`${k} must be an object`);
  if (doc.active !== undefined && typeof doc.active !== 'boolean') throw invalidValue('active must be a boolean (true or false)');
  if (doc.password !== undefined && typeof doc.password !== 'string') throw invalidValue('password must be a string');
}

/** The change a whole document makes (PUT, or a document after PATCH): everything it leaves out is cleared. */
export function changeOf(doc: Record<string, unknown>): UserChange & { email: string } {
  checkShapes(doc);
  const userName = stringOrNull(doc, 'userName');
  if (userName === null || userName.trim() === '') throw invalidValue('userName is required (the email address)');
  const name = isObject(doc.name) ? doc.name : {};
  const rest: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(doc)) {
    if (v === null || v === undefined || ['userName', 'externalId', 'displayName', 'active', 'name', 'password'].includes(k)) continue;
    rest[k] = v;
  }
  const otherName = Object.fromEntries(Object.entries(name).filter(([k, v]) => !['givenName', 'familyName'].includes(k) && v !== null && v !== undefined));
  if (Object.keys(otherName).length) rest.name = otherName;
  return {
    email: userName,
    ...(typeof doc.active === 'boolean' ? { active: doc.active } : {}),
    ...(typeof doc.password === 'string' ? { password: doc.password } : {}),
    externalId: stringOrNull(doc, 'externalId'),
    displayName: stringOrNull(doc, 'displayName'),
    givenName: stringOrNull(name, 'givenName', 'name.givenName'),
    familyName: stringOrNull(name, 'familyName', 'name.familyName'),
    scimAttributes: Object.keys(rest).length ? rest : null,
  };
}

/** The writable document of a user as stored (what a PATCH applies to). */
export function documentOf(u: UserRecord): Record<string, unknown> {
  const stored = u.scimAttributes ?? {};
  const storedName = isObject(stored.name) ? stored.name : {};
  const name = { ...storedName, ...(u.givenName !== null ? { givenName: u.givenName } : {}), ...(u.familyName !== null ? { familyName: u.familyName } : {}) };
  return {
    ...stored,
    userName: u.email,
    ...(u.externalId !== null ? { externalId: u.externalId } : {}),
    ...(u.displayName !== null ? { displayName: u.displayName } : {}),
    ...(Object.keys(name).length ? { name } : {}),
    active: u.active,
  };
}

export interface UserGroupRef {
  value: string;
  display: string;
  ref: string;
  type: 'DIRECT';
}

/** The User resource as served: `id`, `meta`, `groups`, `schemas` added; never a password. */
export function scimUserOf(u: UserRecord, groups: UserGroupRef[] | undefined, base: string) {
  const doc = documentOf(u);
  const extensions = Object.keys(doc).filter((k) => k.startsWith('urn:'));
  const emails = Array.isArray(doc.emails) && doc.emails.length ? doc.emails : [{ value: u.email, type: 'work', primary: true }];
  return {
    schemas: [SCHEMA.user, ...extensions],
    id: u.userId,
    ...doc,
    emails,
    ...(groups ? { groups } : {}),
    meta: { resourceType: 'User', created: u.createdAt, lastModified: u.updatedAt, location: `${base}/Users/${u.userId}` },
  };
}
