import type { Readable } from 'node:stream';

/**
 * Where uploaded files are kept [文件存储] (ADR 0009): a folder every process shares
 * (CRM_STORAGE_DIR) or an S3-compatible bucket (CRM_S3_*). Contexts declare their own port in
 * `application/` and bind it to `fileStorageOf(config)`; keys are made by the context, never by a client.
 */
export abstract class FileStorage {
  abstract put(key: string, content: Buffer): Promise<void>;
  /** A file of the local disk (an upload multer stored), streamed in; `sha256` is its SHA-256 in hex, which the caller already has. */
  abstract putFile(key: string, path: string, sha256: string): Promise<void>;
  /** The stored bytes; fails when the key holds nothing. */
  abstract read(key: string): Promise<Readable>;
  /** Removes the key; nothing stored there is not an error. */
  abstract remove(key: string): Promise<void>;
}
