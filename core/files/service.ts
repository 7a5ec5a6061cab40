// Uploaded files of one app (webhooks-and-files.md §B2–§B5): upload (stream to the store, count,
// then the `_files` row), serve (the row, then the blob), list and delete. Rows live in the app's
// database, blobs in the configured BlobStorage; a file id of another app is simply not found.
import { pipeline, type Readable } from 'node:stream';
import type { Caller } from '../auth/tokens.js';
import type { Database } from '../db/types.js';
import { AppError, errors } from '../errors.js';
import { isUuid, newId } from '../ids.js';
import { ByteLimit } from './byte-limit.js';
import { contentDisposition, sanitiseFilename, storedMimeType } from './names.js';
import { blobPath, type BlobStorage } from './storage.js';
import { SPANS, withSpan, type ActiveSpan, type Parent } from '../tracing/index.js';

/** Multipart framing allowed on top of storage.max_file_size before a declared length is refused. */
export const MULTIPART_OVERHEAD = 1024 * 1024;

/** The file part of an upload as the HTTP layer found it. */
export interface UploadPart {
  /** The client's file name, unsanitised. */
  filename: string | undefined;
  /** The part's declared Content-Type, or undefined when it declared none. */
  mimeType: string | undefined;
  stream: Readable;
}

/** The 201 body of an upload (§B2). */
export interface UploadedFile {
  id: string;
  filename: string;
  size: number;
  mime_type: string;
  url: string;
}

/** An item of the admin list (§B4): no storage_path. */
export interface FileListItem {
  id: string;
  filename: string;
  mime_type: string;
  size: number;
  uploaded_by: string | null;
  created_at: string;
}

/** A file about to be served: its headers (§B3) and, for GET, its body. */
export interface ServedFile {
  headers: Record<string, string>;
  body?: Readable;
}

interface FileRow {
  id: string;
  filename: string;
  storage_path: string;
  mime_type: string;
  size: unknown;
}

/**
 * §B2: a declared Content-Length over the limit plus the multipart overhead is refused before the
 * body is read. No or an unparsable Content-Length leaves it to the count while streaming.
 */
export function checkDeclaredLength(contentLength: string | undefined, maxFileSize: number): void {
  if (contentLength === undefined || !/^\d+$/.test(contentLength)) return;
  if (Number(contentLength) > maxFileSize + MULTIPART_OVERHEAD) throw errors.fileTooLarge(maxFileSize);
}

export class FilesService {
  constructor(
    private readonly db: Database,
    private readonly blobs: BlobStorage,
    private readonly app: string,
    private readonly maxFileSize: number,
    /** Where this app's files are served, e.g. `/api/shop/_files` (upload answers carry it). */
    private readonly filesUrl: string,
  ) {}

  /**
   * Streams the part to the store under a new id while counting it; only a complete blob gets its
   * `_files` row, and a row that cannot be inserted takes its blob with it. Over the limit: 413
   * (the store has removed the partial blob). A part that breaks off (the client went away, the
   * multipart body is truncated): 400.
   */
  upload(part: UploadPart, caller: Caller | undefined, parent?: Parent): Promise<UploadedFile> {
    return withSpan(parent, SPANS.fileUpload, null, null, (span) => this.uploadTraced(part, caller, span));
  }

  private async uploadTraced(part: UploadPart, caller: Caller | undefined, span: ActiveSpan): Promise<UploadedFile> {
    const id = newId();
    const filename = sanitiseFilename(part.filename);
    const mimeType = storedMimeType(part.mimeType);
    span.set('file_id', id).set('filename', filename).set('mime_type', mimeType);
    const path = blobPath(this.app, id, filename);
    const counter = new ByteLimit(this.maxFileSize);
    // pipeline() passes a failure either way: the limit or a failing store destroys the part (the
    // HTTP layer then stops reading it), a broken part fails what the store is writing. The part
    // broke by itself if it failed or closed early while the counter still ran.
    const source = part.stream;
    if (source.destroyed) throw errors.missingFile();
    let partBroke = false;
    const broke = () => { if (!counter.destroyed) partBroke = true; };
    source.on('error', broke);
    source.on('close', () => { if (!source.readableEnded) broke(); });
    const body = pipeline(source, counter, () => {});
    try {
      await this.blobs.save(path, body, mimeType);
    } catch (err) {
      if (err instanceof AppError) throw err;
      if (partBroke) throw errors.missingFile();
      throw err;
    }
    const size = counter.bytes;
    span.set('size', size);
    try {
      await this.db.run(
        `INSERT INTO _files (id, filename, storage_path, mime_type, size, uploaded_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [id, filename, path, mimeType, size, isUuid(caller?.id) ? caller!.id.toLowerCase() : null, new Date().toISOString()],
      );
    } catch (err) {
      await this.blobs.delete(path).catch(() => {});
      throw err;
    }
    return { id, filename, size, mime_type: mimeType, url: `${this.filesUrl}/${id}` };
  }

  /** §B3: headers and body of a file; `head` checks the blob without reading it. The span covers
   * finding and opening it (the body streams out after). */
  serve(id: string, head: boolean, parent?: Parent): Promise<ServedFile> {
    return withSpan(parent, SPANS.fileServe, null, null, (span) => this.serveTraced(id, head, span));
  }

  private async serveTraced(id: string, head: boolean, span: ActiveSpan): Promise<ServedFile> {
    span.set('file_id', id);
    const row = await this.find(id);
    if (!row) throw errors.fileNotFound(id);
    span.set('filename', row.filename).set('size', Number(row.size)).set('mime_type', row.mime_type);
    let body: Readable | undefined;
    if (head) {
      if (!(await this.blobs.exists(row.storage_path))) throw errors.fileNotOnDisk(id);
    } else {
      body = await this.blobs.open(row.storage_path);
      if (!body) throw errors.fileNotOnDisk(id);
    }
    const headers = {
      'content-type': row.mime_type,
      'content-disposition': contentDisposition(row.filename),
      'content-length': String(Number(row.size)),
      'x-content-type-options': 'nosniff',
      'content-security-policy': 'sandbox',
      'cache-control': 'private, no-cache',
    };
    return { headers, body };
  }

  /** §B4: every file, newest first. */
  async list(): Promise<FileListItem[]> {
    const rows = await this.db.query<Record<string, unknown>>(
      'SELECT id, filename, mime_type, size, uploaded_by, created_at FROM _files ORDER BY created_at DESC, id DESC',
    );
    const d = this.db.dialect;
    return rows.map((r) => ({
      id: String(r.id),
      filename: String(r.filename),
      mime_type: String(r.mime_type),
      size: Number(r.size),
      uploaded_by: r.uploaded_by === null || r.uploaded_by === undefined ? null : String(r.uploaded_by),
      created_at: d.decodeTimestamp(r.created_at)!,
    }));
  }

  /** §B5: the blob (a missing one is fine) and its directory, then the row. */
  delete(id: string, parent?: Parent): Promise<{ deleted: true }> {
    return withSpan(parent, SPANS.fileDelete, null, null, (span) => this.deleteTraced(id, span));
  }

  private async deleteTraced(id: string, span: ActiveSpan): Promise<{ deleted: true }> {
    span.set('file_id', id);
    const row = await this.find(id);
    if (!row) throw errors.fileNotFound(id);
    span.set('filename', row.filename).set('size', Number(row.size)).set('mime_type', row.mime_type);
    await this.blobs.delete(row.storage_path);
    await this.db.run('DELETE FROM _files WHERE id = $1', [row.id]);
    return { deleted: true };
  }

  private async find(id: string): Promise<FileRow | undefined> {
    if (!isUuid(id)) return undefined;
    const [row] = await this.db.query<FileRow>(
      'SELECT id, filename, storage_path, mime_type, size FROM _files WHERE id = $1',
      [id.toLowerCase()],
    );
    return row;
  }
}
