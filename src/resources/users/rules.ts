import type { Role } from '../../core/policy.js';

/**
 * Who may give which account role, and change whom (pure rules, shared with SCIM and the console).
 *
 * - A Super Admin may grant any role and change or remove anyone (PRODUCT.md: only a Super Admin
 *   changes or removes a Super Admin, or grants SUPER_ADMIN).
 * - An Admin ("Manage users") may grant only roles whose permissions it holds itself — ADMIN and
 *   MEMBER — and change or remove only users holding those roles: granting BILLING_ADMIN would hand
 *   out billing, which an Admin does not have (no escalation through invitations).
 * - Every other role manages no one (`users.manage` is refused before these rules are asked).
 */
const GRANTABLE: Record<Role, readonly Role[]> = {
  SUPER_ADMIN: ['SUPER_ADMIN', 'BILLING_ADMIN', 'ADMIN', 'MEMBER'],
  ADMIN: ['ADMIN', 'MEMBER'],
  BILLING_ADMIN: [],
  MEMBER: [],
};

/** Whether a caller holding `actorRole` may give `role` (by invitation or role change). */
export const mayGrant = (actorRole: Role, role: Role) => GRANTABLE[actorRole].includes(role);

/** Whether a caller holding `actorRole` may change or remove a user who holds `targetRole`. */
export const mayManage = (actorRole: Role, targetRole: Role) => GRANTABLE[actorRole].includes(targetRole);

/** Emails are compared and stored lower-cased and trimmed. */
export const normaliseEmail = (email: string) => email.trim().toLowerCase();

/** The rule an email breaks, or null. Deliberately loose (one @, a dot in the domain, no spaces): the invitation proves the address. */
export function emailRule(email: string): string | null {
  if (email.length > 254) return 'must be at most 254 characters';
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) return 'must be an email address';
  return null;
}
