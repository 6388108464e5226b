import { rm } from 'node:fs/promises';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { TransactionHost } from '@crm/platform';
import { v7 as uuidv7 } from 'uuid';
import { ContractImportStore } from '../../../infrastructure/contract-import-store.js';
import { ContractImporter } from '../../contract-importer.js';
import { StartContractImportCommand } from './start-contract-import.command.js';

@CommandHandler(StartContractImportCommand)
export class StartContractImportHandler implements ICommandHandler<StartContractImportCommand> {
  constructor(
    private readonly store: ContractImportStore,
    private readonly importer: ContractImporter,
    private readonly tx: TransactionHost,
  ) {}

  async execute({ actor, input }: StartContractImportCommand): Promise<{ id: string; existing: boolean }> {
    const opened = await this.store.open({ id: uuidv7(), fileName: input.fileName, fileHash: input.fileHash, format: input.format, createdBy: actor.id });
    if (opened.existing) {
      await rm(input.filePath, { force: true });
      return opened;
    }
    // Processing starts once the import row is committed, outside this transaction, batch by batch.
    this.tx.afterCommit(() => void this.importer.run(actor, opened.id, input.filePath));
    return opened;
  }
}
