import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@crm/platform';

export interface AttachmentRecord {
  id: string;
  contractId: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  storageKey: string;
  uploadedBy: string;
  uploadedAt: Date;
}

interface AttachmentRow {
  id: string;
  contract_id: string;
  file_name: string;
  content_type: string;
  size_bytes: string;
  sha256: string;
  storage_key: string;
  uploaded_by: string;
  uploaded_at: Date;
}

const COLUMNS = 'id, contract_id, file_name, content_type, size_bytes, sha256, storage_key, uploaded_by, uploaded_at';

function toRecord(row: AttachmentRow): AttachmentRecord {
  return {
    id: row.id,
    contractId: row.contract_id,
    fileName: row.file_name,
    contentType: row.content_type,
    sizeBytes: Number(row.size_bytes),
    sha256: row.sha256,
    storageKey: row.storage_key,
    uploadedBy: row.uploaded_by,
    uploadedAt: new Date(row.uploaded_at),
  };
}

/** The attachments [合同附件] of contracts: what was uploaded, by whom, and where its bytes are kept. */
@Injectable()
export class ContractAttachments {
  constructor(private readonly tx: TransactionHost) {}

  async add(record: AttachmentRecord): Promise<void> {
    await this.tx.query(`INSERT INTO contract.attachments (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`, [
      record.id,
      record.contractId,
      record.fileName,
      record.contentType,
      record.sizeBytes,
      record.sha256,
      record.storageKey,
      record.uploadedBy,
      record.uploadedAt,
    ]);
  }

  async find(contractId: string, attachmentId: string): Promise<AttachmentRecord | undefined> {
    const row = await this.tx.queryOne<AttachmentRow>(`SELECT ${COLUMNS} FROM contract.attachments WHERE contract_id = $1 AND id = $2`, [
      contractId,
      attachmentId,
    ]);
    return row ? toRecord(row) : undefined;
  }

  async list(contractId: string, afterId: string | undefined, limit: number): Promise<AttachmentRecord[]> {
    const rows = await this.tx.query<AttachmentRow>(
      `SELECT ${COLUMNS} FROM contract.attachments WHERE contract_id = $1 AND ($2::uuid IS NULL OR id > $2::uuid) ORDER BY id LIMIT $3`,
      [contractId, afterId ?? null, limit],
    );
    return rows.map(toRecord);
  }
}
