import { Query } from '@nestjs/cqrs';

export type ClaimStatus =
  { status: 'held' } | { status: 'pending-approval'; applicationId: string; approvalRequestId: string; reservedUntil: string } | { status: 'not-held' };

/** Whether a person holds a customer (or part of it), or waits for approval to: what other contexts tell their callers. */
export class GetClaimStatusQuery extends Query<ClaimStatus> {
  constructor(
    readonly customerId: string,
    readonly userId: string,
  ) {
    super();
  }
}
