// The `s3` blob driver: any S3-compatible object store (AWS S3, MinIO, Cloudflare R2, …). A blob is
// the object `<prefix><app>/<file_id>/<filename>` of one bucket. Uploads are streamed as multipart
// uploads by @aws-sdk/lib-storage (a part in memory at a time per slot, never the whole file);
// downloads stream the object's body. Credentials come from the SDK's default provider chain
// (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, a shared profile, an instance or task role): they are
// never part of Rocket's configuration, logs or answers.
import type { Readable } from 'node:stream';
import {
  DeleteObjectCommand, DeleteObjectsCommand, GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, S3Client,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import type { RocketConfig } from '../../config/schema.js';
import type { BlobStorage } from './storage.js';

type S3Config = NonNullable<RocketConfig['storage']['s3']>;

/** The smallest part S3 accepts; with QUEUE_SIZE parts in flight this bounds an upload's memory. */
const PART_SIZE = 5 * 1024 * 1024;
const QUEUE_SIZE = 2;
/** DeleteObjects takes at most 1000 keys. */
const DELETE_BATCH = 1000;

function isNotFound(err: unknown): boolean {
  const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e?.name === 'NoSuchKey' || e?.name === 'NotFound' || e?.$metadata?.httpStatusCode === 404;
}

/** `''`, or the prefix without a leading and with one trailing `/` (`rocket/uploads/`). */
function normalisePrefix(prefix: string | undefined): string {
  const trimmed = (prefix ?? '').replace(/^\/+/, '').replace(/\/+$/, '');
  return trimmed === '' ? '' : `${trimmed}/`;
}

export class S3Storage implements BlobStorage {
  readonly driver = 's3';
  private readonly client: S3Client;
  private readonly bucket: string;
  private readonly prefix: string;

  constructor(config: S3Config) {
    this.bucket = config.bucket;
    this.prefix = normalisePrefix(config.prefix);
    this.client = new S3Client({
      // A custom endpoint (MinIO, R2 …) usually has no region of its own; S3 signing needs one.
      region: config.region ?? (config.endpoint ? 'us-east-1' : undefined),
      endpoint: config.endpoint,
      forcePathStyle: config.force_path_style ?? false,
      // Checksums only where S3 requires them: many S3-compatible stores refuse the SDK's default
      // integrity headers on every upload (aws-chunked trailers). AWS itself keeps the default.
      ...(config.endpoint ? { requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED' } as const : {}),
    });
  }

  private key(path: string): string {
    return this.prefix + path;
  }

  async save(path: string, body: Readable, contentType: string): Promise<void> {
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.bucket, Key: this.key(path), Body: body, ContentType: contentType },
      partSize: PART_SIZE,
      queueSize: QUEUE_SIZE,
      leavePartsOnError: false,
    });
    try {
      await upload.done();
    } catch (err) {
      // lib-storage aborts a started multipart upload itself; a single-part one may have landed.
      await this.delete(path).catch(() => {});
      throw err;
    }
  }

  async open(path: string): Promise<Readable | undefined> {
    try {
      const out = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: this.key(path) }));
      return out.Body as Readable;
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  async exists(path: string): Promise<boolean> {
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: this.key(path) }));
      return true;
    } catch (err) {
      if (isNotFound(err)) return false;
      throw err;
    }
  }

  async delete(path: string): Promise<void> {
    // S3 answers a delete of a missing key with success, like B5 wants.
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: this.key(path) }));
  }

  async deleteApp(app: string): Promise<void> {
    if (app === '' || app.includes('/')) throw new Error(`invalid app name for blob deletion: ${app}`);
    const prefix = this.key(`${app}/`);
    // Listing again from the start after each batch: deleted keys drop out, so this ends even on
    // stores whose continuation tokens do not survive deletions.
    for (;;) {
      const page = await this.client.send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix, MaxKeys: DELETE_BATCH }));
      const keys = (page.Contents ?? []).map((o) => ({ Key: o.Key! }));
      if (keys.length === 0) return;
      const out = await this.client.send(new DeleteObjectsCommand({ Bucket: this.bucket, Delete: { Objects: keys, Quiet: true } }));
      if (out.Errors && out.Errors.length > 0) {
        throw new Error(`could not delete ${out.Errors.length} blobs of app ${app}: ${out.Errors[0].Code} ${out.Errors[0].Message ?? ''}`);
      }
    }
  }

  async close(): Promise<void> {
    this.client.destroy();
  }
}
