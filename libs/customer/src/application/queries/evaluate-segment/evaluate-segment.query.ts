import { Query } from '@nestjs/cqrs';
import type { Actor, Page } from '@crm/platform';
import type { CustomerView } from '../customer-view.js';

/** The customers a segment selects right now, within the caller's data scope. */
export class EvaluateSegmentQuery extends Query<Page<CustomerView>> {
  constructor(
    readonly actor: Actor,
    readonly segmentId: string,
    readonly limit: number,
    readonly cursor?: string,
  ) {
    super();
  }
}
