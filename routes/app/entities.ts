// The five entity endpoints (rest-api.md): resolve the entity in the request's registry snapshot,
// call the read facade (core/query/read.ts) or the write pipeline (core/write/), and reply through
// the entity's serializer. Each operation is its `record.*` span (observability-and-audit.md §A3).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { CompiledEntity } from '../../core/compile/compiled-entity.js';
import type { Registry } from '../../core/compile/registry.js';
import { errors } from '../../core/errors.js';
import { parsePkValue } from '../../core/metadata/primary-key.js';
import { findRecord } from '../../core/query/get-one.js';
import type { QueryInput } from '../../core/query/parse-list-query.js';
import { getRecord, listRecords, type ReadContext } from '../../core/query/read.js';
import { createRecord, updateRecord } from '../../core/write/create-update.js';
import { deleteRecord } from '../../core/write/delete.js';
import { writeContext, type WriteContext } from '../../core/write/write-context.js';
import { requestAuditActor } from '../../plugins/audit.js';
import { SPANS, withSpan } from '../../core/tracing/index.js';

interface EntityParams {
  entity: string;
  id?: string;
}

const JSON_TYPE = 'application/json; charset=utf-8';

function resolveEntity(req: FastifyRequest): { registry: Registry; entity: CompiledEntity; id?: string } {
  const params = req.params as EntityParams;
  // `/{entity}/_bulk` and friends are reserved sub-resources, never ids (platform-and-apps.md §7).
  if (params.id !== undefined && params.id.startsWith('_')) throw errors.routeNotFound();
  const registry = req.app.registry;
  const entity = registry.entity(params.entity);
  if (!entity) throw errors.unknownEntity(params.entity);
  return { registry, entity, id: params.id };
}

function readContext(req: FastifyRequest, registry: Registry): ReadContext {
  return { db: req.app.db, registry, caller: req.caller };
}

async function writeCtx(req: FastifyRequest, registry: Registry): Promise<WriteContext> {
  const platform = req.server.rocket;
  return writeContext(req.app.db, registry, req.caller, req.log, { bus: platform.events, app: req.app.name }, platform.effects, platform.webhooks,
    await requestAuditActor(req));
}

/** The primary key a PUT/DELETE addresses: the id itself when it can only be a PK (no lookup). */
async function targetPk(req: FastifyRequest, entity: CompiledEntity, id: string): Promise<unknown> {
  if (!entity.slug) {
    const parsed = parsePkValue(entity.pkType, id);
    if (!parsed.ok) throw errors.recordNotFound(entity.name, id);
    return parsed.value;
  }
  const record = await findRecord(req.app.db, entity, id);
  if (!record) throw errors.recordNotFound(entity.name, id);
  return record[entity.pk.name];
}

export default async function entityRoutes(fastify: FastifyInstance): Promise<void> {
  fastify.get('/:entity', async (req: FastifyRequest, reply: FastifyReply) => {
    const { registry, entity } = resolveEntity(req);
    const page = await withSpan(SPANS.recordList, entity.name, null, async (span) => {
      const result = await listRecords(readContext(req, registry), entity, req.query as QueryInput);
      span.set('count', result.records.length);
      return result;
    });
    return reply.type(JSON_TYPE).send(entity.serializeList(page.records, page.meta));
  });

  fastify.get('/:entity/:id', async (req: FastifyRequest, reply: FastifyReply) => {
    const { registry, entity, id } = resolveEntity(req);
    const record = await withSpan(SPANS.recordGet, entity.name, id, async () => {
      const found = await getRecord(readContext(req, registry), entity, id!, (req.query as QueryInput).include);
      if (!found) throw errors.recordNotFound(entity.name, id!);
      return found;
    });
    return reply.type(JSON_TYPE).send(entity.serializeOne(record));
  });

  fastify.post('/:entity', async (req: FastifyRequest, reply: FastifyReply) => {
    const { registry, entity } = resolveEntity(req);
    const record = await withSpan(SPANS.recordCreate, entity.name, null, async (span) => {
      const created = await createRecord(await writeCtx(req, registry), entity, req.body);
      const pk = created[entity.pk.name];
      span.setRecordId(pk).set('record_id', pk);
      return created;
    });
    return reply.code(201).type(JSON_TYPE).send(entity.serializeOne(record));
  });

  fastify.put('/:entity/:id', async (req: FastifyRequest, reply: FastifyReply) => {
    const { registry, entity, id } = resolveEntity(req);
    const record = await withSpan(SPANS.recordUpdate, entity.name, id, async () => {
      const pk = await targetPk(req, entity, id!);
      return updateRecord(await writeCtx(req, registry), entity, pk, req.body, id!);
    });
    return reply.type(JSON_TYPE).send(entity.serializeOne(record));
  });

  fastify.delete('/:entity/:id', async (req: FastifyRequest) => {
    const { registry, entity, id } = resolveEntity(req);
    const deleted = await withSpan(SPANS.recordDelete, entity.name, id, async () => {
      const pk = await targetPk(req, entity, id!);
      return deleteRecord(await writeCtx(req, registry), entity, pk, id!);
    });
    return { data: { id: deleted } };
  });
}
