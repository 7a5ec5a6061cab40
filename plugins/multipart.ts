// multipart/form-data for the upload route (webhooks-and-files.md §B2), on @fastify/multipart.
// `multipart` is registered by the route module that needs it, inside Rocket's encapsulated
// context, so an embedding application's own content-type parsers and multipart set-up are
// untouched. `firstFilePart` finds the part named `file` and leaves it unread for the caller to
// stream; `discardRest` deals with whatever of the body is left once the upload is answered.
import type { IncomingMessage } from 'node:http';
import type { Writable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import fastifyMultipart from '@fastify/multipart';
import { errors } from '../core/errors.js';
import type { UploadPart } from '../core/files/service.js';
import { UPLOAD_BUFFER } from '../core/files/storage.js';
import { drainOversizedBody } from './errors.js';

/** The form field that carries the upload. */
const FILE_FIELD = 'file';

async function multipart(fastify: FastifyInstance): Promise<void> {
  await fastify.register(fastifyMultipart, {
    // The size limit is the files service's, counted while streaming (core/files/byte-limit.ts);
    // the file stream must not be cut short underneath it. Other parts are ignored, so their
    // values are kept short: a chunked body of many large text fields cannot fill the memory.
    limits: { fileSize: Infinity, parts: 1000, fieldSize: 1024 },
    throwFileSizeLimit: false,
    // Buffering between the socket and the store (each stage holds at most this much): large
    // enough that busboy does not stop after every socket chunk, small against the file.
    fileHwm: UPLOAD_BUFFER,
    // The full client file name reaches the sanitiser (core/files/names.ts), which owns the rule.
    preservePath: true,
  });
}

export default fp(multipart, { name: 'rocket-multipart', fastify: '5.x' });

/**
 * The first file part named `file`, its body not yet read. Parts before it are skipped (a file
 * part of another name is drained). Not multipart, malformed, or no such part: 400.
 */
export async function firstFilePart(req: FastifyRequest): Promise<UploadPart> {
  if (!req.isMultipart()) throw errors.missingFile();
  const { typed, unwatch } = watchDeclaredTypes(req.raw);
  try {
    for await (const part of req.parts()) {
      if (part.type !== 'file') continue;
      if (part.fieldname !== FILE_FIELD) {
        part.file.resume();
        continue;
      }
      // busboy's type (lowercased, without parameters), unless the part declared none.
      const mimeType = typed.get(part.file) === false ? undefined : part.mimetype;
      return { filename: part.filename, mimeType, stream: part.file };
    }
  } catch (err) {
    req.log.debug({ err }, 'multipart body refused');
  } finally {
    unwatch();
  }
  throw errors.missingFile();
}

/**
 * Whether each file part declared a Content-Type. busboy reports a part without one as
 * `text/plain` (RFC 7578's default) while B1 wants `application/octet-stream`, so the part headers
 * are watched as busboy parses them: on the parser @fastify/multipart pipes the request into
 * (busboy, and its Dicer one level down). Should that shape ever change, nothing is recorded and
 * busboy's type stands.
 */
function watchDeclaredTypes(raw: IncomingMessage): { typed: Map<unknown, boolean>; unwatch(): void } {
  const typed = new Map<unknown, boolean>();
  const pipe = raw.pipe;
  const unwatch = () => { raw.pipe = pipe; };
  raw.pipe = function (this: IncomingMessage, dest: NodeJS.WritableStream, options?: { end?: boolean }) {
    unwatch();
    const boy = dest as unknown as Writable & { _parser?: { parser?: NodeJS.EventEmitter } };
    const dicer = boy._parser?.parser;
    if (dicer && typeof dicer.prependListener === 'function') {
      let declared = false;
      // A part's headers are parsed, then busboy emits its 'file' in the same turn.
      dicer.prependListener('part', (part: NodeJS.EventEmitter) => {
        part.prependListener('header', (header: Record<string, string[] | undefined>) => {
          declared = (header['content-type']?.[0] ?? '').trim() !== '';
        });
      });
      boy.prependListener('file', (_field: string, file: unknown) => typed.set(file, declared));
    }
    return pipe.call(this, dest, options);
  } as typeof raw.pipe;
  return { typed, unwatch };
}

/**
 * Once an upload is decided, the rest of its body (later parts, or the remainder of a refused file)
 * is read and dropped, so the client, which may still be sending, receives the answer. A declared
 * Content-Length bounds the rest (it passed checkDeclaredLength): the connection stays open. A
 * chunked body has no bound: the answer closes the connection, lingering (plugins/errors.ts) so
 * that unread bytes do not reset it before the client has read the answer.
 */
export function discardRest(req: FastifyRequest, reply: FastifyReply, maxFileSize: number): void {
  const raw = req.raw;
  if (raw.complete || raw.destroyed) return;
  raw.unpipe();
  if (raw.headers['content-length'] === undefined) {
    reply.header('connection', 'close');
    drainOversizedBody(req, maxFileSize);
  }
  raw.resume();
}
