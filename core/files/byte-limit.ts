// Counts the bytes of an upload as they stream through and fails the stream the moment the count
// passes the limit (webhooks-and-files.md §B2): the store then removes the partial blob. Exactly
// `limit` bytes pass.
import { Transform, type TransformCallback } from 'node:stream';
import { errors } from '../errors.js';
import { UPLOAD_BUFFER } from './storage.js';

export class ByteLimit extends Transform {
  /** Bytes passed so far: after the stream ends, the file's exact size. */
  bytes = 0;

  constructor(private readonly limit: number) {
    super({ highWaterMark: UPLOAD_BUFFER });
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.limit) return callback(errors.fileTooLarge(this.limit));
    callback(null, chunk);
  }
}
