import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { EventRecorder, TransactionHost } from '@crm/platform';
import { tagEvent, TaggingErrors } from '../../../domain/tagging.errors.js';
import { CustomerRepository } from '../../../infrastructure/customer.repository.js';
import { TaggingRepository } from '../../../infrastructure/tagging.repository.js';
import { assertCanWork } from '../../customer-access.js';
import { UntagCustomerCommand } from './untag-customer.command.js';

@CommandHandler(UntagCustomerCommand)
export class UntagCustomerHandler implements ICommandHandler<UntagCustomerCommand> {
  constructor(
    private readonly customers: CustomerRepository,
    private readonly tagging: TaggingRepository,
    private readonly tx: TransactionHost,
    private readonly events: EventRecorder,
  ) {}

  execute({ actor, customerId, tagId }: UntagCustomerCommand): Promise<void> {
    return this.tx.run(async () => {
      assertCanWork(actor, await this.customers.findById(customerId));
      if (!(await this.tagging.removeTag(customerId, tagId))) throw TaggingErrors.notTagged();
      await this.events.record([tagEvent('untagged', customerId, { tagId })]);
    });
  }
}
