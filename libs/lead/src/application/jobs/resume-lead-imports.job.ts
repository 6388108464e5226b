import { Injectable, Logger } from '@nestjs/common';
import { ImportStore } from '../../infrastructure/import-store.js';
import { IMPORT_LEASE_SECONDS, LeadImporter } from '../lead-importer.js';

/**
 * Imports nobody runs [导入续传]: queued or processing imports whose lease ran out (the process
 * running them died) or that never got one (it died before starting) are taken, one at a time
 * with SKIP LOCKED so two processes never take the same one, and processed after their last
 * reported row to the end. Safe in every API process and worker at once.
 */
@Injectable()
export class ResumeLeadImportsJob {
  private readonly logger = new Logger('ResumeLeadImports');

  constructor(
    private readonly store: ImportStore,
    private readonly importer: LeadImporter,
  ) {}

  /** Resumes abandoned imports until none is left; answers the ids this process took. */
  async run(): Promise<string[]> {
    const resumed: string[] = [];
    while (this.importer.accepting) {
      const id = await this.store.claimAbandoned(this.importer.holder, IMPORT_LEASE_SECONDS);
      if (!id) break;
      this.logger.log(`Resuming import ${id}`);
      resumed.push(id);
      await this.importer.process(id);
    }
    return resumed;
  }
}
