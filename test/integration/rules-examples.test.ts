// The rules of the four shipped example schemas (`shared/examples/`) are accepted by the rules
// admin API on both databases once their entities and relations exist, and they run: a sample
// record made to break one is refused with the rule's own message.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { eachDialect } from '../helpers/server.js';

// The examples ship with the project in `examples/`, a copy of `shared/examples/` (a clean clone
// has no `../shared`); where the shared folder is beside the checkout, the copy must still be
// identical to it.
const EXAMPLES = join(import.meta.dirname, '../../examples');
const SHARED = join(import.meta.dirname, '../../../shared/examples');
const files = readdirSync(EXAMPLES).filter((f) => f.endsWith('.json')).sort();

t.test('the copied examples match shared/examples where it is present', async (t) => {
  if (!existsSync(SHARED)) return t.pass('no shared folder beside this checkout');
  const shared = readdirSync(SHARED).filter((f) => f.endsWith('.json')).sort();
  t.same(files, shared, 'the same files');
  for (const f of shared) t.equal(readFileSync(join(EXAMPLES, f), 'utf8'), readFileSync(join(SHARED, f), 'utf8'), f);
});

interface Example {
  entities: Array<Record<string, unknown>>;
  relations: Array<Record<string, unknown>>;
  rules: Array<{ entity: string; type: string; definition: Record<string, unknown> }>;
  sample_data: Record<string, Array<Record<string, unknown>>>;
}

eachDialect(t, 'every rule of the example schemas is accepted and enforced', async (t, r) => {
  t.ok(files.length >= 4, 'the four examples are there');
  for (const file of files) {
    const example = JSON.parse(readFileSync(join(EXAMPLES, file), 'utf8')) as Example;
    const app = await r.createApp();
    const call = (method: 'POST' | 'GET', path: string, body?: unknown) => r.request(method, `/api/${app.name}${path}`, { token: app.token, body });
    for (const e of example.entities) t.equal((await call('POST', '/_admin/entities', e)).status, 201, `${file}: entity ${e.name}`);
    for (const rel of example.relations) t.equal((await call('POST', '/_admin/relations', rel)).status, 201, `${file}: relation ${rel.name}`);
    for (const rule of example.rules) {
      const res = await call('POST', '/_admin/rules', rule);
      t.equal(res.status, 201, `${file}: ${rule.entity} ${rule.type} rule ${JSON.stringify(rule.definition).slice(0, 80)}`);
    }
    t.equal((await call('GET', '/_admin/rules')).body.data.length, example.rules.length);
    // Every example has a min_length or min field rule: a sample record given a value just below the bound breaks it.
    const bounded = example.rules.find((x) => x.type === 'field' && example.sample_data[x.entity]?.length > 0 &&
      ((x.definition.operator === 'min_length' && Number(x.definition.value) > 1) || x.definition.operator === 'min'));
    t.ok(bounded, `${file}: has a min_length or min rule with sample data`);
    if (bounded) {
      const { definition } = bounded;
      const { id: _id, ...sample } = example.sample_data[bounded.entity][0];
      const low = definition.operator === 'min' ? Number(definition.value) - 1 : 'x';
      const res = await call('POST', `/${bounded.entity}`, { ...sample, [definition.field as string]: low });
      t.equal(res.status, 422, `${file}: the ${definition.operator} rule on ${bounded.entity}.${definition.field} is enforced`);
      t.ok(res.body.error?.details?.some((d: { message: string }) => d.message === definition.message), `${file}: with its message`);
      const ok = await call('POST', `/${bounded.entity}`, sample);
      t.not(ok.body.error?.details?.some((d: { message: string }) => d.message === definition.message), true, `${file}: the sample itself passes it`);
    }
  }
});
