import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { EventRecorder, TransactionHost } from '@crm/platform';
import { v7 as uuidv7 } from 'uuid';
import type { FollowUp } from '../../../domain/follow-up.js';
import { CustomerRepository } from '../../../infrastructure/customer.repository.js';
import { assertCanWork } from '../../customer-access.js';
import { RecordFollowUpCommand } from './record-follow-up.command.js';

@CommandHandler(RecordFollowUpCommand)
export class RecordFollowUpHandler implements ICommandHandler<RecordFollowUpCommand> {
  constructor(
    private readonly customers: CustomerRepository,
    private readonly tx: TransactionHost,
    private readonly events: EventRecorder,
  ) {}

  async execute({ actor, customerId, input }: RecordFollowUpCommand): Promise<{ id: string }> {
    return this.tx.run(async () => {
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
      await this.customers.addFollowUp(followUp);
      await this.events.record(customer.pullEvents());
      return { id: followUp.id };
    });
  }
}
