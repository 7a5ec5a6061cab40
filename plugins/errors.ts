// Every error becomes the standard envelope (platform-and-apps.md §1): our AppErrors, Fastify's
// own errors (validation, body too large), malformed JSON, unknown routes; anything unexpected is
// logged with the request id and answered as a bare 500. A body too deep (core/limits.ts) is 400
// before it is parsed; a 413 is delivered before its connection closes. Errors that arise before
// any plugin runs (bad URL encoding, over-long segments, malformed HTTP) are answered by the
// server options exported at the end, which buildServer sets (app.ts rocketServerOptions).
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import fp from 'fastify-plugin';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, errors } from '../core/errors.js';
import { parseJsonRemovingPrototypeKeys } from '../core/input.js';
import { MAX_ID_LENGTH, MAX_JSON_DEPTH, jsonTooDeep } from '../core/limits.js';

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
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') drainOversizedBody(request, opts.bodyLimit);
    if (appError) {
      if (appError.statusCode >= 500) request.log.error({ err }, 'request failed');
      return reply.code(appError.statusCode).send(appError.toBody());
    }
    request.log.error({ err }, 'unexpected error');
    return reply.code(500).send(errors.internal().toBody());
  });

  fastify.setNotFoundHandler((_request, reply) => {
    reply.code(404).send(errors.routeNotFound().toBody());
  });

  // Request bodies (platform-and-apps.md §1.3): JSON (and */*+json) parsed with prototype-poisoning
  // protection; an empty body is {}; any other content type is read (within the body limit) and
  // treated as {}.
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeAllContentTypeParsers();
  const jsonParser = (request: FastifyRequest, body: string | Buffer, done: (err: Error | null, value?: unknown) => void) => {
    if ((body as string).trim() === '') return done(null, {});
    // One linear scan before JSON.parse, so no recursive walk of the parsed value can overflow.
    if (jsonTooDeep(body as string)) return done(errors.jsonTooDeep(MAX_JSON_DEPTH), undefined);
    parseJson(request, body as string, (err, value) => {
      if (!err) return done(null, value);
      // Refused for `__proto__` / `constructor.prototype` keys, or invalid JSON: the keys are removed
      // but recorded, so record payloads refuse them as unknown keys (rest-api.md §11.1).
      try {
        done(null, parseJsonRemovingPrototypeKeys(body as string));
      } catch {
        done(errors.invalidJson(), undefined);
      }
    });
  };
  const jsonOptions = { parseAs: 'string' as const, bodyLimit: opts.bodyLimit };
  fastify.addContentTypeParser('application/json', jsonOptions, jsonParser);
  fastify.addContentTypeParser(/^application\/[\w.+-]+\+json$/, jsonOptions, jsonParser);
  fastify.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: opts.bodyLimit }, (_request, _body, done) => done(null, {}));
}

export default fp(errorsPlugin, { name: 'rocket-errors', fastify: '5.x' });

/** Bytes of an oversized body read and discarded after its 413, and for how long at most. */
const DRAIN_MIN_BYTES = 1024 * 1024;
const DRAIN_TIMEOUT_MS = 30_000;

/**
 * The 413 of a body over the limit must reach a client that is still uploading. Closing the
 * connection with request bytes unread makes the kernel reset it, and the client's upload fails
 * (EPIPE/ECONNRESET) — most clients then report that instead of the 413 already on its way. So
 * this is a lingering close: the 413 goes out with `Connection: close` (set by Fastify), the
 * connection is half-closed once it is written, and the rest of the body is read and discarded
 * until it ends; only then is the connection closed. Bounded: at most 2 × body_limit in all (at
 * least 1 MiB) and 30 s, after which it is destroyed; a body declared bigger than that is not
 * drained (Node closes as soon as the 413 is written).
 */
export function drainOversizedBody(request: FastifyRequest, bodyLimit: number): void {
  const req = request.raw;
  if (req.complete || req.destroyed) return;
  const cap = Math.max(2 * bodyLimit, DRAIN_MIN_BYTES);
  if (Number(req.headers['content-length']) > cap) return;
  // Node ends a `Connection: close` response by socket.destroySoon() (end, then destroy once
  // flushed); for this one socket it only half-closes until the body has been read.
  const socket = req.socket as Socket;
  const destroySoon = socket.destroySoon;
  let written = false;
  socket.destroySoon = () => {
    written = true;
    socket.end();
  };
  const timer = setTimeout(() => socket.destroy(), DRAIN_TIMEOUT_MS);
  timer.unref();
  let received = 0;
  req.on('data', (chunk: Buffer) => {
    received += chunk.length;
    if (received > cap) socket.destroy();
  });
  req.once('end', () => {
    clearTimeout(timer);
    socket.destroySoon = destroySoon;
    if (written) socket.destroySoon();
  });
  socket.once('close', () => clearTimeout(timer));
}

/**
 * Fastify's `frameworkErrors` server option (buildServer sets it; an embedding application may
 * pass it too, see README): errors raised before routing answer in the envelope. A path with
 * invalid percent-encoding or a segment over the longest id addresses nothing (404).
 */
export function frameworkErrors(err: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  let appError: AppError;
  if (err.code === 'FST_ERR_BAD_URL') appError = errors.badUrlEncoding();
  else if (err.code === 'FST_ERR_MAX_PARAM_LENGTH') appError = errors.urlSegmentTooLong(MAX_ID_LENGTH);
  else {
    request.log.error({ err }, 'unexpected framework error');
    appError = errors.internal();
  }
  reply.code(appError.statusCode).send(appError.toBody());
}

/** How long a connection answered by clientErrorHandler keeps reading before it is closed. */
const LINGER_MS = 5_000;
const answered = new WeakSet<Duplex>();

/**
 * Fastify's `clientErrorHandler` server option: malformed HTTP (duplicate Content-Length,
 * Content-Length with Transfer-Encoding, obs-fold, NUL in a header …), headers or URL over Node's
 * limit (431) and request timeouts (408) get the envelope with `Connection: close`. Like Node's own
 * handler it writes nothing when a response has already started on the socket. The connection
 * half-closes and keeps reading (what arrives is dropped) until the client closes it or 5 s pass:
 * closing at once with unread bytes would reset it and could destroy the answer in flight.
 */
export function clientErrorHandler(err: NodeJS.ErrnoException, socket: Duplex): void {
  if (answered.has(socket)) return; // the parser reports every later chunk of an answered connection
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const status = err.code === 'HPE_HEADER_OVERFLOW' ? 431 : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  const started = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent;
  if (!socket.writable || started) {
    socket.destroy(err);
    return;
  }
  answered.add(socket);
  const body = JSON.stringify(errors.malformedRequest(status).toBody());
  socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\n`
    + `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  const timer = setTimeout(() => socket.destroy(), LINGER_MS);
  timer.unref();
  socket.once('end', () => socket.destroy());
  socket.once('close', () => clearTimeout(timer));
}
