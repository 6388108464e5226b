import { Command } from '@nestjs/cqrs';

/** Moves an order on its approval's outcome: granted → approved (lines locked), rejected → editable again, recalled → draft. */
export class SettleOrderApprovalCommand extends Command<void> {
  constructor(
    readonly orderId: string,
    readonly approvalRequestId: string,
    readonly outcome: 'granted' | 'rejected' | 'recalled',
  ) {
    super();
  }
}
