import { Command } from '@nestjs/cqrs';
import type { Actor } from '@crm/platform';

/** An approver approves [同意] or rejects [驳回] the current step of a request. */
export class DecideApprovalCommand extends Command<{ status: string }> {
  constructor(
    readonly actor: Actor,
    readonly requestId: string,
    readonly decision: 'approve' | 'reject',
    readonly comment: string | null,
  ) {
    super();
  }
}
