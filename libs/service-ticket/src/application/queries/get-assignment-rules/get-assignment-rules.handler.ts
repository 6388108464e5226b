import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { wholeList, type Page } from '@crm/platform';
import type { AssignmentRule } from '../../../domain/assignment.js';
import { AssignmentStore } from '../../../infrastructure/assignment.store.js';
import { GetAssignmentRulesQuery } from './get-assignment-rules.query.js';

@QueryHandler(GetAssignmentRulesQuery)
export class GetAssignmentRulesHandler implements IQueryHandler<GetAssignmentRulesQuery> {
  constructor(private readonly store: AssignmentStore) {}

  async execute(): Promise<Page<AssignmentRule>> {
    return wholeList(await this.store.rules());
  }
}
