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
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
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
        AzureDevOpsParameters: {
            /** @description The segment after dev.azure.com/ in the organization's URL. */
            organization: string;
            /** @description The Azure DevOps repository's UUID. */
            repositoryId: components["schemas"]["Uuid"];
            /** @description The Microsoft Entra tenant's UUID. */
            tenantId: components["schemas"]["Uuid"];
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
}
