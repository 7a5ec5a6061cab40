// The `local` blob driver (webhooks-and-files.md §B1): blobs are files under storage.local_path,
// at `<root>/<app>/<file_id>/<filename>`; an app's blobs are the directory `<root>/<app>/`.
import { createReadStream, createWriteStream, open as openFd } from 'node:fs';
import { mkdir, rm, rmdir, stat } from 'node:fs/promises';
import { promisify } from 'node:util';
import { dirname, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { UPLOAD_BUFFER, type BlobStorage } from './storage.js';

/** Read-stream chunk size: fewer, larger reads and socket writes than the 64 KiB default
 * (download throughput); a download holds about this much. */
const READ_CHUNK = 256 * 1024;

const openForRead = promisify(openFd);
const missing = (err: unknown) => ['ENOENT', 'ENOTDIR'].includes((err as NodeJS.ErrnoException).code ?? '');

export class LocalStorage implements BlobStorage {
  readonly driver = 'local';
  private readonly root: string;

  constructor(localPath: string) {
    this.root = resolve(localPath);
  }

  /**
   * The absolute file of a blob path. Paths are built from a checked app name, a UUID and a
   * sanitised file name (core/files/names.ts), so they cannot leave the root; this refuses one
   * that would anyway, so no caller mistake can write or delete outside it.
   */
  private file(path: string): string {
    const full = resolve(this.root, path);
    if (!full.startsWith(this.root + sep)) throw new Error(`blob path outside the storage root: ${path}`);
    return full;
  }

  async save(path: string, body: Readable, _contentType: string): Promise<void> {
    const full = this.file(path);
    await mkdir(dirname(full), { recursive: true });
    try {
      // `wx`: a blob path names a new file id, so an existing file is never overwritten.
      await pipeline(body, createWriteStream(full, { flags: 'wx', highWaterMark: UPLOAD_BUFFER }));
    } catch (err) {
      await this.delete(path).catch(() => {});
      throw err;
    }
  }

  async open(path: string): Promise<Readable | undefined> {
    // Opened first, so a missing blob is known before any header is sent; a plain descriptor
    // (not a FileHandle, whose stream reads through promises) for the fastest reads.
    let fd: number;
    try {
      fd = await openForRead(this.file(path), 'r');
    } catch (err) {
      if (missing(err)) return undefined;
      throw err;
    }
    return createReadStream('', { fd, highWaterMark: READ_CHUNK });
  }

  async exists(path: string): Promise<boolean> {
    try {
      return (await stat(this.file(path))).isFile();
    } catch (err) {
      if (missing(err)) return false;
      throw err;
    }
  }

  async delete(path: string): Promise<void> {
    const full = this.file(path);
    await rm(full, { force: true });
    // The `<file_id>` directory held only this blob (B5); a directory still holding something
    // (nothing should) is left alone.
    await rmdir(dirname(full)).catch((err: NodeJS.ErrnoException) => {
      if (!missing(err) && err.code !== 'ENOTEMPTY' && err.code !== 'EEXIST') throw err;
    });
  }

  async deleteApp(app: string): Promise<void> {
    await rm(this.file(app), { recursive: true, force: true });
  }

  async close(): Promise<void> {}
}
