import { isUniqueViolation } from '../../core/db/db.js';
import { conflict, forbidden, invalid } from '../../core/errors.js';
import type { ApplyUserChange } from './changes.js';
import { blankUser, columnsOf, isActor, recordOf, type ChangedBy, type UserChange, type UserRecord, type UsersDeps } from './model.js';
import { hashPassword, passwordRule } from './passwords.js';
import { emailRule, mayGrant, normaliseEmail } from './rules.js';
import type { UserChanges, UserRow } from './store.js';

/**
 * In-process user management for SCIM (and the console): no account-role check of its own — the
 * caller decides who may ask — but the same invariants, audit events and cache eviction as the
 * API. A change `by` a signed-in actor also gets the role rules (rules.ts); `by` a SystemActor
 * (a directory client's bearer secret, set up by a Super Admin) does not.
 */
export function createDirectory(deps: UsersDeps, apply: ApplyUserChange) {
  const { users, clock, changes, audit } = deps;
  const passwordColumns = async (change: UserChange): Promise<UserChanges> => {
    if (change.password === undefined) return {};
    const rule = passwordRule(change.password);
    if (rule) throw invalid('password', rule);
    return { password_hash: await hashPassword(change.password) };
  };
  return {
    async find(accountId: string, userId: string): Promise<UserRecord | undefined> {
      const row = await users.find(accountId, userId);
      return row && recordOf(row);
    },
    async findByEmail(accountId: string, email: string): Promise<UserRecord | undefined> {
      const row = await users.findByEmail(accountId, normaliseEmail(email));
      return row && recordOf(row);
    },
    /** A window of the account's users in creation order, optionally filtered (exact email / externalId). */
    async list(accountId: string, opts: { offset: number; limit: number; email?: string; externalId?: string }): Promise<{ rows: UserRecord[]; total: number }> {
      const { rows, total } = await users.page(accountId, opts.offset, opts.limit, { email: opts.email === undefined ? undefined : normaliseEmail(opts.email), externalId: opts.externalId });
      return { rows: rows.map(recordOf), total };
    },
    /** A user without a password (it signs in once it has one; SCIM users usually never do). Role defaults to MEMBER. */
    async create(by: ChangedBy, accountId: string, input: UserChange & { email: string }): Promise<UserRecord> {
      const email = normaliseEmail(input.email);
      const rule = emailRule(email);
      if (rule) throw invalid('email', rule);
      const role = input.role ?? 'MEMBER';
      if (isActor(by) && !mayGrant(by.role, role)) throw forbidden(`The caller's role (${by.role}) may not grant ${role}`);
      const now = clock().toISOString();
      const row: UserRow = { ...blankUser(accountId, email, role, now), ...columnsOf({ ...input, email, role }), ...(await passwordColumns(input)) } as UserRow;
      try {
        await changes.run(async (trx) => {
          await users.insert(row, trx);
          await audit.record(trx, by, { eventName: 'user_created', eventType: 'CREATE', description: 'Account user created', subjectType: 'USER', subjectId: row.id, subjectName: email, additionalInfo: { role } });
          return { clientIds: [row.id], result: undefined };
        });
      } catch (err) {
        if (isUniqueViolation(err)) throw conflict(`A user with email ${email} already exists`, [{ field: 'email', rule: 'must be unique within the account' }]);
        throw err;
      }
      return recordOf(row);
    },
    async update(by: ChangedBy, accountId: string, userId: string, change: UserChange): Promise<UserRecord> {
      if (change.email !== undefined) {
        const rule = emailRule(normaliseEmail(change.email));
        if (rule) throw invalid('email', rule);
      }
      return recordOf((await apply(by, accountId, userId, { columns: { ...columnsOf(change), ...(await passwordColumns(change)) } }))!);
    },
    deactivate: async (by: ChangedBy, accountId: string, userId: string): Promise<UserRecord> =>
      recordOf((await apply(by, accountId, userId, { columns: { active: 0 } }))!),
    remove: async (by: ChangedBy, accountId: string, userId: string): Promise<void> => void (await apply(by, accountId, userId, { remove: true })),
  };
}
