import { Command } from '@nestjs/cqrs';
import type { Actor } from '@crm/platform';

/** The applicant takes a pending request back [撤回]. */
export class RecallApprovalCommand extends Command<void> {
  constructor(
    readonly actor: Actor,
    readonly requestId: string,
  ) {
    super();
  }
}
