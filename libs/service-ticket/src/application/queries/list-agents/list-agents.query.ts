import { Query } from '@nestjs/cqrs';
import type { Page } from '@crm/platform';
import type { AgentLoad } from '../../../domain/assignment.js';

/** A team's agents (or every agent with a capacity set) with their capacity [接单上限] and open tickets now. */
export class ListAgentsQuery extends Query<Page<AgentLoad>> {
  constructor(readonly teamId: string | null) {
    super();
  }
}
