import type { AppConfig } from '../config/app-config.js';
import type { FileStorage } from './file-storage.js';
import { LocalFileStorage } from './local-file-storage.js';
import { S3FileStorage } from './s3-file-storage.js';

/** The storage the configuration names: S3-compatible object storage when CRM_S3_* is set, else the folder CRM_STORAGE_DIR. */
export function fileStorageOf(config: AppConfig): FileStorage {
  return config.s3 ? new S3FileStorage(config.s3) : new LocalFileStorage(config);
}
