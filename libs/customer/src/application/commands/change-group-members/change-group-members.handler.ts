import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { UnitOfWork } from '@crm/platform';
import { CustomerEvents } from '../../../contracts/events.js';
import { TaggingErrors } from '../../../domain/tagging.errors.js';
import { CustomerRepository } from '../../../infrastructure/customer.repository.js';
import { TaggingRepository } from '../../../infrastructure/tagging.repository.js';
import { assertCanWork } from '../../customer-access.js';
import { ChangeGroupMembersCommand } from './change-group-members.command.js';

@CommandHandler(ChangeGroupMembersCommand)
export class ChangeGroupMembersHandler implements ICommandHandler<ChangeGroupMembersCommand> {
  constructor(
    private readonly customers: CustomerRepository,
    private readonly tagging: TaggingRepository,
    private readonly uow: UnitOfWork,
  ) {}

  async execute({ actor, groupId, change }: ChangeGroupMembersCommand): Promise<{ added: string[] }> {
    const group = await this.tagging.findGroup(groupId);
    if (!group) throw TaggingErrors.groupNotFound();
    const customerIds = 'add' in change ? change.add : [change.remove];
    for (const customerId of customerIds) assertCanWork(actor, await this.customers.findById(customerId));
    if ('remove' in change) {
      if (!(await this.tagging.removeMember(groupId, change.remove))) throw TaggingErrors.notMember();
      this.uow.raise(CustomerEvents.groupLeft.create(change.remove, { customerId: change.remove, groupId, groupName: group.name }));
      return { added: [] };
    }
    const added = await this.tagging.addMembers(groupId, change.add, actor.id);
    this.uow.raise(...added.map((customerId) => CustomerEvents.groupJoined.create(customerId, { customerId, groupId, groupName: group.name })));
    return { added };
  }
}
