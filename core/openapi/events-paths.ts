// The events API in the OpenAPI document (observability-and-audit.md §A7), tagged `_events`: emit a
// business event (any authenticated caller), and for admins the query, a trace's waterfall and the
// aggregates.
import { ERROR_RESPONSE_NAME, ref } from './schemas.js';

type Schema = Record<string, unknown>;

const json = (schema: Schema): Schema => ({ 'application/json': { schema } });
const data = (schema: Schema): Schema => ({ type: 'object', required: ['data'], properties: { data: schema } });
const errorRefs = (...statuses: string[]): Schema =>
  Object.fromEntries(statuses.map((s) => [s, ref('responses', ERROR_RESPONSE_NAME.get(s)!)]));
const nullable = (type: string, extra: Schema = {}): Schema => ({ type: [type, 'null'], ...extra });
const query = (name: string, schema: Schema, description: string): Schema => ({ name, in: 'query', required: false, schema, description });

const uuid = { type: 'string', format: 'uuid' };
const timestamp = { type: 'string', format: 'date-time' };

const EVENT_PROPERTIES: Schema = {
  id: uuid,
  trace_id: { ...uuid, description: 'Groups every event of one request or scheduler work item.' },
  span_id: uuid,
  parent_span_id: nullable('string', { format: 'uuid', description: 'The enclosing span; null for a root span.' }),
  event_type: { type: 'string', enum: ['system', 'business'] },
  source: { type: 'string', description: 'http, auth, engine, webhook, workflow, storage, db; app for business events.' },
  component: { type: 'string' },
  action: { type: 'string', description: 'Dotted name, e.g. record.create, webhook.dispatch.' },
  entity: nullable('string'),
  record_id: nullable('string'),
  user_id: nullable('string', { format: 'uuid' }),
  duration_ms: nullable('number', { description: 'Rounded to 2 decimals; null for business events.' }),
  status: nullable('string', { enum: ['ok', 'error', 'timeout', 'skipped', null] }),
  metadata: nullable('object'),
  created_at: { ...timestamp, description: 'The span\'s start (business events: the time of posting).' },
};

/** `Event`, `EventPage`, `TraceSpan` (an event with its children), `TraceWaterfall`, `EventStats`. */
export function eventSchemas(): Record<string, Schema> {
  const required = Object.keys(EVENT_PROPERTIES);
  const durations = { count: { type: 'integer' }, avg_duration_ms: nullable('number'), p95_duration_ms: nullable('number'), error_count: { type: 'integer' } };
  return {
    Event: { type: 'object', required, properties: EVENT_PROPERTIES },
    EventPage: {
      type: 'object', required: ['data', 'pagination'],
      properties: {
        data: { type: 'array', items: ref('schemas', 'Event') },
        pagination: {
          type: 'object', required: ['page', 'per_page', 'total'],
          properties: { page: { type: 'integer' }, per_page: { type: 'integer' }, total: { type: 'integer' } },
        },
      },
    },
    TraceSpan: {
      type: 'object', required: [...required, 'children'],
      properties: { ...EVENT_PROPERTIES, children: { type: 'array', items: ref('schemas', 'TraceSpan') } },
    },
    TraceWaterfall: {
      type: 'object', required: ['trace_id', 'root_span', 'spans', 'span_count', 'total_duration_ms'],
      properties: {
        trace_id: uuid,
        root_span: ref('schemas', 'TraceSpan'),
        spans: { type: 'array', items: ref('schemas', 'Event'), description: 'Every event of the trace by start, without children.' },
        span_count: { type: 'integer' },
        total_duration_ms: nullable('number', { description: 'The root span\'s duration.' }),
      },
    },
    EventStats: {
      type: 'object', required: ['total_events', 'avg_latency_ms', 'p95_latency_ms', 'error_rate', 'by_source'],
      properties: {
        total_events: { type: 'integer' },
        avg_latency_ms: nullable('number'),
        p95_latency_ms: nullable('number', { description: '95th percentile, linear interpolation.' }),
        error_rate: { type: 'number', description: 'Events with status error / total_events; 0 without events.' },
        by_source: {
          type: 'array', description: 'Per source, over the events with a duration, most first.',
          items: { type: 'object', required: ['source', ...Object.keys(durations)], properties: { source: { type: 'string' }, ...durations } },
        },
      },
    },
  };
}

const window = [
  query('from', timestamp, 'created_at >= from (ISO-8601; anything else is 422).'),
  query('to', timestamp, 'created_at <= to (ISO-8601; anything else is 422).'),
  query('entity', { type: 'string' }, 'Exact match.'),
];

export function eventPaths(): Record<string, Schema> {
  const tags = ['_events'];
  return {
    '/_events': {
      post: {
        tags, operationId: 'emitEvent', summary: 'Emit a business event (any authenticated caller), in the request\'s trace',
        requestBody: {
          required: true,
          content: json({
            type: 'object', required: ['action'],
            properties: {
              action: { type: 'string', minLength: 1 },
              entity: { type: 'string' },
              record_id: { type: ['string', 'number'] },
              metadata: { type: 'object' },
            },
          }),
        },
        responses: {
          200: {
            description: 'Stored; readable at once',
            content: json(data({
              type: 'object', required: ['status', 'id', 'trace_id', 'span_id'],
              properties: { status: { type: 'string', enum: ['ok'] }, id: uuid, trace_id: uuid, span_id: uuid },
            })),
          },
          ...errorRefs('400', '401', '422'),
        },
      },
      get: {
        tags, operationId: 'queryEvents', summary: 'Query events (admin)',
        parameters: [
          query('source', { type: 'string' }, 'Exact match.'),
          query('component', { type: 'string' }, 'Exact match.'),
          query('event_type', { type: 'string', enum: ['system', 'business'] }, 'Exact match.'),
          query('status', { type: 'string' }, 'Exact match.'),
          query('action', { type: 'string' }, 'Exact match; a trailing * matches a prefix (webhook.*).'),
          query('trace_id', { type: 'string' }, 'Exact match; a value that is no UUID matches nothing.'),
          query('user_id', { type: 'string' }, 'Exact match; a value that is no UUID matches nothing.'),
          ...window,
          query('page', { type: 'integer', minimum: 1, default: 1 }, 'Anything else than a whole number ≥ 1 is 1.'),
          query('per_page', { type: 'integer', minimum: 1, maximum: 100, default: 50 }, 'Over 100 is 100; anything else than a whole number ≥ 1 is 50.'),
          query('sort', { type: 'string', enum: ['-created_at', 'created_at'], default: '-created_at' }, 'Newest (default) or oldest first.'),
        ],
        responses: { 200: { description: 'A page of events', content: json(ref('schemas', 'EventPage')) }, ...errorRefs('401', '403', '422') },
      },
    },
    '/_events/trace/{trace_id}': {
      parameters: [{ name: 'trace_id', in: 'path', required: true, schema: { type: 'string' } }],
      get: {
        tags, operationId: 'traceWaterfall', summary: 'A trace as a waterfall (admin)',
        responses: { 200: { description: 'The trace', content: json(data(ref('schemas', 'TraceWaterfall'))) }, ...errorRefs('401', '403', '404') },
      },
    },
    '/_events/stats': {
      get: {
        tags, operationId: 'eventStats', summary: 'Event aggregates (admin)',
        parameters: window,
        responses: { 200: { description: 'The aggregates', content: json(data(ref('schemas', 'EventStats'))) }, ...errorRefs('401', '403', '422') },
      },
    },
  };
}
