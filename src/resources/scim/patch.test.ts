import { describe, expect, it } from 'vitest';
import { applyToDocument, normalisePatch, PATCH_SCHEMA, type DocumentRules } from './patch.js';
import { ScimError } from './scim-error.js';

const body = (...Operations: unknown[]) => ({ schemas: [PATCH_SCHEMA], Operations });
const rules: DocumentRules = {
  canonical: (l) => ({ givenname: 'givenName', familyname: 'familyName', emails: 'emails', active: 'active', type: 'type', value: 'value' })[l] ?? l,
  extensionKey: (s) => (s.includes('enterprise') ? 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User' : null),
};
const scimType = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ScimError);
    return (err as ScimError).scimType;
  }
  throw new Error('accepted');
};

describe('PatchOp normalisation', () => {
  it("reads Entra ID's capitalised ops and string booleans", () => {
    const ops = normalisePatch(body({ op: 'Replace', path: 'active', value: 'False' }, { op: 'Add', path: 'name.givenName', value: 'Ann' }));
    expect(ops).toEqual([
      { op: 'replace', path: { attr: 'active' }, value: false },
      { op: 'add', path: { attr: 'name', sub: 'givenname' }, value: 'Ann' },
    ]);
  });

  it("expands Okta's path-less replace and Entra's dotted and URN keys", () => {
    expect(normalisePatch(body({ op: 'replace', value: { active: false } }))).toEqual([{ op: 'replace', path: { attr: 'active' }, value: false, fromValue: true }]);
    const ops = normalisePatch(
      body({ op: 'Replace', value: { 'name.familyName': 'Lee', 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': { department: 'R&D' } } }),
    );
    expect(ops.map((o) => [o.path, o.value])).toEqual([
      [{ attr: 'name', sub: 'familyname' }, 'Lee'],
      [{ attr: 'department', schema: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:user' }, 'R&D'],
    ]);
  });

  it('parses filtered paths and accepts $ref as ref', () => {
    const [op] = normalisePatch(body({ op: 'add', path: 'members', value: [{ value: 'u1', $ref: 'x' }] }));
    expect(op!.value).toEqual([{ value: 'u1', ref: 'x' }]);
    const [rm] = normalisePatch(body({ op: 'remove', path: 'members[value eq "a]b"]' }));
    expect(rm!.path).toMatchObject({ attr: 'members', filter: { kind: 'eq', value: 'a]b' } });
    const [em] = normalisePatch(body({ op: 'replace', path: 'emails[type eq "work"].value', value: 'a@x' }));
    expect(em!.path).toMatchObject({ attr: 'emails', sub: 'value', filter: { kind: 'eq' } });
  });

  it('refuses what is not a PatchOp', () => {
    expect(scimType(() => normalisePatch([]))).toBe('invalidSyntax');
    expect(scimType(() => normalisePatch({ schemas: ['x'], Operations: [] }))).toBe('invalidSyntax');
    expect(scimType(() => normalisePatch(body()))).toBe('invalidSyntax');
    expect(scimType(() => normalisePatch(body({ op: 'move', path: 'a', value: 1 })))).toBe('invalidSyntax');
    expect(scimType(() => normalisePatch(body({ op: 'add', path: 'a' })))).toBe('invalidSyntax');
    expect(scimType(() => normalisePatch(body({ op: 'remove' })))).toBe('noTarget');
    expect(scimType(() => normalisePatch(body({ op: 'add', path: 'a[b eq', value: 1 })))).toBe('invalidPath');
    expect(scimType(() => normalisePatch(body({ op: 'add', path: 'a..b', value: 1 })))).toBe('invalidPath');
    expect(scimType(() => normalisePatch(body({ op: 'add', value: 'x' })))).toBe('invalidSyntax');
  });
});

describe('applying ops to a document', () => {
  it('sets, merges, appends, seeds filtered elements and removes', () => {
    const doc = { name: { givenName: 'A' }, emails: [{ value: 'old@x', type: 'home' }], active: true };
    const out = applyToDocument(
      doc,
      normalisePatch(
        body(
          { op: 'Add', path: 'name.familyName', value: 'Lee' },
          { op: 'Replace', path: 'emails[type eq "work"].value', value: 'w@x' },
          { op: 'Remove', path: 'emails[type eq "home"]' },
          { op: 'Replace', path: 'active', value: 'False' },
          { op: 'Add', path: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department', value: 'R' },
        ),
      ),
      rules,
    );
    expect(out).toEqual({
      name: { givenName: 'A', familyName: 'Lee' },
      emails: [{ type: 'work', value: 'w@x' }],
      active: false,
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': { department: 'R' },
    });
    expect(doc.active).toBe(true);
  });

  it('removes multi-valued elements by value, as Entra removes members', () => {
    const out = applyToDocument({ members: [{ value: 'a' }, { value: 'b' }] }, normalisePatch(body({ op: 'Remove', path: 'members', value: [{ value: 'a' }] })), rules);
    expect(out).toEqual({ members: [{ value: 'b' }] });
  });
});
