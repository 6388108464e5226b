import { Query } from '@nestjs/cqrs';
import type { Actor, Page } from '@crm/platform';
import type { AttachmentRecord } from '../../../infrastructure/contract-attachments.js';

export interface AttachmentView {
  id: string;
  contractId: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  uploadedBy: string;
  uploadedAt: string;
  /** Where the file is downloaded, under the contract's data scope. */
  contentUrl: string;
}

export function toAttachmentView(record: AttachmentRecord): AttachmentView {
  return {
    id: record.id,
    contractId: record.contractId,
    fileName: record.fileName,
    contentType: record.contentType,
    sizeBytes: record.sizeBytes,
    sha256: record.sha256,
    uploadedBy: record.uploadedBy,
    uploadedAt: record.uploadedAt.toISOString(),
    contentUrl: `/api/v1/contracts/${record.contractId}/attachments/${record.id}/content`,
  };
}

/** A contract's attachments [合同附件], oldest first. */
export class ListContractAttachmentsQuery extends Query<Page<AttachmentView>> {
  constructor(
    readonly actor: Actor,
    readonly contractId: string,
    readonly limit: number,
    readonly cursor: string | undefined,
  ) {
    super();
  }
}
