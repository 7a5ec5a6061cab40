// Entity tags (beyond the spec; RFC 9110 §8.8.3, §13.1): a GET answers with an ETag over the
// exact bytes it sends, a request whose `If-None-Match` names it gets `304 Not Modified` without a
// body, and a PUT/PATCH/DELETE whose `If-Match` names another version of the record is refused
// with 412 (optimistic concurrency for editors). The tag is a hash of the serialized response, so
// it changes whenever anything the caller would see changes (a field, an include, the page or its
// total) and needs no version column. Strong, because it is computed from the exact bytes sent
// (If-Match compares strongly); If-None-Match also accepts the weak form.
import { hash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

export function etagOf(body: string): string {
  // crypto.hash: one call, no Hash object per response (this runs on every read).
  return `"${hash('sha1', body, 'base64url')}"`;
}

/** Whether a conditional header's list (`*` or tags) names `etag`; `weak` also accepts `W/"…"`. */
export function headerNames(header: string, etag: string, weak: boolean): boolean {
  if (header.trim() === '*') return true;
  return header.split(',').some((candidate) => {
    const tag = candidate.trim();
    return (weak && tag.startsWith('W/') ? tag.slice(2) : tag) === etag;
  });
}

function noneMatch(header: string | undefined, etag: string): boolean {
  return header !== undefined && headerNames(header, etag, true);
}

/** Sends `body` (serialized JSON) with its ETag, or 304 when the client already has it. */
export function sendWithEtag(req: FastifyRequest, reply: FastifyReply, body: string): FastifyReply {
  const etag = etagOf(body);
  reply.header('etag', etag);
  if (noneMatch(req.headers['if-none-match'], etag)) return reply.code(304).send();
  return reply.send(body);
}
