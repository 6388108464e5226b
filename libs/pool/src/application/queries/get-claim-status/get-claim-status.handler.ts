import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { TransactionHost } from '@crm/platform';
import { GetClaimStatusQuery, type ClaimStatus } from './get-claim-status.query.js';

@QueryHandler(GetClaimStatusQuery)
export class GetClaimStatusHandler implements IQueryHandler<GetClaimStatusQuery> {
  constructor(private readonly tx: TransactionHost) {}

  async execute({ customerId, userId }: GetClaimStatusQuery): Promise<ClaimStatus> {
    const row = await this.tx.queryOne<{ held: boolean; id: string | null; approval_request_id: string | null; reserved_until: Date | null }>(
      `SELECT EXISTS (SELECT 1 FROM pool.protections WHERE customer_id = $1 AND holder_id = $2 AND released_at IS NULL) AS held,
              a.id, a.approval_request_id, a.reserved_until
         FROM (SELECT 1) one
         LEFT JOIN LATERAL (SELECT id, approval_request_id, reserved_until FROM pool.applications
                             WHERE customer_id = $1 AND applicant_id = $2 AND status = 'pending' LIMIT 1) a ON true`,
      [customerId, userId],
    );
    if (row?.held) return { status: 'held' };
    if (row?.id) {
      return {
        status: 'pending-approval',
        applicationId: row.id,
        approvalRequestId: row.approval_request_id!,
        reservedUntil: new Date(row.reserved_until!).toISOString(),
      };
    }
    return { status: 'not-held' };
  }
}
