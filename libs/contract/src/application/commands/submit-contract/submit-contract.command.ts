import { Command } from '@nestjs/cqrs';
import type { Actor } from '@crm/platform';

/** Sends a draft contract to approval [提交审批] through the Approval context. */
export class SubmitContractCommand extends Command<{ approvalRequestId: string }> {
  constructor(
    readonly actor: Actor,
    readonly contractId: string,
    readonly ifMatch: number | undefined,
  ) {
    super();
  }
}
