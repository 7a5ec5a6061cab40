// The stored metadata version (issue #12 item 18; core/admin/fresh-registry.ts): every admin change
// increments it; ensureFreshRegistry reloads a registry compiled from an older version, so a write
// can always run on the metadata another instance has just changed.
import t from 'tap';
import { ensureFreshRegistry, readMetadataVersion } from '../../core/admin/fresh-registry.js';
import { PG_URL, eachDialect, startInstancePair } from '../helpers/server.js';

const note = {
  name: 'note', table: 'notes', primary_key: { field: 'id', type: 'int', generated: true },
  fields: [{ name: 'id', type: 'int' }, { name: 'body', type: 'string' }],
};
const tag = { ...note, name: 'tag', table: 'tags' };

eachDialect(t, 'admin changes bump the version; a stale registry is reloaded', async (t, r) => {
  const app = await r.createApp();
  const ctx = r.server.rocket.apps.get(app.name)!;
  const log = r.server.log;
  const v0 = await readMetadataVersion(ctx.db);
  t.equal(ctx.metadataVersion, v0, 'the loaded registry knows its version');
  t.equal((await r.request('POST', `/api/${app.name}/_admin/entities`, { token: app.token, body: note })).status, 201);
  const perm = await r.request('POST', `/api/${app.name}/_admin/permissions`, { token: app.token, body: { entity: 'note', action: 'read', roles: ['viewer'] } });
  t.equal(perm.status, 201);
  t.equal(await readMetadataVersion(ctx.db), v0 + 2, 'an entity and a permission change: two versions');
  t.equal(ctx.metadataVersion, v0 + 2, 'and the local registry is current');
  const current = ctx.registry;
  t.equal(await ensureFreshRegistry(ctx, log), current, 'nothing changed: the same registry, no reload');

  // Another instance changes the metadata (here: behind this one's back, no notification).
  await ctx.db.transaction(async (tx) => {
    await tx.run("DELETE FROM _entities WHERE name = 'note'");
    await tx.run('UPDATE _metadata_version SET version = version + 1 WHERE id = 1');
  });
  t.ok(ctx.registry.entity('note'), 'the registry in memory is stale');
  const fresh = await ensureFreshRegistry(ctx, log);
  t.notOk(fresh.entity('note'), 'ensureFreshRegistry reloaded it');
  t.equal(ctx.registry, fresh);
  t.equal(ctx.metadataVersion, v0 + 3);
  // Concurrent callers share one reload; inside a transaction the version is read there.
  await ctx.db.run('UPDATE _metadata_version SET version = version + 1 WHERE id = 1');
  const [a, b] = await Promise.all([ensureFreshRegistry(ctx, log), ensureFreshRegistry(ctx, log)]);
  t.equal(a, b, 'one reload for both');
  const inTx = await ctx.db.transaction((tx) => ensureFreshRegistry(ctx, log, tx));
  t.equal(inTx, a);
});

t.test('a change on instance A is seen by a write-time check on B at once', { skip: PG_URL ? false : 'ROCKET_TEST_PG_URL not set' }, async (t) => {
  const [a, b] = await startInstancePair(t);
  const app = await a.createApp();
  for (let i = 0; i < 100 && !b.server.rocket.apps.get(app.name); i++) await new Promise((res) => setTimeout(res, 20));
  const onB = b.server.rocket.apps.get(app.name)!;
  for (let trial = 0; trial < 5; trial++) {
    const entity = { ...tag, name: `tag${trial}`, table: `tags${trial}` };
    t.equal((await a.request('POST', `/api/${app.name}/_admin/entities`, { token: app.token, body: entity })).status, 201);
    // Right after A's response, whether or not B has had the notification yet.
    const registry = await ensureFreshRegistry(onB, b.server.log);
    t.ok(registry.entity(entity.name), `trial ${trial + 1}: B's write-time registry has the new entity`);
  }
});
