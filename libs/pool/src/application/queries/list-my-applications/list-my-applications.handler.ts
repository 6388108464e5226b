import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { decodeCursor, toPage, TransactionHost, type Page } from '@crm/platform';
import type { ApplicationRecord } from '../../../infrastructure/pool.repository.js';
import { ListMyApplicationsQuery, type ApplicationView } from './list-my-applications.query.js';

@QueryHandler(ListMyApplicationsQuery)
export class ListMyApplicationsHandler implements IQueryHandler<ListMyApplicationsQuery> {
  constructor(private readonly tx: TransactionHost) {}

  async execute({ actor, status, limit, cursor }: ListMyApplicationsQuery): Promise<Page<ApplicationView>> {
    const [beforeId] = (decodeCursor(cursor, ['uuid']) ?? []) as string[];
    const rows = await this.tx.query<ApplicationRecord>(
      `SELECT id, customer_id AS "customerId", pool_id AS "poolId", applicant_id AS "applicantId", scopes, reason, status,
              approval_request_id AS "approvalRequestId", reserved_until AS "reservedUntil", created_at AS "createdAt", closed_at AS "closedAt"
         FROM pool.applications
        WHERE applicant_id = $1 AND ($2::text IS NULL OR status = $2) AND ($3::uuid IS NULL OR id < $3)
        ORDER BY id DESC LIMIT $4`,
      [actor.id, status ?? null, beforeId ?? null, limit + 1],
    );
    return toPage(
      rows,
      limit,
      (row) => [row.id],
      (row) => row,
    );
  }
}
