// GET /metrics (issue 20 §3): off by default; on, Prometheus text with requests by app, route
// pattern and status, latencies, the app databases' busy gauge and the default process metrics;
// with a token, a scrape without it is 401. Both databases.
import t from 'tap';
import { eachDialect } from '../helpers/server.js';

const note = {
  name: 'note', table: 'notes', primary_key: { field: 'id', type: 'int', generated: true },
  fields: [{ name: 'id', type: 'int' }, { name: 'text', type: 'string' }],
};

eachDialect(t, 'metrics off by default: no /metrics', async (t, r) => {
  const res = await r.request('GET', '/metrics');
  t.equal(res.status, 404);
});

eachDialect(t, 'metrics on: requests by app, route pattern and status; latency; db gauge; process metrics', async (t, r) => {
  const app = await r.createApp();
  const call = (method: 'GET' | 'POST', path: string, body?: unknown) => r.request(method, `/api/${app.name}${path}`, { token: app.token, body });
  t.equal((await call('POST', '/_admin/entities', note)).status, 201);
  const created = await call('POST', '/note', { text: 'x' });
  for (let i = 0; i < 3; i++) t.equal((await call('GET', `/note/${created.body.data.id}`)).status, 200);
  t.equal((await call('GET', '/note/424242')).status, 404);

  const res = await r.request('GET', '/metrics');
  t.equal(res.status, 200);
  t.match(String(res.headers['content-type']), /^text\/plain/);
  const text = String(res.body);
  const line = (name: string, labels: string) => text.split('\n').find((l) => l.startsWith(`${name}{`) && labels.split(',').every((p) => l.includes(p)));
  const count = (labels: string) => Number(line('rocket_http_requests_total', labels)?.split(' ').pop());
  t.equal(count(`app="${app.name}",method="GET",route="/api/:app/:entity/:id",status="200"`), 3, 'by route pattern, never the raw id');
  t.equal(count(`app="${app.name}",method="GET",route="/api/:app/:entity/:id",status="404"`), 1);
  t.equal(count(`app="${app.name}",method="POST",route="/api/:app/:entity",status="201"`), 1);
  t.notOk(text.includes(`/note/${created.body.data.id}`), 'no raw URLs');
  t.ok(line('rocket_http_request_duration_seconds_count', `app="${app.name}",route="/api/:app/:entity/:id"`), 'latency histogram');
  t.ok(line('rocket_db_busy', `app="${app.name}"`), 'the app database gauge');
  t.match(text, /^rocket_webhook_queue_length 0$/m);
  t.match(text, /^rocket_process_cpu_user_seconds_total /m, 'default process metrics');
}, { metrics: { enabled: true } });

eachDialect(t, 'metrics with a token: 401 without it or with another', async (t, r) => {
  t.equal((await r.request('GET', '/metrics')).status, 401);
  const wrong = await r.request('GET', '/metrics', { token: 'not-the-scrape-token' });
  t.equal(wrong.status, 401);
  t.equal(wrong.body.error.code, 'UNAUTHORIZED');
  t.equal((await r.request('GET', '/metrics', { token: 'scrape-secret-1' })).status, 200);
}, { metrics: { enabled: true, token: 'scrape-secret-1' } });
