import { Command } from '@nestjs/cqrs';
import type { Actor } from '@crm/platform';
import type { AttachmentView } from '../../queries/list-contract-attachments/list-contract-attachments.query.js';

/** Attaches a file to a contract [上传合同附件]: the signed scan, annexes. */
export class UploadContractAttachmentCommand extends Command<AttachmentView> {
  constructor(
    readonly actor: Actor,
    readonly contractId: string,
    readonly file: { fileName: string; contentType: string; size: number; content: Buffer },
  ) {
    super();
  }
}
