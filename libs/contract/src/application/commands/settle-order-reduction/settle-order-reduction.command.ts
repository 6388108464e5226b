import { Command } from '@nestjs/cqrs';

/** Applies the outcome of a reduction order's approval [减单审批]. */
export class SettleOrderReductionCommand extends Command<void> {
  constructor(
    readonly reductionId: string,
    readonly approvalRequestId: string,
    readonly outcome: 'granted' | 'rejected' | 'recalled',
  ) {
    super();
  }
}
