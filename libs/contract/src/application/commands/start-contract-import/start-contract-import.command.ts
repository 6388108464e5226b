import { Command } from '@nestjs/cqrs';
import type { Actor } from '@crm/platform';

export interface StartContractImportInput {
  fileName: string;
  fileHash: string;
  format: 'csv' | 'xlsx';
  /** The uploaded file on local disk; the import removes it when done. */
  filePath: string;
}

/** Opens a contract import [合同导入] (or finds the caller's import of the same file) and starts it after commit. */
export class StartContractImportCommand extends Command<{ id: string; existing: boolean }> {
  constructor(
    readonly actor: Actor,
    readonly input: StartContractImportInput,
  ) {
    super();
  }
}
