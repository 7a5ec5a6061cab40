// The AI schema generator (schema-io.md §4) on both databases, against a fake OpenAI-compatible
// provider this test starts on 127.0.0.1: status, the request sent (endpoint, bearer key, model,
// temperature, response_format, the system message with the document format and the existing
// entities, the user prompt), a successful proposal (version defaulted, nothing imported), every
// error of §4.2's table — not configured, prompt checks, a non-2xx, an empty completion, non-JSON,
// a timeout (a short `ai.timeout_ms`), an unreachable provider — and the API key never leaving
// the server. The provider stays reachable with `webhooks.allow_private_networks: false`.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import t from 'tap';
import { dialects, startRocket, userToken, type TapTest, type TestRocket } from '../helpers/server.js';

const API_KEY = 'sk-test-0123456789abcdef-secret';
const MODEL = 'fake-gpt';
const TIMEOUT_MS = 300;

interface ProviderCall {
  url: string;
  headers: IncomingMessage['headers'];
  body: any;
}

/** What the fake provider answers: a status and a body, or nothing at all (`hang`). */
type Answer = { status: number; body: unknown } | 'hang';

interface FakeProvider {
  baseUrl: string;
  calls: ProviderCall[];
  answer: (a: Answer) => void;
}

const completion = (content: unknown) => ({
  id: 'chatcmpl-1', object: 'chat.completion', model: MODEL,
  choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
});

async function fakeProvider(t: TapTest): Promise<FakeProvider> {
  const calls: ProviderCall[] = [];
  let next: Answer = { status: 200, body: completion('{}') };
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      calls.push({ url: req.url!, headers: req.headers, body: JSON.parse(raw) });
      if (next === 'hang') return; // never answers; the client's deadline ends the call
      res.statusCode = next.status;
      res.setHeader('content-type', 'application/json');
      res.end(typeof next.body === 'string' ? next.body : JSON.stringify(next.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.teardown(() => new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  }));
  const { port } = server.address() as AddressInfo;
  return { baseUrl: `http://127.0.0.1:${port}/v1/`, calls, answer: (a) => { next = a; } };
}

/** A port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function rocketWith(t: TapTest, dialect: (typeof dialects)[number], ai: Record<string, unknown>) {
  const r = await startRocket(dialect, { ai, webhooks: { allow_private_networks: false } });
  t.teardown(() => r.close());
  const app = await r.createApp();
  const call = (method: 'GET' | 'POST', path: string, body?: unknown, token: string | null = app.token) =>
    r.request(method, `/api/${app.name}${path}`, { token: token ?? undefined, body });
  return { r, app, call };
}

const errorOf = (res: { status: number; body: any }) => [res.status, res.body?.error?.code, res.body?.error?.message];
const failed = (message: string) => [502, 'AI_REQUEST_FAILED', message];

const BOOK = {
  name: 'book', table: 'books', primary_key: { field: 'id', type: 'uuid', generated: true },
  fields: [{ name: 'id', type: 'uuid', required: true }, { name: 'title', type: 'string' }],
};

/** What a model might answer: a document without `version`, with ui_configs and sample data. */
const PROPOSAL = {
  entities: [{
    name: 'loan', table: 'loans', primary_key: { field: 'id', type: 'uuid', generated: true },
    fields: [{ name: 'id', type: 'uuid', required: true }, { name: 'book_id', type: 'uuid', required: true }],
  }],
  relations: [{ name: 'book_loans', type: 'one_to_many', source: 'book', target: 'loan', source_key: 'id', target_key: 'book_id' }],
  ui_configs: [{ entity: 'loan', scope: 'default', config: { list: { columns: ['book_id'] } } }],
  sample_data: { loans: [{ id: '10000000-0000-4000-8000-000000000001', book_id: '20000000-0000-4000-8000-000000000001' }] },
};

function checkNoKey(t: TapTest, responses: Array<{ body: unknown; headers: Record<string, unknown> }>): void {
  for (const res of responses) {
    t.notOk(JSON.stringify(res.body ?? null).includes(API_KEY), 'no API key in a response body');
    t.notOk(JSON.stringify(res.headers).includes(API_KEY), 'no API key in response headers');
  }
}

for (const dialect of dialects) {
  t.test(`configured: the provider call, a proposal, every provider failure [${dialect}]`, async (t) => {
    const provider = await fakeProvider(t);
    const { r, app, call } = await rocketWith(t, dialect, { base_url: provider.baseUrl, api_key: API_KEY, model: MODEL, timeout_ms: TIMEOUT_MS });
    t.equal((await call('POST', '/_admin/entities', BOOK)).status, 201);
    const responses: Array<{ body: unknown; headers: Record<string, unknown> }> = [];
    const generate = async (body: unknown, token?: string | null) => {
      const res = await call('POST', '/_admin/ai/generate', body, token);
      responses.push(res);
      return res;
    };

    t.strictSame((await call('GET', '/_admin/ai/status')).body, { data: { configured: true, model: MODEL } });

    // Success: the request as §4.2 describes it, and the proposal with version 1 filled in.
    provider.answer({ status: 200, body: completion(JSON.stringify(PROPOSAL)) });
    const prompt = 'A lending library: members borrow books.';
    const ok = await generate({ prompt });
    t.strictSame([ok.status, ok.body], [200, { data: { schema: { ...PROPOSAL, version: 1 } } }]);
    t.equal(provider.calls.length, 1);
    const sent = provider.calls[0];
    t.equal(sent.url, '/v1/chat/completions', 'base URL without its trailing slash + /chat/completions');
    t.equal(sent.headers.authorization, `Bearer ${API_KEY}`);
    t.match(sent.headers['content-type'], /^application\/json/);
    t.strictSame(Object.keys(sent.body).sort(), ['messages', 'model', 'response_format', 'temperature']);
    t.strictSame([sent.body.model, sent.body.temperature, sent.body.response_format], [MODEL, 0.3, { type: 'json_object' }]);
    t.equal(sent.body.messages.length, 2);
    t.strictSame(sent.body.messages[1], { role: 'user', content: prompt });
    const system = sent.body.messages[0];
    t.equal(system.role, 'system');
    for (const part of ['"version": 1', '"entities"', '"relations"', '"rules"', '"state_machines"', '"workflows"', '"permissions"',
      '"webhooks"', '"ui_configs"', '"sample_data"', 'single JSON object and nothing else', 'Do NOT include them', '- book (table books): id uuid, title string']) {
      t.ok(system.content.includes(part), `the system message has ${part}`);
    }
    t.strictSame((await call('GET', '/_admin/entities')).body.data.map((e: any) => e.name), ['book'], 'nothing was imported');
    t.strictSame((await call('GET', '/_admin/ui-configs')).body.data, []);

    // A version the model gave is kept; one fenced JSON object is accepted.
    provider.answer({ status: 200, body: completion(JSON.stringify({ version: 2, entities: [] })) });
    t.strictSame((await generate({ prompt })).body, { data: { schema: { version: 2, entities: [] } } });
    provider.answer({ status: 200, body: completion('```json\n{"entities": []}\n```') });
    t.strictSame((await generate({ prompt })).body, { data: { schema: { entities: [], version: 1 } } });

    // 5000 characters are fine, counted as code points (an emoji is one).
    t.equal((await generate({ prompt: 'x'.repeat(5000) })).status, 200);
    t.equal((await generate({ prompt: '🚀'.repeat(5000) })).status, 200);

    // Non-2xx: the provider's message (OpenAI's error.message, or the text), the key cut out.
    provider.answer({ status: 429, body: { error: { message: 'Rate limit reached for fake-gpt', type: 'requests' } } });
    t.strictSame(errorOf(await generate({ prompt })), failed('AI provider returned 429: Rate limit reached for fake-gpt'));
    provider.answer({ status: 401, body: { error: { message: `Incorrect API key provided: ${API_KEY}` } } });
    t.strictSame(errorOf(await generate({ prompt })), failed('AI provider returned 401: Incorrect API key provided: [redacted]'));
    provider.answer({ status: 503, body: 'upstream overloaded' });
    t.strictSame(errorOf(await generate({ prompt })), failed('AI provider returned 503: upstream overloaded'));
    provider.answer({ status: 500, body: '' });
    t.strictSame(errorOf(await generate({ prompt })), failed('AI provider returned 500: no error message'));

    // Empty completions.
    for (const [what, body] of [
      ['an empty content', completion('')], ['a blank content', completion(' \n ')], ['a null content', completion(null)],
      ['no choices', { choices: [] }], ['no message', { choices: [{ index: 0 }] }], ['a body that is no completion', 'not json'],
    ] as const) {
      provider.answer({ status: 200, body });
      t.strictSame(errorOf(await generate({ prompt })), failed('AI provider returned empty response'), what);
    }

    // Completions that are not a JSON object.
    for (const content of ['Sure! Here is your schema: {"entities": []}', '{"entities": [', '[1, 2]', '"a string"', '42']) {
      provider.answer({ status: 200, body: completion(content) });
      t.strictSame(errorOf(await generate({ prompt })), failed('AI returned invalid JSON. Try rephrasing your prompt.'), content);
    }

    // A provider that never answers: the configured deadline ends the call.
    provider.answer('hang');
    t.strictSame(errorOf(await generate({ prompt })), failed(`Failed to connect to AI provider: timeout after ${TIMEOUT_MS} ms`));

    // Prompt checks come before any provider call.
    const before = provider.calls.length;
    for (const [what, body, message] of [
      ['no prompt', {}, 'prompt is required'], ['a null prompt', { prompt: null }, 'prompt is required'],
      ['a number', { prompt: 5 }, 'prompt is required'], ['an empty prompt', { prompt: '' }, 'prompt is required'],
      ['a blank prompt', { prompt: '   ' }, 'prompt is required'], ['an empty body', undefined, 'prompt is required'],
      ['5001 characters', { prompt: 'x'.repeat(5001) }, 'prompt must be 5000 characters or fewer'],
      ['5001 emoji', { prompt: '🚀'.repeat(5001) }, 'prompt must be 5000 characters or fewer'],
      ['an array body', [1], 'Invalid JSON body'],
    ] as const) {
      t.strictSame(errorOf(await generate(body)), [400, 'INVALID_PAYLOAD', message], what);
    }
    t.equal(provider.calls.length, before, 'no provider call for a bad prompt');

    // Admin only.
    const reader = userToken(r, app.name, ['editor']);
    for (const [method, path] of [['GET', '/_admin/ai/status'], ['POST', '/_admin/ai/generate']] as const) {
      t.strictSame(errorOf(await call(method, path, { prompt }, reader)), [403, 'FORBIDDEN', 'Admin access required'], `${path} (no admin role)`);
      t.strictSame(errorOf(await call(method, path, { prompt }, null)), [401, 'UNAUTHORIZED', 'Missing auth token'], `${path} (anonymous)`);
    }
    t.equal(provider.calls.length, before);
    checkNoKey(t, responses);
  });

  t.test(`not configured: status and 501 before any other check [${dialect}]`, async (t) => {
    const provider = await fakeProvider(t);
    // Two of the three values are not enough.
    const { r, call } = await rocketWith(t, dialect, { base_url: provider.baseUrl, model: MODEL });
    t.strictSame((await call('GET', '/_admin/ai/status')).body, { data: { configured: false, model: '' } });
    const message = 'AI not configured. Set ROCKET_AI_BASE_URL, ROCKET_AI_API_KEY, and ROCKET_AI_MODEL environment variables.';
    for (const body of [{ prompt: 'A library' }, {}, { prompt: 'x'.repeat(5001) }]) {
      t.strictSame(errorOf(await call('POST', '/_admin/ai/generate', body)), [501, 'NOT_CONFIGURED', message]);
    }
    t.equal(provider.calls.length, 0);
    const platform = await r.request('GET', '/api/_platform/ai/status', { token: await r.platformToken() });
    t.strictSame(platform.body, { data: { configured: false, model: '' } }, 'the platform status agrees');
  });

  t.test(`an unreachable provider [${dialect}]`, async (t) => {
    const port = await closedPort();
    const { call } = await rocketWith(t, dialect, { base_url: `http://127.0.0.1:${port}/v1`, api_key: API_KEY, model: MODEL });
    const res = await call('POST', '/_admin/ai/generate', { prompt: 'A library' });
    t.strictSame(errorOf(res).slice(0, 2), [502, 'AI_REQUEST_FAILED']);
    t.equal(res.body.error.message, `Failed to connect to AI provider: connect ECONNREFUSED 127.0.0.1:${port}`);
    t.notOk(JSON.stringify(res.body).includes(API_KEY));
  });
}
