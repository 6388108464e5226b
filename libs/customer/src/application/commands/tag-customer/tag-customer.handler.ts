import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { UnitOfWork } from '@crm/platform';
import { CustomerEvents } from '../../../contracts/events.js';
import { CustomerErrors } from '../../../domain/customer.errors.js';
import { TaggingErrors } from '../../../domain/tagging.errors.js';
import { CustomerRepository } from '../../../infrastructure/customer.repository.js';
import { TaggingRepository } from '../../../infrastructure/tagging.repository.js';
import { assertCanWork } from '../../customer-access.js';
import { TagCustomerCommand } from './tag-customer.command.js';

@CommandHandler(TagCustomerCommand)
export class TagCustomerHandler implements ICommandHandler<TagCustomerCommand> {
  constructor(
    private readonly customers: CustomerRepository,
    private readonly tagging: TaggingRepository,
    private readonly uow: UnitOfWork,
  ) {}

  async execute({ actor, customerId, tagId }: TagCustomerCommand): Promise<{ count: number }> {
    const customer = await this.customers.findById(customerId);
    if (actor) assertCanWork(actor, customer);
    else if (!customer) throw CustomerErrors.notFound();
    const tag = await this.tagging.findTag(tagId);
    if (!tag) throw TaggingErrors.tagNotFound();
    const source = actor ? 'user' : 'rule';
    const count = await this.tagging.applyTag(customerId, tagId, source);
    this.uow.raise(CustomerEvents.tagged.create(customerId, { customerId, tagId, tagName: tag.name, category: tag.category, count, source }));
    return { count };
  }
}
