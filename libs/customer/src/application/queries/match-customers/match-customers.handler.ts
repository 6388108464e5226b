import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { TransactionHost } from '@crm/platform';
import { MatchCustomersQuery, type CustomerMatch } from './match-customers.query.js';

@QueryHandler(MatchCustomersQuery)
export class MatchCustomersHandler implements IQueryHandler<MatchCustomersQuery> {
  constructor(private readonly tx: TransactionHost) {}

  /** One statement whatever the number of keys (the name and phone indexes answer `= ANY`). */
  async execute({ keys }: MatchCustomersQuery): Promise<CustomerMatch[]> {
    if (keys.names.length + keys.phones.length + keys.ids.length === 0) return [];
    return this.tx.query<CustomerMatch>(
      `SELECT DISTINCT ON (m.matched_on, m.key) m.matched_on AS "on", m.key, m.id AS "customerId", m.owner_id AS "ownerId"
         FROM (SELECT 'name' AS matched_on, normalized_name AS key, id, owner_id FROM customer.customers
                WHERE kind = 'enterprise' AND normalized_name = ANY($1::text[])
               UNION ALL
               SELECT 'phone', normalized_phone, id, owner_id FROM customer.customers
                WHERE kind = 'individual' AND normalized_phone = ANY($2::text[])
               UNION ALL
               SELECT 'id', id::text, id, owner_id FROM customer.customers WHERE id = ANY($3::uuid[])) m
        ORDER BY m.matched_on, m.key, m.id`,
      [keys.names, keys.phones, keys.ids],
    );
  }
}
