import { describe, expect, it } from 'vitest';
import { ScimError } from './scim-error.js';
import { changeOf, documentOf, incomingDocument, scimUserOf } from './user-doc.js';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const record = {
  userId: 'u1',
  email: 'ann@example.com',
  role: 'MEMBER' as const,
  active: true,
  displayName: 'Ann',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-02T00:00:00.000Z',
  accountId: 'a1',
  externalId: 'x1',
  givenName: 'Ann',
  familyName: null,
  scimAttributes: { title: 'Eng', name: { middleName: 'M' }, [ENTERPRISE]: { department: 'R' } },
  hasPassword: false,
};

describe('SCIM User mapping', () => {
  it('keeps known attributes under canonical names, extensions whole, and drops read-only and unknown ones', () => {
    const doc = incomingDocument({ USERNAME: 'A@x.com', ACTIVE: 'False', id: 'nope', meta: {}, groups: [], foo: 1, [ENTERPRISE]: { department: 'R' }, emails: [{ value: 'a@x.com', primary: 'True', $ref: 'r' }] });
    expect(doc).toEqual({ userName: 'A@x.com', active: false, [ENTERPRISE]: { department: 'R' }, emails: [{ value: 'a@x.com', primary: true, ref: 'r' }] });
  });

  it('maps a document to columns and the rest, and back', () => {
    const change = changeOf(documentOf(record));
    expect(change).toEqual({ email: 'ann@example.com', active: true, externalId: 'x1', displayName: 'Ann', givenName: 'Ann', familyName: null, scimAttributes: { title: 'Eng', name: { middleName: 'M' }, [ENTERPRISE]: { department: 'R' } } });
    const served = scimUserOf(record, [], 'https://h/scim');
    expect(served).toMatchObject({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', ENTERPRISE], id: 'u1', userName: 'ann@example.com', name: { givenName: 'Ann', middleName: 'M' }, emails: [{ value: 'ann@example.com', primary: true }], groups: [], meta: { location: 'https://h/scim/Users/u1' } });
    expect(served).not.toHaveProperty('password');
  });

  it('refuses wrong shapes with invalidValue', () => {
    for (const bad of [{}, { userName: '' }, { userName: 1 }, { userName: 'a@x', active: 'yes' }, { userName: 'a@x', emails: 'a@x' }, { userName: 'a@x', name: 'Ann' }, { userName: 'a@x', password: 5 }, { userName: 'a@x', [ENTERPRISE]: 'x' }]) {
      expect(() => changeOf(incomingDocument(bad)), JSON.stringify(bad)).toThrow(ScimError);
    }
  });
});
