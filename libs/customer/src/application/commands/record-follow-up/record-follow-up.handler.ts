import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { v7 as uuidv7 } from 'uuid';
import type { FollowUp } from '../../../domain/follow-up.js';
import { CustomerRepository } from '../../../infrastructure/customer.repository.js';
import { assertCanWork } from '../../customer-access.js';
import { RecordFollowUpCommand } from './record-follow-up.command.js';

@CommandHandler(RecordFollowUpCommand)
export class RecordFollowUpHandler implements ICommandHandler<RecordFollowUpCommand> {
  constructor(private readonly customers: CustomerRepository) {}

  async execute({ actor, customerId, input }: RecordFollowUpCommand): Promise<{ id: string }> {
    const customer = await this.customers.findById(customerId);
    assertCanWork(actor, customer);
    const now = new Date();
    const followUp: FollowUp = {
      id: uuidv7(),
      customerId,
      authorId: actor.id,
      channel: input.channel,
      content: input.content,
      occurredAt: input.occurredAt ?? now,
      nextFollowUpAt: input.nextFollowUpAt ?? null,
    };
    customer.recordFollowUp(followUp, now);
    await this.customers.addFollowUp(customer, followUp);
    return { id: followUp.id };
  }
}
