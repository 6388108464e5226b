import { Command } from '@nestjs/cqrs';
import type { Actor } from '@crm/platform';
import type { Competitor } from '../../../domain/opportunity.aggregate.js';
import type { OpportunityType, SourceKind } from '../../../domain/opportunity.types.js';
import type { ProductInput } from '../../catalog-products.js';

export interface CreateOpportunityInput {
  customerId: string;
  name: string;
  /** The default pipeline when absent. */
  pipelineId?: string;
  type: OpportunityType;
  previousOpportunityId: string | null;
  amount: string | null;
  currency: string;
  amountFollowsLines: boolean;
  expectedCloseDate: string | null;
  source: { kind: SourceKind; leadId: string | null };
  /** The caller when absent. */
  ownerId?: string;
  contactIds: string[];
  products: ProductInput[];
  competitors: Competitor[];
}

/** Opens an opportunity [新建商机] on a customer the caller works, in the first stage of its pipeline. */
export class CreateOpportunityCommand extends Command<{ id: string }> {
  constructor(
    readonly actor: Actor,
    readonly input: CreateOpportunityInput,
  ) {
    super();
  }
}
