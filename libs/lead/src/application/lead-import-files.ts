import type { Readable } from 'node:stream';

/**
 * Where import uploads wait until their import has read them: the platform's file storage
 * (`fileStorageOf`: the folder CRM_STORAGE_DIR every process shares, or S3-compatible storage),
 * so whichever process runs or resumes an import reads the same file. Keys: `lead-imports/<import id>`.
 */
export abstract class LeadImportFiles {
  /** Stores an upload multer left on the local disk; `sha256` is its SHA-256 (hex). */
  abstract putFile(key: string, path: string, sha256: string): Promise<void>;
  /** The stored bytes; fails when the key holds nothing. */
  abstract read(key: string): Promise<Readable>;
  abstract remove(key: string): Promise<void>;
}
