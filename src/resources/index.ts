import { loadOpenApi, loadOpenApiContract } from '../core/http/contract.js';
import type { Resource } from '../core/module.js';
import agents from './agents/index.js';
import apiCredentials from './api-credentials/index.js';
import connections from './connections/index.js';
import controls from './controls/index.js';
import environmentOverrides from './environment-overrides/index.js';
import environments from './environments/index.js';
import metrics from './metrics/index.js';
import oauth from './oauth/index.js';
import projects from './projects/index.js';
import repositories from './repositories/index.js';
import secretReferences from './secret-references/index.js';
import secrets from './secrets/index.js';
import users from './users/index.js';
import members from './members/index.js';
import auditEvents from './audit-events/index.js';
import scim from './scim/index.js';
import artifacts from './artifacts/index.js';
import pipelineExecutions from './pipeline-executions/index.js';
import schedules from './schedules/index.js';
import streamingPipelines from './streaming-pipelines/index.js';
import consoleUi from './console/index.js';

/**
 * Every resource, in registration order: a module may `use` the services of those before it.
 * Their OpenAPI fragments (`<name>/openapi.yaml`) are merged into the contract in this order too.
 * Adding a resource is a new folder and one line here.
 */
export const RESOURCES: readonly Resource[] = [
  oauth,
  projects,
  apiCredentials,
  users,
  agents,
  secrets,
  secretReferences,
  connections,
  environmentOverrides,
  environments,
  members,
  repositories,
  artifacts,
  pipelineExecutions,
  schedules,
  streamingPipelines,
  scim,
  auditEvents,
  consoleUi,
  // Plinth's own operations surface (issue 17), last so the SaaS contract's order is unchanged.
  metrics,
  controls,
];

/** The contract as served (from the sources, or from dist/openapi.json in the built server). */
export const loadContract = ({ fromSources = false } = {}) => loadOpenApi({ resources: RESOURCES.map((r) => r.name), fromSources });
/** The document as the server takes it: its text, and the document itself when built from the sources. */
export const loadServedContract = () => loadOpenApiContract({ resources: RESOURCES.map((r) => r.name) });
