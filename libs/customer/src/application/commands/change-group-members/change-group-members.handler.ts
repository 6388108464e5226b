import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { EventRecorder, TransactionHost } from '@crm/platform';
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
    private readonly tx: TransactionHost,
    private readonly events: EventRecorder,
  ) {}

  execute({ actor, groupId, change }: ChangeGroupMembersCommand): Promise<{ added: string[] }> {
    return this.tx.run(async () => {
      const group = await this.tagging.findGroup(groupId);
      if (!group) throw TaggingErrors.groupNotFound();
      const customerIds = 'add' in change ? change.add : [change.remove];
      for (const customerId of customerIds) assertCanWork(actor, await this.customers.findById(customerId));
      if ('remove' in change) {
        if (!(await this.tagging.removeMember(groupId, change.remove))) throw TaggingErrors.notMember();
        await this.events.record([
          { type: 'customer.group-left', version: 1, aggregateType: 'customer', aggregateId: change.remove, customerId: change.remove, payload: { customerId: change.remove, groupId, groupName: group.name } },
        ]);
        return { added: [] };
      }
      const added = await this.tagging.addMembers(groupId, change.add, actor.id);
      await this.events.record(
        added.map((customerId) => ({
          type: 'customer.group-joined',
          version: 1,
          aggregateType: 'customer',
          aggregateId: customerId,
          customerId,
          payload: { customerId, groupId, groupName: group.name },
        })),
      );
      return { added };
    });
  }
}
