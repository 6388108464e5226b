import { Command } from '@nestjs/cqrs';

/** The Approval context decided on a contract or a change of it: granted, rejected or recalled. */
export class SettleContractApprovalCommand extends Command<void> {
  constructor(
    readonly contractId: string,
    readonly requestId: string,
    readonly outcome: 'granted' | 'rejected' | 'recalled',
    readonly reason: string | null,
  ) {
    super();
  }
}
