import { QueryBus, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { decodeCursor, toPage, type Page } from '@crm/platform';
import { ContractAttachments } from '../../../infrastructure/contract-attachments.js';
import { GetContractQuery } from '../get-contract/get-contract.query.js';
import { ListContractAttachmentsQuery, toAttachmentView, type AttachmentView } from './list-contract-attachments.query.js';

@QueryHandler(ListContractAttachmentsQuery)
export class ListContractAttachmentsHandler implements IQueryHandler<ListContractAttachmentsQuery> {
  constructor(
    private readonly attachments: ContractAttachments,
    private readonly queries: QueryBus,
  ) {}

  async execute({ actor, contractId, limit, cursor }: ListContractAttachmentsQuery): Promise<Page<AttachmentView>> {
    await this.queries.execute(new GetContractQuery(actor, contractId));
    const [afterId] = (decodeCursor(cursor, ['uuid']) ?? []) as string[];
    const records = await this.attachments.list(contractId, afterId, limit + 1);
    return toPage(records, limit, (record) => [record.id], toAttachmentView);
  }
}
