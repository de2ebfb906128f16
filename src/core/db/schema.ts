import type { Generated } from 'kysely';

/**
 * The typed database. Each resource's store file adds its tables to this interface through
 * module augmentation (`declare module './schema.js'`), so the table types live beside the
 * queries that use them. Columns are portable across SQLite and PostgreSQL: text ids,
 * ISO-8601 text timestamps set by the application, JSON as text, booleans as 0/1 integers.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface Database {
  accounts: AccountsTable;
  api_credentials: ApiCredentialsTable;
  signing_keys: SigningKeysTable;
  system_secrets: SystemSecretsTable;
}

export interface AccountsTable {
  id: string;
  slug: string;
  name: string;
  created_at: string;
}

export interface ApiCredentialsTable {
  client_id: string;
  account_id: string;
  name: string;
  role: string;
  /** 'user' for API credentials, 'agent' for an agent's own credentials. */
  kind: string;
  agent_id: string | null;
  /** HMAC-SHA256 of the client secret under the deployment's pepper (base64url). */
  secret_hash: string;
  /**
   * Agent credentials only: the secret itself, sealed by the vault (AAD `agent-credential|<client_id>`),
   * so `GET /v1/agents/{id}/credentials` can return it on every read. Null for user credentials
   * and for agent credentials issued before 0006 (until their next SECRET_REFRESH).
   */
  secret_sealed: string | null;
  /** Raised by every secret change that must end the old secret's tokens (agent SECRET_REFRESH). */
  secret_generation: Generated<number>;
  created_at: string;
}

export interface SigningKeysTable {
  kid: string;
  /** Creation order; the first key is generation 1 so concurrent first starts agree on one key. */
  generation: number;
  /** PKCS#8 PEM, sealed by the vault. */
  private_key: string;
  public_jwk: string;
  created_at: string;
}

export interface SystemSecretsTable {
  name: string;
  /** Sealed by the vault. */
  value: string;
  created_at: string;
}

export type _Generated<T> = Generated<T>;
