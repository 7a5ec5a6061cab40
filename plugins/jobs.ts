// Starts a background concern's jobs with the server: a JobRunner over the loaded apps that starts
// when the server is ready and stops (waiting for running work) when it closes. Each concern's
// plugin calls it for its own jobs, so concerns come and go with their plugin. onClose hooks run in
// reverse registration order, so the runner stops before the platform closes the pools it uses.
import type { FastifyInstance } from 'fastify';
import { JobRunner, type Job } from '../core/jobs/runner.js';

export function startJobs(fastify: FastifyInstance, jobs: Job[], opts: { now?: () => number } = {}): JobRunner {
  const platform = fastify.rocket;
  const runner = new JobRunner({ log: fastify.log, apps: () => platform.apps.loadedApps(), now: opts.now });
  for (const job of jobs) runner.register(job);
  fastify.addHook('onReady', async () => runner.start());
  fastify.addHook('onClose', async () => runner.stop());
  return runner;
}
