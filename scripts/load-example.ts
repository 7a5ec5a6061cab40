// `npm run example:load -- <example> [app]`: loads one of the shipped examples (examples/*.json)
// into a running Rocket — creates the app (unless it exists), logs in as its administrator and
// posts the document to /_admin/import — then prints the import's summary and any errors.
//
//   <example>  content-management | employee-management | helpdesk-ticketing | skills-assessment (or a path to a .json file)
//   [app]      the app's name (default: the example's name)
//
// Environment: ROCKET_URL (default http://localhost:8080), ROCKET_PLATFORM_ADMIN_EMAIL /
// ROCKET_PLATFORM_ADMIN_PASSWORD and ROCKET_APP_ADMIN_EMAIL / ROCKET_APP_ADMIN_PASSWORD (default
// platform@localhost / admin@localhost, password changeme: the server's first-start defaults).
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';

const EXAMPLES = join(import.meta.dirname, '../examples');
const base = (process.env.ROCKET_URL ?? 'http://localhost:8080').replace(/\/+$/, '');

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

async function call(method: string, path: string, body?: unknown, token?: string): Promise<{ status: number; body: any }> {
  let res: Response;
  try {
    res = await fetch(`${base}${path}`, {
      method,
      headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
  } catch (err) {
    fail(`cannot reach Rocket at ${base}: ${(err as Error).message} (start it with npm start, or set ROCKET_URL)`);
  }
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

async function login(path: string, email: string, password: string): Promise<string> {
  const res = await call('POST', path, { email, password });
  if (res.status !== 200) fail(`login ${email} at ${path}: ${res.status} ${JSON.stringify(res.body?.error ?? res.body)}`);
  return res.body.data.access_token;
}

const [example, appArg] = process.argv.slice(2);
const names = readdirSync(EXAMPLES).filter((f) => f.endsWith('.json')).map((f) => basename(f, '.json'));
if (!example) fail(`usage: npm run example:load -- <${names.join(' | ')}> [app]`);
const file = existsSync(example) ? example : join(EXAMPLES, `${example.replace(/\.json$/, '')}.json`);
if (!existsSync(file)) fail(`no example ${example}: one of ${names.join(', ')}`);
const app = appArg ?? basename(file, '.json');

const platform = await login('/api/_platform/auth/login', process.env.ROCKET_PLATFORM_ADMIN_EMAIL ?? 'platform@localhost', process.env.ROCKET_PLATFORM_ADMIN_PASSWORD ?? 'changeme');
const created = await call('POST', '/api/_platform/apps', { name: app }, platform);
if (created.status === 201) console.log(`created app ${app}`);
else if (created.status === 409) console.log(`app ${app} exists: importing into it (what it already has is skipped)`);
else fail(`create app ${app}: ${created.status} ${JSON.stringify(created.body?.error ?? created.body)}`);

const admin = await login(`/api/${app}/auth/login`, process.env.ROCKET_APP_ADMIN_EMAIL ?? 'admin@localhost', process.env.ROCKET_APP_ADMIN_PASSWORD ?? 'changeme');
const res = await call('POST', `/api/${app}/_admin/import`, readFileSync(file, 'utf8'), admin);
if (res.status !== 200) fail(`import: ${res.status} ${JSON.stringify(res.body?.error ?? res.body)}`);
const { summary, errors } = res.body.data;
console.log(`imported ${basename(file)} into ${app}: ${Object.entries(summary).map(([k, v]) => `${k} ${v}`).join(', ')}`);
for (const e of errors ?? []) console.log(`  error: ${e}`);
console.log(`try: curl -H "Authorization: Bearer <token>" ${base}/api/${app}/_openapi.json`);
process.exit(errors?.length ? 2 : 0);
