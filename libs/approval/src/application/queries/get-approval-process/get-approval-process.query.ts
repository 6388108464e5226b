import { Query } from '@nestjs/cqrs';
import type { ProcessDefinition } from '../../../domain/approval.types.js';

export class GetApprovalProcessQuery extends Query<ProcessDefinition> {
  constructor(readonly subjectType: string) {
    super();
  }
}
