import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApprovalEvents } from '@crm/contracts/approval';
import { EventReaction, type EventEnvelope, type EventReactionHandler } from '@crm/platform';
import { ORDER_SUBJECT } from '../commands/submit-order/submit-order.command.js';
import { SettleOrderApprovalCommand } from '../commands/settle-order-approval/settle-order-approval.command.js';

/** An order's approval outcome moves the order (through the outbox: it survives a crash in between). */
@Injectable()
@EventReaction({
  consumer: 'contract.settle-order-approvals',
  events: [ApprovalEvents.granted, ApprovalEvents.rejected, ApprovalEvents.recalled],
})
export class SettleOrderApprovalsReaction implements EventReactionHandler {
  constructor(private readonly commands: CommandBus) {}

  async handle(event: EventEnvelope): Promise<void> {
    const outcome = ApprovalEvents.granted.matches(event)
      ? 'granted'
      : ApprovalEvents.rejected.matches(event)
        ? 'rejected'
        : ApprovalEvents.recalled.matches(event)
          ? 'recalled'
          : undefined;
    if (!outcome) return;
    const payload = event.payload as { subjectType: string; subjectId: string; requestId: string };
    if (payload.subjectType !== ORDER_SUBJECT) return;
    await this.commands.execute(new SettleOrderApprovalCommand(payload.subjectId, payload.requestId, outcome));
  }
}
