import { rm } from 'node:fs/promises';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { TransactionHost } from '@crm/platform';
import { v7 as uuidv7 } from 'uuid';
import { MASTER_POOL_ID } from '../../../domain/lead-pool.js';
import { LeadPoolErrors } from '../../../domain/lead.errors.js';
import { ImportStore } from '../../../infrastructure/import-store.js';
import { LeadPoolRepository } from '../../../infrastructure/lead-pool.repository.js';
import { LeadAccess } from '../../lead-access.js';
import { LeadImportFiles } from '../../lead-import-files.js';
import { importFileKey, LeadImporter } from '../../lead-importer.js';
import { StartLeadImportCommand } from './start-lead-import.command.js';

@CommandHandler(StartLeadImportCommand)
export class StartLeadImportHandler implements ICommandHandler<StartLeadImportCommand> {
  constructor(
    private readonly pools: LeadPoolRepository,
    private readonly access: LeadAccess,
    private readonly store: ImportStore,
    private readonly importer: LeadImporter,
    private readonly files: LeadImportFiles,
    private readonly tx: TransactionHost,
  ) {}

  async execute({ actor, input }: StartLeadImportCommand): Promise<{ id: string; existing: boolean }> {
    const reach = await this.access.reachOf(actor);
    const pool = await this.pools.find(input.poolId ?? MASTER_POOL_ID);
    if (!pool || !reach.seesPool(pool.path)) {
      await rm(input.filePath, { force: true });
      throw LeadPoolErrors.notFound();
    }
    const opened = await this.store.open({
      id: uuidv7(),
      poolId: pool.id,
      fileName: input.fileName,
      fileHash: input.fileHash,
      format: input.format,
      channel: input.channel,
      campaign: input.campaign,
      createdBy: actor.id,
    });
    if (!opened.existing) {
      // The bytes go to file storage before the import row commits, so a committed import always
      // has its file, for whichever process runs it; a row that does not commit leaves a harmless file.
      await this.files.putFile(importFileKey(opened.id), input.filePath, input.fileHash);
    }
    await rm(input.filePath, { force: true });
    if (opened.existing) return opened;
    // Processing starts once the import row is committed, outside this transaction, batch by batch;
    // should this process die first, the scheduled ResumeLeadImportsJob of any process starts it.
    this.tx.afterCommit(() => void this.importer.run(opened.id));
    return opened;
  }
}
