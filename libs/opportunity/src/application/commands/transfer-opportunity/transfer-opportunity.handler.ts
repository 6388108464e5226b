import { CommandHandler, QueryBus, type ICommandHandler } from '@nestjs/cqrs';
import { assertIfMatch, assertSaved } from '@crm/platform';
import { v7 as uuidv7 } from 'uuid';
import { Opportunities } from '../../../domain/opportunities.port.js';
import { OpportunityErrors } from '../../../domain/opportunity.errors.js';
import { OpportunityPeople } from '../../../infrastructure/opportunity-people.js';
import { assertAssignableOwner } from '../../assignable-owner.js';
import { assertOwnerOrManager } from '../../opportunity-access.js';
import { currentVersion } from '../update-opportunity/update-opportunity.handler.js';
import { TransferOpportunityCommand } from './transfer-opportunity.command.js';

@CommandHandler(TransferOpportunityCommand)
export class TransferOpportunityHandler implements ICommandHandler<TransferOpportunityCommand> {
  constructor(
    private readonly opportunities: Opportunities,
    private readonly people: OpportunityPeople,
    private readonly queries: QueryBus,
  ) {}

  async execute({ actor, opportunityId, toUserId, reason, expectedVersion }: TransferOpportunityCommand): Promise<{ version: number }> {
    const opportunity = await this.opportunities.get(opportunityId);
    // The route needs opportunity:manage; the current owner must be within the manager's scope.
    assertOwnerOrManager(actor, opportunity);
    const loadedVersion = opportunity.version;
    assertIfMatch('opportunity', expectedVersion, loadedVersion);
    // The new owner: active, within the caller's own scope (a manager hands work around their team, not outside it), working the customer.
    await assertAssignableOwner(this.people, this.queries, actor, toUserId, opportunity.customerId, OpportunityErrors.transferTargetInvalid);
    opportunity.transfer({ toUserId, reason, by: actor.id, now: new Date(), newId: uuidv7 });
    await assertSaved(await this.opportunities.save(opportunity, loadedVersion), 'opportunity', expectedVersion, () =>
      currentVersion(this.opportunities, opportunityId),
    );
    return { version: opportunity.version };
  }
}
