import { Query } from '@nestjs/cqrs';
import type { Actor } from '@crm/platform';
import type { ApprovalRequestState } from '../../../domain/approval-request.aggregate.js';

export type ApprovalView = ApprovalRequestState;

/** One request with its steps and every decision (full history); 404 unless involved. */
export class GetApprovalQuery extends Query<ApprovalView> {
  constructor(
    readonly actor: Actor,
    readonly requestId: string,
  ) {
    super();
  }
}
