// Closes idle app pools periodically (core/platform/idle-pools.ts) while the server runs.
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { idlePoolsJob, type IdlePoolOptions } from '../core/platform/idle-pools.js';
import { startJobs } from './jobs.js';

async function idlePoolsPlugin(fastify: FastifyInstance, opts: IdlePoolOptions): Promise<void> {
  startJobs(fastify, [idlePoolsJob(fastify.rocket.apps, opts)]);
}

export default fp(idlePoolsPlugin, { name: 'rocket-idle-pools', fastify: '5.x', dependencies: ['rocket-platform'] });
