import { Query } from '@nestjs/cqrs';
import type { Page } from '@crm/platform';

export interface LossReasonView {
  id: string;
  name: string;
  createdAt: string;
}

/** The loss reasons [输单原因] to choose from when an opportunity is lost, in the order they were added. */
export class ListLossReasonsQuery extends Query<Page<LossReasonView>> {
  constructor(
    readonly limit: number,
    readonly cursor?: string,
  ) {
    super();
  }
}
