// Entity webhooks while the server runs (core/webhooks/): the retry scheduler, which also picks up
// pending deliveries whose writer died before attempting them.
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { webhookRetryJob } from '../core/webhooks/scheduler.js';
import { startJobs } from './jobs.js';

async function webhooksPlugin(fastify: FastifyInstance): Promise<void> {
  const { config, webhooks } = fastify.rocket;
  // A tick drains a backlog for up to a minute (batch after batch, as the dispatcher frees room)
  // before the next app's turn; four apps are served at a time.
  startJobs(fastify, [webhookRetryJob(webhooks.dispatcher, { intervalMs: config.webhooks.retry_interval_ms, budgetMs: 60_000, leaseMs: webhooks.leaseMs })]);
}

export default fp(webhooksPlugin, { name: 'rocket-webhooks', fastify: '5.x', dependencies: ['rocket-platform'] });
