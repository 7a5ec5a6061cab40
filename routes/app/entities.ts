// The five entity endpoints (rest-api.md): resolve the entity in the request's registry snapshot,
// call the read facade (core/query/read.ts) or the write pipeline (core/write/), and reply through
// the entity's serializer. Each operation is its `record.*` span (observability-and-audit.md §A3).
// Beyond the spec, the HTTP conventions clients expect: `Location` on 201, an ETag on reads with
// `If-None-Match` → 304 and `If-Match` → 412 on writes (./etag.ts), and PATCH as another name for
// the partial update PUT is.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { etagOf, headerNames, sendWithEtag } from './etag.js';
import type { Precondition } from '../../core/write/create-update.js';
import type { CompiledEntity } from '../../core/compile/compiled-entity.js';
import type { Registry } from '../../core/compile/registry.js';
import { errors } from '../../core/errors.js';
import { parsePkValue } from '../../core/metadata/primary-key.js';
import { findRecord } from '../../core/query/get-one.js';
import type { QueryInput } from '../../core/query/parse-list-query.js';
import { getRecord, listRecords, type ReadContext } from '../../core/query/read.js';
import { parseFields, selectFields } from '../../core/query/fields.js';
import { createRecord, updateRecord } from '../../core/write/create-update.js';
import { deleteRecord } from '../../core/write/delete.js';
import { writeContext, type WriteContext } from '../../core/write/write-context.js';
import { requestAuditActor } from '../../plugins/audit.js';
import { SPANS, requestSpan, withSpan, type ActiveSpan } from '../../core/tracing/index.js';

interface EntityParams {
  entity: string;
  id?: string;
}

const JSON_TYPE = 'application/json; charset=utf-8';

function resolveEntity(req: FastifyRequest): { registry: Registry; entity: CompiledEntity; id?: string } {
  const params = req.params as EntityParams;
  // `/{entity}/_bulk` and friends are reserved sub-resources, never ids (platform-and-apps.md §7).
  if (params.id !== undefined && params.id.startsWith('_')) throw errors.routeNotFound();
  const registry = req.rocketApp.registry;
  const entity = registry.entity(params.entity);
  if (!entity) throw errors.unknownEntity(params.entity);
  return { registry, entity, id: params.id };
}

function readContext(req: FastifyRequest, registry: Registry, span: ActiveSpan): ReadContext {
  return { db: req.rocketApp.db, registry, caller: req.rocketCaller, span };
}

async function writeCtx(req: FastifyRequest, registry: Registry, span: ActiveSpan): Promise<WriteContext> {
  const platform = req.server.rocket;
  return writeContext(req.rocketApp.db, registry, req.rocketCaller, req.log, { bus: platform.events, app: req.rocketApp.name }, platform.effects, platform.webhooks,
    await requestAuditActor(req), span);
}

/** The primary key a PUT/DELETE addresses: the id itself when it can only be a PK (no lookup). */
async function targetPk(req: FastifyRequest, entity: CompiledEntity, id: string): Promise<unknown> {
  if (!entity.slug) {
    const parsed = parsePkValue(entity.pkType, id);
    if (!parsed.ok) throw errors.recordNotFound(entity.name, id);
    return parsed.value;
  }
  const record = await findRecord(req.rocketApp.db, entity, id);
  if (!record) throw errors.recordNotFound(entity.name, id);
  return record[entity.pk.name];
}

/** The request's `If-Match` as a check of the locked record: its ETag is that of `GET /:entity/:id`. */
function ifMatch(req: FastifyRequest, entity: CompiledEntity, label: string): Precondition | undefined {
  const header = req.headers['if-match'];
  if (header === undefined) return undefined;
  return (current) => {
    if (!headerNames(header, etagOf(entity.serializeOne(current)), false)) throw errors.recordChanged(entity.name, label);
  };
}

export default async function entityRoutes(fastify: FastifyInstance): Promise<void> {
  fastify.get('/:entity', async (req: FastifyRequest, reply: FastifyReply) => {
    const { registry, entity } = resolveEntity(req);
    const query = req.query as QueryInput;
    const selection = parseFields(entity, registry, query.fields, query.include);
    const page = await withSpan(requestSpan(req), SPANS.recordList, entity.name, null, async (span) => {
      const result = await listRecords(readContext(req, registry, span), entity, selection ? { ...query, include: selection.include } : query);
      span.set('count', result.records.length);
      return result;
    });
    const body = selection
      ? entity.serializeSomeList(page.records.map((r) => selectFields(r, entity, selection)), page.meta)
      : entity.serializeList(page.records, page.meta);
    return sendWithEtag(req, reply.type(JSON_TYPE), body);
  });

  fastify.get('/:entity/:id', async (req: FastifyRequest, reply: FastifyReply) => {
    const { registry, entity, id } = resolveEntity(req);
    const query = req.query as QueryInput;
    const selection = parseFields(entity, registry, query.fields, query.include);
    const record = await withSpan(requestSpan(req), SPANS.recordGet, entity.name, id, async (span) => {
      const found = await getRecord(readContext(req, registry, span), entity, id!, selection ? selection.include : query.include);
      if (!found) throw errors.recordNotFound(entity.name, id!);
      return found;
    });
    const body = selection ? entity.serializeSomeOne(selectFields(record, entity, selection)) : entity.serializeOne(record);
    return sendWithEtag(req, reply.type(JSON_TYPE), body);
  });

  fastify.post('/:entity', async (req: FastifyRequest, reply: FastifyReply) => {
    const { registry, entity } = resolveEntity(req);
    const record = await withSpan(requestSpan(req), SPANS.recordCreate, entity.name, null, async (span) => {
      const created = await createRecord(await writeCtx(req, registry, span), entity, req.body);
      const pk = created[entity.pk.name];
      span.setRecordId(pk).set('record_id', pk);
      return created;
    });
    // The new record's URL: this request's path (with any prefix the host mounted Rocket under) + its key.
    const path = req.url.split('?', 1)[0].replace(/\/+$/, '');
    reply.header('location', `${path}/${encodeURIComponent(String(record[entity.pk.name]))}`);
    return reply.code(201).type(JSON_TYPE).send(entity.serializeOne(record));
  });

  const update = async (req: FastifyRequest, reply: FastifyReply) => {
    const { registry, entity, id } = resolveEntity(req);
    const record = await withSpan(requestSpan(req), SPANS.recordUpdate, entity.name, id, async (span) => {
      const pk = await targetPk(req, entity, id!);
      return updateRecord(await writeCtx(req, registry, span), entity, pk, req.body, id!, ifMatch(req, entity, id!));
    });
    return reply.type(JSON_TYPE).send(entity.serializeOne(record));
  };
  fastify.put('/:entity/:id', update);
  // PUT is already a partial update (rest-api.md §8): PATCH is the same operation under the name
  // clients and generators expect for one.
  fastify.patch('/:entity/:id', update);

  fastify.delete('/:entity/:id', async (req: FastifyRequest) => {
    const { registry, entity, id } = resolveEntity(req);
    const deleted = await withSpan(requestSpan(req), SPANS.recordDelete, entity.name, id, async (span) => {
      const pk = await targetPk(req, entity, id!);
      return deleteRecord(await writeCtx(req, registry, span), entity, pk, id!, ifMatch(req, entity, id!));
    });
    return { data: { id: deleted } };
  });
}
