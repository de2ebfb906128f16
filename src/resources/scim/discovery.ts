import { MAX_COUNT } from './list.js';

/**
 * The static discovery documents (RFC 7643 §5–7, RFC 7644 §4): what Plinth's SCIM service
 * supports, its two resource types, and their schemas. Built once; `location`s are relative to
 * the base the client used, so they are filled in per request (`withBase`).
 */

export const SCHEMA = {
  user: 'urn:ietf:params:scim:schemas:core:2.0:User',
  group: 'urn:ietf:params:scim:schemas:core:2.0:Group',
  enterpriseUser: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
  /** Plinth's Group attributes (the SaaS's accountId … role), as an extension schema for discovery. */
  plinthGroup: 'urn:plinth:params:scim:schemas:extension:matillion:2.0:Group',
  spc: 'urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig',
  resourceType: 'urn:ietf:params:scim:schemas:core:2.0:ResourceType',
  schema: 'urn:ietf:params:scim:schemas:core:2.0:Schema',
} as const;

type Attr = Record<string, unknown>;

const attr = (name: string, extra: Partial<Attr> = {}): Attr => ({
  name,
  type: 'string',
  multiValued: false,
  required: false,
  caseExact: false,
  mutability: 'readWrite',
  returned: 'default',
  uniqueness: 'none',
  ...extra,
});
const bool = (name: string, extra: Partial<Attr> = {}) => attr(name, { type: 'boolean', ...extra });
const complex = (name: string, subAttributes: Attr[], extra: Partial<Attr> = {}) => attr(name, { type: 'complex', subAttributes, ...extra });
const multi = (name: string, subs: Attr[] = [attr('value'), attr('display'), attr('type'), bool('primary')]) => complex(name, subs, { multiValued: true });

const userAttributes: Attr[] = [
  attr('userName', { required: true, uniqueness: 'server', description: "The user's email address (Plinth's sign-in name), compared case-insensitively" }),
  complex('name', ['formatted', 'familyName', 'givenName', 'middleName', 'honorificPrefix', 'honorificSuffix'].map((n) => attr(n))),
  ...['displayName', 'nickName', 'profileUrl', 'title', 'userType', 'preferredLanguage', 'locale', 'timezone'].map((n) => attr(n)),
  bool('active', { description: 'false deactivates the user: no sign-in, no access, every token refused' }),
  attr('password', { mutability: 'writeOnly', returned: 'never', description: "Sets the user's password (at least 12 characters; stored only as a scrypt hash); never returned" }),
  multi('emails'),
  multi('phoneNumbers'),
  multi('ims'),
  multi('photos'),
  multi('addresses', ['formatted', 'streetAddress', 'locality', 'region', 'postalCode', 'country', 'type'].map((n) => attr(n)).concat(bool('primary'))),
  multi('groups', [attr('value', { mutability: 'readOnly' }), attr('ref', { type: 'reference', referenceTypes: ['Group'], mutability: 'readOnly' }), attr('display', { mutability: 'readOnly' }), attr('type', { mutability: 'readOnly' })]),
  multi('entitlements'),
  multi('roles'),
  multi('x509Certificates'),
].map((a) => (a.name === 'groups' ? { ...a, mutability: 'readOnly' } : a));

const enterpriseAttributes: Attr[] = [
  ...['employeeNumber', 'costCenter', 'organization', 'division', 'department'].map((n) => attr(n)),
  complex('manager', [attr('value'), attr('ref', { type: 'reference', referenceTypes: ['User'] }), attr('displayName', { mutability: 'readOnly' })]),
];

const ro = { mutability: 'readOnly' };
const groupAttributes: Attr[] = [
  attr('displayName', { ...ro, required: true, description: '"<project>/<ROLE>" or "<project>/<environment>/<ROLE>"' }),
  complex('members', [attr('value', { mutability: 'immutable', caseExact: true }), attr('ref', { type: 'reference', referenceTypes: ['User'], mutability: 'immutable' }), attr('display', ro), attr('type', { ...ro, canonicalValues: ['USER'] })], {
    multiValued: true,
    description: 'Adding a user grants the role; removing revokes it',
  }),
];

const plinthGroupAttributes: Attr[] = ['accountId', 'accountName', 'projectId', 'projectName', 'environment', 'role'].map((n) => attr(n, ro));

const schemaDoc = (id: string, name: string, description: string, attributes: Attr[]) => ({
  schemas: [SCHEMA.schema],
  id,
  name,
  description,
  attributes,
  meta: { resourceType: 'Schema', location: `/Schemas/${id}` },
});

export const SCHEMAS = [
  schemaDoc(SCHEMA.user, 'User', 'User Account (a Plinth user: the same users as /v1/users)', userAttributes),
  schemaDoc(SCHEMA.enterpriseUser, 'EnterpriseUser', 'Enterprise User (stored and returned as sent)', enterpriseAttributes),
  schemaDoc(SCHEMA.group, 'Group', 'A project or environment role binding kept by Plinth', groupAttributes),
  schemaDoc(SCHEMA.plinthGroup, 'MatillionGroup', "The binding's scope and role (served as top-level attributes, as the SaaS does)", plinthGroupAttributes),
];

export const RESOURCE_TYPES = [
  {
    schemas: [SCHEMA.resourceType],
    id: 'User',
    name: 'User',
    endpoint: '/Users',
    description: 'User Account',
    schema: SCHEMA.user,
    schemaExtensions: [{ schema: SCHEMA.enterpriseUser, required: false }],
    meta: { resourceType: 'ResourceType', location: '/ResourceTypes/User' },
  },
  {
    schemas: [SCHEMA.resourceType],
    id: 'Group',
    name: 'Group',
    endpoint: '/Groups',
    description: 'Project and environment role bindings',
    schema: SCHEMA.group,
    schemaExtensions: [{ schema: SCHEMA.plinthGroup, required: true }],
    meta: { resourceType: 'ResourceType', location: '/ResourceTypes/Group' },
  },
];

export const SERVICE_PROVIDER_CONFIG = {
  schemas: [SCHEMA.spc],
  documentationUri: 'https://github.com/plinth-dev/plinth#scim',
  patch: { supported: true },
  bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
  filter: { supported: true, maxResults: MAX_COUNT },
  changePassword: { supported: false },
  sort: { supported: false },
  etag: { supported: false },
  authenticationSchemes: [
    {
      type: 'oauthbearertoken',
      name: 'OAuth Bearer Token',
      description: 'An access token of the API (a credential allowed to manage users), or a SCIM bearer secret created by a Super Admin (POST /v1/directory-integration/scim-tokens)',
      primary: true,
    },
  ],
  meta: { resourceType: 'ServiceProviderConfig', location: '/ServiceProviderConfig' },
};

/** A copy of a discovery document with `meta.location` (at any depth of `Resources`) made absolute. */
export function withBase<T>(doc: T, base: string): T {
  const out = structuredClone(doc) as any;
  const fix = (d: any) => {
    if (d?.meta?.location?.startsWith('/')) d.meta.location = base + d.meta.location;
  };
  if (Array.isArray(out)) out.forEach(fix);
  else fix(out);
  return out;
}
