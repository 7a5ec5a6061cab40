// Post-commit effects while the server runs (core/effects/): the job that finishes effects whose
// writer died between COMMIT and performing them.
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { effectsJob } from '../core/effects/job.js';
import { startJobs } from './jobs.js';

async function effectsPlugin(fastify: FastifyInstance): Promise<void> {
  const { config, effects } = fastify.rocket;
  startJobs(fastify, [effectsJob(effects, config.effects.interval_ms)]);
}

export default fp(effectsPlugin, { name: 'rocket-effects', fastify: '5.x', dependencies: ['rocket-platform'] });
