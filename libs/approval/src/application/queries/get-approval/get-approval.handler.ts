import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { ApprovalErrors } from '../../../domain/approval.errors.js';
import { ApprovalRepository } from '../../../infrastructure/approval.repository.js';
import { canSeeRequest } from '../../approval-access.js';
import { GetApprovalQuery, type ApprovalView } from './get-approval.query.js';

@QueryHandler(GetApprovalQuery)
export class GetApprovalHandler implements IQueryHandler<GetApprovalQuery> {
  constructor(private readonly approvals: ApprovalRepository) {}

  async execute({ actor, requestId }: GetApprovalQuery): Promise<ApprovalView> {
    const request = await this.approvals.findView(requestId);
    if (!request || !canSeeRequest(actor, request)) throw ApprovalErrors.notFound();
    return request;
  }
}
