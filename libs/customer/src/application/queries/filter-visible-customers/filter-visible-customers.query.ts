import { Query } from '@nestjs/cqrs';
import type { Actor } from '@crm/platform';

/**
 * Which of these customers the caller may see: other contexts use it so that what hangs off a
 * customer (its contacts, say) follows the customer's data scope.
 */
export class FilterVisibleCustomersQuery extends Query<string[]> {
  constructor(
    readonly actor: Actor,
    readonly customerIds: readonly string[],
  ) {
    super();
  }
}
