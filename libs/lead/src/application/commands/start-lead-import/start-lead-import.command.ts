import { Command } from '@nestjs/cqrs';
import type { Actor } from '@crm/platform';

export interface StartImportInput {
  poolId: string | null;
  fileName: string;
  /** SHA-256 of the file: the same file into the same pool is the same import. */
  fileHash: string;
  format: 'csv' | 'xlsx';
  /** Where multer left the upload; moved to file storage for a new import, removed in any case. */
  filePath: string;
  channel: string | null;
  campaign: string | null;
}

/** Starts an import [线索导入]: the file is processed after this commits; answers the import and whether it existed. */
export class StartLeadImportCommand extends Command<{ id: string; existing: boolean }> {
  constructor(
    readonly actor: Actor,
    readonly input: StartImportInput,
  ) {
    super();
  }
}
