import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import type { ByteRange } from './byte-range.js';
import { StorageError } from './storage-error.js';
import type { Storage, StoredFile } from './storage.js';

export interface S3StorageOptions {
  bucket: string;
  region: string;
  /** MinIO, R2, Spaces, s3rver…; undefined for AWS. */
  endpoint?: string | undefined;
  /** Static keys; without them the SDK's own chain (instance role, AWS_* variables) is used. */
  credentials?: { accessKeyId: string; secretAccessKey: string } | undefined;
  /** `endpoint/bucket/key` instead of `bucket.endpoint/key` (MinIO, s3rver, most self-hosted). */
  forcePathStyle?: boolean;
  /** Parts of a multipart upload (5 MiB is S3's minimum); a smaller file is one PUT. */
  partSize?: number;
}

/** 8 MiB parts, four at a time: a large upload holds at most 32 MiB in memory. */
const defaultPartSize = 8 * 1024 * 1024;
const partsInFlight = 4;

const statusOf = (error: unknown) =>
  error instanceof S3ServiceException ? error.$metadata.httpStatusCode : undefined;
const isMissing = (error: unknown) =>
  statusOf(error) === 404 ||
  (error instanceof S3ServiceException &&
    (error.name === 'NoSuchKey' || error.name === 'NotFound'));

/**
 * A refused or full bucket is a storage failure (403/AccessDenied → not writable; a quota or
 * MinIO's "storage full" → full), answered like a full or read-only disk; anything else (a
 * network error, a bad bucket name) passes through as it was.
 */
function asS3StorageError(error: unknown): unknown {
  if (!(error instanceof S3ServiceException)) return error;
  if (/QuotaExceeded|StorageFull|InsufficientStorage/i.test(error.name) || statusOf(error) === 507)
    return new StorageError('full', { cause: error });
  if (error.name === 'AccessDenied' || statusOf(error) === 403)
    return new StorageError('not-writable', { cause: error });
  return error;
}

/**
 * Media in an S3-compatible bucket through the AWS SDK v3, keys as they are (no prefix), so a
 * CDN or the bucket's own address serves them at `MEDIA_PUBLIC_URL/<key>`. Every write is one
 * PUT or a multipart upload that is aborted on failure, so a bucket never shows half a file.
 */
export class S3Storage implements Storage {
  readonly client: S3Client;
  private readonly bucket: string;
  private readonly partSize: number;

  constructor(options: S3StorageOptions) {
    this.bucket = options.bucket;
    this.partSize = options.partSize ?? defaultPartSize;
    this.client = new S3Client({
      region: options.region,
      ...(options.endpoint ? { endpoint: options.endpoint } : {}),
      ...(options.credentials ? { credentials: options.credentials } : {}),
      forcePathStyle: options.forcePathStyle ?? false,
      // SDK 3.729+ adds CRC32 checksums to every upload and checks them on downloads; several
      // S3-compatible servers (s3rver, older MinIO, some gateways) refuse or mangle them. Only
      // where S3 requires one (DeleteObjects) — see docs/decisions/0012-s3-media-storage.md.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  async put(key: string, body: Buffer | Readable, contentType: string): Promise<void> {
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.bucket, Key: key, Body: body, ContentType: contentType },
      partSize: this.partSize,
      queueSize: partsInFlight,
      leavePartsOnError: false,
    });
    try {
      await upload.done();
    } catch (error) {
      throw asS3StorageError(error);
    }
  }

  async get(key: string): Promise<Buffer | undefined> {
    try {
      const object = await this.client.send(
        new GetObjectCommand({ Bucket: this.bucket, Key: key }),
      );
      return object.Body ? Buffer.from(await object.Body.transformToByteArray()) : Buffer.alloc(0);
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }

  async read(key: string, range?: ByteRange): Promise<StoredFile | undefined> {
    try {
      const object = await this.client.send(
        new GetObjectCommand({
          Bucket: this.bucket,
          Key: key,
          ...(range ? { Range: `bytes=${range.start}-${range.end}` } : {}),
        }),
      );
      // "bytes 0-99/1234": the whole object's size is after the slash.
      const total = /\/(\d+)$/.exec(object.ContentRange ?? '')?.[1];
      const size = total !== undefined ? Number(total) : (object.ContentLength ?? 0);
      const body = object.Body instanceof Readable ? object.Body : Readable.from([]);
      return { body, size, ...(range ? { range } : {}) };
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }

  async stat(key: string): Promise<{ size: number } | undefined> {
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return { size: head.ContentLength ?? 0 };
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }

  async exists(key: string): Promise<boolean> {
    return (await this.stat(key)) !== undefined;
  }

  async delete(key: string): Promise<void> {
    try {
      await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
    } catch (error) {
      if (isMissing(error)) return;
      throw asS3StorageError(error);
    }
  }

  async *list(prefix = ''): AsyncIterable<{ key: string; size: number }> {
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({
          Bucket: this.bucket,
          ...(prefix ? { Prefix: prefix } : {}),
          ...(token ? { ContinuationToken: token } : {}),
        }),
      );
      for (const object of page.Contents ?? [])
        if (object.Key !== undefined) yield { key: object.Key, size: object.Size ?? 0 };
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  /** Writes and removes a probe object: proves the bucket exists and these keys may write. */
  async check(): Promise<void> {
    const probe = `.readiness-probe/${randomBytes(6).toString('hex')}`;
    await this.put(probe, Buffer.from('readiness probe\n'), 'text/plain');
    await this.delete(probe);
  }

  /**
   * Nothing to sweep: a failed multipart upload is aborted by the uploader; for uploads cut
   * short by a crash, a bucket lifecycle rule (AbortIncompleteMultipartUpload) is the tool
   * (docs/operations.md).
   */
  removeStaleTemporaryFiles(): Promise<number> {
    return Promise.resolve(0);
  }

  close(): void {
    this.client.destroy();
  }
}
