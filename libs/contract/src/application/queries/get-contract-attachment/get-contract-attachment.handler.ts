import type { Readable } from 'node:stream';
import { QueryBus, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { ContractErrors } from '../../../domain/contract.errors.js';
import { ContractAttachments } from '../../../infrastructure/contract-attachments.js';
import { ContractFileStorage } from '../../contract-file-storage.js';
import { GetContractQuery } from '../get-contract/get-contract.query.js';
import { toAttachmentView, type AttachmentView } from '../list-contract-attachments/list-contract-attachments.query.js';
import { GetContractAttachmentQuery } from './get-contract-attachment.query.js';

@QueryHandler(GetContractAttachmentQuery)
export class GetContractAttachmentHandler implements IQueryHandler<GetContractAttachmentQuery> {
  constructor(
    private readonly attachments: ContractAttachments,
    private readonly storage: ContractFileStorage,
    private readonly queries: QueryBus,
  ) {}

  async execute({ actor, contractId, attachmentId }: GetContractAttachmentQuery): Promise<{ attachment: AttachmentView; content: Readable }> {
    await this.queries.execute(new GetContractQuery(actor, contractId));
    const record = await this.attachments.find(contractId, attachmentId);
    if (!record) throw ContractErrors.attachmentNotFound();
    return { attachment: toAttachmentView(record), content: await this.storage.read(record.storageKey) };
  }
}
