// Prometheus metrics (beyond the spec; issue 20 §3), with prom-client: one registry per server, so
// an embedding host's own prom-client registry is untouched and two Rockets in one process do not
// collide. Request counters and latencies are recorded by plugins/metrics.ts; everything else is
// read when Prometheus scrapes (collect callbacks), so it costs nothing between scrapes.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Platform } from './platform/platform.js';
import { appSink } from './tracing/index.js';

export interface RocketMetrics {
  readonly registry: Registry;
  readonly requests: Counter<'app' | 'method' | 'route' | 'status'>;
  readonly duration: Histogram<'app' | 'method' | 'route'>;
}

export function createMetrics(platform: Platform): RocketMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'rocket_' });
  const requests = new Counter({
    name: 'rocket_http_requests_total', help: 'HTTP requests answered, by app, method, route pattern and status',
    labelNames: ['app', 'method', 'route', 'status'] as const, registers: [registry],
  });
  const duration = new Histogram({
    name: 'rocket_http_request_duration_seconds', help: 'Time to answer an HTTP request, by app, method and route pattern',
    labelNames: ['app', 'method', 'route'] as const, registers: [registry],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  });
  new Gauge({
    name: 'rocket_db_busy', help: 'Statements or transactions of an app database in flight or waiting at its admission gate',
    labelNames: ['app'] as const, registers: [registry],
    collect() {
      this.reset();
      for (const app of platform.apps.loadedApps()) this.set({ app: app.name }, app.busy);
    },
  });
  new Gauge({
    name: 'rocket_apps_loaded', help: 'Apps whose metadata this instance holds', registers: [registry],
    collect() {
      this.set([...platform.apps.loadedApps()].length);
    },
  });
  new Gauge({
    name: 'rocket_webhook_queue_length', help: 'Asynchronous webhook deliveries waiting in memory (beyond: in _webhook_logs for the scheduler)',
    registers: [registry],
    collect() {
      this.set(platform.webhooks.dispatcher.queuedJobs);
    },
  });
  new Gauge({
    name: 'rocket_events_dropped', help: 'System spans dropped by the event buffer\'s back-pressure since the app was loaded',
    labelNames: ['app'] as const, registers: [registry],
    collect() {
      this.reset();
      for (const app of platform.apps.loadedApps()) {
        const sink = appSink(app);
        if (sink) this.set({ app: app.name }, sink.dropped);
      }
    },
  });
  return { registry, requests, duration };
}
