import { Query } from '@nestjs/cqrs';
import type { Actor, Page } from '@crm/platform';
import type { ApprovalView } from '../get-approval/get-approval.query.js';

/** `waiting-for-me` [待我审批]: pending steps where the caller has not decided; `mine` [我发起的]. */
export class ListApprovalsQuery extends Query<Page<ApprovalView>> {
  constructor(
    readonly actor: Actor,
    readonly box: 'waiting-for-me' | 'mine',
    readonly status: string | undefined,
    readonly limit: number,
    readonly cursor?: string,
  ) {
    super();
  }
}
