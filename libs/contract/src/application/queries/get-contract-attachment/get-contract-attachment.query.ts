import type { Readable } from 'node:stream';
import { Query } from '@nestjs/cqrs';
import type { Actor } from '@crm/platform';
import type { AttachmentView } from '../list-contract-attachments/list-contract-attachments.query.js';

/** An attachment's file [下载附件], under the contract's data scope. */
export class GetContractAttachmentQuery extends Query<{ attachment: AttachmentView; content: Readable }> {
  constructor(
    readonly actor: Actor,
    readonly contractId: string,
    readonly attachmentId: string,
  ) {
    super();
  }
}
