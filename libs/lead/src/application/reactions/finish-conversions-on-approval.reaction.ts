import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { PoolEvents } from '@crm/contracts/pool';
import { EventReaction, type EventEnvelope, type EventReactionHandler } from '@crm/platform';
import { FinishLeadConversionCommand } from '../commands/finish-lead-conversion/finish-lead-conversion.command.js';

/**
 * A conversion waiting for approval [转化待审批] finishes when its claim application is decided:
 * approved, the customer is the converter's and the contact, the opportunity and the lead's tasks
 * follow at once, without the converter converting again; otherwise the lead is open again. After
 * the approval commits, from the outbox: a crash between the two loses no step, and a step that
 * fails never undoes the approver's decision.
 */
@Injectable()
@EventReaction({ consumer: 'lead.finish-conversions', events: [PoolEvents.customerProtected, PoolEvents.claimApplicationClosed] })
export class FinishConversionsOnApprovalReaction implements EventReactionHandler {
  constructor(private readonly commands: CommandBus) {}

  async handle(event: EventEnvelope): Promise<void> {
    if (PoolEvents.customerProtected.matches(event)) {
      const { source, applicationId } = event.payload;
      if (source === 'approval' && applicationId) await this.commands.execute(new FinishLeadConversionCommand(applicationId, 'approved'));
    } else if (PoolEvents.claimApplicationClosed.matches(event)) {
      const { applicationId, status, outcome } = event.payload;
      const refusal = outcome === 'already-protected' ? 'already-protected' : status === 'approved' ? 'already-protected' : status;
      await this.commands.execute(new FinishLeadConversionCommand(applicationId, refusal));
    }
  }
}
