// Generated from openapi/ by `npm run gen:types`. Do not edit.
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
         * @description `application/x-www-form-urlencoded` only, `grant_type=client_credentials`. The client
         *     authenticates either with `client_id` + `client_secret` in the body or with HTTP Basic
         *     (RFC 6749 Appendix B encoding), never both. `audience` is optional; when given it must be
         *     `https://api.matillion.com` or the configured `PLINTH_AUDIENCE`. `scope` is optional and
         *     may only be `pipeline-execution`.
         *
         *     Errors follow RFC 6749 §5.2: `{error, error_description}` with a generic public
         *     description (the reason is logged). `invalid_client` is 401 with
         *     `WWW-Authenticate: Basic` when Basic was used, 400 otherwise. After
         *     `PLINTH_AUTH_FAILURE_LIMIT` failed authentications for one client id within 15 minutes
         *     (three times that for one address), further attempts get 429 `temporarily_unavailable`
         *     with `Retry-After`, even with the right secret.
         */
        post: operations["issueToken"];
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
        /** Readiness (migrations applied, database reachable) */
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
                /** @description The agent's id (a lower-case UUID). */
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
         *     sent. Refused with 409 while the agent is `running` (send `PAUSE` first) and for
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
                /** @description The agent's id (a lower-case UUID). */
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
                /** @description The agent's id (a lower-case UUID). */
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
         *     | RESTART | pending, running, paused | running |
         *     | PAUSE | running, paused | paused, `pausedUntil` = now + 24 h (a lapsed pause reads as running) |
         *     | RESUME | running, paused | running |
         *
         *     PAUSE and RESUME on a `pending` agent (never started) are 409. Matillion-hosted agents: 409.
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
                /** @description The agent's id (a lower-case UUID). */
                agentId: components["parameters"]["AgentId"];
            };
            cookie?: never;
        };
        /**
         * Get the agent's client credentials
         * @description The agent authenticates at `POST /oauth/dpc/token` with these; its tokens may read only its
         *     own agent. Plinth keeps only a keyed hash of the secret, so it can be shown once: the first
         *     call issues the credential and returns `clientId` and `clientSecret`; later calls return
         *     `clientId` only. `POST` with `SECRET_REFRESH` issues a new secret (same client id) at any
         *     time. Matillion-hosted agents have no customer credentials: 409.
         */
        get: operations["getAgentCredentials"];
        put?: never;
        /**
         * Perform actions on agent credentials
         * @description `SECRET_REFRESH` replaces the secret: the old one stops authenticating immediately; tokens
         *     already issued with it stay valid until they expire (at most 1800 s).
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
    "/v1/projects": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List projects
         * @description Super Admin sees every project of the account; other roles see the projects they hold a grant on.
         */
        get: operations["listProjects"];
        put?: never;
        /**
         * Create a project
         * @description Creates a project with minimal information. Names are unique within the account (409).
         *     Until access is granted, only Super Admin credentials can see the new project (seed 000);
         *     other roles that may create projects (Billing Admin, Admin) get its id but a later read
         *     answers 404. A `FULL_SAAS` project gets a Matillion-hosted agent.
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
                /** @description The project's id (a lower-case v4 UUID). */
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
         */
        delete: operations["deleteProject"];
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
                /** @description The project's id (a lower-case v4 UUID). */
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
         *     project; Plinth checks this with `GET /personal_access_tokens/self` and `GET /projects/:id`
         *     (so the token also needs `read_api` or `api`). Plinth then rotates it immediately
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
                /** @description The project's id (a lower-case v4 UUID). */
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
    "/v1/projects/{projectId}/secret-references": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The project's id (a lower-case v4 UUID). */
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
                /** @description The project's id (a lower-case v4 UUID). */
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
    "/v1/secrets/{agentId}/secret-value": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The agent's id (a lower-case UUID). */
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
                /** @description The agent's id (a lower-case UUID). */
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
                /** @description The agent's id (a lower-case UUID). */
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
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        Agent: {
            /** Format: uuid */
            agentId: string;
            /**
             * @description See the life cycle under agentCommand.
             * @enum {string}
             */
            agentStatus: "pending" | "running" | "paused";
            /** @enum {string} */
            agentType: "data_productivity_cloud" | "streaming";
            /** @enum {string} */
            cloudProvider: "aws" | "azure" | "snowflake" | "gcp";
            /** @description true once the agent has been started (running or paused). */
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
            /** @description Present only when issued by this call. */
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
        AssociateRepositoryRequest: {
            /**
             * @description The Git provider.
             * @enum {string}
             */
            provider: "github" | "azure-devops" | "gitlab";
            providerParameters: Record<string, never>;
            repositoryName: string;
        } & (unknown & unknown & unknown);
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
        CreateAgentRequest: {
            /** @enum {string} */
            agentType: "data_productivity_cloud" | "streaming";
            /** @enum {string} */
            cloudProvider: "aws" | "azure" | "snowflake" | "gcp";
            /** @enum {string} */
            deployment: "fargate" | "eks" | "container app" | "aks" | "aci" | "native app" | "gke" | "gce";
            description?: string;
            enableAutoUpdates?: boolean;
            name: string;
            restrictedAccess?: boolean;
            /** @enum {string} */
            trackName?: "current" | "stable";
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
        PageEnvelope: {
            /** @description 0-based page number echoed back */
            page: number;
            results: unknown[];
            /** @description The effective page size */
            size: number;
            /** @description Number of items across all pages */
            total: number;
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
        ProjectPage: {
            page: number;
            results: components["schemas"]["Project"][];
            size: number;
            total: number;
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
        TokenError: {
            /** @enum {string} */
            error: "invalid_request" | "invalid_client" | "unsupported_grant_type" | "invalid_scope" | "temporarily_unavailable" | "server_error";
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
            /** @enum {string} */
            trackName?: "current" | "stable";
        };
        Uuid: string;
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
    };
    parameters: {
        /** @description The agent's id (a lower-case UUID). */
        AgentId: string;
        /** @description GitLab only (required there) — the service-account personal access token. Never stored; Plinth stores only its rotation. */
        GitProviderAccessToken: string;
        /** @description 0-based page number. */
        Page: number;
        /** @description The project's id (a lower-case v4 UUID). */
        ProjectId: string;
        /** @description Page size, 1–100. */
        Size: number;
    };
    requestBodies: never;
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
                    grant_type: "client_credentials";
                    /** @enum {string} */
                    scope?: "pipeline-execution";
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
            /** @description invalid_request, invalid_client (body credentials), unsupported_grant_type or invalid_scope. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenError"];
                };
            };
            /** @description invalid_client when the client used HTTP Basic. */
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
            /** @description Not ready (database unreachable or shutting down). */
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
                /** @description The agent's id (a lower-case UUID). */
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
                /** @description The agent's id (a lower-case UUID). */
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
                /** @description The agent's id (a lower-case UUID). */
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
                /** @description The agent's id (a lower-case UUID). */
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
                /** @description The agent's id (a lower-case UUID). */
                agentId: components["parameters"]["AgentId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
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
                /** @description The agent's id (a lower-case UUID). */
                agentId: components["parameters"]["AgentId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
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
                /** @description The agent's id (a lower-case UUID). */
                agentId: components["parameters"]["AgentId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The client id, and the secret when it was issued by this call. */
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
                /** @description The agent's id (a lower-case UUID). */
                agentId: components["parameters"]["AgentId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    action: "SECRET_REFRESH";
                };
            };
        };
        responses: {
            /** @description The client id and the new secret (shown only now). */
            200: {
                headers: {
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
                /** @description The project's id (a lower-case v4 UUID). */
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
                /** @description The project's id (a lower-case v4 UUID). */
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
                /** @description The project's id (a lower-case v4 UUID). */
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
                /** @description The project's id (a lower-case v4 UUID). */
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
                /** @description The project's id (a lower-case v4 UUID). */
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
                /** @description The project's id (a lower-case v4 UUID). */
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
                /** @description The project's id (a lower-case v4 UUID). */
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
                /** @description The project's id (a lower-case v4 UUID). */
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
    createSecretValue: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The agent's id (a lower-case UUID). */
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
                /** @description The agent's id (a lower-case UUID). */
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
                /** @description The agent's id (a lower-case UUID). */
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
}
type WithRequired<T, K extends keyof T> = T & {
    [P in K]-?: T[P];
};
