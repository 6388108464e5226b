import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { UnitOfWork } from '@crm/platform';
import { CustomerEvents } from '../../../contracts/events.js';
import { TaggingErrors } from '../../../domain/tagging.errors.js';
import { CustomerRepository } from '../../../infrastructure/customer.repository.js';
import { TaggingRepository } from '../../../infrastructure/tagging.repository.js';
import { assertCanWork } from '../../customer-access.js';
import { UntagCustomerCommand } from './untag-customer.command.js';

@CommandHandler(UntagCustomerCommand)
export class UntagCustomerHandler implements ICommandHandler<UntagCustomerCommand> {
  constructor(
    private readonly customers: CustomerRepository,
    private readonly tagging: TaggingRepository,
    private readonly uow: UnitOfWork,
  ) {}

  async execute({ actor, customerId, tagId }: UntagCustomerCommand): Promise<void> {
    assertCanWork(actor, await this.customers.findById(customerId));
    if (!(await this.tagging.removeTag(customerId, tagId))) throw TaggingErrors.notTagged();
    this.uow.raise(CustomerEvents.untagged.create(customerId, { customerId, tagId }));
  }
}
