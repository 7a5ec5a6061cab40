// The blob store behind uploaded files (webhooks-and-files.md §B1): one interface, one driver per
// kind of store. A blob is addressed by its `storage_path` (`<app>/<file_id>/<filename>`, relative,
// so the root or bucket can move); the `_files` row that names it belongs to the files service
// (core/files/service.ts), which never touches a store directly.
import type { Readable } from 'node:stream';
import type { RocketConfig } from '../../config/schema.js';

export interface BlobStorage {
  /** Which driver this is (`local`, `s3`); for logs and the benchmark only. */
  readonly driver: string;
  /**
   * Streams `body` into the blob at `path`, never holding it whole in memory. Resolves once the
   * blob is complete; if `body` fails (the size limit, a client gone) or the store does, it
   * rejects with that error and leaves no blob behind.
   */
  save(path: string, body: Readable, contentType: string): Promise<void>;
  /** A stream of the blob, or undefined when it does not exist (decided before any byte is sent). */
  open(path: string): Promise<Readable | undefined>;
  /** Whether the blob exists, without reading it (HEAD). */
  exists(path: string): Promise<boolean>;
  /** Removes the blob and whatever only it needed (the local `<file_id>` directory); a missing
   * blob is not an error. */
  delete(path: string): Promise<void>;
  /** Removes every blob of an app (its database is being dropped). Idempotent. */
  deleteApp(app: string): Promise<void>;
  /** Releases connections (the S3 client's sockets). */
  close(): Promise<void>;
}

/**
 * Bytes each stage of an upload's stream may buffer (the multipart part, the byte counter, the
 * local writer): large enough that the stream does not stall after every socket chunk, small
 * against any file. An upload holds a few of these, never the file.
 */
export const UPLOAD_BUFFER = 1024 * 1024;

/** `<app>/<file_id>/<filename>`: the blob path of a file, as stored in `_files.storage_path`. */
export function blobPath(app: string, fileId: string, filename: string): string {
  return `${app}/${fileId}/${filename}`;
}

/**
 * The configured driver. The S3 driver (and the AWS SDK under it) is loaded only when selected,
 * so a server on local storage never loads it.
 */
export async function createBlobStorage(config: RocketConfig['storage']): Promise<BlobStorage> {
  if (config.driver === 's3') {
    const { S3Storage } = await import('./s3-storage.js');
    return new S3Storage(config.s3!);
  }
  const { LocalStorage } = await import('./local-storage.js');
  return new LocalStorage(config.local_path);
}
