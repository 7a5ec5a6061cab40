// Workflows while the server runs (core/workflows/): the timeout scheduler of logic.md §4.9.
// Starts, approvals and rejections run in the requests that cause them.
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { workflowTimeoutsJob } from '../core/workflows/timeouts.js';
import { startJobs } from './jobs.js';

async function workflowsPlugin(fastify: FastifyInstance): Promise<void> {
  const { config, workflows } = fastify.rocket;
  startJobs(fastify, [workflowTimeoutsJob(workflows, config.workflows.timeout_interval_ms)]);
}

export default fp(workflowsPlugin, { name: 'rocket-workflows', fastify: '5.x', dependencies: ['rocket-platform'] });
