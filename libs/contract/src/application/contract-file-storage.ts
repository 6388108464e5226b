import type { Readable } from 'node:stream';

/**
 * Where attachment files are kept [附件存储]: the platform's file storage (`fileStorageOf`), a shared
 * folder by default (CRM_STORAGE_DIR). Keys are made by this context (`contracts/<contract id>/<attachment id>`), never by a client.
 */
export abstract class ContractFileStorage {
  abstract put(key: string, content: Buffer): Promise<void>;
  /** The stored bytes; fails when the key holds nothing. */
  abstract read(key: string): Promise<Readable>;
  abstract remove(key: string): Promise<void>;
}
