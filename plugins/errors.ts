// Every error becomes the standard envelope (platform-and-apps.md §1): our AppErrors, Fastify's
// own errors (validation, body too large), malformed JSON, unknown routes; anything unexpected is
// logged with the request id and answered as a bare 500.
import fp from 'fastify-plugin';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, errors } from '../core/errors.js';

function toAppError(err: FastifyError): AppError | undefined {
  if (err instanceof AppError) return err;
  if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return errors.payloadTooLarge();
  if (err.validation) {
    return errors.schemaValidation(err.message, err.validation.map((v) => ({
      field: (v.instancePath || '').replace(/^\//, '').replace(/\//g, '.') || undefined,
      rule: v.keyword,
      message: v.message ?? 'is invalid',
    })));
  }
  const status = err.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    return errors.fastifyClientError(status, err.message);
  }
  return undefined;
}

async function errorsPlugin(fastify: FastifyInstance, opts: { bodyLimit: number }): Promise<void> {
  fastify.setErrorHandler((err: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const appError = toAppError(err);
    if (appError) {
      if (appError.statusCode >= 500) request.log.error({ err }, 'request failed');
      return reply.code(appError.statusCode).send(appError.toBody());
    }
    request.log.error({ err }, 'unexpected error');
    reply.header('x-request-id', request.id);
    return reply.code(500).send(errors.internal().toBody());
  });

  fastify.setNotFoundHandler((_request, reply) => {
    reply.code(404).send(errors.routeNotFound().toBody());
  });

  // Request bodies (platform-and-apps.md §1.3): JSON (and */*+json) parsed with prototype-poisoning
  // protection; an empty body is {}; any other content type is read (within the body limit) and
  // treated as {}.
  const parseJson = fastify.getDefaultJsonParser('remove', 'remove');
  fastify.removeAllContentTypeParsers();
  const jsonParser = (request: FastifyRequest, body: string | Buffer, done: (err: Error | null, value?: unknown) => void) => {
    if ((body as string).trim() === '') return done(null, {});
    parseJson(request, body as string, (err, value) => (err ? done(errors.invalidJson(), undefined) : done(null, value)));
  };
  const jsonOptions = { parseAs: 'string' as const, bodyLimit: opts.bodyLimit };
  fastify.addContentTypeParser('application/json', jsonOptions, jsonParser);
  fastify.addContentTypeParser(/^application\/[\w.+-]+\+json$/, jsonOptions, jsonParser);
  fastify.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: opts.bodyLimit }, (_request, _body, done) => done(null, {}));
}

export default fp(errorsPlugin, { name: 'rocket-errors', fastify: '5.x' });
