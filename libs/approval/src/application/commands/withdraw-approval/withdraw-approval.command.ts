import { Command } from '@nestjs/cqrs';

/** The requesting context no longer needs a decision (e.g. its reservation expired); a no-op when already closed. */
export class WithdrawApprovalCommand extends Command<void> {
  constructor(
    readonly subjectType: string,
    readonly subjectId: string,
    readonly reason: string,
  ) {
    super();
  }
}
