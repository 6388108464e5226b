import { createHash } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { APP_CONFIG, type AppConfig } from '@crm/platform';
import { v7 as uuidv7 } from 'uuid';
import { checkAttachment, cleanFileName } from '../../../domain/attachment-rules.js';
import { Contracts } from '../../../domain/contracts.port.js';
import { ContractAttachments } from '../../../infrastructure/contract-attachments.js';
import { assertCanSee } from '../../contract-access.js';
import { ContractFileStorage } from '../../contract-file-storage.js';
import { toAttachmentView, type AttachmentView } from '../../queries/list-contract-attachments/list-contract-attachments.query.js';
import { UploadContractAttachmentCommand } from './upload-contract-attachment.command.js';

@CommandHandler(UploadContractAttachmentCommand)
export class UploadContractAttachmentHandler implements ICommandHandler<UploadContractAttachmentCommand> {
  constructor(
    private readonly contracts: Contracts,
    private readonly attachments: ContractAttachments,
    private readonly storage: ContractFileStorage,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute({ actor, contractId, file }: UploadContractAttachmentCommand): Promise<AttachmentView> {
    assertCanSee(actor, await this.contracts.get(contractId));
    const fileName = cleanFileName(file.fileName);
    const contentType = checkAttachment({ ...file, fileName }, this.config.attachmentMaxBytes);
    const id = uuidv7();
    const record = {
      id,
      contractId,
      fileName,
      contentType,
      sizeBytes: file.size,
      sha256: createHash('sha256').update(file.content).digest('hex'),
      storageKey: `contracts/${contractId}/${id}`,
      uploadedBy: actor.id,
      uploadedAt: new Date(),
    };
    // The bytes first, then the record: a record never points at nothing. A record that fails takes its file with it.
    await this.storage.put(record.storageKey, file.content);
    try {
      await this.attachments.add(record);
    } catch (error) {
      await this.storage.remove(record.storageKey);
      throw error;
    }
    return toAttachmentView(record);
  }
}
