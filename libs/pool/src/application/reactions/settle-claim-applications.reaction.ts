import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApprovalEvents } from '@crm/contracts/approval';
import { EventReaction, type EventEnvelope, type EventReactionHandler } from '@crm/platform';
import { CLAIM_SUBJECT } from '../commands/claim-customer/claim-customer.handler.js';
import { CloseClaimApplicationCommand } from '../commands/close-claim-application/close-claim-application.command.js';
import { ProtectApprovedClaimCommand } from '../commands/protect-approved-claim/protect-approved-claim.command.js';

/**
 * The signature of the product: an approved claim application is an event that directly issues
 * the protect command, so the applicant holds the customer without claiming again (ARCH-3).
 * Delivered through the outbox, it survives a crash between the approval and the protection.
 */
@Injectable()
@EventReaction({
  consumer: 'pool.settle-claim-applications',
  events: [ApprovalEvents.granted, ApprovalEvents.rejected, ApprovalEvents.recalled],
})
export class SettleClaimApplicationsReaction implements EventReactionHandler {
  constructor(private readonly commands: CommandBus) {}

  async handle(event: EventEnvelope): Promise<void> {
    if (ApprovalEvents.granted.matches(event)) {
      if (event.payload.subjectType !== CLAIM_SUBJECT) return;
      await this.commands.execute(new ProtectApprovedClaimCommand(event.payload.subjectId));
    } else if (ApprovalEvents.rejected.matches(event)) {
      if (event.payload.subjectType !== CLAIM_SUBJECT) return;
      await this.commands.execute(new CloseClaimApplicationCommand(event.payload.subjectId, 'rejected', event.payload.reason));
    } else if (ApprovalEvents.recalled.matches(event)) {
      if (event.payload.subjectType !== CLAIM_SUBJECT) return;
      await this.commands.execute(new CloseClaimApplicationCommand(event.payload.subjectId, 'recalled', null));
    }
  }
}
