// Platform housekeeping while the server runs (core/platform/idle-pools.ts): the idle sweep of app
// connections and handles, and the roll-back of apps left half-created by a crash.
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { idlePoolsJob, staleAppsJob, type IdlePoolOptions } from '../core/platform/idle-pools.js';
import { startJobs } from './jobs.js';

async function idlePoolsPlugin(fastify: FastifyInstance, opts: IdlePoolOptions): Promise<void> {
  const { config, apps } = fastify.rocket;
  startJobs(fastify, [
    idlePoolsJob(apps, { intervalMs: opts.intervalMs ?? config.database.idle_sweep_ms, idleMs: opts.idleMs ?? config.database.idle_ms }),
    staleAppsJob(apps, config.app_provisioning_lease_ms),
  ]);
}

export default fp(idlePoolsPlugin, { name: 'rocket-idle-pools', fastify: '5.x', dependencies: ['rocket-platform'] });
