import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { normalizeEmail, normalizePhone } from '@crm/kernel';
import { DataScope, decodeCursor, SqlParams, toPage, TransactionHost, type Page } from '@crm/platform';
import type { ContactState } from '../../../domain/contact.aggregate.js';
import { CONTACT_SCOPE_COLUMNS } from '../../contact-access.js';
import { toContactView, type ContactView } from '../get-contact/get-contact.query.js';
import { ListContactsQuery } from './list-contacts.query.js';

@QueryHandler(ListContactsQuery)
export class ListContactsHandler implements IQueryHandler<ListContactsQuery> {
  constructor(private readonly tx: TransactionHost) {}

  async execute({ actor, q, limit, cursor }: ListContactsQuery): Promise<Page<ContactView>> {
    const [beforeId] = (decodeCursor(cursor, ['uuid']) ?? []) as string[];
    const params = new SqlParams();
    const where = ['c.deleted_at IS NULL', DataScope.of(actor).sql(CONTACT_SCOPE_COLUMNS, params)];
    if (q) {
      const name = params.add(`%${q.replace(/[\\%_]/g, (character) => `\\${character}`)}%`);
      const phone = params.add(normalizePhone(q) || null);
      const email = params.add(normalizeEmail(q));
      where.push(
        `(c.name ILIKE ${name} OR c.id IN (SELECT contact_id FROM contact.identifiers WHERE (kind = 'phone' AND value = ${phone}) OR (kind = 'email' AND value = ${email})))`,
      );
    }
    if (beforeId) where.push(`c.id < ${params.add(beforeId)}::uuid`);
    const rows = await this.tx.query<ContactState>(
      `SELECT id, name, phones, emails, wechat_id AS "wechatId", title, notes, owner_id AS "ownerId", created_by AS "createdBy",
              created_at AS "createdAt", updated_at AS "updatedAt", version
         FROM contact.contacts c WHERE ${where.join(' AND ')} ORDER BY c.id DESC LIMIT ${params.add(limit + 1)}`,
      params.values,
    );
    return toPage(rows, limit, (row) => [row.id], toContactView);
  }
}
