import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { wholeList, type Page } from '@crm/platform';
import type { AgentLoad } from '../../../domain/assignment.js';
import { AssignmentStore } from '../../../infrastructure/assignment.store.js';
import { TicketAssigner } from '../../ticket-assigner.js';
import { ListAgentsQuery } from './list-agents.query.js';

@QueryHandler(ListAgentsQuery)
export class ListAgentsHandler implements IQueryHandler<ListAgentsQuery> {
  constructor(
    private readonly store: AssignmentStore,
    private readonly assigner: TicketAssigner,
  ) {}

  async execute({ teamId }: ListAgentsQuery): Promise<Page<AgentLoad>> {
    const loads = await this.store.loads(teamId ? await this.assigner.teamMembers(teamId) : await this.store.agentsWithCapacity());
    return wholeList(loads.sort((a, b) => a.userId.localeCompare(b.userId)));
  }
}
