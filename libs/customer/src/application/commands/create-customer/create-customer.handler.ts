import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { UserDirectory } from '@crm/contracts/identity';
import { DataScope, type Actor } from '@crm/platform';
import { v7 as uuidv7 } from 'uuid';
import { Customer } from '../../../domain/customer.aggregate.js';
import { CustomerErrors } from '../../../domain/customer.errors.js';
import { CustomerRepository } from '../../../infrastructure/customer.repository.js';
import { canReadCustomer } from '../../customer-access.js';
import { CreateCustomerCommand } from './create-customer.command.js';

@CommandHandler(CreateCustomerCommand)
export class CreateCustomerHandler implements ICommandHandler<CreateCustomerCommand> {
  constructor(
    private readonly customers: CustomerRepository,
    private readonly identity: UserDirectory,
  ) {}

  async execute({ actor, input }: CreateCustomerCommand): Promise<{ id: string }> {
    const ownerId = input.ownerId === undefined ? actor.id : input.ownerId;
    if (ownerId !== null && ownerId !== actor.id) await this.assertAssignable(actor, ownerId);
    const customer = Customer.create(
      { id: uuidv7(), kind: input.kind, profile: input.profile, requestedOwnerId: ownerId, createdBy: actor.id, now: new Date() },
      await this.customers.loadGradePolicy({ forWrite: true }),
    );
    const state = customer.snapshot();
    const duplicates = await this.customers.findExactDuplicates(state, actor.id);
    if (duplicates.length > 0) throw CustomerErrors.duplicate(duplicates);
    if (state.parentId && !canReadCustomer(actor, await this.customers.findById(state.parentId))) throw CustomerErrors.parentNotFound();
    if (!(await this.customers.insert(customer))) {
      // Lost a race with a concurrent creator of the same customer: report it as the duplicate it is.
      throw CustomerErrors.duplicate(await this.customers.findExactDuplicates(state, actor.id));
    }
    return { id: customer.id };
  }

  private async assertAssignable(actor: Actor, ownerId: string): Promise<void> {
    if (!DataScope.of(actor).allows({ ownerId }) || !(await this.identity.isActiveUser(ownerId))) {
      throw CustomerErrors.ownerNotAssignable();
    }
  }
}
