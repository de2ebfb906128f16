// Generated from the OpenAPI contract (openapi/ and src/resources/*/openapi.yaml) by `npm run gen:types`. Do not edit.
/* eslint-disable */
export interface paths {
    "/.well-known/jwks.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Public keys that verify access tokens */
        get: operations["jwks"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/console/api/session": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The signed-in user of this console session
         * @description 401 when the request has no live console session (none, expired, signed out, or its user removed or deactivated).
         */
        get: operations["consoleSession"];
        put?: never;
        /**
         * Sign in to the console with email and password
         * @description Checks the user's email and password and opens a console session: the answer sets an HttpOnly cookie (`plinth_console`, SameSite=Strict, Path=/, Secure when the request came over HTTPS — `x-forwarded-proto` counts only with PLINTH_CONSOLE_TRUST_FORWARDED_PROTO=1) and returns the CSRF token the console sends in `x-csrf-token` with every API call made with that cookie. A wrong email or password is one generic 401.
         */
        post: operations["consoleSignIn"];
        /**
         * Sign out (ends the console session)
         * @description Needs the session's CSRF token in `x-csrf-token` (403 otherwise). Without a live session it is a no-op (204). Records the audit event `hub_user_logout` / `LOGOUT` (subject the USER), as signing in records `hub_user_login` / `LOGIN`.
         */
        delete: operations["consoleSignOut"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness */
        get: operations["healthz"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Prometheus metrics
         * @description The Prometheus text exposition format (prom-client): `plinth_http_requests_total` and
         *     `plinth_http_request_duration_seconds` per OpenAPI operation, method and status;
         *     `plinth_db_pool_connections` (PostgreSQL pool: total, idle, waiting);
         *     `plinth_job_runs_total` / `plinth_job_run_duration_seconds` per background job;
         *     `plinth_gitlab_token_rotations_total` by outcome; `plinth_rate_limit_refusals_total`
         *     (`api`: the API rate limit, `auth`: failed client authentications);
         *     `plinth_injected_faults_total`; `plinth_clock_offset_seconds`; and the default
         *     `process_*` / `nodejs_*` metrics. Public, like `/healthz`: counts and timings only, no
         *     data. Per node. `PLINTH_METRICS=0` turns it off (404). Never rate-limited or faulted.
         */
        get: operations["getMetrics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/oauth/dpc/token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * OAuth2 client-credentials token endpoint
         * @description `application/x-www-form-urlencoded` only, `grant_type=client_credentials` (or, a Plinth
         *     extension for people, `grant_type=password` — see below). The client
         *     authenticates either with `client_id` + `client_secret` in the body or with HTTP Basic
         *     (RFC 6749 Appendix B encoding), never both. `audience` is optional; when given it must be
         *     `https://api.matillion.com` or the configured `PLINTH_AUDIENCE`. `scope` is optional and
         *     may only be `pipeline-execution`.
         *
         *     The access token is an RS256 JWT with the claims of a SaaS token: `iss` (an absolute URL,
         *     `PLINTH_ISSUER`), `sub`, `aud`, `exp`, `iat`, `jti`, `typ`, `azp`, `client_id`, `scope`,
         *     `https://matillion.com/accountId`, and `clientHost` / `clientAddress` (the address the
         *     token request came from). Plinth adds `https://plinth.dev/role` (the credential's role when
         *     issued; informative, the API re-reads the credential on every request) and
         *     `https://plinth.dev/secretGeneration` (tokens issued before an agent's `SECRET_REFRESH`
         *     are refused).
         *
         *     Errors follow RFC 6749 §5.2: `{error, error_description}` with a generic public
         *     description (the reason is logged). A failed client authentication (unknown client id or
         *     wrong secret) is 401 `invalid_client` with the very same body either way, as the SaaS's
         *     identity server (Keycloak) answers it, by either authentication method; with HTTP Basic
         *     the answer also carries `WWW-Authenticate: Basic`. After
         *     `PLINTH_AUTH_FAILURE_LIMIT` failed authentications for one client id within 15 minutes
         *     (three times that for one address), further attempts get 429 `temporarily_unavailable`
         *     with `Retry-After`, even with the right secret.
         *
         *     **Extension (x-plinth-extension): `grant_type=password`** (RFC 6749 §4.3) signs a person in
         *     with `username` (the user's email, any case) and `password`; no client authentication. The
         *     token is the same kind as an API credential's; its `sub` (and `client_id`/`azp`) is the user
         *     id, and it carries the user's account role, re-read on every request: a removed or
         *     deactivated user's token is refused at once. A wrong password, an unknown email, a user
         *     without a password and a deactivated user all get the same 401
         *     `{"error":"invalid_grant","error_description":"Invalid user credentials"}` (Keycloak's
         *     answer). Failures are limited like client secrets: `PLINTH_AUTH_FAILURE_LIMIT` per email
         *     and three times that per address (shared with client authentication) per 15 minutes, then
         *     429 `temporarily_unavailable`. Audit events: `hub_user_login` / `LOGIN` and
         *     `hub_user_login_failed` / `LOGIN_FAILED` (actor: the email tried), and for API credentials
         *     `api_credential_token_issued` / `LOGIN` and `api_credential_login_failed` / `LOGIN_FAILED`
         *     (actor: the client id tried). Never a password or secret.
         */
        post: operations["issueToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/plinth/controls": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What the controls are set to */
        get: operations["getControls"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/plinth/controls/clock": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Plinth's time */
        get: operations["getClock"];
        /**
         * Set Plinth's time
         * @description Jumps to `now` (forward or back), frozen there when `frozen` is true, otherwise running on from it. Background jobs are not run (use advance).
         */
        put: operations["setClock"];
        post?: never;
        /** Back to real time */
        delete: operations["resetClock"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/plinth/controls/clock/advance": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Move Plinth's time forward
         * @description Adds the given days, hours, minutes, seconds and milliseconds (together at most 10 years)
         *     to the clock, then, unless `runJobs` is false, runs the clock-driven background jobs once
         *     (GitLab token rotation, schedules, due pipeline runs) and reports what they did. A bearer token whose expiry the clock
         *     passes stops working; HTTP Basic keeps working for the controls.
         */
        post: operations["advanceClock"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/plinth/controls/faults": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Injected faults */
        get: operations["getFaults"];
        put?: never;
        post?: never;
        /**
         * Clear every fault
         * @description Removes every rule, puts the configured rate limit back and ends an identity outage.
         */
        delete: operations["clearFaults"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/plinth/controls/faults/identity-outage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Take the identity server down (or back up)
         * @description While `enabled`, `POST /oauth/dpc/token` answers `status` (default 503) with RFC 6749
         *     error JSON (`temporarily_unavailable`, or `server_error` for other 5xx), after
         *     `latencyMs`, with `Retry-After` when `retryAfterSeconds` is given. Tokens already issued
         *     keep working, as with the SaaS, whose API verifies tokens without the identity server.
         */
        put: operations["setIdentityOutage"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/plinth/controls/faults/rate-limit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Set the rate-limit mode
         * @description `configured`: PLINTH_RATE_LIMIT_PER_MINUTE (the default); `saas`: the SaaS's current
         *     documented limit, 1000 requests per minute per credential; `saas-legacy`: its older
         *     documented limit, 60 per minute with bursts of at most 5 per second; `custom`:
         *     `perMinute` and/or `perSecond`; `off`: none. Refusals are 429 ProblemDetails with
         *     `Retry-After` (whole seconds), logged as injected faults unless the mode is `configured`.
         */
        put: operations["setRateLimitMode"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/plinth/controls/faults/rules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Add a fault rule */
        post: operations["addFaultRule"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/plinth/controls/faults/rules/{faultId}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                faultId: string;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove a fault rule */
        delete: operations["deleteFaultRule"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/plinth/controls/reset": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Reset to empty
         * @description Deletes every project, agent, API credential (but the bootstrap one), secret, connection,
         *     environment and repository, and clears the rate-limit counters, in one transaction.
         *     Signing keys stay, so tokens of the bootstrap credential stay valid. Snapshots, the clock
         *     and faults are unchanged.
         */
        post: operations["resetState"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/plinth/controls/seed": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Seed from a JSON fixture
         * @description Creates the fixture's items through the API, in order: `apiCredentials`, `agents`, then
         *     each project followed by its `secretReferences`, `dataPlatformConnections`, `connections`
         *     and `environments`. All or
         *     nothing: when an item fails, the state is put back as it was before the seed and the
         *     answer is that item's error, its violations located in the fixture.
         */
        post: operations["seedState"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/plinth/controls/snapshots": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List snapshots */
        get: operations["listSnapshots"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/plinth/controls/snapshots/{snapshotName}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Letters, digits, `.`, `_` and `-`, at most 64. */
                snapshotName: components["parameters"]["SnapshotName"];
            };
            cookie?: never;
        };
        get?: never;
        /**
         * Snapshot the state under a name
         * @description Copies every table into memory under this name (201), replacing a snapshot of the same name (200).
         */
        put: operations["saveSnapshot"];
        post?: never;
        /** Delete a snapshot */
        delete: operations["deleteSnapshot"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/plinth/controls/snapshots/{snapshotName}/restore": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Letters, digits, `.`, `_` and `-`, at most 64. */
                snapshotName: components["parameters"]["SnapshotName"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Restore a snapshot
         * @description Replaces the contents of every table with the snapshot's, in one transaction, and clears the rate-limit counters. 404 for an unknown name.
         */
        post: operations["restoreSnapshot"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/readyz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Readiness (migrations applied, database reachable, start-up finished)
         * @description `plinth serve` starts answering before the bootstrap Super Admin user exists (its scrypt hash takes 100–200 ms on a new database and API credentials do not need it; it is made after the first signing key, which the first token does need); until it does, this answers 503 with `Not ready: the bootstrap admin user is still being created`.
         */
        get: operations["readyz"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/agents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List all agents
         * @description Every agent of the account, customer-hosted (hybrid) and Matillion-hosted, in creation order.
         *     Needs the "Manage agents" account permission (Super Admin, Admin); other roles get 403.
         */
        get: operations["listAgents"];
        put?: never;
        /**
         * Create a new agent
         * @description Creates a customer-hosted (hybrid) agent; Super Admin and Admin only. Answers 201 with the
         *     full Agent. A new agent is `pending` until it is started with a `RESTART` command.
         *
         *     Valid `agentType` × `cloudProvider` × `deployment` combinations (anything else is 400
         *     naming the field):
         *
         *     | agentType | cloudProvider | deployment |
         *     |---|---|---|
         *     | data_productivity_cloud | aws | fargate, eks |
         *     | data_productivity_cloud | azure | container app, aks, aci |
         *     | data_productivity_cloud | snowflake | native app |
         *     | streaming | aws | fargate, eks |
         *     | streaming | azure | container app, aks, aci |
         *     | streaming | gcp | gke, gce |
         *
         *     `agentType`, `cloudProvider`, `deployment` and `trackName` are matched case-insensitively,
         *     like every enum of the API, and stored and returned lower-case (`Azure` / `Container App`
         *     → `azure` / `container app`); an unknown value is a 400 naming the field.
         *     `enableAutoUpdates: true` is refused for streaming and Snowflake agents and
         *     `restrictedAccess: true` for streaming agents (`false` is accepted and means nothing).
         *     `trackName` defaults to `current`. Names are unique among the account's hybrid agents (409).
         */
        post: operations["createAgent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/agents/{agentId}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The agent's id, a UUID in any case (returned lower-case; an upper-case id names the same agent). */
                agentId: components["parameters"]["AgentId"];
            };
            cookie?: never;
        };
        /**
         * Get agent details
         * @description Super Admin and Admin read any agent of the account. A token obtained with an agent's own
         *     credentials may read that agent (and nothing else of the account).
         */
        get: operations["getAgent"];
        put?: never;
        post?: never;
        /**
         * Delete an agent
         * @description Answers 202 with no body; the agent and its credentials are gone when the response is
         *     sent. Refused with 409 while the agent is `running` (send `PAUSE` first; an agent that is
         *     pending, paused, stopped or unknown can be deleted) and for
         *     Matillion-hosted agents (they are deleted with their project). Secret references that
         *     named the agent keep existing without an agentId.
         */
        delete: operations["deleteAgent"];
        options?: never;
        head?: never;
        /**
         * Update an agent
         * @description Changes `name`, `description`, `trackName`, `enableAutoUpdates` and/or `restrictedAccess`
         *     (at least one). Answers 202 with the updated Agent. The type rules of createAgent apply.
         *     Matillion-hosted agents are managed by Plinth with their project: 409.
         */
        patch: operations["updateAgent"];
        trace?: never;
    };
    "/v1/agents/{agentId}/allowlist": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The agent's id, a UUID in any case (returned lower-case; an upper-case id names the same agent). */
                agentId: components["parameters"]["AgentId"];
            };
            cookie?: never;
        };
        /**
         * Get the agent allow list
         * @description The projects (and their environments) the agent may serve when `restrictedAccess` is on.
         */
        get: operations["getAgentAllowlist"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Add projects and/or environments to the agent allow list
         * @description Merges: each listed project is added, with its listed environments added to those already
         *     there (nothing is removed). `projects` must name at least one project, and every project
         *     must exist in the account (400 naming each missing one). Environment names are not checked
         *     against existing environments (they may be created later). A deleted project leaves every
         *     allow list. Answers 200 with the whole allow list. Matillion-hosted agents: 409.
         */
        patch: operations["updateAgentAllowlist"];
        trace?: never;
    };
    "/v1/agents/{agentId}/commands": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The agent's id, a UUID in any case (returned lower-case; an upper-case id names the same agent). */
                agentId: components["parameters"]["AgentId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Trigger an agent command
         * @description Answers 202 with the agent after the command. Plinth runs no agent processes; commands
         *     move the status:
         *
         *     | command | from | to |
         *     |---|---|---|
         *     | RESTART | any status (pending, running, paused, stopped, unknown) | running |
         *     | PAUSE | running, paused | paused, `pausedUntil` = now + 24 h (a lapsed pause reads as running) |
         *     | RESUME | running, paused | running |
         *
         *     `command` is matched case-insensitively. PAUSE and RESUME on an agent that is not started
         *     (`pending`, `stopped`, `unknown`) are 409. Matillion-hosted agents: 409.
         */
        post: operations["agentCommand"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/agents/{agentId}/credentials": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The agent's id, a UUID in any case (returned lower-case; an upper-case id names the same agent). */
                agentId: components["parameters"]["AgentId"];
            };
            cookie?: never;
        };
        /**
         * Get the agent's client credentials
         * @description The agent authenticates at `POST /oauth/dpc/token` with these; its tokens may read only its
         *     own agent. The first call issues the credential; every call returns the same
         *     `{clientId, clientSecret}` (clients such as Matillion's Terraform provider read it on every
         *     refresh), with `Cache-Control: no-store`. Two concurrent first calls get the same pair.
         *     Plinth keeps the secret sealed by its vault (and a keyed hash to authenticate it); it never
         *     appears in a log. `POST` with `SECRET_REFRESH` replaces the secret (same client id); later
         *     reads return the new pair. Matillion-hosted agents have no customer credentials: 409.
         *
         *     **Plinth's choice** for a credential issued before Plinth kept agent secrets sealed
         *     (database migration 0006; such a credential has a hash only, so its secret cannot be
         *     recovered): the answer is `{clientId}` alone and nothing changes (the running agent keeps
         *     working); one `SECRET_REFRESH` makes it readable.
         */
        get: operations["getAgentCredentials"];
        put?: never;
        /**
         * Perform actions on agent credentials
         * @description `SECRET_REFRESH` (matched case-insensitively) replaces the secret, keeping the client id,
         *     and answers the new pair, which every later `GET` returns too. From then on the old secret
         *     is refused at the token endpoint (401 `invalid_client`), and tokens obtained with it are
         *     refused by the API (401) at once, on every node. On an agent that has no credentials yet
         *     it issues them. Two concurrent refreshes answer the same new secret.
         */
        post: operations["refreshAgentCredentials"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/api-credentials": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List API credentials (never secrets) */
        get: operations["listApiCredentials"];
        put?: never;
        /**
         * Create an API credential
         * @description Super Admin only. The client secret appears in this response only; Plinth keeps a keyed hash.
         */
        post: operations["createApiCredential"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/api-credentials/{clientId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Delete an API credential; its tokens stop working at once
         * @description The account's last Super Admin credential cannot be deleted (409).
         */
        delete: operations["deleteApiCredential"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/consumption": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Credit consumption per UTC day
         * @description One entry per UTC day in [`consumedFrom`, `consumedBefore`) (at most 366 days), each with
         *     the credits consumed by executions that ended that day, by `consumptionType`
         *     (`orchestration` / `transformation`) and `dimensions {projectId, environmentName}`.
         *     Plinth's credit model: 0.01 credit per step started plus 0.001 credit per second of run
         *     time; test executions are free. Super Admin or Billing Admin.
         */
        get: operations["getConsumption"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/consumption/etl-users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Credit consumption for ETL users
         * @description Every distinct principal (API credential client id or person's email) that started an
         *     execution ending in [`consumedFrom`, `consumedBefore`) is a charged user, 1 credit each; runs a schedule started charge nobody
         *     (Plinth's model). Super Admin or Billing Admin.
         */
        get: operations["getEtlUsersConsumption"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/custom-connectors": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List custom connector profiles
         * @description The account's custom connector profiles as a bare JSON array (200 with `[]` when there
         *     are none), each as registered. Matillion's `publish.py` calls this before publishing and
         *     adds each profile to the artifact as a part named `connector-profile:custom-<id>.json`.
         */
        get: operations["listCustomConnectors"];
        put?: never;
        /**
         * Register a custom connector profile
         * @description Not in the SaaS API (profiles are made in the SaaS console). Stores a profile that
         *     `GET /v1/custom-connectors` then returns as sent: any JSON object with a string `id`
         *     (1–255 characters). Registering an `id` again replaces the profile (200); a new one is
         *     201. Admin or Super Admin.
         */
        post: operations["registerCustomConnector"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/directory-integration/scim-tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List SCIM bearer secrets (never the secrets) */
        get: operations["listScimTokens"];
        put?: never;
        /**
         * Create a SCIM bearer secret
         * @description Super Admin only. The `secret` appears in this response only (Plinth keeps a keyed hash);
         *     configure it in the identity provider as the SCIM bearer token. It acts for the account's
         *     directory on SCIM paths only, never elsewhere.
         */
        post: operations["createScimToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/directory-integration/scim-tokens/{scimTokenId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke a SCIM bearer secret; it is refused from the next request on */
        delete: operations["deleteScimToken"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/directory-integration/scim/v2/Groups": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List or find role bindings (filter, startIndex, count)
         * @description Every binding of the account's projects and environments, ordered by project creation,
         *     then environment, then role. `filter` as for users (`displayName eq "…"`, `id eq "…"`,
         *     `id eq "…" and members[value eq "…"]`); `excludedAttributes=members` leaves members out.
         *     A caller that does not see every project (an Admin's API token) sees the groups of the
         *     projects it is a member of.
         */
        get: operations["listScimGroups"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/directory-integration/scim/v2/Groups/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["ScimId"];
            };
            cookie?: never;
        };
        /** One role binding */
        get: operations["getScimGroup"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Patch a SCIM Group by ID
         * @description Adds, removes or replaces `members` (Entra: `{op: Add, path: members, value: [{value}]}`,
         *     `{op: Remove, path: members, value: [{value}]}`; Okta: `{op: remove, path: 'members[value eq "…"]'}`,
         *     `{op: replace, value: {members: [...]}}`). Each change is a grant or revocation (see the
         *     tag), all in one transaction. Other attributes are read-only: a replace that leaves them
         *     as they are is accepted, one that changes them is 400 `mutability`. An unknown user id in
         *     `members` is 400 `invalidValue`. A caller using the API's own token needs the project's
         *     OWNER role (as for `/members`; 404 when it cannot see the project); a SCIM secret acts with
         *     a Super Admin's reach. 200 with the group.
         */
        patch: operations["patchScimGroup"];
        trace?: never;
    };
    "/v1/directory-integration/scim/v2/ResourceTypes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The resource types (User, Group) */
        get: operations["listScimResourceTypes"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/directory-integration/scim/v2/ResourceTypes/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One resource type */
        get: operations["getScimResourceType"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/directory-integration/scim/v2/Schemas": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The schemas (User, enterprise User, Group, Plinth's Group extension) */
        get: operations["listScimSchemas"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/directory-integration/scim/v2/Schemas/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One schema, by its URN */
        get: operations["getScimSchema"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/directory-integration/scim/v2/ServiceProviderConfig": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * What this SCIM service supports
         * @description Static. PATCH and filters (`eq`, `and`, `or`, value paths) are supported; bulk, sort, etags and the `changePassword` feature are not (a `password` attribute is set like any other).
         */
        get: operations["getScimServiceProviderConfig"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/directory-integration/scim/v2/Users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List or find users (filter, startIndex, count)
         * @description RFC 7644 ListResponse, ordered by creation. `filter` supports `eq` on any attribute
         *     (`userName eq "…"`, `externalId eq "…"`, `emails[type eq "work"]`, …) joined by `and`/`or`;
         *     other operators are 400 `invalidFilter`. `startIndex` is 1-based (below 1 reads as 1),
         *     `count` defaults to 100 and is capped at 200 (negative reads as 0).
         */
        get: operations["listScimUsers"];
        put?: never;
        /**
         * Create a SCIM User
         * @description Creates a Plinth user with the account role `MEMBER` (see the tag). `userName` (the email)
         *     is required; a `userName` already taken in the account (in any case) is 409 `uniqueness`.
         *     `id`, `meta` and `groups` in the body are ignored (read-only); `password`, when sent, sets
         *     the password (see the tag), otherwise the user has none. `active` defaults to true. 201
         *     with the user and `Location`.
         */
        post: operations["createScimUser"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/directory-integration/scim/v2/Users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["ScimId"];
            };
            cookie?: never;
        };
        /**
         * Retrieve a specific SCIM User by ID
         * @description The user, with `groups` listing the role bindings it holds (`value`, `display`, `ref`, `type` `DIRECT`). 404 for an unknown id.
         */
        get: operations["getScimUser"];
        /**
         * Update a SCIM User by ID
         * @description Replaces the user's attributes with the body (attributes left out are cleared; `active`
         *     left out stays as it is). `userName` is required and changes the email (409 `uniqueness`
         *     when taken). Read-only attributes are ignored; `password` left out keeps the current one.
         */
        put: operations["updateScimUser"];
        post?: never;
        /**
         * Delete a user
         * @description Deletes the user as `DELETE /v1/users/{userId}` does (its memberships go with it; the account's last Super Admin cannot be deleted, 409). 204.
         */
        delete: operations["deleteScimUser"];
        options?: never;
        head?: never;
        /**
         * Patch a SCIM User by ID
         * @description RFC 7644 PatchOp as Okta and Entra ID send it: `op` in any case (`Add`, `Replace`,
         *     `Remove`), booleans as strings (`"False"`), path-less ops whose value holds the attributes
         *     (keys may be paths: `name.givenName`, schema-URN-qualified), paths such as
         *     `emails[type eq "work"].value` (an add/replace with no matching element creates it).
         *     `id`, `meta` and `schemas` inside a path-less value are ignored; a path naming a read-only
         *     attribute (`id`, `meta`, `groups`) is 400 `mutability`. 200 with the user.
         */
        patch: operations["patchScimUser"];
        trace?: never;
    };
    "/v1/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get audit events
         * @description The account's audit events between `from` and `to` (both inclusive), a page at a time. Needs
         *     the "View Audit Events" account permission: SUPER_ADMIN and ADMIN credentials (MEMBER and
         *     BILLING_ADMIN get 403). Only the caller's account's events are ever returned.
         *
         *     Plinth's choices where the documentation is silent:
         *     - **Order**: oldest first (`eventTimestamp` ascending, then `eventId`, a time-ordered UUIDv7,
         *       so the order is total and stable). Paging through a window while new events are written
         *       never shifts a page already read. `order=desc` (extension) gives newest first.
         *     - `from` after `to` is a 400 naming `query.from`. An empty window is a 200 with no results.
         *     - `page`/`size` (documented in the guide only): 0-based page, default 0; size 1–100, default 25.
         *     - **Retention**: events older than `PLINTH_AUDIT_RETENTION_DAYS` (default 90, the SaaS's
         *       window) are purged hourly.
         *     - `eventSource` is the interface the change came through — `API`, `CLI` (the Plinth CLI,
         *       `user-agent: plinth-cli/<version>`), `CONSOLE` (the console: paths under `/console`, or
         *       header `x-plinth-client: console`), `SCIM` (`/v1/directory-integration/scim/…`), `JOB` (a
         *       background job, e.g. GitLab token rotation) or `SYSTEM` (start-up and the test controls'
         *       own work) — where the SaaS names its emitting service (`secrets-reference`).
         *     - `additionalInfo` is an object (the current reference; an older guide shows a string): `ip`
         *       (the caller's address, for requests), `actorType` (`API_CREDENTIAL`, `USER`, `AGENT`,
         *       `SYSTEM`) and per-event names and ids. Never a secret: keys that name one (`…secret`,
         *       `…password`, `…token`, `…privateKey`, `…credentials`, …) and values that look like one
         *       (a JWT, a GitLab token, a PEM private key) are dropped before writing.
         *     - Events are written in the same transaction as the change they record: a change that rolls
         *       back leaves no event, a committed change always has its event.
         *     - The test controls' reset and restore replace the audit log with the reset (empty) or
         *       snapshotted one, then record their own event.
         *
         *     **Catalogue** (`eventName` — `eventType` — `eventSubjectType`: what happened). Plinth's own
         *     snake_case names; the SaaS documents only `hub_user_login`/`LOGIN` as machine values.
         *
         *     | eventName | eventType | eventSubjectType | when |
         *     |---|---|---|---|
         *     | `project_created` | CREATE | PROJECT | a project is created |
         *     | `project_deleted` | DELETE | PROJECT | a project is deleted (with everything in it) |
         *     | `api_credential_created` | CREATE | API_CREDENTIAL | an API credential is created (never its secret) |
         *     | `api_credential_deleted` | DELETE | API_CREDENTIAL | an API credential is deleted |
         *     | `agent_created` | CREATE | AGENT | an agent is created |
         *     | `agent_updated` | UPDATE | AGENT | an agent's settings change (PATCH) |
         *     | `agent_deleted` | DELETE | AGENT | an agent is deleted |
         *     | `agent_credentials_issued` | CREATE | AGENT | an agent's credential is issued (its first read or refresh; never the secret) |
         *     | `agent_credentials_refreshed` | UPDATE | AGENT | an agent's client secret is regenerated (SECRET_REFRESH) |
         *     | `agent_command_issued` | UPDATE | AGENT | a command (START, STOP, PAUSE, RESTART, …) is sent to an agent |
         *     | `agent_allowlist_updated` | UPDATE | AGENT | projects are added to an agent's allow-list |
         *     | `secret_created` | CREATE | SECRET | a hosted-agent vault secret is created (never its value) |
         *     | `secret_deleted` | DELETE | SECRET | a hosted-agent vault secret is deleted |
         *     | `secret_reference_created` | CREATE | SECRET_REFERENCE | a project secret reference is created |
         *     | `secret_reference_deleted` | DELETE | SECRET_REFERENCE | a project secret reference is deleted |
         *     | `connection_created` | CREATE | CONNECTION | a connection is created |
         *     | `connection_updated` | UPDATE | CONNECTION | a connection is replaced |
         *     | `connection_deleted` | DELETE | CONNECTION | a connection is deleted |
         *     | `data_platform_connection_created` | CREATE | CONNECTION | a data platform (DWH) connection is created |
         *     | `environment_created` | CREATE | ENVIRONMENT | an environment is created |
         *     | `environment_updated` | UPDATE | ENVIRONMENT | an environment changes |
         *     | `environment_deleted` | DELETE | ENVIRONMENT | an environment is deleted |
         *     | `environment_override_created` | CREATE | ENVIRONMENT_OVERRIDE | an environment's connection override is created |
         *     | `environment_override_updated` | UPDATE | ENVIRONMENT_OVERRIDE | an override is replaced |
         *     | `environment_override_deleted` | DELETE | ENVIRONMENT_OVERRIDE | an override is deleted |
         *     | `repository_associated` | CREATE | REPOSITORY | a Git repository is associated with a project |
         *     | `repository_token_rotated` | UPDATE | REPOSITORY | a GitLab token is replaced: supplied by a caller (`API`/`CLI`) or rotated by the background job (`JOB`, actor `system:gitlab-token-rotation`) |
         *     | `vault_rewrapped` | UPDATE | VAULT | `plinth vault rewrap` re-sealed stored secrets under the current master key (source SYSTEM; counts per table, in every account) |
         *     | `controls_reset` | RESET | PLINTH | the test controls reset the instance (the audit log starts again with this event) |
         *     | `controls_seeded` | CREATE | PLINTH | the test controls applied a seed fixture |
         *     | `controls_snapshot_saved` | CREATE | PLINTH | the test controls saved a snapshot |
         *     | `controls_snapshot_restored` | RESTORE | PLINTH | the test controls restored a snapshot (the audit log is the snapshot's, then this event) |
         *     | `artifact_published` | CREATE | ARTIFACT | an artifact version is published to a project and deployed to an environment (file count, never file contents) |
         *     | `artifact_promoted` | CREATE | ARTIFACT | an artifact version is promoted to another environment |
         *     | `artifact_enabled` | UPDATE | ARTIFACT | an artifact version is enabled again in an environment |
         *     | `artifact_disabled` | UPDATE | ARTIFACT | an artifact version is disabled in an environment |
         *     | `shared_pipeline_published` | CREATE | SHARED_PIPELINE_ARTIFACT | a shared-pipeline artifact version is published |
         *     | `connector_profile_registered` | CREATE or UPDATE | CONNECTOR_PROFILE | a custom or Flex connector profile is registered (extension) or replaced |
         *     | `api_credential_token_issued` | LOGIN | API_CREDENTIAL | a token is issued to an API credential at the token endpoint |
         *     | `api_credential_login_failed` | LOGIN_FAILED | API_CREDENTIAL | a client authentication at the token endpoint fails (actor: the client id tried) |
         *     | `hub_user_login` | LOGIN | USER | a person signs in (the SaaS's documented name) |
         *     | `hub_user_login_failed` | LOGIN_FAILED | USER | a person's sign-in fails (actor: the email tried) |
         *     | `hub_user_logout` | LOGOUT | USER | a person signs out of the console (its session ends) |
         *     | `user_invited` | CREATE | INVITATION | an invitation is created ("Invite created") |
         *     | `invitation_redeemed` | CREATE | USER | an invitation is accepted ("Invite redeemed") |
         *     | `invitation_deleted` | DELETE | INVITATION | an invitation is withdrawn |
         *     | `user_created` | CREATE | USER | a user is created (SCIM, the bootstrap) |
         *     | `user_updated` | UPDATE | USER | a user's details change |
         *     | `user_role_changed` | UPDATE | USER | a user's account role changes |
         *     | `user_activated` | UPDATE | USER | a user is activated again |
         *     | `user_deactivated` | UPDATE | USER | a user is deactivated |
         *     | `user_password_changed` | UPDATE | USER | a user's password is set (never the password) |
         *     | `user_removed` | DELETE | USER | a user is removed from the account ("Account user removed") |
         *     | `member_added` | CREATE | MEMBER | a user or credential is given a project role (also the non-Super-Admin creator of a project, as Owner) |
         *     | `member_role_changed` | UPDATE | MEMBER | a member's project role changes |
         *     | `member_environment_role_changed` | UPDATE | MEMBER | a member's role in one environment is set or cleared |
         *     | `member_environment_roles_changed` | UPDATE | MEMBER | a member's environment roles change together |
         *     | `member_removed` | DELETE | MEMBER | a member is removed from a project |
         *     | `scim_token_created` | CREATE | SCIM_TOKEN | a SCIM bearer secret is created (never the secret) |
         *     | `scim_token_deleted` | DELETE | SCIM_TOKEN | a SCIM bearer secret is revoked |
         *     | `pipeline_execution_started` | CREATE | PIPELINE_EXECUTION | a pipeline execution is started |
         *     | `pipeline_execution_cancelled` | UPDATE | PIPELINE_EXECUTION | a pipeline execution is cancelled |
         *     | `test_execution_started` | CREATE | TEST_EXECUTION | a test execution is started |
         *     | `test_execution_cancelled` | UPDATE | TEST_EXECUTION | a test execution is cancelled |
         *     | `pipeline_behaviour_updated` | UPDATE | PIPELINE | a simulated pipeline's behaviour is set (controls) |
         *     | `schedule_created` | CREATE | SCHEDULE | a schedule is created |
         *     | `schedule_updated` | UPDATE | SCHEDULE | a schedule changes |
         *     | `schedule_deleted` | DELETE | SCHEDULE | a schedule is deleted |
         *     | `schedule_fired` | EXECUTE | SCHEDULE | a schedule starts a pipeline run (source JOB) |
         *     | `streaming_pipeline_created` | CREATE | STREAMING_PIPELINE | a streaming pipeline is created |
         *     | `streaming_pipeline_updated` | UPDATE | STREAMING_PIPELINE | a streaming pipeline changes |
         *     | `streaming_pipeline_deleted` | DELETE | STREAMING_PIPELINE | a streaming pipeline is deleted |
         *     | `streaming_pipeline_started` | START | STREAMING_PIPELINE | a streaming pipeline is started |
         *     | `streaming_pipeline_stopped` | STOP | STREAMING_PIPELINE | a streaming pipeline is stopped |
         */
        get: operations["listAuditEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/flex-connectors": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Flex connector profiles
         * @description The account's Flex connector profiles as a bare JSON array (200 with `[]` when there are
         *     none), each as registered. `publish.py` adds each as a part named
         *     `connector-profile:flex-<alternateId>.json`.
         */
        get: operations["listFlexConnectors"];
        put?: never;
        /**
         * Register a Flex connector profile
         * @description Not in the SaaS API. Stores a profile that `GET /v1/flex-connectors` then returns as
         *     sent: any JSON object with a string `alternateId` (1–255 characters). Registering an
         *     `alternateId` again replaces the profile (200); a new one is 201. Admin or Super Admin.
         */
        post: operations["registerFlexConnector"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/invitations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List pending invitations (never their links)
         * @description Needs `users.manage`. Unredeemed invitations in creation order; expired ones show `status` EXPIRED until withdrawn.
         */
        get: operations["listInvitations"];
        put?: never;
        /**
         * Invite a person to the account
         * @description Needs `users.manage`; only a Super Admin may invite a SUPER_ADMIN, an Admin invites ADMIN or
         *     MEMBER only (403). `email` is stored lower-case; an email that already belongs to a user is
         *     409. A new invitation for an email replaces its pending one (a resend: one live link).
         *     `inviteUrl` (`<PLINTH_PUBLIC_URL>/console/invitations/<token>`) appears in this response
         *     only: Plinth keeps a keyed hash of the token. The link works once, until `expiresAt`
         *     (`PLINTH_INVITATION_TTL_HOURS`, default 168 = 7 days).
         */
        post: operations["createInvitation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/invitations/{invitationId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Withdraw a pending invitation
         * @description Needs `users.manage` (an Admin withdraws only ADMIN and MEMBER invitations). 204; its link stops working. Unknown or redeemed ids are 404.
         */
        delete: operations["deleteInvitation"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/invitations/accept": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Accept an invitation and set a password (public)
         * @description No bearer token: the invitation's token (the last segment of `inviteUrl`) is the proof. Creates
         *     the user with the invited role and this password (at least 12 characters; stored as an
         *     scrypt hash) and answers 201 with the user; then sign in at the token endpoint with
         *     `grant_type=password`. An unknown, expired or already used token gets one and the same
         *     400 (violation on `token`); each invitation works once, even under concurrent requests.
         */
        post: operations["acceptInvitation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/lineage/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * OpenLineage events for a time period
         * @description OpenLineage RunEvents emitted by executions (START when a run starts; COMPLETE, FAIL or
         *     ABORT when it ends), oldest first. `generatedFrom` is inclusive, `generatedBefore`
         *     exclusive; both are required and from must be earlier than before (400 otherwise). An
         *     empty range is 200 with an empty page (never 404). Super Admin only ("View and export
         *     lineage").
         */
        get: operations["getLineageEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/pipeline-executions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Pipeline executions of the account
         * @description Most recent first (by start), only executions in environments the caller may view.
         *     `limit` defaults to 25 and is capped at 100 (a larger value is served as 100). `more`
         *     is an opaque token to send back as `paginationToken`; it is absent on the last page.
         *     Executions started after the first page was read never appear on later pages (the
         *     cursor is the last id seen; ids are time-ordered UUIDv7). `pipelineName` matches
         *     case-insensitively anywhere in the name. `startedAfter` / `startedBefore` are inclusive.
         *     `timeFrame` (values undocumented by the SaaS; Plinth's choice): an ISO 8601 duration
         *     (`PT1H`, `P7D`) or `LAST_<n>_<MINUTES|HOURS|DAYS|WEEKS>` / `<n>h` / `<n>d`, meaning
         *     "started within that long before now"; other values are ignored. `trigger` is a
         *     Plinth addition to the documented filters.
         */
        get: operations["listPipelineExecutions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List projects
         * @description Super Admin sees every project of the account; other roles see the projects they are members of (any project role), as of the caller's cached grants (see the members operations for the bound).
         */
        get: operations["listProjects"];
        put?: never;
        /**
         * Create a project
         * @description Creates a project with minimal information. Names are unique within the account (409).
         *     Super Admins see every project (seed 000); anyone else sees a project only as one of its
         *     members (`/v1/projects/{projectId}/members`). **Plinth's choice:** a creator that is not a
         *     Super Admin (Billing Admin, Admin) becomes the new project's OWNER member in the creating
         *     transaction, so it can read, change, delete and share what it created; a Super Admin
         *     creator is OWNER implicitly and is not added. A `FULL_SAAS` project gets a
         *     Matillion-hosted agent.
         */
        post: operations["createProject"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{projectId}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The project's id, a UUID in any case (returned lower-case; an upper-case id names the same project). */
                projectId: components["parameters"]["ProjectId"];
            };
            cookie?: never;
        };
        /**
         * Get one project
         * @description Not in the SaaS contract (its clients list and filter). Unknown, other-account and invisible ids are 404.
         */
        get: operations["getProject"];
        put?: never;
        post?: never;
        /**
         * Delete a project and everything that belongs to it
         * @description Removes the project with its connections, environments, secret references, repository and
         *     hosted agent. Returns 204 (chosen over the agents' 202 because the deletion is complete
         *     when the response is sent).
         *
         *     For a GitLab repository, Plinth then revokes the access token it held
         *     (`DELETE /personal_access_tokens/self` at GitLab), once the deletion has been committed.
         *     This is best effort: if GitLab fails or does not answer, the failure is logged (GitLab host
         *     and status) and the deletion still answers 204.
         */
        delete: operations["deleteProject"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{projectId}/artifacts": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The project's id, a UUID in any case (returned lower-case; an upper-case id names the same project). */
                projectId: components["parameters"]["ProjectId"];
            };
            cookie?: never;
        };
        /**
         * List the artifacts of an environment
         * @description A page of the artifacts deployed to `environmentName`, most recently deployed first.
         *     `enabledOnly` defaults to `true` (the one known client always sends it, with that
         *     default); `false` lists disabled ones too. `branch`/`commitHash` are absent when the
         *     publish did not send them. `deployedAt` is when this version reached this environment
         *     (publish or promotion); `createdAt` when it was published. 404 for an unknown environment.
         */
        get: operations["listArtifacts"];
        put?: never;
        /**
         * Create (publish) an artifact
         * @description Publishes an immutable artifact — a bundle of pipeline files — and deploys it to
         *     `environmentName`. The body is `multipart/form-data` with **one part per file**, the part
         *     *name* being the file's path relative to the project root including the file name
         *     (`example_folder/example_pipeline.orch.yaml`); parts need no filename. Only text files are
         *     stored.
         *
         *     Metadata travels in the headers `versionName` (required), `environmentName` (required),
         *     `commitHash` and `branch` (optional). Clients that send them as form fields of the same
         *     names instead are served too: a header wins over a field of the same name, and a part
         *     named like one of these four is metadata, never a file. `environmentName` is used as sent
         *     when it names an environment; otherwise it is percent-decoded with `+` read as a space
         *     (Matillion's `publish.py` sends `quote_plus(environmentName)`).
         *
         *     Parts:
         *     - Stored: content types `text/plain` (also a part without a content type),
         *       `application/octet-stream`, `application/vnd.matillion.dpl+yaml`,
         *       `application/vnd.matillion.connector-profile+json`, other `text/*`, `application/json`
         *       and `application/yaml`, whose content is UTF-8 text without NUL bytes. Connector
         *       profiles are parts named `connector-profile:custom-<id>.json` /
         *       `connector-profile:flex-<alternateId>.json` and are stored like any file.
         *     - Reported in `ignoredResources[{name, reason}]` and not stored: parts of another content
         *       type, binary content, and names that are not relative paths (empty, absolute, with `.`
         *       or `..` segments, control characters, longer than 1024 characters).
         *     - A part named `file` or `files` that carries a filename is stored under its filename.
         *     - **Archives are refused** (400): a part whose content is a ZIP or gzip archive, whose
         *       content type is an archive type, or whose name ends in `.zip`, `.tar`, `.tgz`, `.gz`,
         *       `.7z` or `.jar`. Archives are not supported by the SaaS either: list every file as its
         *       own part.
         *
         *     Limits (Plinth's): at most 2000 parts, 4 MiB per part, 64 MiB in all (413 beyond);
         *     duplicate part names are a 400. Errors: missing `versionName`/`environmentName` 400 naming
         *     it; no file part 400; a body that is not `multipart/form-data` 415, a malformed one 400;
         *     unknown project or environment 404; a `versionName` that already exists in the project
         *     **409** (versions are immutable, even across environments). **201** (clients accept 200
         *     or 201) with `{ignoredResources, versionName}`.
         */
        post: operations["createArtifact"];
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Enable or disable an artifact in an environment (provisional)
         * @description **Provisional route**: the SaaS guide lists "disable an artifact" but its request was not
         *     captured; Plinth serves `PATCH .../artifacts?environmentName=&versionName=` with
         *     `{"enabled": false|true}` (the field name is the one the SaaS returns in details).
         *     Enabled/disabled is per environment: the same version promoted elsewhere is unaffected.
         *     A disabled artifact is not "latest": published pipelines and executions without a
         *     `versionName` use the latest enabled artifact, and executing a pipeline of a disabled
         *     artifact is 410. 200 with the details (as `GET .../artifacts/details`); 404 when the
         *     version is not deployed to the environment.
         */
        patch: operations["updateArtifactEnabled"];
        trace?: never;
    };
    "/v1/projects/{projectId}/artifacts/details": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The project's id, a UUID in any case (returned lower-case; an upper-case id names the same project). */
                projectId: components["parameters"]["ProjectId"];
            };
            cookie?: never;
        };
        /**
         * Get an artifact's details
         * @description The artifact `versionName` as deployed to `environmentName`, or the environment's latest
         *     **enabled** artifact when `versionName` is omitted: `assets` lists every stored file path
         *     (sorted), `details` its metadata. 404 when the environment has no such artifact (clients
         *     read a 404 as "nothing published").
         */
        get: operations["getArtifactDetails"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{projectId}/artifacts/promotions": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The project's id, a UUID in any case (returned lower-case; an upper-case id names the same project). */
                projectId: components["parameters"]["ProjectId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Promote an artifact to another environment
         * @description Deploys the version `versionName` of `sourceEnvironmentName` to `targetEnvironmentName`
         *     (enabled, deployed now). **201** `{environmentName (the target), versionName}`; 404 when
         *     either environment is unknown or the source lacks that version; **409** when the target
         *     already has it. Environment names are read as for publish (raw, else URL-decoded).
         */
        post: operations["promoteArtifact"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{projectId}/connections": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The project's id, a UUID in any case (returned lower-case; an upper-case id names the same project). */
                projectId: components["parameters"]["ProjectId"];
            };
            cookie?: never;
        };
        /**
         * Retrieve a page of project connections, optionally filtered
         * @description A page of the project's connections in creation order, data-warehouse connections
         *     (`platformConnectionType: DWH`) included. `platformConnectionType` and `authProvider` take
         *     comma-separated lists (a connection matches when its value is in the list; both matched
         *     case-insensitively); `connectionNames` takes a comma-separated list of exact names. The
         *     filters combine with AND. An unknown `platformConnectionType` value is a 400.
         */
        get: operations["listProjectConnections"];
        /**
         * Update an existing project connection by name
         * @description Replaces the connection named by `connectionName`: omitted fields are unset (an omitted
         *     `connectionDetails` removes the details). The name, id, creator and creation date stay.
         *     The same rules as on create apply.
         *
         *     `authProvider` may be omitted (the SaaS documents this body as `authType`,
         *     `platformConnectionType` and `connectionDetails`), and is then inferred: the connection's
         *     current provider stays when the combination table admits it with the new `authType` (e.g.
         *     `salesforce` from OAUTH_CLIENT_CRED to OAUTH_USER_TOKENS, `gcp` with CLOUD_PROVIDER_SECRET);
         *     otherwise the table decides as on create (GENERIC_SECRET → `NONE`, COMPOSITE_TOKEN →
         *     `netsuite`, OAUTH_1_0_X_ADS → `x-ads`; 400 naming the choices where several would do). A
         *     `DWH` connection's inferred provider is the project's warehouse.
         *
         *     **Plinth's choices:** `platformConnectionType` must be
         *     the connection's current type (a connection does not change kind; 400 otherwise); for a
         *     `DWH` connection `authProvider` must stay the project's warehouse and `connectionDetails`
         *     may carry `description` and `secretsLocation` but no `connectionProperties` (warehouse
         *     credentials live in environment overrides). A cloud-credential connection that an
         *     environment uses as its `CLOUD_PLATFORM` default cannot change provider (409).
         */
        put: operations["updateProjectConnection"];
        /**
         * Create a new project connection
         * @description Creates a connection within the project. Sensitive values live in a secret vault; the
         *     connection names the secret (and key) in `connectionDetails.connectionProperties`.
         *
         *     `platformConnectionType`, `authProvider` and `authType` are inter-dependent:
         *
         *     | platformConnectionType | authProvider | authType |
         *     |---|---|---|
         *     | COMPONENT_BASIC | `NONE` | GENERIC_SECRET |
         *     | COMPONENT_BASIC | connector name, e.g. `salesforce` | OAUTH_CLIENT_CRED, OAUTH_USER_TOKENS, OAUTH_AUTHORIZATION_CODE |
         *     | COMPONENT_BASIC | `netsuite` | COMPOSITE_TOKEN |
         *     | COMPONENT_BASIC | `x-ads` | OAUTH_1_0_X_ADS |
         *     | CLOUD_PLATFORM_CREDENTIALS | `aws`, `gcp`, `azure` | CLOUD_PROVIDER_SECRET |
         *
         *     Any other combination is a 400 naming the field and the rule.
         *
         *     `authProvider` is optional (as in the SaaS's schema). When it is omitted, Plinth infers it
         *     from the table above where the table admits exactly one provider for the
         *     `platformConnectionType` and `authType`, stores it in the table's spelling and returns it
         *     (it is then filterable like a sent one); where several would do, it answers 400 on
         *     `body.authProvider` naming the choices:
         *
         *     | platformConnectionType | authType | authProvider omitted → |
         *     |---|---|---|
         *     | COMPONENT_BASIC | GENERIC_SECRET | `NONE` (inferred) |
         *     | COMPONENT_BASIC | COMPOSITE_TOKEN | `netsuite` (inferred) |
         *     | COMPONENT_BASIC | OAUTH_1_0_X_ADS | `x-ads` (inferred) |
         *     | COMPONENT_BASIC | OAUTH_CLIENT_CRED, OAUTH_USER_TOKENS, OAUTH_AUTHORIZATION_CODE | 400 `body.authProvider`: name the connector (any connector name would do) |
         *     | COMPONENT_BASIC | CLOUD_PROVIDER_SECRET | 400 `body.authType` (it needs CLOUD_PLATFORM_CREDENTIALS) |
         *     | CLOUD_PLATFORM_CREDENTIALS | CLOUD_PROVIDER_SECRET | 400 `body.authProvider`: one of `aws`, `gcp`, `azure` |
         *     | CLOUD_PLATFORM_CREDENTIALS | any other | 400 `body.authType` (must be CLOUD_PROVIDER_SECRET) |
         *
         *     Why: the combination table determines the provider in those three rows, so a client that
         *     omits it (as the SaaS's schema allows) means exactly that provider; guessing between
         *     several would store a connection the client did not describe.
         *
         *     **Plinth's choices** where the SaaS is silent:
         *     - A sent `authProvider` is stored exactly as sent (never replaced by an inferred one); the
         *       table above is matched case-insensitively. `platformConnectionType` and `authType` are
         *       matched case-insensitively and stored upper-case.
         *     - `NONE`, `netsuite`, `x-ads`, `aws`, `gcp` and `azure` are reserved: they only go with
         *       the authType shown; any other provider name is a connector and takes an OAuth authType.
         *     - `connectionDetails.secretsLocation` is one variant chosen by `type`; a property of another
         *       variant (e.g. `vaultName` with `AWS_SECRET_MANAGER`) is a 400. Omitted, the agent's
         *       configured vault applies.
         *     - `connectionDetails.connectionProperties` is optional (a connection may rely on environment
         *       overrides). When present: COMPONENT_BASIC takes `secretName` (required) and `secretKey`;
         *       CLOUD_PLATFORM_CREDENTIALS takes `credentialSecretName` (required); a property of the
         *       other type is a 400.
         *     - Unknown JSON properties are ignored and not stored; everything else in `connectionDetails`
         *       is returned exactly as sent by every later read (no added nulls or defaults).
         *     - `createdBy` is the client id of the API credential that made the call; `id` is a UUID.
         *     - `name` is 1–255 characters and unique within the project (409), across all kinds of
         *       connection including data-warehouse connections.
         */
        post: operations["createProjectConnection"];
        /**
         * Delete a project connection by name
         * @description 204 when deleted (the SaaS says only "Successfully deleted"; 204 is Plinth's choice).
         *     409 while an environment uses the connection, as a default connection or through an
         *     environment override; the violation names the environment.
         */
        delete: operations["deleteProjectConnection"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{projectId}/connections/environment-overrides": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The project's id, a UUID in any case (returned lower-case; an upper-case id names the same project). */
                projectId: components["parameters"]["ProjectId"];
            };
            cookie?: never;
        };
        /**
         * Retrieve a page of connection overrides which apply in an environment
         * @description A page of the environment's overrides in creation order; 404 when the environment does not exist.
         */
        get: operations["listEnvironmentConnectionOverrides"];
        /**
         * Update an existing environment connection override
         * @description Replaces the override (same body and rules as create); 404 when the environment, the connection or the override does not exist.
         */
        put: operations["updateEnvironmentConnectionOverride"];
        /**
         * Create an environment connection override
         * @description Overrides a connection's details in one environment. 404 when the environment or the
         *     connection does not exist; 409 when the environment already has an override for the
         *     connection (the newer SaaS revision; use PUT to replace it). Overrides given in an
         *     environment's create request are overrides like any other.
         *
         *     **Plinth's choices:** `authType` must be valid for the connection's provider (the
         *     combination table of create, or the warehouse's auth type for a `DWH` connection). The
         *     override carries the connection's `authProvider`, including one Plinth inferred when the
         *     connection was created without it; for a connection stored without a provider, the one its
         *     own authType implies is used when the table admits exactly one. `connectionProperties` follows
         *     the connection's kind: COMPONENT_BASIC `{secretName, secretKey?}`, CLOUD_PLATFORM_CREDENTIALS
         *     `{credentialSecretName}`, DWH the warehouse property map of the environment create request
         *     (Snowflake or Redshift set, required properties enforced, secret pointers resolved against
         *     the environment's default agent and the project's secret references). `secretsLocation`
         *     follows the create-connection variants. Returned exactly as sent.
         */
        post: operations["createEnvironmentConnectionOverride"];
        /**
         * Delete environment connection overrides
         * @description Deletes the environment's overrides of the comma-separated `connectionNames`, all or none:
         *     404 (naming the first missing one) when the environment or any named override does not
         *     exist. 204 when deleted.
         */
        delete: operations["deleteEnvironmentConnectionOverrides"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{projectId}/data-platform-connections": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The project's id, a UUID in any case (returned lower-case; an upper-case id names the same project). */
                projectId: components["parameters"]["ProjectId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create a default data warehouse connection
         * @description Defines the metadata of a data-warehouse connection; the credentials arrive later in an
         *     environment's `connectionOverrides`. Supported combinations: `SNOWFLAKE` with `KEY_PAIR`,
         *     `REDSHIFT` with `PASSWORD`, and `authProvider` must be the project's warehouse.
         *
         *     Enum values are matched case-insensitively (the SaaS documentation's own examples send
         *     `dwh`, `redshift`, `password`, `key_pair`) and stored in their canonical upper-case form;
         *     `platformConnectionType` must be `DWH`. Names are unique within the project across all
         *     connection kinds (409).
         *
         *     **Plinth's choice** (the SaaS does not document the answer): 201 with the connection exactly
         *     as the connections list shows it (`platformConnectionType: DWH`, no `connectionDetails`).
         */
        post: operations["createDataPlatformConnection"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{projectId}/environments": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The project's id, a UUID in any case (returned lower-case; an upper-case id names the same project). */
                projectId: components["parameters"]["ProjectId"];
            };
            cookie?: never;
        };
        /**
         * List the project's environments
         * @description A page of environments in creation order. Items carry no `connectionOverrides` (read one environment for those).
         */
        get: operations["listEnvironments"];
        put?: never;
        /**
         * Create a new environment
         * @description Creates an environment: its default agent, default user access level, default connections
         *     and the credentials of its data-warehouse connection (`connectionOverrides`).
         *
         *     Rules (a 400 names the field and the rule unless said otherwise):
         *     - `name` is 1–255 characters, unique within the project (409) and immutable.
         *       `displayName` is at most 255 characters, `description` at most 1000 (Plinth's limits).
         *     - `defaultAgentId` must be an agent of the account that the project may use: the project's
         *       own Matillion-hosted agent, or a customer-hosted agent without restricted access or whose
         *       allow list names the project. An upper-case UUID names the same agent (answered in
         *       lower case, as agents store it).
         *     - `defaultConnections.DWH` (required) is `{"<warehouse>": "<connection name>"}` naming a
         *       `DWH` connection of the project whose `authProvider` is that warehouse (key matched
         *       case-insensitively, e.g. `snowflake`). `defaultConnections.CLOUD_PLATFORM` (optional) is
         *       `{"aws"|"azure"|"gcp": "<connection name>"}` naming a CLOUD_PLATFORM_CREDENTIALS connection
         *       with that provider. Each takes exactly one entry; other keys are a 400.
         *     - `connectionOverrides` (≥ 1 item) carries the warehouse credentials. **Plinth's choice:**
         *       each item must name the environment's default DWH connection (so in practice exactly one
         *       item; the SaaS page says "required array length: 1"). `connectionProperties` maps a
         *       property name to `{"value": "<string>"}` or a secret pointer
         *       `{"secretName": "...", "secretKey": "..."}`:
         *       - Redshift: `url`, `username`, `password` (secret), `defaultDatabase`, `defaultSchema` are
         *         required; `port` (digits, 1–65535), `useSsl` (`"true"`/`"false"`) and
         *         `defaultStorageLocation` are optional.
         *       - Snowflake (property names are Plinth's inference from the SaaS UI wizard; the SaaS page
         *         does not show them): `account`, `username`, `privateKey` (secret), `defaultRole`,
         *         `defaultWarehouse`, `defaultDatabase`, `defaultSchema` are required; `passphrase`
         *         (secret) is only needed for an encrypted private key.
         *       - Secret properties (`password`, `privateKey`, `passphrase`) must be secret pointers and
         *         every other property a `{value}`; an unknown property name is a 400. A secret pointer
         *         must name a hosted secret of the default agent (of type `DWH_PASSWORD`, and its
         *         `secretKey` must be that secret's key) or a secret reference of the project.
         *     - 404 when the project does not exist or is not visible to the caller.
         *
         *     201 with the environment as `GET .../environments/{environmentName}` returns it: exactly
         *     what was sent (absent optional fields stay absent) plus `defaultAgentName`.
         */
        post: operations["createEnvironment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{projectId}/environments/{environmentName}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                environmentName: string;
                /** @description The project's id, a UUID in any case (returned lower-case; an upper-case id names the same project). */
                projectId: components["parameters"]["ProjectId"];
            };
            cookie?: never;
        };
        /**
         * Get one environment
         * @description Not in the SaaS contract. The environment as created, with `connectionOverrides` listing
         *     every override of the environment (`{connectionName, connectionProperties}`, plus
         *     `secretsLocation` when one was given through the overrides API), in creation order.
         */
        get: operations["getEnvironment"];
        put?: never;
        post?: never;
        /**
         * Delete an environment
         * @description Removes the environment with its connection overrides (the connections stay) and its schedules, in one transaction (Plinth's choice; a `schedule_deleted` audit event per schedule, `additionalInfo.reason` `environment_deleted`). Runs already started are kept. 204, or 404 when absent.
         */
        delete: operations["deleteEnvironment"];
        options?: never;
        head?: never;
        /**
         * Change an environment's settings
         * @description Not in the SaaS contract (the SaaS changes these in its UI). Changes `displayName`,
         *     `description` and `defaultUserAccessLevel`; fields not sent stay as they are (send `null`
         *     to clear `displayName` or `description`). A new `defaultUserAccessLevel` re-applies at once
         *     to every project member on the environment's default (members with an explicit role for
         *     the environment keep it). Needs the environment's OWNER or CONTRIBUTOR role
         *     (`environment.manage`). 200 with the environment as `GET` returns it.
         */
        patch: operations["updateEnvironment"];
        trace?: never;
    };
    "/v1/projects/{projectId}/members": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The project's id, a UUID in any case (returned lower-case; an upper-case id names the same project). */
                projectId: components["parameters"]["ProjectId"];
            };
            cookie?: never;
        };
        /**
         * List the members of a project
         * @description Not in the SaaS contract (the SaaS manages access in its UI, "Access" tab). Any member of
         *     the project (and a Super Admin) may list its members, in the order they joined. Each
         *     member's `environmentRoles` names every environment of the project with the role the
         *     member has there now: its explicit role, or the one the environment's
         *     `defaultUserAccessLevel` gives (`admin`→OWNER, `runner`→OPERATOR, `readOnly`→VIEWER,
         *     `noAccess`→NONE, `default`→the environment role named like the project role).
         *     `explicitEnvironmentRoles` lists only the roles set explicitly. Super Admins are
         *     implicitly OWNER of every project and are listed only when they were added explicitly.
         */
        get: operations["listProjectMembers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{projectId}/members/{principalId}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A user's id, or an API credential's client id (not an agent's credential). */
                principalId: string;
                /** @description The project's id, a UUID in any case (returned lower-case; an upper-case id names the same project). */
                projectId: components["parameters"]["ProjectId"];
            };
            cookie?: never;
        };
        get?: never;
        /**
         * Add a member to a project, or replace its roles
         * @description Not in the SaaS contract. Only a project OWNER or a Super Admin manages members (403 for
         *     other members, 404 for callers that do not see the project).
         *
         *     PUT replaces the member's grant: `role` is its project role and `environmentRoles` its
         *     explicit environment roles — environments not named (or all, when `environmentRoles` is
         *     absent) are on their `defaultUserAccessLevel`, and follow it when it changes. Answers 200
         *     with the member whether it was added or changed.
         *
         *     Rules (a 400 names the field and the rule unless said otherwise):
         *     - `principalId` must be a user of the project's account or an API credential of it (not
         *       an agent's own credential): otherwise 404 naming `principalId`.
         *     - every key of `environmentRoles` must name an environment of the project
         *       (400 naming `environmentRoles.<name>`).
         *     - a Super Admin principal is implicitly OWNER everywhere, so **Plinth's choice:** it can
         *       only be given `role` OWNER (else 400 naming `role`) and environment roles OWNER (else 400
         *       naming `environmentRoles.<name>`). Such a grant is stored (it outlasts a later change of
         *       the principal's account role) and listed; it changes nothing while the principal is a
         *       Super Admin.
         */
        put: operations["putProjectMember"];
        post?: never;
        /**
         * Remove a member from a project
         * @description Not in the SaaS contract. Removes the member's project role and every explicit
         *     environment role it held in the project; its access ends at once on the node that
         *     answered and on every other node as soon as the change notice reaches it (bounded by
         *     PLINTH_CREDENTIAL_CACHE_TTL_MS, 5 s by default, if a notice is lost). Only a project OWNER
         *     or a Super Admin. 404 naming `principalId` when the principal is not a member.
         */
        delete: operations["deleteProjectMember"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{projectId}/pipeline-behaviours": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Set how a simulated pipeline behaves
         * @description Per-pipeline simulation controls for every later execution of the pipeline in that
         *     environment (a request's reserved `plinth.*` scalar variables still win): `fail` /
         *     `hang` are `true` (the first step after Start) or a component name; `stepDelayMs` is the
         *     time each step takes on Plinth's clock. A body with none of the three clears them.
         *     Needs `environment.manage`. `pipelineName` with or without its extension.
         */
        put: operations["putPipelineBehaviour"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{projectId}/pipeline-executions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Execute a published pipeline
         * @description Starts an execution of a pipeline published to the environment (its latest enabled
         *     artifact, or `versionName`). Answers 201 with the new execution's id (a UUIDv7); the run
         *     is asynchronous. 404 when the environment, version or pipeline is unknown, 410 when the
         *     pipeline's artifact is disabled, 409 when `executionTag` names a running execution of the
         *     environment. `pipelineName` may carry its `.orch.yaml` / `.tran.yaml` extension or not;
         *     executions report it with the extension, as published pipelines list it.
         *
         *     Plinth simulates the run (README "Simulated pipeline runs"): components run as steps in
         *     the order of their transitions; the reserved scalar variables `plinth.fail`,
         *     `plinth.failStep`, `plinth.hang` and `plinth.stepDelayMs` make a step fail, hang until
         *     cancelled, or take a given time. `agentId` and `gridVariables` are accepted and stored.
         */
        post: operations["executePublishedPipeline"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{projectId}/pipeline-executions/{pipelineExecutionId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Pipeline execution details
         * @description The documented flat record plus `result`, a copy of the whole record (some clients read `result.status`).
         */
        get: operations["getPipelineExecution"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Cancel (or hard-cancel) a pipeline execution
         * @description `status` must be `CANCELLED`. Without `forceUpdate` (or `false`) the execution becomes
         *     `CANCELLING` and then `CANCELLED` at its next advancement (the next read of it or the
         *     worker's next pass); with `forceUpdate: true` it is `CANCELLED` at once. Running child
         *     executions are cancelled the same way. An execution that has ended answers 409.
         */
        patch: operations["cancelPipelineExecution"];
        trace?: never;
    };
    "/v1/projects/{projectId}/pipeline-executions/{pipelineExecutionId}/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Pipeline execution status (lightweight, for polling)
         * @description `{pipelineExecutionId, status, result: {status}}` (shape inferred; contract §13 item 7).
         */
        get: operations["getExecutionStatusOnly"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{projectId}/pipeline-executions/{pipelineExecutionId}/steps": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Pipeline steps status
         * @description The steps (components) run so far, in the order they started; a step that ran another pipeline names the child execution in `childPipeline.id`.
         */
        get: operations["getPipelineExecutionSteps"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{projectId}/published-pipelines": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The project's id, a UUID in any case (returned lower-case; an upper-case id names the same project). */
                projectId: components["parameters"]["ProjectId"];
            };
            cookie?: never;
        };
        /**
         * List published pipelines
         * @description The pipelines (`.orch.yaml` and `.tran.yaml` files) of each environment's latest
         *     **enabled** artifact. `name` is the pipeline's path relative to the project root **with
         *     its extension** (`folder/Daily Load.orch.yaml`), the form lineage `job.name` uses;
         *     wherever a pipeline is named on input (executions, schedules) the name without the
         *     extension is accepted too. `publishedTime` is when that artifact reached the environment.
         *     `environmentName` is optional (Plinth's choice): without it the list covers every
         *     environment the caller may view, by environment name then path (a pipeline published to
         *     two environments appears twice); with it, by path. An unknown environment is 404.
         */
        get: operations["listPublishedPipelines"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{projectId}/repositories": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The project's id, a UUID in any case (returned lower-case; an upper-case id names the same project). */
                projectId: components["parameters"]["ProjectId"];
            };
            cookie?: never;
        };
        /**
         * The project's repository, with GitLab token status
         * @description Not in the SaaS contract. A page envelope with the project's repository (at most one).
         *     For GitLab, `tokenStatus` shows the stored token's expiry, the last rotation, the next
         *     planned attempt and the last error — never a token. `nextRotationAt` null with a
         *     `lastError` means automatic rotation has stopped and a new token must be supplied with
         *     `POST /v1/projects/{projectId}/repositories/token`.
         */
        get: operations["listRepositories"];
        put?: never;
        /**
         * Associate a repository with a project
         * @description Associates a Git repository with a project that has none yet (409 otherwise). Needs write
         *     access to the project. Full SaaS (Matillion-hosted) repositories are not supported.
         *
         *     - `github`: `providerParameters.ownerName` (the organization or user owning the repository).
         *     - `azure-devops`: `providerParameters.organization` (the segment after `dev.azure.com/`),
         *       `repositoryId` (the repository's UUID) and `tenantId` (the Entra tenant's UUID).
         *     - `gitlab`: `providerParameters.repositoryId` (the GitLab project id, an integer or a numeric
         *       string) and a service-account personal access token in `Git-Provider-Access-Token`.
         *
         *     **GitLab.** The token must be active, have the `self_rotate` scope, and its user must hold
         *     the Developer role or higher (access level ≥ 30, project or group membership) on the GitLab
         *     project — the same as the SaaS asks; no other scope is needed. Plinth checks this with
         *     `GET /personal_access_tokens/self` and `GET /personal_access_tokens/self/associations`
         *     (`min_access_level=30`, every page until the project is found), which a token of any scope
         *     may call. A GitLab older than 17.4 has no associations endpoint (404); Plinth then falls
         *     back to `GET /projects/:id`, for which the token also needs the `read_api` (or `api`)
         *     scope, and says so (400) when it lacks it. Plinth then rotates it immediately
         *     (`POST /personal_access_tokens/self/rotate`) with an expiry that preserves its lifetime
         *     (`expires_at − created_at` in days, counted from today) and stores only the rotated token,
         *     sealed; the supplied token is revoked by GitLab, so it cannot serve a second project (400).
         *     The rotated token is rotated again three days before it expires. A failed check is a 400
         *     naming the header or field; GitLab being unreachable or failing is 502 (504 on timeout).
         *
         *     **Choices where the SaaS documentation is silent.** Success is `201 Created` with the
         *     repository's description (the same shape as the list items; never a token) — the SaaS
         *     documents only "Repository associated successfully". The header is optional for `github`
         *     and `azure-devops` (the SaaS uses its own GitHub App / Entra service principal); when sent
         *     for them it is ignored and never stored.
         */
        post: operations["associateRepository"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{projectId}/repositories/token": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The project's id, a UUID in any case (returned lower-case; an upper-case id names the same project). */
                projectId: components["parameters"]["ProjectId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Replace the access token of the project's GitLab repository
         * @description Manual rotation, e.g. after the stored token expired or automatic rotation stopped: send a
         *     new (or GitLab-rotated) service-account token in `Git-Provider-Access-Token`. It is checked
         *     and rotated exactly as on association, and the rotation replaces the stored token. Works
         *     whatever state the stored token is in. Needs write access to the project.
         *
         *     404 when the project has no repository; 409 when its repository is not a GitLab one, or
         *     while another rotation of the same token is in progress.
         *
         *     **Choice where the SaaS documentation is silent:** success is `200` with the repository's
         *     description (as in the list) — the SaaS documents only "Repository token rotated successfully".
         */
        post: operations["rotateRepositoryToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{projectId}/schedules": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The project's id, a UUID in any case (returned lower-case; an upper-case id names the same project). */
                projectId: components["parameters"]["ProjectId"];
            };
            cookie?: never;
        };
        /**
         * List all schedules for a project
         * @description The schedules of the environments the caller may view, oldest first, in the page envelope
         *     (`total` counts exactly those).
         */
        get: operations["listSchedules"];
        put?: never;
        /**
         * Create a new schedule
         * @description Schedules a published pipeline of an environment on a Quartz cron expression.
         *
         *     Rules (a 400 names the field and the rule):
         *     - `schedule.cronExpression` is a Quartz expression: 6 or 7 space-separated fields
         *       (seconds, minutes, hours, day-of-month, month, day-of-week, optional year), `?` in exactly
         *       one of the two day fields, days of the week 1 (SUN) – 7 (SAT) or `SUN`–`SAT`, months
         *       1–12 or `JAN`–`DEC`; `*`, `,`, `-`, `/` (`0/5` means from 0 every 5), `L`, `W`, `LW` and
         *       `#` as Quartz reads them. `L-n` is not supported (400). An expression that never fires
         *       again (e.g. a past year) is a 400.
         *     - `schedule.cronTimezone` is an IANA time zone (`Europe/Dublin`), default `UTC`. Ticks are
         *       evaluated in it: across daylight-saving changes a tick at a local time that does not
         *       exist fires once at the end of the gap, one that happens twice fires once (the first).
         *     - `schedule.effectiveFrom` (ISO 8601 with an offset) is when the schedule starts to fire;
         *       default: the creation time. Returned in UTC, `yyyy-MM-ddTHH:mm:ssZ`.
         *     - `schedule.name` is 1–255 characters and **unique within the project** (409; Plinth's
         *       choice).
         *     - `pipeline.environmentName` must name an environment of the project: **404** naming the
         *       field otherwise (Plinth's choice, as for every other reference to a missing thing).
         *     - `pipeline.pipelineName` is accepted with or without the `.orch.yaml` extension and
         *       stored without it; it is not checked against the published pipelines at creation (the
         *       artifact may be published later): a tick whose pipeline cannot start is logged and
         *       skipped.
         *     - `allowConcurrentExecutions` (default true; Plinth also accepts it here, the SaaS
         *       documents it on update) — when false, a tick is skipped while a run started by this
         *       schedule is still active.
         *     - `scalarVariables` / `gridVariables` (Plinth's inference for where they go; optional)
         *       are passed to each run.
         *
         *     How ticks fire (Plinth): every node runs the schedule job (once a second); a node claims
         *     a tick by moving `nextRunAt` from the tick to the next one in the same transaction that
         *     starts the run, so each tick starts exactly one execution (trigger `SCHEDULE`) across
         *     nodes. Ticks missed while no node was running fire **once** when a node comes back (then
         *     the schedule goes on from the next tick after that moment); `lastRunAt` is when a run was
         *     last started. Requires `environment.manage` on the environment.
         */
        post: operations["createSchedule"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{projectId}/schedules/{scheduleId}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The project's id, a UUID in any case (returned lower-case; an upper-case id names the same project). */
                projectId: components["parameters"]["ProjectId"];
                /** @description The schedule's id (a UUID in any case). */
                scheduleId: string;
            };
            cookie?: never;
        };
        /**
         * Get a schedule summary for a given schedule id
         * @description Requires `environment.view` on the schedule's environment.
         */
        get: operations["getSchedule"];
        put?: never;
        post?: never;
        /**
         * Delete a schedule
         * @description 204 (Plinth's choice; the status is not documented). Runs it started are kept. Requires `environment.manage`.
         */
        delete: operations["deleteSchedule"];
        options?: never;
        head?: never;
        /**
         * Update the schedule by the given schedule id and schedule request
         * @description `name` and `cronExpression` are required; every other field, when omitted, **keeps its
         *     current value** (Plinth's reading of PATCH; the documented defaults apply at creation).
         *     The same rules as creation apply. `nextRunAt` is recomputed from the new expression, time
         *     zone, `effectiveFrom` and `scheduleEnabled` (null while disabled). The pipeline and
         *     environment of a schedule do not change. Requires `environment.manage`.
         */
        patch: operations["updateSchedule"];
        trace?: never;
    };
    "/v1/projects/{projectId}/secret-references": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The project's id, a UUID in any case (returned lower-case; an upper-case id names the same project). */
                projectId: components["parameters"]["ProjectId"];
            };
            cookie?: never;
        };
        /** List the secret references of a project (never values) */
        get: operations["listSecretReferences"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{projectId}/secret-references/{secretReferenceName}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The project's id, a UUID in any case (returned lower-case; an upper-case id names the same project). */
                projectId: components["parameters"]["ProjectId"];
                secretReferenceName: string;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create a Secret Reference
         * @description An endpoint for creating a secret reference (seed 003). The body is one of three variants
         *     chosen by `agentType`:
         *
         *     - `AWS`: `secretName` required; `secretKey`, `description`, `agentId` optional;
         *     - `Azure`: `secretName` and `vaultName` required; `secretKey`, `description`, `agentId` optional;
         *     - `Matillion hosted`: `agentId` and `secretValue` required; `agentId` must be the
         *       Matillion-hosted agent of this project (a FULL_SAAS project's agent, see `GET /v1/agents`);
         *       `secretValue` (any JSON but null, `""` or `{}`) is encrypted in the vault and never returned.
         *
         *     Plinth validates the fields of all variants flat and then the variant's rules (a literal
         *     `oneOf` would refuse valid Azure bodies, which also satisfy the AWS branch), answering 400
         *     with a violation per missing field. An `agentId` on an AWS/Azure reference must be a
         *     customer-hosted (hybrid) agent of the account; `secretValue` on AWS/Azure is refused.
         *
         *     201 with no body. 404 for an unknown or invisible project, 409 when the name is taken in the
         *     project. Needs write access to the project (Super Admin, or Owner/Contributor grants).
         */
        post: operations["createSecretReference"];
        /** Delete a secret reference */
        delete: operations["deleteSecretReference"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{projectId}/streaming-pipelines": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The project's id, a UUID in any case (returned lower-case; an upper-case id names the same project). */
                projectId: components["parameters"]["ProjectId"];
            };
            cookie?: never;
        };
        /**
         * List streaming pipeline definitions
         * @description The project's streaming pipelines, oldest first, in the page envelope (`total` exact; a page
         *     past the end is empty, so a client paging until `results` is empty or shorter than `size`
         *     stops). Requires read access to the project.
         */
        get: operations["listStreamingPipelines"];
        put?: never;
        /**
         * Create a streaming pipeline definition
         * @description **201** with the definition (it carries `streamingPipelineId`), as Matillion's Terraform
         *     provider expects. The pipeline starts `NOT_RUNNING`.
         *
         *     Rules (a 400 names each field and rule):
         *     - `name` 1–255 characters, unique within the project (409).
         *     - `agentId` names an agent of the account that the project may use (as for an
         *       environment's default agent).
         *     - `streamingSource.type`: `postgres`, `sqlserver`, `mysql`, `oracle`, `db2ibmi`;
         *       `connection` needs `host`, `port`, `username`, `password` (a secret reference) and, for
         *       postgres, sqlserver and oracle, `database`; `pdb` is for oracle only; `tables` lists
         *       `{schema, table}`.
         *     - `streamingTarget.type`: `snowflake` (`connection {accountName, username,
         *       authentication {type: key-pair, privateKey, passphrase?}, jdbcProperties?}`, `role`,
         *       `warehouse`, `database`, `stageSchema`, `stageName`, `stagePrefix?`, `tableSchema`,
         *       `tablePrefixType` ∈ PREFIX, SOURCE_DATABASE_AND_SCHEMA, NONE, `transformationType` ∈
         *       COPY_TABLE, COPY_TABLE_SOFT_DELETE, CHANGE_LOG, `temporalMapping?` ∈ NATIVE, EPOCH),
         *       `s3` (`bucket`, `prefix?`, `decimalMapping?` ∈ LOGICAL, LEGACY) or `abs` (`container`,
         *       `prefix?`, `accountName`, `accountKey` (a secret reference), `decimalMapping?`).
         *     - Enum values are accepted in any case (the provider sends lower case). They are returned
         *       as documented: source, target and authentication `type` in lower case; the others in
         *       upper case.
         *     - Secrets only by reference: `{secretType, secretName, key | secretKey, secretLocation?}`
         *       with `secretType` ∈ AWS_SECRETS_MANAGER, AZURE_KEY_VAULT, GOOGLE_SECRET_MANAGER (any case,
         *       returned upper case). `key` (the provider's name) and `secretKey` (the docs') are the
         *       same: either is accepted and both are returned. Any other member (a value) is a 400;
         *       Plinth never stores or returns a secret value.
         */
        post: operations["createStreamingPipeline"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{projectId}/streaming-pipelines/{streamingPipelineId}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The project's id, a UUID in any case (returned lower-case; an upper-case id names the same project). */
                projectId: components["parameters"]["ProjectId"];
                /** @description The streaming pipeline's id (a UUID in any case). */
                streamingPipelineId: components["parameters"]["StreamingPipelineId"];
            };
            cookie?: never;
        };
        /** Get a streaming pipeline definition */
        get: operations["getStreamingPipeline"];
        /**
         * Replace a streaming pipeline definition
         * @description Full replacement with the same body and rules as creation; **200** with the definition. The run status is unchanged.
         */
        put: operations["replaceStreamingPipeline"];
        post?: never;
        /**
         * Delete a streaming pipeline
         * @description **204**, whatever its status (a running pipeline is stopped with it). Requires the project delete permission (Owner), as for connections.
         */
        delete: operations["deleteStreamingPipeline"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{projectId}/streaming-pipelines/{streamingPipelineId}/commands": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The project's id, a UUID in any case (returned lower-case; an upper-case id names the same project). */
                projectId: components["parameters"]["ProjectId"];
                /** @description The streaming pipeline's id (a UUID in any case). */
                streamingPipelineId: components["parameters"]["StreamingPipelineId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Execute a streaming pipeline command
         * @description `command` is `START` or `STOP` (any case). **200** (Plinth's choice; the status is not
         *     documented) with the status the command leads to. START while starting, snapshotting or
         *     streaming and STOP while stopping or not running change nothing (200); START while
         *     STOPPING is a 409.
         */
        post: operations["executeStreamingPipelineCommand"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{projectId}/streaming-pipelines/{streamingPipelineId}/status": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The project's id, a UUID in any case (returned lower-case; an upper-case id names the same project). */
                projectId: components["parameters"]["ProjectId"];
                /** @description The streaming pipeline's id (a UUID in any case). */
                streamingPipelineId: components["parameters"]["StreamingPipelineId"];
            };
            cookie?: never;
        };
        /**
         * Get a streaming pipeline's status
         * @description Plinth simulates the run on its clock (the clock controls move it): START goes
         *     NOT_RUNNING → STARTING (5 s) → SNAPSHOTTING (10 s) → STREAMING; STOP goes → STOPPING (5 s)
         *     → NOT_RUNNING. `UNKNOWN` is documented but never reported.
         */
        get: operations["getStreamingPipelineStatus"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{projectId}/test-executions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start a simulated test execution
         * @description Starts a simulated test run of a published pipeline (same body and controls as executing
         *     it), so `PATCH …/test-executions/{testExecutionId}` has something to cancel. Test
         *     executions are not listed with pipeline executions and cost no credits.
         */
        post: operations["startTestExecution"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{projectId}/test-executions/{testExecutionId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A simulated test execution */
        get: operations["getTestExecution"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Cancel a test execution
         * @description Same rules as cancelling a pipeline execution (`forceUpdate` optional, default false; 409 once ended).
         */
        patch: operations["cancelTestExecution"];
        trace?: never;
    };
    "/v1/secrets/{agentId}/secret-value": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The agent's id, a UUID in any case (returned lower-case; an upper-case id names the same agent). */
                agentId: components["parameters"]["AgentId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create a new secret value
         * @description Stores a secret in the Matillion-hosted vault of a FULL_SAAS project's agent (find its id in
         *     `GET /v1/agents`, `hosted: true`). The value is encrypted at rest (AES-256-GCM envelope,
         *     bound to account, agent and name) and is never returned by any endpoint.
         *
         *     - `DWH_PASSWORD`: `value` is the password or PEM private key, a string. Newlines (`\n` in
         *       JSON) are kept exactly.
         *     - `CLOUD_PROVIDER_SECRET`: `value` is a JSON object, or a string holding one, in one of the
         *       shapes: AWS `{accessKeyId, secretAccessKey, sessionToken?}` (access key id 16–128
         *       upper-case letters/digits); Azure service principal `{clientId, clientSecret, tenantId}`
         *       (client and tenant ids are UUIDs); Google Cloud service-account key file
         *       `{type: "service_account", project_id, private_key (PEM), client_email, ...}`. Anything
         *       else is 400 naming the field and the rule.
         *
         *     Answers 201 with `{name, type, key, agentId, createdAt}` — never the value (the SaaS
         *     response is undocumented). A customer-hosted (hybrid) agent is 400 (its secrets live in the
         *     customer's vault; use a secret reference), an unknown agent 404, a name already used on the
         *     agent 409. Super Admin and Admin ("Manage agents") may write secrets.
         */
        post: operations["createSecretValue"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/secrets/{agentId}/secret-values": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The agent's id, a UUID in any case (returned lower-case; an upper-case id names the same agent). */
                agentId: components["parameters"]["AgentId"];
            };
            cookie?: never;
        };
        /**
         * List the secrets of a hosted agent (never values)
         * @description Names, types, keys and timestamps of the agent's secrets; values are never returned.
         */
        get: operations["listSecretValues"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/secrets/{agentId}/secret-values/{secretName}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The agent's id, a UUID in any case (returned lower-case; an upper-case id names the same agent). */
                agentId: components["parameters"]["AgentId"];
                secretName: string;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete a secret of a hosted agent */
        delete: operations["deleteSecretValue"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/shared-pipelines": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List shared pipelines
         * @description The shared pipelines of the latest **enabled** artifact version of every
         *     `sharedPipelineIdPrefix` of the account, by id. Admin or Super Admin only (403 otherwise).
         *     Item shape (INFERENCE; the SaaS page's response was not captured): the documented
         *     `{description, sharedPipelineId, sourcePipeline}` of the details operation plus
         *     `sharedPipelineIdPrefix` and `versionName`. `sharedPipelineId` is
         *     `<sharedPipelineIdPrefix>/<pipeline path without extension>` (Plinth's choice);
         *     `sourcePipeline` the pipeline's path with its extension; `description` the pipeline
         *     file's `pipeline.metadata.description`, or `""`.
         */
        get: operations["listSharedPipelines"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/shared-pipelines/artifacts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List shared-pipeline artifacts
         * @description A page of shared-pipeline artifact versions (each as `artifactDetails` in the details
         *     operation), newest first, optionally only those of `sharedPipelineIdPrefix`. Admin or
         *     Super Admin only.
         */
        get: operations["listSharedPipelineArtifacts"];
        put?: never;
        /**
         * Publish a shared-pipeline artifact
         * @description Publishes version `versionName` of the shared pipelines under `sharedPipelineIdPrefix`
         *     (headers, or form fields of the same names; `commitHash` and `branch` optional). The
         *     body and the part rules are those of the project artifact publish (one text part per
         *     file named by its relative path; archives refused with 400; other parts reported in
         *     `ignoredResources`). Version names cannot be overwritten: an existing
         *     (`sharedPipelineIdPrefix`, `versionName`) is 409. Admin or Super Admin only. 201
         *     `{ignoredResources, versionName}`.
         */
        post: operations["createSharedPipelineArtifact"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/shared-pipelines/artifacts/details": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a shared-pipeline artifact's details
         * @description The artifact `versionName` of `sharedPipelineIdPrefix`; if `versionName` is omitted, the
         *     latest enabled version. `sharedPipelines` lists its pipelines (see
         *     `GET /v1/shared-pipelines` for the id rule). 404 when there is none. Admin or Super Admin
         *     only.
         */
        get: operations["getSharedPipelineArtifactDetails"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the account's users
         * @description Needs `users.read` (Super Admin, Billing Admin, Admin). The page envelope and paging rules of
         *     `GET /v1/projects` (0-based `page`, `size` 1–100, default 25), in creation order. Never shows
         *     a password or its hash.
         */
        get: operations["listUsers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/users/{userId}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The user's id, a UUID in any case. */
                userId: components["parameters"]["UserId"];
            };
            cookie?: never;
        };
        /**
         * Get one user
         * @description Needs `users.read`. Unknown and other-account ids are 404.
         */
        get: operations["getUser"];
        put?: never;
        post?: never;
        /**
         * Remove a user from the account
         * @description Needs `users.manage` (only a Super Admin removes a Super Admin). Removing the account's last
         *     active Super Admin is 409. 204; the user's tokens are refused at once (audit event
         *     `user_removed`, "Account user removed").
         */
        delete: operations["deleteUser"];
        options?: never;
        head?: never;
        /**
         * Change a user's account role (or deactivate / reactivate it)
         * @description Needs `users.manage`. PRODUCT.md's body is `{role}`; `active` is an addition (a deactivated
         *     user cannot sign in and its tokens are refused at once — what SCIM deactivation does).
         *     Only a Super Admin may change a Super Admin or grant SUPER_ADMIN (403); an Admin may set
         *     only ADMIN or MEMBER, on ADMIN or MEMBER users. Demoting or deactivating the account's last
         *     active Super Admin is 409. Answers 200 with the user.
         */
        patch: operations["updateUser"];
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** @enum {string} */
        AccountRole: "SUPER_ADMIN" | "BILLING_ADMIN" | "ADMIN" | "MEMBER";
        Agent: {
            /** Format: uuid */
            agentId: string;
            /**
             * @description See the life cycle under agentCommand. `stopped` and `unknown` are statuses an agent
             *     process reports (the SaaS documents them); Plinth runs no agent processes and never
             *     sets them itself, but reports them when an agent's row holds them.
             * @enum {string}
             */
            agentStatus: "pending" | "running" | "paused" | "stopped" | "unknown";
            /** @enum {string} */
            agentType: "data_productivity_cloud" | "streaming";
            /** @enum {string} */
            cloudProvider: "aws" | "azure" | "snowflake" | "gcp";
            /** @description true while the agent is started: running or paused (false when pending, stopped or unknown). */
            connected: boolean;
            /** Format: date-time */
            createdAt?: string;
            deployment: string;
            /** @description Empty when none was given. */
            description: string;
            enableAutoUpdates: boolean;
            /** @description Plinth addition: true for the Matillion-hosted agent of a FULL_SAAS project. */
            hosted?: boolean;
            name: string;
            /**
             * Format: date-time
             * @description Only while paused.
             */
            pausedUntil?: string;
            /**
             * Format: uuid
             * @description Plinth addition: a hosted agent's project.
             */
            projectId?: string;
            restrictedAccess: boolean;
            /** Format: date-time */
            updatedAt?: string;
            /** @description Synthetic in Plinth (no agent builds exist); fixed per track. */
            versionDetails: {
                agentUpdateAvailable?: boolean;
                agentVersion?: string;
                /** @example SUPPORTED */
                support?: string;
                /** @enum {string} */
                trackName?: "current" | "stable";
                trackReleaseDate?: string;
                trackVersion?: string;
            };
        };
        AgentAllowlist: {
            projects: {
                [key: string]: {
                    environments: string[];
                };
            };
        };
        AgentCredentials: {
            clientId: string;
            /** @description The secret; absent only for a credential issued before secrets were kept sealed (until its next SECRET_REFRESH). */
            clientSecret?: string;
        };
        AgentPage: {
            page: number;
            results: components["schemas"]["Agent"][];
            size: number;
            total: number;
        };
        ApiCredential: {
            clientId: string;
            /** Format: date-time */
            createdAt: string;
            name: string;
            /** @enum {string} */
            role: "SUPER_ADMIN" | "BILLING_ADMIN" | "ADMIN" | "MEMBER";
        };
        ArtifactCreated: {
            ignoredResources: {
                name: string;
                reason: string;
            }[];
            versionName: string;
        };
        ArtifactDetails: {
            branch?: string;
            commitHash?: string;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            deployedAt: string;
            enabled: boolean;
            /** @example matillion */
            provider: string;
            versionName: string;
        };
        ArtifactDetailsResponse: {
            assets: string[];
            details: components["schemas"]["ArtifactDetails"];
        };
        ArtifactPage: {
            page: number;
            results: components["schemas"]["ArtifactDetails"][];
            size: number;
            total: number;
        };
        AssociateRepositoryRequest: {
            /**
             * @description The Git provider.
             * @enum {string}
             */
            provider: "github" | "azure-devops" | "gitlab";
            providerParameters: Record<string, never>;
            repositoryName: string;
        } & (unknown & unknown & unknown);
        AuditEvent: {
            /** @description The person's email; null for an API credential */
            actorEmail?: string | null;
            /** @description The API credential's client id */
            actorId: string;
            /** @description e.g. `{ "ip": "68.134.82.19", "actorType": "API_CREDENTIAL" }`; names and ids, never a secret. */
            additionalInfo: {
                [key: string]: unknown;
            };
            eventDescription: string;
            /** Format: uuid */
            eventId: string;
            /** @description snake_case machine name (see the catalogue). */
            eventName: string;
            eventProjectId?: string | null;
            /** @enum {string} */
            eventSource: "API" | "CLI" | "CONSOLE" | "SCIM" | "JOB" | "SYSTEM";
            eventSubjectId?: string | null;
            eventSubjectName?: string | null;
            eventSubjectType: string;
            /** Format: date-time */
            eventTimestamp: string;
            eventType: string;
        };
        /** @description Secret Reference request body for creating a new secret reference for an AWS Customer hosted project */
        AwsSecretReferenceRequest: WithRequired<components["schemas"]["SecretReferenceRequest"], "agentType" | "secretReferenceType"> & {
            /**
             * Format: uuid
             * @description Optional customer-hosted agent.
             */
            agentId?: string;
            /**
             * @description The key of the secret within the Cloud Provider
             * @example aws-secret-key
             */
            secretKey?: string;
            /**
             * @description The name of the secret within the Cloud Provider
             * @example aws-secret-name
             */
            secretName: string;
        } & {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            agentType: "AWS";
        };
        /** AWS Secrets Manager */
        AwsVaultLocation: {
            region?: string;
            /** @constant */
            type: "AWS_SECRET_MANAGER";
        };
        AzureDevOpsParameters: {
            /** @description The segment after dev.azure.com/ in the organization's URL. */
            organization: string;
            /** @description The Azure DevOps repository's UUID. */
            repositoryId: components["schemas"]["Uuid"];
            /** @description The Microsoft Entra tenant's UUID. */
            tenantId: components["schemas"]["Uuid"];
        };
        /** @description Secret Reference request body for creating a new secret reference for an Azure Customer hosted project */
        AzureSecretReferenceRequest: WithRequired<components["schemas"]["SecretReferenceRequest"], "agentType" | "secretReferenceType"> & {
            /**
             * Format: uuid
             * @description Optional customer-hosted agent.
             */
            agentId?: string;
            /**
             * @description The key of the secret within the Cloud Provider
             * @example azure-secret-key
             */
            secretKey?: string;
            /**
             * @description The name of the secret within the Cloud Provider
             * @example azure-secret-name
             */
            secretName: string;
            /**
             * @description The name of the Azure vault the secret is stored in
             * @example azure-vault-name
             */
            vaultName: string;
        } & {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            agentType: "Azure";
        };
        /** Azure Key Vault */
        AzureVaultLocation: {
            /** @constant */
            type: "AZURE_SECRET_MANAGER";
            vaultName?: string;
        };
        CancelRequest: {
            /** @default false */
            forceUpdate: boolean;
            /** @enum {string} */
            status: "CANCELLED";
        };
        ClockState: {
            frozen: boolean;
            /** Format: date-time */
            now: string;
            /** @description Distance from real time (ms) */
            offsetMs: number;
        };
        /** Cloud Platform Credentials */
        CloudPlatformCredentialsConnectionProperties: {
            credentialSecretName: string;
        };
        /** Component Basic */
        ComponentBasicConnectionProperties: {
            secretKey?: string;
            secretName: string;
        };
        /**
         * @description The definition of the connection's values: where its secrets live and which secret it
         *     uses. `connectionProperties` depends on `platformConnectionType`: see
         *     `ComponentBasicConnectionProperties` and `CloudPlatformCredentialsConnectionProperties`.
         */
        ConnectionDetails: {
            connectionProperties?: components["schemas"]["ConnectionProperties"];
            /** @description Optional description of the connection */
            description?: string;
            secretsLocation?: components["schemas"]["VaultLocation"];
        };
        /** @description `connectionDetails` exactly as the client sent it (unknown properties dropped). */
        ConnectionDetailsResponse: {
            connectionProperties?: {
                credentialSecretName?: string;
                secretKey?: string;
                secretName?: string;
            };
            description?: string;
            secretsLocation?: {
                gcpProjectId?: string;
                region?: string;
                type?: string;
                vaultName?: string;
            };
        };
        /**
         * @description One of the variants below, chosen by the connection's `platformConnectionType`
         *     (validated by Plinth, since the variants cannot be told apart by their own fields):
         *     COMPONENT_BASIC → `ComponentBasicConnectionProperties`; CLOUD_PLATFORM_CREDENTIALS →
         *     `CloudPlatformCredentialsConnectionProperties`.
         */
        ConnectionProperties: {
            /** @description CLOUD_PLATFORM_CREDENTIALS: the secret holding the cloud credentials */
            credentialSecretName?: string;
            /** @description COMPONENT_BASIC: optional key within the secret */
            secretKey?: string;
            /** @description COMPONENT_BASIC: the name of the secret */
            secretName?: string;
        };
        ConnectorProfile: {
            [key: string]: unknown;
        };
        ConnectorProfileInput: {
            [key: string]: unknown;
        };
        ConnectorProfileList: components["schemas"]["ConnectorProfile"][];
        ConsoleSession: {
            csrfToken: string;
            user: {
                email: string;
                /** @enum {string} */
                role: "SUPER_ADMIN" | "BILLING_ADMIN" | "ADMIN" | "MEMBER";
                userId: string;
            };
        };
        ControlTiming: {
            /** @description Time the operation took inside Plinth (ms) */
            durationMs: number;
        };
        CreateAgentRequest: {
            /**
             * @description Matched case-insensitively; stored and returned lower-case.
             * @enum {string}
             */
            agentType: "data_productivity_cloud" | "streaming";
            /**
             * @description Matched case-insensitively; stored and returned lower-case.
             * @enum {string}
             */
            cloudProvider: "aws" | "azure" | "snowflake" | "gcp";
            /**
             * @description Matched case-insensitively (e.g. `Container App`); stored and returned lower-case.
             * @enum {string}
             */
            deployment: "fargate" | "eks" | "container app" | "aks" | "aci" | "native app" | "gke" | "gce";
            description?: string;
            enableAutoUpdates?: boolean;
            name: string;
            restrictedAccess?: boolean;
            /**
             * @description Matched case-insensitively; stored and returned lower-case. Defaults to `current`.
             * @enum {string}
             */
            trackName?: "current" | "stable";
        };
        /** @description The connection creation request containing all necessary details. */
        CreateConnectionRequest: {
            /** @description The authentication provider (see the combinations table); inferred when omitted where the table admits exactly one. */
            authProvider?: string;
            /**
             * @description The kind of secret being referenced (matched case-insensitively).
             * @enum {string}
             */
            authType: "GENERIC_SECRET" | "CLOUD_PROVIDER_SECRET" | "OAUTH_USER_TOKENS" | "OAUTH_AUTHORIZATION_CODE" | "OAUTH_CLIENT_CRED" | "COMPOSITE_TOKEN" | "OAUTH_1_0_X_ADS";
            connectionDetails?: components["schemas"]["ConnectionDetails"];
            /** @description The name of the connection */
            name: string;
            /**
             * @description - `COMPONENT_BASIC` — connect a component to a data source, API or SaaS application using a secret stored in your secrets manager.
             *     - `CLOUD_PLATFORM_CREDENTIALS` — give a project access to a cloud provider (AWS, Azure, GCP) using cloud credentials stored in your secrets manager.
             *     Matched case-insensitively.
             * @enum {string}
             */
            platformConnectionType: "COMPONENT_BASIC" | "CLOUD_PLATFORM_CREDENTIALS";
        };
        CreateDataPlatformConnectionRequest: {
            /**
             * @description The project's warehouse (case-insensitive).
             * @enum {string}
             */
            authProvider: "SNOWFLAKE" | "REDSHIFT";
            /**
             * @description `KEY_PAIR` for Snowflake, `PASSWORD` for Redshift (case-insensitive).
             * @enum {string}
             */
            authType: "KEY_PAIR" | "PASSWORD";
            name: string;
            /**
             * @description Must be `DWH` (case-insensitive).
             * @enum {string}
             */
            platformConnectionType: "DWH" | "COMPONENT_BASIC" | "CLOUD_PLATFORM_CREDENTIALS";
        };
        CreateEnvironmentRequest: {
            connectionOverrides: components["schemas"]["EnvironmentConnectionOverride"][];
            /** Format: uuid */
            defaultAgentId: string;
            defaultConnections: components["schemas"]["EnvironmentDefaultConnections"];
            /** @enum {string} */
            defaultUserAccessLevel: "default" | "admin" | "runner" | "readOnly" | "noAccess";
            description?: string;
            displayName?: string;
            /** @description Immutable identifier used by other calls */
            name: string;
        };
        CreateProjectRequest: {
            /** @enum {string} */
            agentDeploymentType: "HYBRID" | "FULL_SAAS";
            description?: string;
            name: string;
            /** @enum {string} */
            warehouse: "SNOWFLAKE" | "REDSHIFT";
        };
        CreateProjectResponse: {
            /** Format: uuid */
            projectId: string;
        };
        CreateScheduleRequest: {
            pipeline: {
                /** @description Recorded and returned; runs use the environment's agent. */
                agentId?: string;
                environmentName: string;
                gridVariables?: components["schemas"]["ScheduleGridVariables"];
                pipelineName: string;
                scalarVariables?: components["schemas"]["ScheduleVariables"];
                /** @description Pin runs to this published version (default the latest enabled one). */
                versionName?: string;
            };
            schedule: {
                /** @default true */
                allowConcurrentExecutions: boolean;
                /** @description Quartz format, e.g. `0 * * ? * * *`. */
                cronExpression: string;
                /** @default UTC */
                cronTimezone: string;
                /** Format: date-time */
                effectiveFrom?: string;
                name: string;
                /** @default true */
                scheduleEnabled: boolean;
            };
        };
        /** Default Vault */
        DefaultVaultLocation: {
            /** @constant */
            type: "DEFAULT_SECRET_VAULT";
        };
        Environment: components["schemas"]["EnvironmentSummary"] & {
            connectionOverrides?: components["schemas"]["EnvironmentOverrideView"][];
        };
        EnvironmentConnectionOverride: {
            connectionName: string;
            connectionProperties: {
                [key: string]: components["schemas"]["EnvironmentPropertyValue"];
            };
        };
        EnvironmentConnectionOverridePage: {
            page: number;
            results: components["schemas"]["EnvironmentConnectionOverrideResponse"][];
            size: number;
            total: number;
        };
        EnvironmentConnectionOverrideRequest: {
            /**
             * @description Valid for the connection (matched case-insensitively, stored upper-case).
             * @enum {string}
             */
            authType: "GENERIC_SECRET" | "CLOUD_PROVIDER_SECRET" | "OAUTH_USER_TOKENS" | "OAUTH_AUTHORIZATION_CODE" | "OAUTH_CLIENT_CRED" | "COMPOSITE_TOKEN" | "OAUTH_1_0_X_ADS" | "KEY_PAIR" | "PASSWORD";
            connectionName: string;
            connectionOverrides: {
                /**
                 * @description By the connection's kind: COMPONENT_BASIC `{secretName, secretKey?}`,
                 *     CLOUD_PLATFORM_CREDENTIALS `{credentialSecretName}`, DWH a map of warehouse
                 *     property name → `{value}` or `{secretName, secretKey}` (see `EnvironmentConnectionOverride`).
                 */
                connectionProperties: Record<string, never>;
                secretsLocation?: components["schemas"]["VaultLocation"];
            };
            environmentName: string;
        };
        EnvironmentConnectionOverrideResponse: {
            authProvider?: string;
            /** @description The override's auth type */
            authType: string;
            connectionOverrides: {
                connectionProperties?: {
                    [key: string]: unknown;
                };
                secretsLocation?: {
                    gcpProjectId?: string;
                    region?: string;
                    type?: string;
                    vaultName?: string;
                };
            };
            /** @description Client id of the credential that created the override */
            createdBy: string;
            /** Format: date-time */
            createdDate: string;
            environmentName: string;
            /**
             * Format: uuid
             * @description The connection's id
             */
            id: string;
            /** @description The connection's name */
            name: string;
            platformConnectionType: string;
            /** Format: uuid */
            projectId: string;
        };
        /** @description Exactly one entry {"<provider, lower-case>": "<connection name>"}. */
        EnvironmentDefaultConnection: {
            [key: string]: string;
        };
        EnvironmentDefaultConnections: {
            CLOUD_PLATFORM?: components["schemas"]["EnvironmentDefaultConnection"];
            DWH: components["schemas"]["EnvironmentDefaultConnection"];
        };
        EnvironmentOverrideView: {
            connectionName?: string;
            connectionProperties?: {
                [key: string]: unknown;
            };
            secretsLocation?: {
                gcpProjectId?: string;
                region?: string;
                type?: string;
                vaultName?: string;
            };
        };
        EnvironmentPage: {
            page: number;
            results: components["schemas"]["EnvironmentSummary"][];
            size: number;
            total: number;
        };
        EnvironmentPlainValue: {
            value: string;
        };
        /**
         * @description Either a plain value `{"value": "<string>"}` or a secret pointer
         *     `{"secretName": "<secret>", "secretKey": "<key>"}` (see `EnvironmentPlainValue` and
         *     `EnvironmentSecretPointer`); which one depends on the property.
         */
        EnvironmentPropertyValue: {
            secretKey?: string;
            secretName?: string;
            value?: string;
        };
        /** @enum {string} */
        EnvironmentRole: "OWNER" | "CONTRIBUTOR" | "OPERATOR" | "VIEWER" | "NONE";
        EnvironmentSecretPointer: {
            secretKey: string;
            secretName: string;
        };
        EnvironmentSummary: {
            /** Format: uuid */
            defaultAgentId: string;
            /** @description Absent when the agent no longer exists */
            defaultAgentName?: string;
            defaultConnections: {
                [key: string]: {
                    [key: string]: string;
                };
            };
            defaultUserAccessLevel: string;
            description?: string;
            displayName?: string;
            name: string;
        };
        /** @enum {string} */
        ExecutionStatus: "RUNNING" | "SUCCESS" | "FAILED" | "CANCELLING" | "CANCELLED" | "SKIPPED" | "UNKNOWN";
        FaultRule: {
            body?: unknown;
            /** Format: date-time */
            createdAt: string;
            headers?: {
                [key: string]: string;
            };
            /** @description Requests this rule has hit */
            hits: number;
            id: string;
            latencyMs?: number;
            match: {
                method?: string;
                operationId?: string;
                path?: string;
            };
            probability: number;
            /** @description Hits left (rules with `times`) */
            remaining?: number;
            status?: number;
            times?: number;
            when: string;
        };
        FaultRuleRequest: {
            /** @description The answer's body (JSON, or a string sent as text/plain); default: a ProblemDetail, or RFC 6749 error JSON on the token endpoint */
            body?: unknown;
            headers?: {
                [key: string]: string;
            };
            latencyMs?: number;
            /** @description All given fields must match; none given matches every operation (but the controls and /metrics). */
            match?: {
                /** @enum {string} */
                method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE" | "get" | "post" | "put" | "patch" | "delete";
                operationId?: string;
                path?: string;
            };
            /** @default 1 */
            probability: number;
            /** @description Required unless latencyMs is given */
            status?: number;
            times?: number;
            /**
             * @default before
             * @enum {string}
             */
            when: "before" | "after";
        };
        FaultsState: {
            identityOutage: components["schemas"]["IdentityOutage"];
            rateLimit: components["schemas"]["RateLimitState"];
            rules: components["schemas"]["FaultRule"][];
        };
        /** GCP Secret Manager */
        GcpVaultLocation: {
            gcpProjectId?: string;
            /** @constant */
            type: "GCP_SECRET_MANAGER";
        };
        GitHubParameters: {
            /** @description The GitHub organization or user that owns the repository. */
            ownerName: string;
        };
        GitLabParameters: {
            /** @description The GitLab project id, as an integer or a numeric string. */
            repositoryId: number | string;
        };
        /** @description GitLab only. The stored (rotated) token's state; the token itself is never returned. */
        GitTokenStatus: {
            /**
             * Format: date
             * @description The stored token's expiry date (GitLab's expires_at); null if it never expires.
             */
            expiresAt: string | null;
            /** @description Why the last automatic rotation failed (cleared by a successful one). */
            lastError: string | null;
            /** Format: date-time */
            lastRotatedAt: string | null;
            /**
             * Format: date-time
             * @description When automatic rotation will next be tried; null when it will not (no expiry
             */
            nextRotationAt: string | null;
            /** @description Consecutive failed automatic attempts. */
            rotationAttempts: number;
        };
        IdentityOutage: {
            enabled: boolean;
            latencyMs: number;
            retryAfterSeconds?: number;
            status: number;
        };
        Invitation: {
            /** Format: date-time */
            createdAt: string;
            /** @description The inviting user's id or API credential's client id. */
            createdBy: string;
            email: string;
            /** Format: date-time */
            expiresAt: string;
            /** Format: uuid */
            invitationId: string;
            role: components["schemas"]["AccountRole"];
            /** @enum {string} */
            status: "PENDING" | "EXPIRED";
        };
        /** @description Secret Reference request body for creating a new secret reference for a Matillion hosted project */
        MatillionHostedSecretReferenceRequest: WithRequired<components["schemas"]["SecretReferenceRequest"], "agentType" | "secretReferenceType"> & {
            /**
             * @description The Matillion-hosted agent of the project
             * @example 3fa85f64-5717-4562-b3fc-2c963f66afa6
             */
            agentId: string;
            /**
             * @description The json containing the secret value
             * @example {
             *       "password": "password-plain-text-value"
             *     }
             */
            secretValue: unknown;
        } & {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            agentType: "Matillion hosted";
        };
        /** Matillion-hosted Vault */
        MatillionHostedVaultLocation: {
            /** @constant */
            type: "MATILLION_CUSTOMER_VAULT";
        };
        PageEnvelope: {
            /** @description 0-based page number echoed back */
            page: number;
            results: unknown[];
            /** @description The effective page size */
            size: number;
            /** @description Number of items across all pages */
            total: number;
        };
        PipelineExecution: components["schemas"]["PipelineExecutionRecord"] & {
            result: components["schemas"]["PipelineExecutionRecord"];
        };
        PipelineExecutionRecord: {
            environmentName: string;
            /** Format: date-time */
            finishedAt?: string;
            message?: string;
            pipelineExecutionId: string;
            pipelineName: string;
            /** @enum {string} */
            pipelineType: "ORCHESTRATION" | "TRANSFORMATION";
            projectId: string;
            scheduleId?: string;
            /** Format: date-time */
            startedAt: string;
            status: components["schemas"]["ExecutionStatus"];
            /** @enum {string} */
            trigger: "DESIGNER" | "API" | "SCHEDULE" | "SCHEDULE_RUN_NOW" | "UNKNOWN";
            user?: string;
        };
        PipelineExecutionStep: {
            childPipeline?: {
                id: string;
                name: string;
            };
            id: string;
            name: string;
            result: {
                /** Format: date-time */
                finishedAt?: string;
                message?: string;
                /** Format: date-time */
                startedAt: string;
                /** @enum {string} */
                status: "RUNNING" | "SUCCESS" | "FAILED" | "SKIPPED" | "CANCELLED";
            };
        };
        ProblemDetail: {
            detail?: string;
            instance?: string;
            /** Format: int32 */
            status?: number;
            title?: string;
            /** Format: uri */
            type?: string;
            violations?: string[];
        };
        Project: {
            /** @enum {string} */
            agentDeploymentType: "HYBRID" | "FULL_SAAS";
            /** Format: date-time */
            createdAt?: string;
            description?: string | null;
            /** Format: uuid */
            id: string;
            name: string;
            /** Format: date-time */
            updatedAt?: string;
            /** @enum {string} */
            warehouse: "SNOWFLAKE" | "REDSHIFT";
        };
        ProjectConnectionPage: {
            page: number;
            results: components["schemas"]["ProjectConnectionResponse"][];
            size: number;
            total: number;
        };
        ProjectConnectionResponse: {
            authProvider?: string;
            /** @enum {string} */
            authType: "GENERIC_SECRET" | "CLOUD_PROVIDER_SECRET" | "OAUTH_USER_TOKENS" | "OAUTH_AUTHORIZATION_CODE" | "OAUTH_CLIENT_CRED" | "COMPOSITE_TOKEN" | "OAUTH_1_0_X_ADS" | "KEY_PAIR" | "PASSWORD";
            connectionDetails?: components["schemas"]["ConnectionDetailsResponse"];
            /** @description Client id of the API credential that created the connection */
            createdBy: string;
            /**
             * Format: date-time
             * @description ISO-8601 with milliseconds, UTC (`Z`)
             */
            createdDate: string;
            /** Format: uuid */
            id: string;
            name: string;
            /** @enum {string} */
            platformConnectionType: "DWH" | "COMPONENT_BASIC" | "CLOUD_PLATFORM_CREDENTIALS";
            /** Format: uuid */
            projectId: string;
        };
        ProjectMember: {
            /** Format: date-time */
            createdAt: string;
            /** @description Every environment of the project with the member's role there now (explicit or from the default). */
            environmentRoles: {
                [key: string]: components["schemas"]["EnvironmentRole"];
            };
            /** @description Only the environment roles set explicitly. */
            explicitEnvironmentRoles: {
                [key: string]: components["schemas"]["EnvironmentRole"];
            };
            principalId: string;
            /** @enum {string} */
            principalType: "USER" | "API_CREDENTIAL";
            role: components["schemas"]["ProjectRole"];
            /** Format: date-time */
            updatedAt: string;
        };
        ProjectPage: {
            page: number;
            results: components["schemas"]["Project"][];
            size: number;
            total: number;
        };
        /** @enum {string} */
        ProjectRole: "OWNER" | "CONTRIBUTOR" | "VIEWER";
        PublishedPipeline: {
            /** @example folder/Daily Load.orch.yaml */
            name: string;
            /** Format: date-time */
            publishedTime: string;
        };
        PublishedPipelinePage: {
            page: number;
            results: components["schemas"]["PublishedPipeline"][];
            size: number;
            total: number;
        };
        RateLimitState: {
            /** @description The limits in force (none when empty). */
            effective: {
                perMinute?: number;
                perSecond?: number;
            };
            mode: string;
            perMinute?: number;
            perSecond?: number;
        };
        Repository: {
            /** Format: date-time */
            createdAt: string;
            /** @enum {string} */
            provider: "github" | "azure-devops" | "gitlab";
            providerParameters: {
                [key: string]: unknown;
            };
            repositoryName: string;
            tokenStatus?: components["schemas"]["GitTokenStatus"];
        };
        Schedule: {
            agentId?: string;
            allowConcurrentExecutions: boolean;
            cronExpression: string;
            cronTimezone: string;
            /** @description UTC, `yyyy-MM-dd'T'HH:mm:ssZ`. */
            effectiveFrom: string;
            environmentName: string;
            gridVariables: {
                [key: string]: string[][];
            };
            /** @description When this schedule last started a run (UTC) */
            lastRunAt: string | null;
            name: string;
            /** @description The next tick (UTC) */
            nextRunAt: string | null;
            /** @description Without the `.orch.yaml` extension. */
            pipelineName: string;
            scalarVariables: {
                [key: string]: string;
            };
            scheduleEnabled: boolean;
            /** Format: uuid */
            scheduleId: string;
            versionName?: string;
        };
        /** @description Grid variables (name → rows of columns). */
        ScheduleGridVariables: {
            [key: string]: string[][];
        };
        /** @description Scalar variables passed to each run (name → value). */
        ScheduleVariables: {
            [key: string]: string;
        };
        ScimError: {
            detail: string;
            schemas: "urn:ietf:params:scim:api:messages:2.0:Error"[];
            /** @enum {string} */
            scimType?: "invalidFilter" | "tooMany" | "uniqueness" | "mutability" | "invalidSyntax" | "invalidPath" | "noTarget" | "invalidValue" | "invalidVers" | "sensitive";
            /** @description The HTTP status */
            status: string;
        };
        ScimGroup: {
            accountId?: string;
            accountName?: string;
            displayName?: string;
            /** @description The environment's name; absent on project groups */
            environment?: string;
            externalId?: string;
            id: string;
            members?: {
                display?: string;
                ref?: string;
                /** @enum {string} */
                type?: "USER";
                value?: string;
            }[];
            meta: components["schemas"]["ScimMeta"];
            /** Format: uuid */
            projectId?: string;
            projectName?: string;
            /** @description OWNER, CONTRIBUTOR or VIEWER on project groups; OWNER, CONTRIBUTOR, OPERATOR or VIEWER on environment groups */
            role?: string;
            schemas: string[];
        };
        ScimListResponse: {
            itemsPerPage: number;
            Resources: Record<string, never>[];
            schemas: string[];
            startIndex: number;
            totalResults: number;
        };
        ScimMeta: {
            /** Format: date-time */
            created?: string;
            /** Format: date-time */
            lastModified?: string;
            location?: string;
            resourceType?: string;
            version?: string;
        };
        ScimMultiValued: {
            display?: string;
            primary?: boolean;
            type?: string;
            value?: string;
        }[];
        ScimPatchOp: {
            /** @description RFC 7644 operations `{op, path?, value?}`; see the operation's description for the shapes accepted. */
            Operations: Record<string, never>[];
            /**
             * @example [
             *       "urn:ietf:params:scim:api:messages:2.0:PatchOp"
             *     ]
             */
            schemas?: string[];
        };
        ScimToken: {
            /** Format: date-time */
            createdAt: string;
            /** @description The client id or user id that created it */
            createdBy: string;
            id: string;
            name: string;
        };
        ScimUser: {
            active?: boolean;
            addresses?: {
                country?: string;
                display?: string;
                formatted?: string;
                locality?: string;
                postalCode?: string;
                primary?: boolean;
                region?: string;
                streetAddress?: string;
                type?: string;
            }[];
            displayName?: string;
            emails?: components["schemas"]["ScimMultiValued"];
            entitlements?: components["schemas"]["ScimMultiValued"];
            externalId?: string;
            readonly groups?: {
                display?: string;
                ref?: string;
                /** @enum {string} */
                type?: "DIRECT";
                value?: string;
            }[];
            readonly id?: string;
            ims?: components["schemas"]["ScimMultiValued"];
            locale?: string;
            meta?: components["schemas"]["ScimMeta"];
            name?: {
                familyName?: string;
                formatted?: string;
                givenName?: string;
                honorificPrefix?: string;
                honorificSuffix?: string;
                middleName?: string;
            };
            nickName?: string;
            /** @description Sets the user's password (at least 12 characters); never returned */
            password?: string;
            phoneNumbers?: components["schemas"]["ScimMultiValued"];
            photos?: components["schemas"]["ScimMultiValued"];
            preferredLanguage?: string;
            profileUrl?: string;
            roles?: components["schemas"]["ScimMultiValued"];
            schemas?: string[];
            timezone?: string;
            title?: string;
            /** @description The email address */
            userName?: string;
            userType?: string;
            x509Certificates?: components["schemas"]["ScimMultiValued"];
        };
        SecretReference: {
            /** Format: uuid */
            agentId?: string;
            /** @enum {string} */
            agentType: "AWS" | "Azure" | "Matillion hosted";
            /** Format: date-time */
            createdAt: string;
            description?: string | null;
            name: string;
            secretKey?: string;
            secretName?: string;
            /** @enum {string} */
            secretReferenceType: "PASSWORD";
            vaultName?: string;
        };
        /** @description Secret Reference request body for creating a new secret reference for a project */
        SecretReferenceRequest: {
            /**
             * @description The type of agent associated with the project the secret reference will be created in
             * @example AWS
             * @enum {string}
             */
            agentType: "AWS" | "Azure" | "Matillion hosted";
            /**
             * @description The description of the secret reference
             * @example My secret reference
             */
            description?: string;
            /**
             * @description The type of secret reference
             * @example PASSWORD
             * @enum {string}
             */
            secretReferenceType: "PASSWORD";
        };
        /** @description What Plinth validates before the per-variant rules (see createSecretReference). */
        SecretReferenceRequestFlat: {
            agentId?: string;
            /** @enum {string} */
            agentType: "AWS" | "Azure" | "Matillion hosted";
            description?: string;
            secretKey?: string;
            secretName?: string;
            /** @enum {string} */
            secretReferenceType: "PASSWORD";
            secretValue?: unknown;
            vaultName?: string;
        };
        SecretValueCreated: {
            /** Format: uuid */
            agentId: string;
            /** Format: date-time */
            createdAt: string;
            key: string;
            name: string;
            /** @enum {string} */
            type: "DWH_PASSWORD" | "CLOUD_PROVIDER_SECRET";
        };
        SecretValueInfo: {
            /** Format: uuid */
            agentId: string;
            /** Format: date-time */
            createdAt: string;
            key: string;
            name: string;
            /** @enum {string} */
            type: "DWH_PASSWORD" | "CLOUD_PROVIDER_SECRET";
            /** Format: date-time */
            updatedAt: string;
        };
        /** @description Each item is the request body of the operation that creates it (validated by that operation). */
        SeedFixture: {
            /** @description Bodies of `POST /v1/agents`. */
            agents?: Record<string, never>[];
            /** @description Bodies of `POST /v1/api-credentials`. */
            apiCredentials?: Record<string, never>[];
            projects?: {
                /** @description Bodies of `POST /v1/projects/{projectId}/connections`. */
                connections?: Record<string, never>[];
                /** @description Bodies of `POST /v1/projects/{projectId}/data-platform-connections` (the warehouse connection). */
                dataPlatformConnections?: Record<string, never>[];
                /** @description Bodies of `POST /v1/projects/{projectId}/environments`. */
                environments?: Record<string, never>[];
                /** @description Bodies of `POST /v1/projects/{projectId}/secret-references/{name}`, each with its `name`. */
                secretReferences?: {
                    name: string;
                }[];
            }[];
        };
        SeedResult: {
            agents: {
                [key: string]: {
                    id?: string;
                };
            };
            apiCredentials: {
                [key: string]: {
                    clientId?: string;
                    clientSecret?: string;
                    role?: string;
                };
            };
            durationMs?: number;
            projects: {
                [key: string]: {
                    /** @description Data-platform and other connections */
                    connections?: string[];
                    environments?: string[];
                    hostedAgentId?: string;
                    id?: string;
                    secretReferences?: string[];
                };
            };
        };
        SharedPipeline: {
            description: string;
            sharedPipelineId: string;
            sharedPipelineIdPrefix?: string;
            sourcePipeline: string;
            versionName?: string;
        };
        SharedPipelineArtifactDetails: {
            branch?: string;
            commitHash?: string;
            /** Format: date-time */
            createdAt: string;
            enabled: boolean;
            /** @example matillion */
            provider: string;
            sharedPipelineIdPrefix: string;
            versionName: string;
        };
        SharedPipelineArtifactDetailsResponse: {
            artifactDetails: components["schemas"]["SharedPipelineArtifactDetails"];
            sharedPipelines: {
                description: string;
                sharedPipelineId: string;
                sourcePipeline: string;
            }[];
        };
        SharedPipelineArtifactPage: {
            page: number;
            results: components["schemas"]["SharedPipelineArtifactDetails"][];
            size: number;
            total: number;
        };
        SharedPipelinePage: {
            page: number;
            results: components["schemas"]["SharedPipeline"][];
            size: number;
            total: number;
        };
        SnapshotInfo: {
            /**
             * Format: date-time
             * @description Plinth's time when it was taken
             */
            createdAt: string;
            /** @description Time taking it took (ms; in the answer to PUT) */
            durationMs?: number;
            name: string;
            /** @description Rows copied */
            rows: number;
        };
        StreamingPipeline: {
            advancedProperties: components["schemas"]["StreamingStringMap"];
            agentId: string;
            name: string;
            projectId: string;
            streamingPipelineId: string;
            streamingSource: components["schemas"]["StreamingSource"];
            streamingTarget: components["schemas"]["StreamingTarget"];
        };
        StreamingPipelineRequest: {
            advancedProperties?: components["schemas"]["StreamingStringMap"];
            agentId: string;
            name: string;
            streamingSource: components["schemas"]["StreamingSource"];
            streamingTarget: components["schemas"]["StreamingTarget"];
        };
        /** @enum {string} */
        StreamingPipelineStatus: "STARTING" | "SNAPSHOTTING" | "STREAMING" | "STOPPING" | "NOT_RUNNING" | "UNKNOWN";
        /** @description A reference to a secret in the customer's secret manager; never a value. */
        StreamingSecretReference: {
            key?: string;
            secretKey?: string;
            secretLocation?: string;
            secretName: string;
            /** @description AWS_SECRETS_MANAGER, AZURE_KEY_VAULT or GOOGLE_SECRET_MANAGER (any case). */
            secretType: string;
        };
        StreamingSource: {
            connection: {
                database?: string;
                host?: string;
                jdbcProperties?: components["schemas"]["StreamingStringMap"];
                password?: components["schemas"]["StreamingSecretReference"];
                pdb?: string;
                port?: number;
                username?: string;
            };
            tables: {
                schema: string;
                table: string;
            }[];
            type: string;
        };
        StreamingStringMap: {
            [key: string]: string;
        };
        StreamingTarget: {
            accountKey?: components["schemas"]["StreamingSecretReference"];
            /** @description abs: the storage account. */
            accountName?: string;
            bucket?: string;
            connection?: {
                accountName?: string;
                authentication?: {
                    passphrase?: components["schemas"]["StreamingSecretReference"];
                    privateKey?: components["schemas"]["StreamingSecretReference"];
                    type?: string;
                };
                jdbcProperties?: components["schemas"]["StreamingStringMap"];
                username?: string;
            };
            container?: string;
            database?: string;
            decimalMapping?: string;
            prefix?: string;
            role?: string;
            stageName?: string;
            stagePrefix?: string;
            stageSchema?: string;
            tablePrefixType?: string;
            tableSchema?: string;
            temporalMapping?: string;
            transformationType?: string;
            type: string;
            warehouse?: string;
        };
        TokenError: {
            /** @enum {string} */
            error: "invalid_request" | "invalid_client" | "invalid_grant" | "unsupported_grant_type" | "invalid_scope" | "temporarily_unavailable" | "server_error";
            error_description?: string;
        };
        TokenResponse: {
            access_token: string;
            /** @example 1800 */
            expires_in: number;
            /** @example 0 */
            "not-before-policy": number;
            /** @example 0 */
            refresh_expires_in: number;
            /** @example pipeline-execution */
            scope: string;
            /** @example Bearer */
            token_type: string;
        };
        UpdateAgentRequest: {
            description?: string;
            enableAutoUpdates?: boolean;
            name?: string;
            restrictedAccess?: boolean;
            /**
             * @description Matched case-insensitively; stored and returned lower-case.
             * @enum {string}
             */
            trackName?: "current" | "stable";
        };
        UpdateConnectionRequest: {
            /** @description Optional: when omitted the current provider stays if it fits the new authType, else it is inferred as on create (a DWH connection's is the project's warehouse). */
            authProvider?: string;
            /** @enum {string} */
            authType: "GENERIC_SECRET" | "CLOUD_PROVIDER_SECRET" | "OAUTH_USER_TOKENS" | "OAUTH_AUTHORIZATION_CODE" | "OAUTH_CLIENT_CRED" | "COMPOSITE_TOKEN" | "OAUTH_1_0_X_ADS" | "KEY_PAIR" | "PASSWORD";
            connectionDetails?: components["schemas"]["ConnectionDetails"];
            /**
             * @description Must be the connection's current type (matched case-insensitively).
             * @enum {string}
             */
            platformConnectionType: "DWH" | "COMPONENT_BASIC" | "CLOUD_PLATFORM_CREDENTIALS";
        };
        UpdateScheduleRequest: {
            allowConcurrentExecutions?: boolean;
            cronExpression: string;
            cronTimezone?: string;
            /** Format: date-time */
            effectiveFrom?: string;
            name: string;
            scheduleEnabled?: boolean;
        };
        User: {
            /** @description A deactivated user cannot sign in and its tokens are refused. */
            active: boolean;
            /** Format: date-time */
            createdAt: string;
            /** @description Set by SCIM provisioning; null otherwise. */
            displayName: string | null;
            email: string;
            role: components["schemas"]["AccountRole"];
            /** Format: date-time */
            updatedAt: string;
            /** Format: uuid */
            userId: string;
        };
        Uuid: string;
        /**
         * @description Vault location for secrets, one variant per `type`: `AWS_SECRET_MANAGER` (+ `region`),
         *     `AZURE_SECRET_MANAGER` (+ `vaultName`), `GCP_SECRET_MANAGER` (+ `gcpProjectId`),
         *     `MATILLION_CUSTOMER_VAULT`, `DEFAULT_SECRET_VAULT`. A property of another variant is a 400.
         */
        VaultLocation: {
            /** @description GCP_SECRET_MANAGER only */
            gcpProjectId?: string;
            /** @description AWS_SECRET_MANAGER only */
            region?: string;
            /** @enum {string} */
            type: "AWS_SECRET_MANAGER" | "AZURE_SECRET_MANAGER" | "GCP_SECRET_MANAGER" | "MATILLION_CUSTOMER_VAULT" | "DEFAULT_SECRET_VAULT";
            /** @description AZURE_SECRET_MANAGER only */
            vaultName?: string;
        };
    };
    responses: {
        /** @description Bad Request — the body, path or query breaks a rule; `violations` names each field. */
        Problem400: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["ProblemDetail"];
            };
        };
        /** @description Missing, malformed, expired or otherwise invalid bearer token. */
        Problem401: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["ProblemDetail"];
            };
        };
        /** @description Unauthorized — the credential's role does not allow this operation. */
        Problem403: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["ProblemDetail"];
            };
        };
        /** @description Not found (also for resources of other accounts and projects the caller cannot see). */
        Problem404: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["ProblemDetail"];
            };
        };
        /** @description Conflict — a uniqueness or state rule. */
        Problem409: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["ProblemDetail"];
            };
        };
        /** @description Bad Gateway — the Git provider (GitLab) could not be reached or answered unexpectedly. */
        Problem502: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["ProblemDetail"];
            };
        };
        /** @description Gateway Timeout — the Git provider (GitLab) did not answer in time. */
        Problem504: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["ProblemDetail"];
            };
        };
        /** @description A discovery document. */
        ScimDocument: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/scim+json": Record<string, never>;
            };
        };
        /** @description An RFC 7644 Error. */
        ScimError: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/scim+json": components["schemas"]["ScimError"];
            };
        };
        /** @description The group. */
        ScimGroup: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/scim+json": components["schemas"]["ScimGroup"];
            };
        };
        /** @description An RFC 7644 ListResponse. */
        ScimList: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/scim+json": components["schemas"]["ScimListResponse"];
            };
        };
        /** @description The user. */
        ScimUser: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/scim+json": components["schemas"]["ScimUser"];
            };
        };
    };
    parameters: {
        /** @description The agent's id, a UUID in any case (returned lower-case; an upper-case id names the same agent). */
        AgentId: string;
        /** @description The environment's name, as sent or URL-encoded (`+` for spaces). */
        ArtifactEnvironmentName: string;
        /** @description The connection's name. */
        ConnectionNameQuery: string;
        /** @description GitLab only (required there) — the service-account personal access token. Never stored; Plinth stores only its rotation. */
        GitProviderAccessToken: string;
        /** @description 0-based page number. */
        Page: number;
        PipelineExecutionId: string;
        /** @description The project's id, a UUID in any case (returned lower-case; an upper-case id names the same project). */
        ProjectId: string;
        /** @description Accepted; every default attribute is returned regardless. */
        ScimAttributes: string;
        /** @description Results per page, default 100, at most 200 (negative reads as 0). */
        ScimCount: string;
        /** @description Comma-separated attributes to leave out (`members` on groups, `groups` on users); others are ignored. */
        ScimExcludedAttributes: string;
        /** @description RFC 7644 filter: `eq`, `and`, `or`, parentheses, value paths; e.g. `userName eq "ann@example.com"`. */
        ScimFilter: string;
        ScimId: string;
        /** @description 1-based index of the first result (below 1 reads as 1). */
        ScimStartIndex: string;
        /** @description Page size, 1–100. */
        Size: number;
        /** @description Letters, digits, `.`, `_` and `-`, at most 64. */
        SnapshotName: string;
        /** @description The streaming pipeline's id (a UUID in any case). */
        StreamingPipelineId: string;
        TestExecutionId: string;
        /** @description The user's id, a UUID in any case. */
        UserId: string;
    };
    requestBodies: {
        ScimPatch: {
            content: {
                "application/json": components["schemas"]["ScimPatchOp"];
                "application/scim+json": components["schemas"]["ScimPatchOp"];
            };
        };
        ScimUser: {
            content: {
                "application/json": components["schemas"]["ScimUser"];
                "application/scim+json": components["schemas"]["ScimUser"];
            };
        };
    };
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    jwks: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description JSON Web Key Set (RS256). Every key that may still verify a live token is listed. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        keys?: {
                            alg?: string;
                            e?: string;
                            kid?: string;
                            kty?: string;
                            n?: string;
                            use?: string;
                        }[];
                    };
                };
            };
        };
    };
    consoleSession: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The session's user and CSRF token. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConsoleSession"];
                };
            };
            401: components["responses"]["Problem401"];
        };
    };
    consoleSignIn: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    email: string;
                    password: string;
                };
            };
        };
        responses: {
            /** @description Signed in. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConsoleSession"];
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
        };
    };
    consoleSignOut: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Signed out; the cookie is cleared. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            403: components["responses"]["Problem403"];
        };
    };
    healthz: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The process is alive. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status?: string;
                    };
                };
            };
        };
    };
    getMetrics: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Metrics in the Prometheus text format, version 0.0.4. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": string;
                };
            };
            /** @description Metrics are off. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetail"];
                };
            };
        };
    };
    issueToken: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/x-www-form-urlencoded": {
                    /** @example https://api.matillion.com */
                    audience?: string;
                    client_id?: string;
                    client_secret?: string;
                    /** @enum {string} */
                    grant_type: "client_credentials" | "password";
                    /** @description grant_type=password (extension): the user's password. */
                    password?: string;
                    /** @enum {string} */
                    scope?: "pipeline-execution";
                    /** @description grant_type=password (extension): the user's email. */
                    username?: string;
                };
            };
        };
        responses: {
            /** @description Token issued, with Cache-Control: no-store. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenResponse"];
                };
            };
            /** @description invalid_request, unsupported_grant_type or invalid_scope. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenError"];
                };
            };
            /** @description invalid_client: unknown client or wrong secret (with `WWW-Authenticate: Basic` when the client used HTTP Basic); invalid_grant: bad user credentials (password grant). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenError"];
                };
            };
            /** @description Too many failed authentications. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenError"];
                };
            };
        };
    };
    getControls: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The database kind, the clock, the faults and the snapshot names. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        clock: components["schemas"]["ClockState"];
                        /** @enum {string} */
                        database: "sqlite" | "postgres";
                        faults: components["schemas"]["FaultsState"];
                        snapshots: string[];
                    };
                };
            };
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
        };
    };
    getClock: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The clock. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ClockState"];
                };
            };
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
        };
    };
    setClock: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @default false */
                    frozen?: boolean;
                    /** Format: date-time */
                    now: string;
                };
            };
        };
        responses: {
            /** @description The clock. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ClockState"];
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
        };
    };
    resetClock: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The clock, on real time again. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ClockState"];
                };
            };
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
        };
    };
    advanceClock: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    days?: number;
                    hours?: number;
                    milliseconds?: number;
                    minutes?: number;
                    /** @default true */
                    runJobs?: boolean;
                    seconds?: number;
                };
            };
        };
        responses: {
            /** @description The clock after the move, and what the jobs did. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        clock: components["schemas"]["ClockState"];
                        /** @description Per job run (absent when `runJobs` is false). */
                        jobs: {
                            gitlabTokenRotation?: {
                                failed?: number;
                                rotated?: number;
                                skipped?: number;
                            };
                            /** @description Pipeline runs this node advanced because their next step was due (a step delay ended on the moved clock). */
                            pipelineExecutions?: {
                                advanced?: number;
                            };
                            /** @description Schedule ticks this node claimed and fired, skipped (a run still active with allowConcurrentExecutions false) or could not start, ticks another node claimed first (lost), and the executions started. */
                            schedules?: {
                                executions?: string[];
                                failed?: number;
                                fired?: number;
                                lost?: number;
                                skipped?: number;
                            };
                        };
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
        };
    };
    getFaults: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The fault rules (with their hit counts), the rate-limit mode and the identity outage. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FaultsState"];
                };
            };
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
        };
    };
    clearFaults: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Cleared. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
        };
    };
    setIdentityOutage: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    enabled: boolean;
                    /** @default 0 */
                    latencyMs?: number;
                    retryAfterSeconds?: number;
                    /** @default 503 */
                    status?: number;
                };
            };
        };
        responses: {
            /** @description The outage setting. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IdentityOutage"];
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
        };
    };
    setRateLimitMode: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    mode: "configured" | "off" | "saas" | "saas-legacy" | "custom";
                    perMinute?: number;
                    perSecond?: number;
                };
            };
        };
        responses: {
            /** @description The mode and the limits now in force. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RateLimitState"];
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
        };
    };
    addFaultRule: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["FaultRuleRequest"];
            };
        };
        responses: {
            /** @description Added. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FaultRule"];
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
        };
    };
    deleteFaultRule: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                faultId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Removed. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
        };
    };
    resetState: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Reset. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ControlTiming"];
                };
            };
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
        };
    };
    seedState: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SeedFixture"];
            };
        };
        responses: {
            /** @description Seeded; what was created, by name (client secrets appear here only). */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SeedResult"];
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            409: components["responses"]["Problem409"];
        };
    };
    listSnapshots: {
        parameters: {
            query?: {
                /** @description 0-based page number. */
                page?: components["parameters"]["Page"];
                /** @description Page size, 1–100. */
                size?: components["parameters"]["Size"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of snapshots, oldest first. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PageEnvelope"] & {
                        results?: components["schemas"]["SnapshotInfo"][];
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
        };
    };
    saveSnapshot: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Letters, digits, `.`, `_` and `-`, at most 64. */
                snapshotName: components["parameters"]["SnapshotName"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Replaced. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SnapshotInfo"];
                };
            };
            /** @description Created. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SnapshotInfo"];
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
        };
    };
    deleteSnapshot: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Letters, digits, `.`, `_` and `-`, at most 64. */
                snapshotName: components["parameters"]["SnapshotName"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
        };
    };
    restoreSnapshot: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Letters, digits, `.`, `_` and `-`, at most 64. */
                snapshotName: components["parameters"]["SnapshotName"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Restored. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ControlTiming"];
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
        };
    };
    readyz: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Ready to serve. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status?: string;
                    };
                };
            };
            /** @description Not ready (database unreachable, start-up still running, or shutting down). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetail"];
                };
            };
        };
    };
    listAgents: {
        parameters: {
            query?: {
                /** @description 0-based page number. */
                page?: components["parameters"]["Page"];
                /** @description Page size, 1–100. */
                size?: components["parameters"]["Size"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of agents. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AgentPage"];
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
        };
    };
    createAgent: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateAgentRequest"];
            };
        };
        responses: {
            /** @description Created. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Agent"];
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            409: components["responses"]["Problem409"];
        };
    };
    getAgent: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The agent's id, a UUID in any case (returned lower-case; an upper-case id names the same agent). */
                agentId: components["parameters"]["AgentId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The agent. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Agent"];
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
        };
    };
    deleteAgent: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The agent's id, a UUID in any case (returned lower-case; an upper-case id names the same agent). */
                agentId: components["parameters"]["AgentId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted. */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            409: components["responses"]["Problem409"];
        };
    };
    updateAgent: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The agent's id, a UUID in any case (returned lower-case; an upper-case id names the same agent). */
                agentId: components["parameters"]["AgentId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateAgentRequest"];
            };
        };
        responses: {
            /** @description Accepted and applied. */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Agent"];
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            409: components["responses"]["Problem409"];
        };
    };
    getAgentAllowlist: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The agent's id, a UUID in any case (returned lower-case; an upper-case id names the same agent). */
                agentId: components["parameters"]["AgentId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The allow list. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AgentAllowlist"];
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
        };
    };
    updateAgentAllowlist: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The agent's id, a UUID in any case (returned lower-case; an upper-case id names the same agent). */
                agentId: components["parameters"]["AgentId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description Project ids (UUIDs in any case; stored and returned lower-case, so the same project named in two cases is one entry) → environments. */
                    projects: {
                        [key: string]: {
                            environments?: string[];
                        };
                    };
                };
            };
        };
        responses: {
            /** @description Added; the whole allow list. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AgentAllowlist"];
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            409: components["responses"]["Problem409"];
        };
    };
    agentCommand: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The agent's id, a UUID in any case (returned lower-case; an upper-case id names the same agent). */
                agentId: components["parameters"]["AgentId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description Matched case-insensitively.
                     * @enum {string}
                     */
                    command: "RESTART" | "PAUSE" | "RESUME";
                };
            };
        };
        responses: {
            /** @description Received and applied. */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Agent"];
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            409: components["responses"]["Problem409"];
        };
    };
    getAgentCredentials: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The agent's id, a UUID in any case (returned lower-case; an upper-case id names the same agent). */
                agentId: components["parameters"]["AgentId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The client id and secret (the secret is absent only for a credential issued before secrets were kept sealed). */
            200: {
                headers: {
                    "Cache-Control"?: "no-store";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AgentCredentials"];
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            409: components["responses"]["Problem409"];
        };
    };
    refreshAgentCredentials: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The agent's id, a UUID in any case (returned lower-case; an upper-case id names the same agent). */
                agentId: components["parameters"]["AgentId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description Matched case-insensitively.
                     * @enum {string}
                     */
                    action: "SECRET_REFRESH";
                };
            };
        };
        responses: {
            /** @description The client id and the new secret. */
            200: {
                headers: {
                    "Cache-Control"?: "no-store";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AgentCredentials"];
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            409: components["responses"]["Problem409"];
        };
    };
    listApiCredentials: {
        parameters: {
            query?: {
                /** @description 0-based page number. */
                page?: components["parameters"]["Page"];
                /** @description Page size, 1–100. */
                size?: components["parameters"]["Size"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of credentials. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        page: number;
                        results: components["schemas"]["ApiCredential"][];
                        size: number;
                        total: number;
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
        };
    };
    createApiCredential: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    /** @enum {string} */
                    role: "SUPER_ADMIN" | "BILLING_ADMIN" | "ADMIN" | "MEMBER";
                };
            };
        };
        responses: {
            /** @description Created; store `clientSecret` now, it is never shown again. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        clientId: string;
                        clientSecret: string;
                        /** Format: date-time */
                        createdAt: string;
                        name: string;
                        role: string;
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            409: components["responses"]["Problem409"];
        };
    };
    deleteApiCredential: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                clientId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            409: components["responses"]["Problem409"];
        };
    };
    getConsumption: {
        parameters: {
            query: {
                consumedBefore: string;
                consumedFrom: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Consumption per day. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        results: {
                            consumedBefore: string;
                            consumedFrom: string;
                            consumption: {
                                consumptionType: string;
                                credits: number;
                                dimensions: {
                                    [key: string]: string;
                                };
                            }[];
                        }[];
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
        };
    };
    getEtlUsersConsumption: {
        parameters: {
            query: {
                consumedBefore: string;
                consumedFrom: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Charged users and credits. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        chargedUsers: {
                            username: string;
                        }[];
                        /** Format: date-time */
                        consumedBefore: string;
                        /** Format: date-time */
                        consumedFrom: string;
                        credits: number;
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
        };
    };
    listCustomConnectors: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The profiles. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConnectorProfileList"];
                };
            };
            401: components["responses"]["Problem401"];
        };
    };
    registerCustomConnector: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ConnectorProfileInput"];
            };
        };
        responses: {
            /** @description The profile replaced an earlier one with the same key. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConnectorProfile"];
                };
            };
            /** @description The profile as stored. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConnectorProfile"];
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
        };
    };
    listScimTokens: {
        parameters: {
            query?: {
                /** @description 0-based page number. */
                page?: components["parameters"]["Page"];
                /** @description Page size, 1–100. */
                size?: components["parameters"]["Size"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of SCIM tokens. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        page: number;
                        results: components["schemas"]["ScimToken"][];
                        size: number;
                        total: number;
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
        };
    };
    createScimToken: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                };
            };
        };
        responses: {
            /** @description Created; store `secret` now, it is never shown again. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ScimToken"] & {
                        secret: string;
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
        };
    };
    deleteScimToken: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                scimTokenId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Revoked. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
        };
    };
    listScimGroups: {
        parameters: {
            query?: {
                /** @description Accepted; every default attribute is returned regardless. */
                attributes?: components["parameters"]["ScimAttributes"];
                /** @description Results per page, default 100, at most 200 (negative reads as 0). */
                count?: components["parameters"]["ScimCount"];
                /** @description Comma-separated attributes to leave out (`members` on groups, `groups` on users); others are ignored. */
                excludedAttributes?: components["parameters"]["ScimExcludedAttributes"];
                /** @description RFC 7644 filter: `eq`, `and`, `or`, parentheses, value paths; e.g. `userName eq "ann@example.com"`. */
                filter?: components["parameters"]["ScimFilter"];
                /** @description 1-based index of the first result (below 1 reads as 1). */
                startIndex?: components["parameters"]["ScimStartIndex"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["ScimList"];
            400: components["responses"]["ScimError"];
            401: components["responses"]["ScimError"];
            403: components["responses"]["ScimError"];
        };
    };
    getScimGroup: {
        parameters: {
            query?: {
                /** @description Accepted; every default attribute is returned regardless. */
                attributes?: components["parameters"]["ScimAttributes"];
                /** @description Comma-separated attributes to leave out (`members` on groups, `groups` on users); others are ignored. */
                excludedAttributes?: components["parameters"]["ScimExcludedAttributes"];
            };
            header?: never;
            path: {
                id: components["parameters"]["ScimId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["ScimGroup"];
            401: components["responses"]["ScimError"];
            403: components["responses"]["ScimError"];
            404: components["responses"]["ScimError"];
        };
    };
    patchScimGroup: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["ScimId"];
            };
            cookie?: never;
        };
        requestBody: components["requestBodies"]["ScimPatch"];
        responses: {
            200: components["responses"]["ScimGroup"];
            400: components["responses"]["ScimError"];
            401: components["responses"]["ScimError"];
            403: components["responses"]["ScimError"];
            404: components["responses"]["ScimError"];
        };
    };
    listScimResourceTypes: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["ScimList"];
            401: components["responses"]["ScimError"];
            403: components["responses"]["ScimError"];
        };
    };
    getScimResourceType: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["ScimId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["ScimDocument"];
            401: components["responses"]["ScimError"];
            403: components["responses"]["ScimError"];
            404: components["responses"]["ScimError"];
        };
    };
    listScimSchemas: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["ScimList"];
            401: components["responses"]["ScimError"];
            403: components["responses"]["ScimError"];
        };
    };
    getScimSchema: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["ScimId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["ScimDocument"];
            401: components["responses"]["ScimError"];
            403: components["responses"]["ScimError"];
            404: components["responses"]["ScimError"];
        };
    };
    getScimServiceProviderConfig: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["ScimDocument"];
            401: components["responses"]["ScimError"];
            403: components["responses"]["ScimError"];
        };
    };
    listScimUsers: {
        parameters: {
            query?: {
                /** @description Accepted; every default attribute is returned regardless. */
                attributes?: components["parameters"]["ScimAttributes"];
                /** @description Results per page, default 100, at most 200 (negative reads as 0). */
                count?: components["parameters"]["ScimCount"];
                /** @description Comma-separated attributes to leave out (`members` on groups, `groups` on users); others are ignored. */
                excludedAttributes?: components["parameters"]["ScimExcludedAttributes"];
                /** @description RFC 7644 filter: `eq`, `and`, `or`, parentheses, value paths; e.g. `userName eq "ann@example.com"`. */
                filter?: components["parameters"]["ScimFilter"];
                /** @description 1-based index of the first result (below 1 reads as 1). */
                startIndex?: components["parameters"]["ScimStartIndex"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["ScimList"];
            400: components["responses"]["ScimError"];
            401: components["responses"]["ScimError"];
            403: components["responses"]["ScimError"];
        };
    };
    createScimUser: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: components["requestBodies"]["ScimUser"];
        responses: {
            201: components["responses"]["ScimUser"];
            400: components["responses"]["ScimError"];
            401: components["responses"]["ScimError"];
            403: components["responses"]["ScimError"];
            409: components["responses"]["ScimError"];
        };
    };
    getScimUser: {
        parameters: {
            query?: {
                /** @description Accepted; every default attribute is returned regardless. */
                attributes?: components["parameters"]["ScimAttributes"];
                /** @description Comma-separated attributes to leave out (`members` on groups, `groups` on users); others are ignored. */
                excludedAttributes?: components["parameters"]["ScimExcludedAttributes"];
            };
            header?: never;
            path: {
                id: components["parameters"]["ScimId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["ScimUser"];
            401: components["responses"]["ScimError"];
            403: components["responses"]["ScimError"];
            404: components["responses"]["ScimError"];
        };
    };
    updateScimUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["ScimId"];
            };
            cookie?: never;
        };
        requestBody: components["requestBodies"]["ScimUser"];
        responses: {
            200: components["responses"]["ScimUser"];
            400: components["responses"]["ScimError"];
            401: components["responses"]["ScimError"];
            403: components["responses"]["ScimError"];
            404: components["responses"]["ScimError"];
            409: components["responses"]["ScimError"];
        };
    };
    deleteScimUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["ScimId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["ScimError"];
            403: components["responses"]["ScimError"];
            404: components["responses"]["ScimError"];
            409: components["responses"]["ScimError"];
        };
    };
    patchScimUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["ScimId"];
            };
            cookie?: never;
        };
        requestBody: components["requestBodies"]["ScimPatch"];
        responses: {
            200: components["responses"]["ScimUser"];
            400: components["responses"]["ScimError"];
            401: components["responses"]["ScimError"];
            403: components["responses"]["ScimError"];
            404: components["responses"]["ScimError"];
            409: components["responses"]["ScimError"];
        };
    };
    listAuditEvents: {
        parameters: {
            query: {
                /** @description Only events by this actor (`actorId`, a client id or user id). */
                actorId?: string;
                /** @description Only events with this `eventName` (see the catalogue). */
                eventName?: string;
                /** @description Only events with this `eventType`. */
                eventType?: string;
                /** @description Earliest date and time (ISO 8601 with an offset), e.g. `2025-02-20T07:15:15.000-01:00`. */
                from: string;
                /** @description `asc` (default, oldest first) or `desc` (newest first). */
                order?: "asc" | "desc";
                /** @description 0-based page number. */
                page?: components["parameters"]["Page"];
                /** @description Only events of this project (`eventProjectId`). */
                projectId?: string;
                /** @description Page size, 1–100. */
                size?: components["parameters"]["Size"];
                /** @description Latest date and time (ISO 8601 with an offset). */
                to: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Audit logs have been retrieved. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * Format: int32
                         * @description 0-indexed page number.
                         */
                        page: number;
                        results: components["schemas"]["AuditEvent"][];
                        /** Format: int32 */
                        size: number;
                        /**
                         * Format: int64
                         * @description Total number of available results across all pages.
                         */
                        total: number;
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
        };
    };
    listFlexConnectors: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The profiles. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConnectorProfileList"];
                };
            };
            401: components["responses"]["Problem401"];
        };
    };
    registerFlexConnector: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ConnectorProfileInput"];
            };
        };
        responses: {
            /** @description The profile replaced an earlier one with the same key. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConnectorProfile"];
                };
            };
            /** @description The profile as stored. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConnectorProfile"];
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
        };
    };
    listInvitations: {
        parameters: {
            query?: {
                /** @description 0-based page number. */
                page?: components["parameters"]["Page"];
                /** @description Page size, 1–100. */
                size?: components["parameters"]["Size"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of invitations. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        page: number;
                        results: components["schemas"]["Invitation"][];
                        size: number;
                        total: number;
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
        };
    };
    createInvitation: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    email: string;
                    role: components["schemas"]["AccountRole"];
                };
            };
        };
        responses: {
            /** @description Created; send `inviteUrl` to the person now, it is never shown again. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        email: string;
                        /** Format: date-time */
                        expiresAt: string;
                        /** Format: uuid */
                        invitationId: string;
                        /** Format: uri */
                        inviteUrl: string;
                        role: components["schemas"]["AccountRole"];
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            409: components["responses"]["Problem409"];
        };
    };
    deleteInvitation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                invitationId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Withdrawn. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
        };
    };
    acceptInvitation: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    password: string;
                    token: string;
                };
            };
        };
        responses: {
            /** @description The new user. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            400: components["responses"]["Problem400"];
            409: components["responses"]["Problem409"];
        };
    };
    getLineageEvents: {
        parameters: {
            query: {
                generatedBefore: string;
                generatedFrom: string;
                /** @description 0-based page number. */
                page?: components["parameters"]["Page"];
                /** @description Page size, 1–100. */
                size?: components["parameters"]["Size"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of events. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        page: number;
                        results: {
                            event: {
                                [key: string]: unknown;
                            };
                            id: string;
                        }[];
                        size: number;
                        total: number;
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
        };
    };
    listPipelineExecutions: {
        parameters: {
            query?: {
                environmentName?: string;
                limit?: number;
                paginationToken?: string;
                pipelineName?: string;
                projectId?: string;
                scheduleId?: string;
                startedAfter?: string;
                startedBefore?: string;
                status?: components["schemas"]["ExecutionStatus"];
                timeFrame?: string;
                trigger?: "DESIGNER" | "API" | "SCHEDULE" | "SCHEDULE_RUN_NOW" | "UNKNOWN";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of executions. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        more?: string;
                        results: components["schemas"]["PipelineExecution"][];
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
        };
    };
    listProjects: {
        parameters: {
            query?: {
                /** @description 0-based page number. */
                page?: components["parameters"]["Page"];
                /** @description Page size, 1–100. */
                size?: components["parameters"]["Size"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of projects. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProjectPage"];
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
        };
    };
    createProject: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateProjectRequest"];
            };
        };
        responses: {
            /** @description Created. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreateProjectResponse"];
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            409: components["responses"]["Problem409"];
        };
    };
    getProject: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The project's id, a UUID in any case (returned lower-case; an upper-case id names the same project). */
                projectId: components["parameters"]["ProjectId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The project. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Project"];
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            404: components["responses"]["Problem404"];
        };
    };
    deleteProject: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The project's id, a UUID in any case (returned lower-case; an upper-case id names the same project). */
                projectId: components["parameters"]["ProjectId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
        };
    };
    listArtifacts: {
        parameters: {
            query: {
                enabledOnly?: boolean;
                /** @description The environment's name, as sent or URL-encoded (`+` for spaces). */
                environmentName: components["parameters"]["ArtifactEnvironmentName"];
                /** @description 0-based page number. */
                page?: components["parameters"]["Page"];
                /** @description Page size, 1–100. */
                size?: components["parameters"]["Size"];
            };
            header?: never;
            path: {
                /** @description The project's id, a UUID in any case (returned lower-case; an upper-case id names the same project). */
                projectId: components["parameters"]["ProjectId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of artifacts. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ArtifactPage"];
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
        };
    };
    createArtifact: {
        parameters: {
            query?: never;
            header?: {
                branch?: string;
                commitHash?: string;
                /** @description The environment to deploy to; required here or as a form field. May be URL-encoded (`+` for spaces). */
                environmentName?: string;
                /** @description The version label; required here or as a form field. */
                versionName?: string;
            };
            path: {
                /** @description The project's id, a UUID in any case (returned lower-case; an upper-case id names the same project). */
                projectId: components["parameters"]["ProjectId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": {
                    [key: string]: string;
                };
            };
        };
        responses: {
            /** @description Created artifact successfully. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ArtifactCreated"];
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            409: components["responses"]["Problem409"];
        };
    };
    updateArtifactEnabled: {
        parameters: {
            query: {
                /** @description The environment's name, as sent or URL-encoded (`+` for spaces). */
                environmentName: components["parameters"]["ArtifactEnvironmentName"];
                versionName: string;
            };
            header?: never;
            path: {
                /** @description The project's id, a UUID in any case (returned lower-case; an upper-case id names the same project). */
                projectId: components["parameters"]["ProjectId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    enabled: boolean;
                };
            };
        };
        responses: {
            /** @description The artifact's details after the change. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ArtifactDetailsResponse"];
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
        };
    };
    getArtifactDetails: {
        parameters: {
            query: {
                /** @description The environment's name, as sent or URL-encoded (`+` for spaces). */
                environmentName: components["parameters"]["ArtifactEnvironmentName"];
                versionName?: string;
            };
            header?: never;
            path: {
                /** @description The project's id, a UUID in any case (returned lower-case; an upper-case id names the same project). */
                projectId: components["parameters"]["ProjectId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The artifact's details. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ArtifactDetailsResponse"];
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
        };
    };
    promoteArtifact: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The project's id, a UUID in any case (returned lower-case; an upper-case id names the same project). */
                projectId: components["parameters"]["ProjectId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    sourceEnvironmentName: string;
                    targetEnvironmentName: string;
                    versionName: string;
                };
            };
        };
        responses: {
            /** @description Artifact promoted successfully. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        environmentName: string;
                        versionName: string;
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            409: components["responses"]["Problem409"];
        };
    };
    listProjectConnections: {
        parameters: {
            query?: {
                /** @description Comma-separated list of providers. */
                authProvider?: string;
                /** @description Comma-separated list of connection names. */
                connectionNames?: string;
                /** @description 0-based page number. */
                page?: components["parameters"]["Page"];
                /** @description Comma-separated list of DWH, COMPONENT_BASIC, CLOUD_PLATFORM_CREDENTIALS. */
                platformConnectionType?: string;
                /** @description Page size, 1–100. */
                size?: components["parameters"]["Size"];
            };
            header?: never;
            path: {
                /** @description The project's id, a UUID in any case (returned lower-case; an upper-case id names the same project). */
                projectId: components["parameters"]["ProjectId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of connections. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProjectConnectionPage"];
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            404: components["responses"]["Problem404"];
        };
    };
    updateProjectConnection: {
        parameters: {
            query: {
                /** @description The connection's name. */
                connectionName: components["parameters"]["ConnectionNameQuery"];
            };
            header?: never;
            path: {
                /** @description The project's id, a UUID in any case (returned lower-case; an upper-case id names the same project). */
                projectId: components["parameters"]["ProjectId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateConnectionRequest"];
            };
        };
        responses: {
            /** @description The updated connection. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProjectConnectionResponse"];
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            409: components["responses"]["Problem409"];
        };
    };
    createProjectConnection: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The project's id, a UUID in any case (returned lower-case; an upper-case id names the same project). */
                projectId: components["parameters"]["ProjectId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateConnectionRequest"];
            };
        };
        responses: {
            /** @description Connection created successfully. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProjectConnectionResponse"];
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            /** @description Connection name needs to be unique in the project. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetail"];
                };
            };
        };
    };
    deleteProjectConnection: {
        parameters: {
            query: {
                /** @description The connection's name. */
                connectionName: components["parameters"]["ConnectionNameQuery"];
            };
            header?: never;
            path: {
                /** @description The project's id, a UUID in any case (returned lower-case; an upper-case id names the same project). */
                projectId: components["parameters"]["ProjectId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successfully deleted. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            409: components["responses"]["Problem409"];
        };
    };
    listEnvironmentConnectionOverrides: {
        parameters: {
            query: {
                environmentName: string;
                /** @description 0-based page number. */
                page?: components["parameters"]["Page"];
                /** @description Page size, 1–100. */
                size?: components["parameters"]["Size"];
            };
            header?: never;
            path: {
                /** @description The project's id, a UUID in any case (returned lower-case; an upper-case id names the same project). */
                projectId: components["parameters"]["ProjectId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of overrides. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EnvironmentConnectionOverridePage"];
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
        };
    };
    updateEnvironmentConnectionOverride: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The project's id, a UUID in any case (returned lower-case; an upper-case id names the same project). */
                projectId: components["parameters"]["ProjectId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["EnvironmentConnectionOverrideRequest"];
            };
        };
        responses: {
            /** @description The replaced override. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EnvironmentConnectionOverrideResponse"];
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
        };
    };
    createEnvironmentConnectionOverride: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The project's id, a UUID in any case (returned lower-case; an upper-case id names the same project). */
                projectId: components["parameters"]["ProjectId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["EnvironmentConnectionOverrideRequest"];
            };
        };
        responses: {
            /** @description Override created. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EnvironmentConnectionOverrideResponse"];
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            409: components["responses"]["Problem409"];
        };
    };
    deleteEnvironmentConnectionOverrides: {
        parameters: {
            query: {
                /** @description Comma-separated list of connection names. */
                connectionNames: string;
                environmentName: string;
            };
            header?: never;
            path: {
                /** @description The project's id, a UUID in any case (returned lower-case; an upper-case id names the same project). */
                projectId: components["parameters"]["ProjectId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
        };
    };
    createDataPlatformConnection: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The project's id, a UUID in any case (returned lower-case; an upper-case id names the same project). */
                projectId: components["parameters"]["ProjectId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateDataPlatformConnectionRequest"];
            };
        };
        responses: {
            /** @description Default Data Warehouse Connection created. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProjectConnectionResponse"];
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            409: components["responses"]["Problem409"];
        };
    };
    listEnvironments: {
        parameters: {
            query?: {
                /** @description 0-based page number. */
                page?: components["parameters"]["Page"];
                /** @description Page size, 1–100. */
                size?: components["parameters"]["Size"];
            };
            header?: never;
            path: {
                /** @description The project's id, a UUID in any case (returned lower-case; an upper-case id names the same project). */
                projectId: components["parameters"]["ProjectId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of environments. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EnvironmentPage"];
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            404: components["responses"]["Problem404"];
        };
    };
    createEnvironment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The project's id, a UUID in any case (returned lower-case; an upper-case id names the same project). */
                projectId: components["parameters"]["ProjectId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateEnvironmentRequest"];
            };
        };
        responses: {
            /** @description The environment. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Environment"];
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            409: components["responses"]["Problem409"];
        };
    };
    getEnvironment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                environmentName: string;
                /** @description The project's id, a UUID in any case (returned lower-case; an upper-case id names the same project). */
                projectId: components["parameters"]["ProjectId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The environment. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Environment"];
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
        };
    };
    deleteEnvironment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                environmentName: string;
                /** @description The project's id, a UUID in any case (returned lower-case; an upper-case id names the same project). */
                projectId: components["parameters"]["ProjectId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
        };
    };
    updateEnvironment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                environmentName: string;
                /** @description The project's id, a UUID in any case (returned lower-case; an upper-case id names the same project). */
                projectId: components["parameters"]["ProjectId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    defaultUserAccessLevel?: "default" | "admin" | "runner" | "readOnly" | "noAccess";
                    description?: string | null;
                    displayName?: string | null;
                };
            };
        };
        responses: {
            /** @description The environment as it now is. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Environment"];
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
        };
    };
    listProjectMembers: {
        parameters: {
            query?: {
                /** @description 0-based page number. */
                page?: components["parameters"]["Page"];
                /** @description Page size, 1–100. */
                size?: components["parameters"]["Size"];
            };
            header?: never;
            path: {
                /** @description The project's id, a UUID in any case (returned lower-case; an upper-case id names the same project). */
                projectId: components["parameters"]["ProjectId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of members. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        page: number;
                        results: components["schemas"]["ProjectMember"][];
                        size: number;
                        total: number;
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            404: components["responses"]["Problem404"];
        };
    };
    putProjectMember: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A user's id, or an API credential's client id (not an agent's credential). */
                principalId: string;
                /** @description The project's id, a UUID in any case (returned lower-case; an upper-case id names the same project). */
                projectId: components["parameters"]["ProjectId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description `{"<environment name>": role}`; environments not named follow their default. */
                    environmentRoles?: {
                        [key: string]: components["schemas"]["EnvironmentRole"];
                    };
                    role: components["schemas"]["ProjectRole"];
                };
            };
        };
        responses: {
            /** @description The member as it now is. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProjectMember"];
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
        };
    };
    deleteProjectMember: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A user's id, or an API credential's client id (not an agent's credential). */
                principalId: string;
                /** @description The project's id, a UUID in any case (returned lower-case; an upper-case id names the same project). */
                projectId: components["parameters"]["ProjectId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Removed. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
        };
    };
    putPipelineBehaviour: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The project's id, a UUID in any case (returned lower-case; an upper-case id names the same project). */
                projectId: components["parameters"]["ProjectId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    environmentName: string;
                    fail?: boolean | string;
                    hang?: boolean | string;
                    pipelineName: string;
                    stepDelayMs?: number;
                };
            };
        };
        responses: {
            /** @description The behaviour now registered. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        environmentName: string;
                        fail?: boolean | string;
                        hang?: boolean | string;
                        pipelineName: string;
                        stepDelayMs?: number;
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
        };
    };
    executePublishedPipeline: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The project's id, a UUID in any case (returned lower-case; an upper-case id names the same project). */
                projectId: components["parameters"]["ProjectId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    agentId?: string;
                    environmentName: string;
                    executionTag?: string;
                    gridVariables?: {
                        [key: string]: (string | number | boolean | null)[][];
                    };
                    pipelineName: string;
                    scalarVariables?: {
                        [key: string]: string | number | boolean;
                    };
                    versionName?: string;
                };
            };
        };
        responses: {
            /** @description Pipeline executed. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        pipelineExecutionId: string;
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            409: components["responses"]["Problem409"];
            /** @description The pipeline's artifact is disabled in the environment. */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetail"];
                };
            };
        };
    };
    getPipelineExecution: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                pipelineExecutionId: components["parameters"]["PipelineExecutionId"];
                /** @description The project's id, a UUID in any case (returned lower-case; an upper-case id names the same project). */
                projectId: components["parameters"]["ProjectId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The execution. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PipelineExecution"];
                };
            };
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
        };
    };
    cancelPipelineExecution: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                pipelineExecutionId: components["parameters"]["PipelineExecutionId"];
                /** @description The project's id, a UUID in any case (returned lower-case; an upper-case id names the same project). */
                projectId: components["parameters"]["ProjectId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CancelRequest"];
            };
        };
        responses: {
            /** @description Pipeline execution cancelled (or hard cancelled) successfully. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        pipelineExecutionId: string;
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            409: components["responses"]["Problem409"];
        };
    };
    getExecutionStatusOnly: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                pipelineExecutionId: components["parameters"]["PipelineExecutionId"];
                /** @description The project's id, a UUID in any case (returned lower-case; an upper-case id names the same project). */
                projectId: components["parameters"]["ProjectId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The status. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        pipelineExecutionId: string;
                        result: {
                            status: components["schemas"]["ExecutionStatus"];
                        };
                        status: components["schemas"]["ExecutionStatus"];
                    };
                };
            };
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
        };
    };
    getPipelineExecutionSteps: {
        parameters: {
            query?: {
                /** @description 0-based page number. */
                page?: components["parameters"]["Page"];
                /** @description Page size, 1–100. */
                size?: components["parameters"]["Size"];
            };
            header?: never;
            path: {
                pipelineExecutionId: components["parameters"]["PipelineExecutionId"];
                /** @description The project's id, a UUID in any case (returned lower-case; an upper-case id names the same project). */
                projectId: components["parameters"]["ProjectId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of steps. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        page: number;
                        results: components["schemas"]["PipelineExecutionStep"][];
                        size: number;
                        total: number;
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
        };
    };
    listPublishedPipelines: {
        parameters: {
            query?: {
                environmentName?: string;
                /** @description 0-based page number. */
                page?: components["parameters"]["Page"];
                /** @description Page size, 1–100. */
                size?: components["parameters"]["Size"];
            };
            header?: never;
            path: {
                /** @description The project's id, a UUID in any case (returned lower-case; an upper-case id names the same project). */
                projectId: components["parameters"]["ProjectId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of published pipelines. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PublishedPipelinePage"];
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
        };
    };
    listRepositories: {
        parameters: {
            query?: {
                /** @description 0-based page number. */
                page?: components["parameters"]["Page"];
                /** @description Page size, 1–100. */
                size?: components["parameters"]["Size"];
            };
            header?: never;
            path: {
                /** @description The project's id, a UUID in any case (returned lower-case; an upper-case id names the same project). */
                projectId: components["parameters"]["ProjectId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page with the repository, or with none. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        page: number;
                        results: components["schemas"]["Repository"][];
                        size: number;
                        total: number;
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            404: components["responses"]["Problem404"];
        };
    };
    associateRepository: {
        parameters: {
            query?: never;
            header?: {
                /** @description GitLab only (required there) — the service-account personal access token. Never stored; Plinth stores only its rotation. */
                "Git-Provider-Access-Token"?: components["parameters"]["GitProviderAccessToken"];
            };
            path: {
                /** @description The project's id, a UUID in any case (returned lower-case; an upper-case id names the same project). */
                projectId: components["parameters"]["ProjectId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AssociateRepositoryRequest"];
            };
        };
        responses: {
            /** @description Repository associated successfully. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Repository"];
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            409: components["responses"]["Problem409"];
            502: components["responses"]["Problem502"];
            504: components["responses"]["Problem504"];
        };
    };
    rotateRepositoryToken: {
        parameters: {
            query?: never;
            header: {
                /** @description The new GitLab service-account personal access token (with the `self_rotate` scope). */
                "Git-Provider-Access-Token": string;
            };
            path: {
                /** @description The project's id, a UUID in any case (returned lower-case; an upper-case id names the same project). */
                projectId: components["parameters"]["ProjectId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Repository token rotated successfully. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Repository"];
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            409: components["responses"]["Problem409"];
            502: components["responses"]["Problem502"];
            504: components["responses"]["Problem504"];
        };
    };
    listSchedules: {
        parameters: {
            query?: {
                /** @description 0-based page number. */
                page?: components["parameters"]["Page"];
                /** @description Page size, 1–100. */
                size?: components["parameters"]["Size"];
            };
            header?: never;
            path: {
                /** @description The project's id, a UUID in any case (returned lower-case; an upper-case id names the same project). */
                projectId: components["parameters"]["ProjectId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of schedules. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: int32 */
                        page: number;
                        results: components["schemas"]["Schedule"][];
                        /** Format: int32 */
                        size: number;
                        /** Format: int64 */
                        total: number;
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
        };
    };
    createSchedule: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The project's id, a UUID in any case (returned lower-case; an upper-case id names the same project). */
                projectId: components["parameters"]["ProjectId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "pipeline": {
                 *         "pipelineName": "nightly-load",
                 *         "environmentName": "production"
                 *       },
                 *       "schedule": {
                 *         "name": "Nightly",
                 *         "cronExpression": "0 0 2 ? * MON-FRI",
                 *         "cronTimezone": "Europe/Dublin",
                 *         "effectiveFrom": "2026-01-01T00:00:00Z",
                 *         "scheduleEnabled": true
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["CreateScheduleRequest"];
            };
        };
        responses: {
            /** @description Schedule created. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        scheduleId: string;
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            409: components["responses"]["Problem409"];
        };
    };
    getSchedule: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The project's id, a UUID in any case (returned lower-case; an upper-case id names the same project). */
                projectId: components["parameters"]["ProjectId"];
                /** @description The schedule's id (a UUID in any case). */
                scheduleId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The schedule. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Schedule"];
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
        };
    };
    deleteSchedule: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The project's id, a UUID in any case (returned lower-case; an upper-case id names the same project). */
                projectId: components["parameters"]["ProjectId"];
                /** @description The schedule's id (a UUID in any case). */
                scheduleId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
        };
    };
    updateSchedule: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The project's id, a UUID in any case (returned lower-case; an upper-case id names the same project). */
                projectId: components["parameters"]["ProjectId"];
                /** @description The schedule's id (a UUID in any case). */
                scheduleId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateScheduleRequest"];
            };
        };
        responses: {
            /** @description Schedule updated successfully. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Schedule"];
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            409: components["responses"]["Problem409"];
        };
    };
    listSecretReferences: {
        parameters: {
            query?: {
                /** @description 0-based page number. */
                page?: components["parameters"]["Page"];
                /** @description Page size, 1–100. */
                size?: components["parameters"]["Size"];
            };
            header?: never;
            path: {
                /** @description The project's id, a UUID in any case (returned lower-case; an upper-case id names the same project). */
                projectId: components["parameters"]["ProjectId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of secret references. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        page: number;
                        results: components["schemas"]["SecretReference"][];
                        size: number;
                        total: number;
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            404: components["responses"]["Problem404"];
        };
    };
    createSecretReference: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The project's id, a UUID in any case (returned lower-case; an upper-case id names the same project). */
                projectId: components["parameters"]["ProjectId"];
                secretReferenceName: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AwsSecretReferenceRequest"] | components["schemas"]["AzureSecretReferenceRequest"] | components["schemas"]["MatillionHostedSecretReferenceRequest"];
            };
        };
        responses: {
            /** @description Created. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            409: components["responses"]["Problem409"];
        };
    };
    deleteSecretReference: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The project's id, a UUID in any case (returned lower-case; an upper-case id names the same project). */
                projectId: components["parameters"]["ProjectId"];
                secretReferenceName: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
        };
    };
    listStreamingPipelines: {
        parameters: {
            query?: {
                /** @description 0-based page number. */
                page?: components["parameters"]["Page"];
                /** @description Page size, 1–100. */
                size?: components["parameters"]["Size"];
            };
            header?: never;
            path: {
                /** @description The project's id, a UUID in any case (returned lower-case; an upper-case id names the same project). */
                projectId: components["parameters"]["ProjectId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of streaming pipeline definitions. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: int32 */
                        page: number;
                        results: components["schemas"]["StreamingPipeline"][];
                        /** Format: int32 */
                        size: number;
                        /** Format: int64 */
                        total: number;
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
        };
    };
    createStreamingPipeline: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The project's id, a UUID in any case (returned lower-case; an upper-case id names the same project). */
                projectId: components["parameters"]["ProjectId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["StreamingPipelineRequest"];
            };
        };
        responses: {
            /** @description Created. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StreamingPipeline"];
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            409: components["responses"]["Problem409"];
        };
    };
    getStreamingPipeline: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The project's id, a UUID in any case (returned lower-case; an upper-case id names the same project). */
                projectId: components["parameters"]["ProjectId"];
                /** @description The streaming pipeline's id (a UUID in any case). */
                streamingPipelineId: components["parameters"]["StreamingPipelineId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The definition. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StreamingPipeline"];
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
        };
    };
    replaceStreamingPipeline: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The project's id, a UUID in any case (returned lower-case; an upper-case id names the same project). */
                projectId: components["parameters"]["ProjectId"];
                /** @description The streaming pipeline's id (a UUID in any case). */
                streamingPipelineId: components["parameters"]["StreamingPipelineId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["StreamingPipelineRequest"];
            };
        };
        responses: {
            /** @description Replaced. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StreamingPipeline"];
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            409: components["responses"]["Problem409"];
        };
    };
    deleteStreamingPipeline: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The project's id, a UUID in any case (returned lower-case; an upper-case id names the same project). */
                projectId: components["parameters"]["ProjectId"];
                /** @description The streaming pipeline's id (a UUID in any case). */
                streamingPipelineId: components["parameters"]["StreamingPipelineId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
        };
    };
    executeStreamingPipelineCommand: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The project's id, a UUID in any case (returned lower-case; an upper-case id names the same project). */
                projectId: components["parameters"]["ProjectId"];
                /** @description The streaming pipeline's id (a UUID in any case). */
                streamingPipelineId: components["parameters"]["StreamingPipelineId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    command: string;
                };
            };
        };
        responses: {
            /** @description Successfully executed streaming pipeline command. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        command: "START" | "STOP";
                        status: components["schemas"]["StreamingPipelineStatus"];
                        streamingPipelineId: string;
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            409: components["responses"]["Problem409"];
        };
    };
    getStreamingPipelineStatus: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The project's id, a UUID in any case (returned lower-case; an upper-case id names the same project). */
                projectId: components["parameters"]["ProjectId"];
                /** @description The streaming pipeline's id (a UUID in any case). */
                streamingPipelineId: components["parameters"]["StreamingPipelineId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The status. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: components["schemas"]["StreamingPipelineStatus"];
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
        };
    };
    startTestExecution: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The project's id, a UUID in any case (returned lower-case; an upper-case id names the same project). */
                projectId: components["parameters"]["ProjectId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    environmentName: string;
                    pipelineName: string;
                    scalarVariables?: {
                        [key: string]: string | number | boolean;
                    };
                    versionName?: string;
                };
            };
        };
        responses: {
            /** @description Started. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        testExecutionId: string;
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            /** @description The pipeline's artifact is disabled in the environment. */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetail"];
                };
            };
        };
    };
    getTestExecution: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The project's id, a UUID in any case (returned lower-case; an upper-case id names the same project). */
                projectId: components["parameters"]["ProjectId"];
                testExecutionId: components["parameters"]["TestExecutionId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The test execution. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        environmentName: string;
                        /** Format: date-time */
                        finishedAt?: string;
                        message?: string;
                        pipelineName: string;
                        pipelineType?: string;
                        projectId: string;
                        /** Format: date-time */
                        startedAt: string;
                        status: components["schemas"]["ExecutionStatus"];
                        testExecutionId: string;
                        trigger?: string;
                    };
                };
            };
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
        };
    };
    cancelTestExecution: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The project's id, a UUID in any case (returned lower-case; an upper-case id names the same project). */
                projectId: components["parameters"]["ProjectId"];
                testExecutionId: components["parameters"]["TestExecutionId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CancelRequest"];
            };
        };
        responses: {
            /** @description Test execution cancelled. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        testExecutionId: string;
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            409: components["responses"]["Problem409"];
        };
    };
    createSecretValue: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The agent's id, a UUID in any case (returned lower-case; an upper-case id names the same agent). */
                agentId: components["parameters"]["AgentId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description The key inside the secret value that holds the credential. */
                    key: string;
                    /** @description The secret name, referenced later by connections and environments. */
                    name: string;
                    /** @enum {string} */
                    type: "DWH_PASSWORD" | "CLOUD_PROVIDER_SECRET";
                    value: string | Record<string, never>;
                };
            };
        };
        responses: {
            /** @description Stored. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SecretValueCreated"];
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            409: components["responses"]["Problem409"];
        };
    };
    listSecretValues: {
        parameters: {
            query?: {
                /** @description 0-based page number. */
                page?: components["parameters"]["Page"];
                /** @description Page size, 1–100. */
                size?: components["parameters"]["Size"];
            };
            header?: never;
            path: {
                /** @description The agent's id, a UUID in any case (returned lower-case; an upper-case id names the same agent). */
                agentId: components["parameters"]["AgentId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of secrets. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        page: number;
                        results: components["schemas"]["SecretValueInfo"][];
                        size: number;
                        total: number;
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
        };
    };
    deleteSecretValue: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The agent's id, a UUID in any case (returned lower-case; an upper-case id names the same agent). */
                agentId: components["parameters"]["AgentId"];
                secretName: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
        };
    };
    listSharedPipelines: {
        parameters: {
            query?: {
                /** @description 0-based page number. */
                page?: components["parameters"]["Page"];
                /** @description Page size, 1–100. */
                size?: components["parameters"]["Size"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of shared pipelines. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SharedPipelinePage"];
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
        };
    };
    listSharedPipelineArtifacts: {
        parameters: {
            query?: {
                /** @description 0-based page number. */
                page?: components["parameters"]["Page"];
                sharedPipelineIdPrefix?: string;
                /** @description Page size, 1–100. */
                size?: components["parameters"]["Size"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of artifact versions. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SharedPipelineArtifactPage"];
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
        };
    };
    createSharedPipelineArtifact: {
        parameters: {
            query?: never;
            header?: {
                branch?: string;
                commitHash?: string;
                sharedPipelineIdPrefix?: string;
                versionName?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": {
                    [key: string]: string;
                };
            };
        };
        responses: {
            /** @description Created shared-pipeline artifact successfully. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ArtifactCreated"];
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            409: components["responses"]["Problem409"];
        };
    };
    getSharedPipelineArtifactDetails: {
        parameters: {
            query: {
                sharedPipelineIdPrefix: string;
                versionName?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The artifact's details. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SharedPipelineArtifactDetailsResponse"];
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
        };
    };
    listUsers: {
        parameters: {
            query?: {
                /** @description 0-based page number. */
                page?: components["parameters"]["Page"];
                /** @description Page size, 1–100. */
                size?: components["parameters"]["Size"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of users. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        page: number;
                        results: components["schemas"]["User"][];
                        size: number;
                        total: number;
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
        };
    };
    getUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The user's id, a UUID in any case. */
                userId: components["parameters"]["UserId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The user. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
        };
    };
    deleteUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The user's id, a UUID in any case. */
                userId: components["parameters"]["UserId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Removed. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            409: components["responses"]["Problem409"];
        };
    };
    updateUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The user's id, a UUID in any case. */
                userId: components["parameters"]["UserId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    active?: boolean;
                    role?: components["schemas"]["AccountRole"];
                };
            };
        };
        responses: {
            /** @description The changed user. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            409: components["responses"]["Problem409"];
        };
    };
}
type WithRequired<T, K extends keyof T> = T & {
    [P in K]-?: T[P];
};
