import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApprovalEvents } from '@crm/contracts/approval';
import { EventReaction, type EventEnvelope, type EventReactionHandler } from '@crm/platform';
import { CONTRACT_SUBJECT } from '../contract-approval.js';
import { SettleContractApprovalCommand } from '../commands/settle-contract-approval/settle-contract-approval.command.js';

/**
 * Approval outcomes move contracts [合同审批结果]: granted → approved (or the change becomes current);
 * rejected or recalled → back to draft (or the change is closed). After commit, at least once; a
 * replayed outcome finds the request no longer awaited and changes nothing.
 */
@Injectable()
@EventReaction({
  consumer: 'contract.settle-contract-approvals',
  events: [ApprovalEvents.granted, ApprovalEvents.rejected, ApprovalEvents.recalled],
})
export class SettleContractApprovalsReaction implements EventReactionHandler {
  constructor(private readonly commands: CommandBus) {}

  async handle(event: EventEnvelope): Promise<void> {
    if (ApprovalEvents.granted.matches(event)) {
      if (event.payload.subjectType !== CONTRACT_SUBJECT) return;
      await this.commands.execute(new SettleContractApprovalCommand(event.payload.subjectId, event.payload.requestId, 'granted', null));
    } else if (ApprovalEvents.rejected.matches(event)) {
      if (event.payload.subjectType !== CONTRACT_SUBJECT) return;
      await this.commands.execute(new SettleContractApprovalCommand(event.payload.subjectId, event.payload.requestId, 'rejected', event.payload.reason));
    } else if (ApprovalEvents.recalled.matches(event)) {
      if (event.payload.subjectType !== CONTRACT_SUBJECT) return;
      await this.commands.execute(new SettleContractApprovalCommand(event.payload.subjectId, event.payload.requestId, 'recalled', null));
    }
  }
}
