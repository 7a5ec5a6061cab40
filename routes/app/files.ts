// /api/:app/_files (webhooks-and-files.md §B2–§B5): upload and download for any authenticated
// caller, list and delete for admins. The work is core/files/service.ts; multipart parsing lives
// in this context only (plugins/multipart.ts).
import { requestSpan } from '../../core/tracing/index.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { FilesService, checkDeclaredLength } from '../../core/files/service.js';
import { drainOversizedBody } from '../../plugins/errors.js';
import multipart, { discardRest, firstFilePart } from '../../plugins/multipart.js';

export default async function fileRoutes(fastify: FastifyInstance): Promise<void> {
  // Bodies here are either streamed multipart uploads or ignored: nothing else is read (a
  // non-multipart upload is 400 whatever its size), so no body is buffered in this context.
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('*', (_req, _payload, done) => done(null));
  await fastify.register(multipart);

  const admin = { config: { admin: true } };
  const maxFileSize = fastify.rocket.config.storage.max_file_size;
  const service = (req: FastifyRequest) => new FilesService(
    req.rocketApp.db, req.server.rocket.blobs, req.rocketApp.name, maxFileSize, `${fastify.prefix.replace(':app', req.rocketApp.name)}/_files`,
  );
  const id = (req: FastifyRequest) => (req.params as { id: string }).id;

  fastify.post('/_files/upload', {
    // After authentication, before any of the body is read.
    onRequest: async (req: FastifyRequest, reply: FastifyReply) => {
      try {
        checkDeclaredLength(req.headers['content-length'], maxFileSize);
      } catch (err) {
        // The body is not wanted: the connection closes after the answer (lingering, like any
        // 413 of a body over the limit) instead of reading it.
        reply.header('connection', 'close');
        drainOversizedBody(req, maxFileSize);
        throw err;
      }
    },
  }, async (req, reply) => {
    let file;
    try {
      file = await service(req).upload(await firstFilePart(req), req.rocketCaller, requestSpan(req));
    } finally {
      discardRest(req, reply, maxFileSize);
    }
    return reply.code(201).send({ data: file });
  });

  const serve = (head: boolean) => async (req: FastifyRequest, reply: FastifyReply) => {
    const file = await service(req).serve(id(req), head, requestSpan(req));
    return reply.headers(file.headers).send(file.body);
  };
  // HEAD is its own route (registered first, so GET gets no automatic one): it checks the blob
  // without reading it.
  fastify.head('/_files/:id', serve(true));
  fastify.get('/_files/:id', serve(false));

  fastify.get('/_files', admin, async (req) => ({ data: await service(req).list() }));
  fastify.delete('/_files/:id', admin, async (req) => ({ data: await service(req).delete(id(req), requestSpan(req)) }));
}
