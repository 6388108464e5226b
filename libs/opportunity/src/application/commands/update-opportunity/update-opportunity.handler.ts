import { CommandHandler, QueryBus, type ICommandHandler } from '@nestjs/cqrs';
import { assertIfMatch, assertSaved } from '@crm/platform';
import { Opportunities } from '../../../domain/opportunities.port.js';
import { withProductLines } from '../../catalog-products.js';
import { assertCustomerContacts } from '../../customer-contacts.js';
import { assertCanChange } from '../../opportunity-access.js';
import { UpdateOpportunityCommand } from './update-opportunity.command.js';

@CommandHandler(UpdateOpportunityCommand)
export class UpdateOpportunityHandler implements ICommandHandler<UpdateOpportunityCommand> {
  constructor(
    private readonly opportunities: Opportunities,
    private readonly queries: QueryBus,
  ) {}

  async execute({ actor, opportunityId, edits, expectedVersion }: UpdateOpportunityCommand): Promise<{ version: number }> {
    const opportunity = await this.opportunities.get(opportunityId);
    assertCanChange(actor, opportunity);
    const loadedVersion = opportunity.version;
    assertIfMatch('opportunity', expectedVersion, loadedVersion);
    const { products, ...fields } = edits;
    // Contacts already on it may have left the customer since; the ones added must work there now.
    if (fields.contactIds) {
      const present = new Set(opportunity.snapshot().contactIds);
      await assertCustomerContacts(
        this.queries,
        actor,
        opportunity.customerId,
        fields.contactIds.filter((id) => !present.has(id)),
      );
    }
    opportunity.edit({ ...fields, ...(products ? { lines: await withProductLines(this.queries, products) } : {}) }, actor.id);
    await assertSaved(await this.opportunities.save(opportunity, loadedVersion), 'opportunity', expectedVersion, async () =>
      currentVersion(this.opportunities, opportunityId),
    );
    return { version: opportunity.version };
  }
}

/** The version a stale If-Match is told about. */
export async function currentVersion(opportunities: Opportunities, opportunityId: string): Promise<number | undefined> {
  return (await opportunities.get(opportunityId))?.version;
}
