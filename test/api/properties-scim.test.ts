import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matches, parseFilter, type Filter } from '../../src/resources/scim/filter.js';
import { groupId, parseGroupId } from '../../src/resources/scim/groups.js';
import { windowOf } from '../../src/resources/scim/list.js';
import { applyToDocument, normalisePatch, PATCH_SCHEMA } from '../../src/resources/scim/patch.js';
import { ScimError } from '../../src/resources/scim/scim-error.js';
import { userRules } from '../../src/resources/scim/user-doc.js';

/**
 * Properties of the SCIM protocol layer: whatever a client sends, the parser and the PatchOp
 * normaliser answer a result or a ScimError 400 (never another exception, so never a 500), and
 * what Okta and Entra ID send in any letter case reads as the same thing.
 */

const SEED = 1313;
const runs = (numRuns: number) => ({ seed: SEED, numRuns });

/** Runs `fn`; any exception other than a 400 ScimError fails the property. */
function onlyScimErrors(fn: () => unknown) {
  try {
    fn();
  } catch (err) {
    if (!(err instanceof ScimError) || err.status !== 400) throw err;
  }
  return true;
}

const randomCase = (s: string) => fc.array(fc.boolean(), { minLength: s.length, maxLength: s.length }).map((flips) => [...s].map((c, i) => (flips[i] ? c.toUpperCase() : c.toLowerCase())).join(''));
const attrName = fc.constantFrom('userName', 'externalId', 'displayName', 'id', 'active', 'emails', 'name');
const value = fc.oneof(fc.string({ maxLength: 20 }), fc.boolean(), fc.constant(null), fc.integer({ min: -1000, max: 1000 }));

/** A valid filter text and the tree it must parse to. */
const filterArb: fc.Arbitrary<[string, Filter]> = fc.letrec<{ f: [string, Filter]; cmp: [string, Filter] }>((tie) => ({
  cmp: fc.tuple(attrName, randomCase('eq'), value).chain(([a, op, v]) =>
    randomCase(a).map((cased): [string, Filter] => [`${cased} ${op} ${JSON.stringify(v)}`, { kind: 'eq', path: { attr: a.toLowerCase() }, value: v }]),
  ),
  f: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    tie('cmp'),
    fc.tuple(tie('f'), fc.constantFrom('and', 'AND', 'or', 'Or'), tie('f')).map(([[lt, l], kw, [rt, r]]): [string, Filter] => [`(${lt}) ${kw} (${rt})`, { kind: kw.toLowerCase() as 'and' | 'or', left: l, right: r }]),
  ),
})).f;

describe('SCIM filter parser (properties)', () => {
  it('answers a tree or a 400 invalidFilter for any text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 80 }), (s) => onlyScimErrors(() => parseFilter(s))), runs(300));
    const tokens = fc.array(fc.constantFrom('userName', 'eq', 'and', 'or', 'not', '(', ')', '[', ']', '"x"', '"', '\\', 'true', 'members', 'value', 'co', 'pr', '.', ':', '1e5', 'urn:a:b:c'), { maxLength: 12 });
    fc.assert(fc.property(tokens, (ts) => onlyScimErrors(() => parseFilter(ts.join(' ')))), runs(300));
  });

  it('reads generated filters in any letter case as the same tree', () => {
    fc.assert(fc.property(filterArb, ([text, tree]) => {
      expect(parseFilter(text)).toEqual(tree);
    }), runs(200));
  });

  it('reads any string literal back exactly (JSON escapes)', () => {
    fc.assert(fc.property(fc.string({ maxLength: 40, unit: 'binary' }), (s) => {
      expect(parseFilter(`userName eq ${JSON.stringify(s)}`)).toMatchObject({ value: s });
    }), runs(200));
  });

  it('matching never throws, whatever the resource', () => {
    fc.assert(fc.property(filterArb, fc.jsonValue({ maxDepth: 3 }), ([, tree], resource) => typeof matches(resource, tree) === 'boolean'), runs(200));
  });
});

const opName = fc.constantFrom('add', 'replace', 'remove').chain((op) => randomCase(op));
const pathArb = fc.oneof(
  fc.constantFrom('active', 'displayName', 'name.givenName', 'emails[type eq "work"].value', 'members', 'members[value eq "u1"]', 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department', 'addresses[type eq "work"].locality'),
  fc.string({ maxLength: 30 }),
);
const opArb = fc.record({ op: fc.oneof(opName, fc.string({ maxLength: 8 })), path: fc.option(pathArb, { nil: undefined }), value: fc.option(fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom('True', 'False', 'TRUE')), { nil: undefined }) }, { requiredKeys: ['op'] });

describe('PatchOp normaliser (properties)', () => {
  it('answers operations or a 400 ScimError for any JSON body', () => {
    fc.assert(fc.property(fc.jsonValue({ maxDepth: 4 }), (body) => onlyScimErrors(() => normalisePatch(body))), runs(300));
    fc.assert(fc.property(fc.array(opArb, { maxLength: 5 }), (Operations) => onlyScimErrors(() => normalisePatch({ schemas: [PATCH_SCHEMA], Operations }))), runs(300));
  });

  it('applying normalised operations to a user document answers a document or a 400 ScimError', () => {
    const doc = { userName: 'a@x', emails: [{ type: 'work', value: 'a@x' }], name: { givenName: 'A' }, active: true };
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 1, maxLength: 5 }), (Operations) =>
        onlyScimErrors(() => applyToDocument(doc, normalisePatch({ schemas: [PATCH_SCHEMA], Operations }), userRules)),
      ),
      runs(300),
    );
  });

  it("reads Entra ID's capitalised ops and string booleans in any case", () => {
    fc.assert(
      fc.property(opName, fc.boolean(), fc.boolean(), (op, flag, upper) => {
        const text = upper ? String(flag).toUpperCase() : flag ? 'True' : 'False';
        const [n] = normalisePatch({ schemas: [PATCH_SCHEMA], Operations: [{ op, path: 'active', value: text }] });
        expect(n).toEqual({ op: op.toLowerCase(), path: { attr: 'active' }, value: flag });
      }),
      runs(100),
    );
  });
});

describe('paging and group ids (properties)', () => {
  it('startIndex and count: a window inside the bounds, or 400 invalidValue', () => {
    fc.assert(
      fc.property(fc.option(fc.oneof(fc.string({ maxLength: 6 }), fc.integer().map(String)), { nil: undefined }), fc.option(fc.oneof(fc.string({ maxLength: 6 }), fc.integer().map(String)), { nil: undefined }), (startIndex, count) =>
        onlyScimErrors(() => {
          const w = windowOf({ startIndex, count });
          expect(w.startIndex).toBeGreaterThanOrEqual(1);
          expect(w.count).toBeGreaterThanOrEqual(0);
          expect(w.count).toBeLessThanOrEqual(200);
        }),
      ),
      runs(300),
    );
  });

  it('a group id names its binding, for any environment name; any other text names none or one canonical binding', () => {
    const key = fc.record({ projectId: fc.uuid().map((u) => u.toLowerCase()), environment: fc.option(fc.string({ minLength: 1, maxLength: 40, unit: 'grapheme' }), { nil: undefined }), role: fc.constantFrom('OWNER', 'CONTRIBUTOR', 'VIEWER') });
    fc.assert(fc.property(key, (k) => {
      expect(parseGroupId(groupId(k))).toEqual(k.environment === undefined ? { projectId: k.projectId, role: k.role } : k);
    }), runs(200));
    fc.assert(fc.property(fc.string({ maxLength: 80 }), (s) => {
      const k = parseGroupId(s);
      if (k) expect(groupId(k).toLowerCase()).toBe(s.toLowerCase());
    }), runs(300));
  });
});
