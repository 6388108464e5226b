import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { decodeCursor, toPage, TransactionHost, type Page } from '@crm/platform';
import { ContactAccess } from '../../contact-access.js';
import { ListContactRecordsQuery, type ContactRecordView } from './list-contact-records.query.js';

@QueryHandler(ListContactRecordsQuery)
export class ListContactRecordsHandler implements IQueryHandler<ListContactRecordsQuery> {
  constructor(
    private readonly tx: TransactionHost,
    private readonly access: ContactAccess,
  ) {}

  async execute({ actor, contactId, limit, cursor }: ListContactRecordsQuery): Promise<Page<ContactRecordView>> {
    await this.access.visibleContact(actor, contactId);
    // Records made at a customer are that customer's business: shown only where the customer is visible.
    const atCustomers = await this.tx.query<{ customer_id: string }>(
      `SELECT DISTINCT customer_id FROM contact.records WHERE contact_id = $1 AND customer_id IS NOT NULL`,
      [contactId],
    );
    const visible = await this.access.visibleCustomers(
      actor,
      atCustomers.map((row) => row.customer_id),
    );
    const after = decodeCursor(cursor, ['timestamp', 'uuid']) as [string, string] | undefined;
    const rows = await this.tx.query<ContactRecordView & { occurredAt: Date }>(
      `SELECT id, customer_id AS "customerId", author_id AS "authorId", kind, content, occurred_at AS "occurredAt"
         FROM contact.records
        WHERE contact_id = $1 AND ($2::timestamptz IS NULL OR (occurred_at, id) < ($2::timestamptz, $3::uuid))
          AND (customer_id IS NULL OR customer_id = ANY($5::uuid[]))
        ORDER BY occurred_at DESC, id DESC LIMIT $4`,
      [contactId, after?.[0] ?? null, after?.[1] ?? null, limit + 1, visible],
    );
    return toPage(
      rows,
      limit,
      (row) => [new Date(row.occurredAt).toISOString(), row.id],
      (row) => ({
        ...row,
        occurredAt: new Date(row.occurredAt).toISOString(),
      }),
    );
  }
}
