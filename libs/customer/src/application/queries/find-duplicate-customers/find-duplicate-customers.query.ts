import { Query } from '@nestjs/cqrs';
import type { Actor } from '@crm/platform';
import type { DuplicateCandidate } from '../../../domain/customer.errors.js';
import type { CustomerKind } from '../../../domain/customer.types.js';

/** Existing customers a new one would (probably) duplicate [查重], before the user types everything. */
export class FindDuplicateCustomersQuery extends Query<DuplicateCandidate[]> {
  constructor(
    readonly actor: Actor,
    readonly probe: { kind: CustomerKind; name?: string; creditCode?: string; phone?: string },
  ) {
    super();
  }
}
