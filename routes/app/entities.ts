// The five entity endpoints (rest-api.md): resolve the entity in the request's registry snapshot,
// then run precompiled plans and writes, and reply through the entity's serializer.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { CompiledEntity } from '../../core/compile/compiled-entity.js';
import type { Registry } from '../../core/compile/registry.js';
import { AppError, errors } from '../../core/errors.js';
import { parsePkValue } from '../../core/metadata/primary-key.js';
import { readFilter } from '../../core/permissions/authorize.js';
import { includeReadFilters } from '../../core/permissions/include-filters.js';
import { findRecord } from '../../core/query/get-one.js';
import { loadIncludes } from '../../core/query/includes.js';
import { withEagerIncludes } from '../../core/query/include-tree.js';
import { parseIncludes, parseListQuery, type QueryInput } from '../../core/query/parse-list-query.js';
import { runList } from '../../core/query/run-list.js';
import { createRecord, updateRecord } from '../../core/write/create-update.js';
import { deleteRecord } from '../../core/write/delete.js';
import { writeContext } from '../../core/write/write-context.js';

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
  if (!entity) throw new AppError('UNKNOWN_ENTITY', `Unknown entity: ${params.entity}`);
  return { registry, entity, id: params.id };
}

/** The primary key a PUT/DELETE addresses: the id itself when it can only be a PK (no lookup). */
async function targetPk(req: FastifyRequest, entity: CompiledEntity, id: string): Promise<unknown> {
  if (!entity.slug) {
    const parsed = parsePkValue(entity.pkType, id);
    if (!parsed.ok) throw errors.notFound(`${entity.name} with id ${id} not found`);
    return parsed.value;
  }
  const record = await findRecord(req.app.db, entity, id);
  if (!record) throw errors.notFound(`${entity.name} with id ${id} not found`);
  return record[entity.pk.name];
}

export default async function entityRoutes(fastify: FastifyInstance): Promise<void> {
  fastify.get('/:entity', async (req: FastifyRequest, reply: FastifyReply) => {
    const { registry, entity } = resolveEntity(req);
    // rest-api.md §5.1: read permission (403), query (400), include permission (403), then SQL.
    const rowFilter = readFilter(registry, req.caller, entity.name);
    const query = parseListQuery(entity, registry, req.query as QueryInput);
    const include = withEagerIncludes(registry, entity, query.include);
    const includeOpts = includeReadFilters(registry, req.caller, include);
    const db = req.app.db;
    const result = await runList(db, entity, query, rowFilter && { rowFilter });
    if (include.length > 0) await loadIncludes(db, registry, entity, result.records, include, includeOpts);
    const meta: Record<string, unknown> = { page: result.page, per_page: result.perPage };
    if (result.total !== undefined) meta.total = result.total;
    return reply.type(JSON_TYPE).send(entity.serializeList(result.records, meta));
  });

  fastify.get('/:entity/:id', async (req: FastifyRequest, reply: FastifyReply) => {
    const { registry, entity, id } = resolveEntity(req);
    // rest-api.md §6 / §12.4: read permission (403), include (400), record through the row filter
    // (404, also outside it), include permission (403), then the includes.
    const rowFilter = readFilter(registry, req.caller, entity.name);
    const include = withEagerIncludes(registry, entity, parseIncludes(entity, registry, (req.query as QueryInput).include));
    const db = req.app.db;
    const record = await findRecord(db, entity, id!, rowFilter && { rowFilter });
    if (!record) throw errors.notFound(`${entity.name} with id ${id} not found`);
    if (include.length > 0) {
      await loadIncludes(db, registry, entity, [record], include, includeReadFilters(registry, req.caller, include));
    }
    return reply.type(JSON_TYPE).send(entity.serializeOne(record));
  });

  fastify.post('/:entity', async (req: FastifyRequest, reply: FastifyReply) => {
    const { registry, entity } = resolveEntity(req);
    const record = await createRecord(writeContext(req.app.db, registry, req.caller), entity, req.body);
    return reply.code(201).type(JSON_TYPE).send(entity.serializeOne(record));
  });

  fastify.put('/:entity/:id', async (req: FastifyRequest, reply: FastifyReply) => {
    const { registry, entity, id } = resolveEntity(req);
    const pk = await targetPk(req, entity, id!);
    const record = await updateRecord(writeContext(req.app.db, registry, req.caller), entity, pk, req.body, id!);
    return reply.type(JSON_TYPE).send(entity.serializeOne(record));
  });

  fastify.delete('/:entity/:id', async (req: FastifyRequest) => {
    const { registry, entity, id } = resolveEntity(req);
    const pk = await targetPk(req, entity, id!);
    const deleted = await deleteRecord(writeContext(req.app.db, registry, req.caller), entity, pk, id!);
    return { data: { id: deleted } };
  });
}
