import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { TestApp } from './app.js';
import { dpcFixtures, publishLikePublishPy } from './artifacts.js';
import { control } from './controls.js';
import { ok, projectWithEnvironments } from './schedules.js';

// Shared by the schedules CRUD, firing and two-node suites.

export const START = '2026-03-20T10:00:00.000Z'; // a Friday

export const body = (over: { pipeline?: Record<string, unknown>; schedule?: Record<string, unknown> } = {}) => ({
  pipeline: { pipelineName: 'nightly-load', environmentName: 'production', ...over.pipeline },
  schedule: { name: `s-${randomUUID().slice(0, 8)}`, cronExpression: '0 0 12 ? * MON-FRI', ...over.schedule },
});

export const PIPELINE = 'Devops/Check Network Access/Check Network Access';

/** A project whose `production` environment has the real DPC fixtures published (v1). */
export async function publishedProject(t: TestApp, token: string) {
  const { projectId } = await projectWithEnvironments(t, token, ['production']);
  await ok(await publishLikePublishPy(t, token, projectId, { versionName: 'v1', environmentName: 'production', files: dpcFixtures() }), 201);
  return projectId;
}

/** Moves this node's clock and runs its clock-driven jobs (POST /plinth/controls/clock/advance). */
export async function advance(t: TestApp, by: Record<string, number>) {
  const r = await control(t, 'POST', '/clock/advance', by);
  expect(r.statusCode, r.body).toBe(200);
  return r.json().jobs.schedules as { fired: number; skipped: number; failed: number; lost: number; executions: string[] };
}

/** The schedule's executions as the observability connector reads them (account list, newest first). */
export async function runsOf(t: TestApp, token: string, projectId: string, scheduleId: string) {
  const r = await ok(await t.inject({ method: 'GET', url: `/v1/pipeline-executions?projectId=${projectId}&scheduleId=${scheduleId}&limit=100`, token }), 200);
  return r.results as Array<{ pipelineExecutionId: string; trigger: string; scheduleId: string; status: string; startedAt: string; pipelineName: string }>;
}
