import { describe, expect, it } from 'vitest';
import { matches, parseFilter, requiredEquality } from './filter.js';
import { ScimError } from './scim-error.js';

const refused = (text: string) => {
  try {
    parseFilter(text);
  } catch (err) {
    expect(err).toBeInstanceOf(ScimError);
    expect((err as ScimError).status).toBe(400);
    expect((err as ScimError).scimType).toBe('invalidFilter');
    return (err as ScimError).detail;
  }
  throw new Error(`accepted ${text}`);
};

describe('SCIM filter', () => {
  it('parses what Okta and Entra ID send', () => {
    expect(parseFilter('userName eq "ann@example.com"')).toEqual({ kind: 'eq', path: { attr: 'username' }, value: 'ann@example.com' });
    expect(parseFilter('externalId eq "0f1e"')).toMatchObject({ path: { attr: 'externalid' }, value: '0f1e' });
    expect(parseFilter('displayName eq "Sales/OWNER"')).toMatchObject({ path: { attr: 'displayname' } });
    expect(parseFilter('USERNAME EQ "x"')).toMatchObject({ kind: 'eq', path: { attr: 'username' } });
    expect(parseFilter('id eq "g1" and members[value eq "u1"]')).toEqual({
      kind: 'and',
      left: { kind: 'eq', path: { attr: 'id' }, value: 'g1' },
      right: { kind: 'valuePath', attr: { attr: 'members' }, filter: { kind: 'eq', path: { attr: 'value' }, value: 'u1' } },
    });
    expect(parseFilter('urn:ietf:params:scim:schemas:core:2.0:User:userName eq "x"')).toMatchObject({
      path: { schema: 'urn:ietf:params:scim:schemas:core:2.0:user', attr: 'username' },
    });
    expect(parseFilter('name.givenName eq "Ann"')).toMatchObject({ path: { attr: 'name', sub: 'givenname' } });
    expect(parseFilter('active eq true')).toMatchObject({ value: true });
    expect(parseFilter('(a eq 1 or b eq null) and c eq false')).toMatchObject({ kind: 'and', left: { kind: 'or' } });
  });

  it('reads JSON escapes in strings', () => {
    expect(parseFilter('userName eq "a\\"b\\\\c\\u0041"')).toMatchObject({ value: 'a"b\\cA' });
  });

  it('refuses what it does not support, with invalidFilter', () => {
    expect(refused('userName co "x"')).toMatch(/"co" operator is not supported/);
    expect(refused('userName pr')).toMatch(/not supported/);
    expect(refused('not (userName eq "x")')).toMatch(/not/);
    expect(refused('userName eq "x')).toMatch(/Unterminated/);
    expect(refused('userName eq "\\q"')).toMatch(/escape/);
    expect(refused('userName "x"')).toMatch(/operator/);
    expect(refused('userName eq')).toMatch(/missing/);
    expect(refused('userName eq x')).toMatch(/Expected a value/);
    expect(refused('')).toMatch(/empty/);
    expect(refused('(userName eq "x"')).toMatch(/Expected "\)"/);
    expect(refused('userName eq "x" userName')).toMatch(/Unexpected/);
    expect(refused('a.b.c eq "x"')).toMatch(/Invalid attribute path/);
    expect(refused('userName eq "x" & y')).toMatch(/Unexpected character/);
    expect(refused('('.repeat(40) + 'a eq 1' + ')'.repeat(40))).toMatch(/nest/);
  });

  it('matches resources, case-insensitively except caseExact attributes', () => {
    const user = { id: 'U1', userName: 'Ann@Example.com', externalId: 'Ext', emails: [{ value: 'a@x', type: 'work' }], name: { givenName: 'Ann' } };
    expect(matches(user, parseFilter('username eq "ann@example.com"'))).toBe(true);
    expect(matches(user, parseFilter('externalId eq "ext"'))).toBe(false);
    expect(matches(user, parseFilter('externalId eq "Ext"'))).toBe(true);
    expect(matches(user, parseFilter('id eq "u1"'))).toBe(false);
    expect(matches(user, parseFilter('emails[type eq "WORK"]'))).toBe(true);
    expect(matches(user, parseFilter('emails eq "a@x"'))).toBe(true);
    expect(matches(user, parseFilter('emails.type eq "work"'))).toBe(true);
    expect(matches(user, parseFilter('name.givenName eq "ann" and id eq "U1"'))).toBe(true);
    expect(matches(user, parseFilter('displayName eq null'))).toBe(true);
  });

  it('finds the equality a lookup can use', () => {
    expect(requiredEquality(parseFilter('userName eq "x"'), 'username')).toBe('x');
    expect(requiredEquality(parseFilter('active eq true and userName eq "x"'), 'username')).toBe('x');
    expect(requiredEquality(parseFilter('userName eq "x" or userName eq "y"'), 'username')).toBeUndefined();
  });
});
