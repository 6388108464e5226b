import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { DataScope } from '@crm/platform';
import { PoolErrors } from '../../../domain/pool.errors.js';
import { PoolCustomers } from '../../../domain/pool-customers.port.js';
import { isPoolAdmin, isPoolMember } from '../../pool-access.js';
import { ReleaseCustomerCommand } from './release-customer.command.js';

@CommandHandler(ReleaseCustomerCommand)
export class ReleaseCustomerHandler implements ICommandHandler<ReleaseCustomerCommand> {
  constructor(private readonly customers: PoolCustomers) {}

  async execute({ actor, customerId, reason, holderId }: ReleaseCustomerCommand): Promise<{ released: number }> {
    const customer = await this.customers.lock(customerId);
    if (!customer || !isPoolMember(actor, customer.access)) throw PoolErrors.customerNotFound();
    const target = holderId ?? actor.id;
    const mayReleaseOthers =
      isPoolAdmin(actor, customer.access) || (actor.permissions.includes('pool:manage') && DataScope.of(actor).allows({ ownerId: target }));
    if (target !== actor.id && !mayReleaseOthers) throw PoolErrors.customerNotFound();
    const released = customer.release(target, reason, actor.id, new Date());
    await this.customers.save(customer);
    return { released };
  }
}
