import { createReadStream } from 'node:fs';
import { copyFile, mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import type { AppConfig } from '../config/app-config.js';
import { FileStorage } from './file-storage.js';

/** Files in a local folder (CRM_STORAGE_DIR, a volume every process mounts): written to a temporary name, then renamed, so a reader never sees half a file. */
export class LocalFileStorage extends FileStorage {
  private readonly root: string;

  constructor(config: Pick<AppConfig, 'storageDir'>) {
    super();
    this.root = resolve(config.storageDir);
  }

  async put(key: string, content: Buffer): Promise<void> {
    await this.write(key, (partial) => writeFile(partial, content));
  }

  async putFile(key: string, path: string): Promise<void> {
    // Copied, not moved: the upload may be on another file system than the storage folder.
    await this.write(key, (partial) => copyFile(path, partial));
  }

  async read(key: string): Promise<Readable> {
    const path = this.pathOf(key);
    await stat(path);
    return createReadStream(path);
  }

  async remove(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  private async write(key: string, to: (partial: string) => Promise<void>): Promise<void> {
    const path = this.pathOf(key);
    await mkdir(dirname(path), { recursive: true });
    const partial = `${path}.partial`;
    await to(partial);
    await rename(partial, path);
  }

  private pathOf(key: string): string {
    const path = resolve(join(this.root, key));
    if (!path.startsWith(this.root + sep)) throw new Error(`Storage key ${key} leaves the storage folder`);
    return path;
  }
}
