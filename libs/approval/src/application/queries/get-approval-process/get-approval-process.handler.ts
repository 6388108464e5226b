import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { ApprovalErrors } from '../../../domain/approval.errors.js';
import type { ProcessDefinition } from '../../../domain/approval.types.js';
import { ApprovalRepository } from '../../../infrastructure/approval.repository.js';
import { GetApprovalProcessQuery } from './get-approval-process.query.js';

@QueryHandler(GetApprovalProcessQuery)
export class GetApprovalProcessHandler implements IQueryHandler<GetApprovalProcessQuery> {
  constructor(private readonly approvals: ApprovalRepository) {}

  async execute({ subjectType }: GetApprovalProcessQuery): Promise<ProcessDefinition> {
    const process = await this.approvals.findProcess(subjectType);
    if (!process) throw ApprovalErrors.noProcess(subjectType);
    return process;
  }
}
