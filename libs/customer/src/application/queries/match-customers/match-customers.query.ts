import { Query } from '@nestjs/cqrs';

/** One customer a key names: `name` (an enterprise's normalised name), `phone` (an individual's) or `id`. */
export interface CustomerMatch {
  on: 'name' | 'phone' | 'id';
  key: string;
  customerId: string;
  /** Who holds it [归属], null when it is in the public pool. */
  ownerId: string | null;
}

/**
 * Existing customers with any of these keys, for many candidates at once (a lead import's batch):
 * normalised company names (kernel `normalizeCompanyName`) of enterprises, normalised phones
 * (`normalizePhone`) of individuals, or ids. One per key (the oldest). Not scoped to a caller:
 * the asking context flags and routes, it shows nothing of the customer.
 */
export class MatchCustomersQuery extends Query<CustomerMatch[]> {
  constructor(readonly keys: { names: readonly string[]; phones: readonly string[]; ids: readonly string[] }) {
    super();
  }
}
