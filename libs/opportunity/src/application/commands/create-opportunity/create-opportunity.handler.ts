import { CommandHandler, QueryBus, type ICommandHandler } from '@nestjs/cqrs';
import { CheckCustomerWorkableQuery } from '@crm/contracts/customer';
import { v7 as uuidv7 } from 'uuid';
import { Opportunities } from '../../../domain/opportunities.port.js';
import { Opportunity } from '../../../domain/opportunity.aggregate.js';
import { OpportunityErrors } from '../../../domain/opportunity.errors.js';
import { Pipelines } from '../../../domain/pipelines.port.js';
import { OpportunityPeople } from '../../../infrastructure/opportunity-people.js';
import { assertAssignableOwner } from '../../assignable-owner.js';
import { withProductLines } from '../../catalog-products.js';
import { assertCustomerContacts } from '../../customer-contacts.js';
import { CreateOpportunityCommand } from './create-opportunity.command.js';

@CommandHandler(CreateOpportunityCommand)
export class CreateOpportunityHandler implements ICommandHandler<CreateOpportunityCommand> {
  constructor(
    private readonly opportunities: Opportunities,
    private readonly pipelines: Pipelines,
    private readonly people: OpportunityPeople,
    private readonly queries: QueryBus,
  ) {}

  async execute({ actor, input }: CreateOpportunityCommand): Promise<{ id: string }> {
    // The Customer context decides whether the caller works this customer; a hidden one answers like a missing one.
    await this.queries.execute(new CheckCustomerWorkableQuery(actor, input.customerId));
    await assertCustomerContacts(this.queries, actor, input.customerId, input.contactIds);
    const ownerId = input.ownerId ?? actor.id;
    if (ownerId !== actor.id) await assertAssignableOwner(this.people, this.queries, actor, ownerId, input.customerId, OpportunityErrors.ownerNotAssignable);
    // Held (FOR SHARE) until commit: its first stage cannot be removed under the new opportunity.
    const pipeline = input.pipelineId ? await this.pipelines.get(input.pipelineId, { lock: 'share' }) : await this.pipelines.getDefault({ lock: 'share' });
    if (!pipeline) throw OpportunityErrors.unknownPipeline();
    // A renewal or upsell follows a won opportunity of the same customer, which the caller works; it need not be theirs.
    const previous = input.previousOpportunityId ? await this.opportunities.get(input.previousOpportunityId) : undefined;
    const opportunity = Opportunity.open({
      id: uuidv7(),
      customerId: input.customerId,
      name: input.name,
      type: input.type,
      previousOpportunityId: input.previousOpportunityId,
      previous: previous?.snapshot(),
      pipeline,
      amount: input.amount,
      currency: input.currency,
      amountFollowsLines: input.amountFollowsLines,
      expectedCloseDate: input.expectedCloseDate,
      source: input.source,
      ownerId,
      contactIds: input.contactIds,
      lines: await withProductLines(this.queries, input.products),
      competitors: input.competitors,
      createdBy: actor.id,
      now: new Date(),
      newId: uuidv7,
    });
    await this.opportunities.add(opportunity);
    return { id: opportunity.id };
  }
}
