import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApprovalEvents } from '@crm/contracts/approval';
import { EventReaction, type EventEnvelope, type EventReactionHandler } from '@crm/platform';
import { ORDER_REDUCTION_SUBJECT } from '../commands/request-order-reduction/request-order-reduction.command.js';
import { SettleOrderReductionCommand } from '../commands/settle-order-reduction/settle-order-reduction.command.js';

/** A reduction order's approval outcome applies it or closes it (through the outbox). */
@Injectable()
@EventReaction({
  consumer: 'contract.settle-order-reductions',
  events: [ApprovalEvents.granted, ApprovalEvents.rejected, ApprovalEvents.recalled],
})
export class SettleOrderReductionsReaction implements EventReactionHandler {
  constructor(private readonly commands: CommandBus) {}

  async handle(event: EventEnvelope): Promise<void> {
    const outcome = ApprovalEvents.granted.matches(event)
      ? 'granted'
      : ApprovalEvents.rejected.matches(event)
        ? 'rejected'
        : ApprovalEvents.recalled.matches(event)
          ? 'recalled'
          : null;
    const payload = event.payload as { subjectType: string; subjectId: string; requestId: string };
    if (!outcome || payload.subjectType !== ORDER_REDUCTION_SUBJECT) return;
    await this.commands.execute(new SettleOrderReductionCommand(payload.subjectId, payload.requestId, outcome));
  }
}
