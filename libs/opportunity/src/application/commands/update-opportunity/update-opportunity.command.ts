import { Command } from '@nestjs/cqrs';
import type { Actor } from '@crm/platform';
import type { OpportunityEdits } from '../../../domain/opportunity.aggregate.js';
import type { ProductInput } from '../../catalog-products.js';

/** Edits an open opportunity [编辑商机]: fields, intended products (the whole list), competitors (the whole list), probability. */
export class UpdateOpportunityCommand extends Command<{ version: number }> {
  constructor(
    readonly actor: Actor,
    readonly opportunityId: string,
    readonly edits: Omit<OpportunityEdits, 'lines'> & { products?: ProductInput[] },
    readonly expectedVersion?: number,
  ) {
    super();
  }
}
