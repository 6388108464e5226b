import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { decodeCursor, toPage, type Page } from '@crm/platform';
import { ApprovalRepository } from '../../../infrastructure/approval.repository.js';
import type { ApprovalView } from '../get-approval/get-approval.query.js';
import { ListApprovalsQuery } from './list-approvals.query.js';

@QueryHandler(ListApprovalsQuery)
export class ListApprovalsHandler implements IQueryHandler<ListApprovalsQuery> {
  constructor(private readonly approvals: ApprovalRepository) {}

  async execute({ actor, box, status, limit, cursor }: ListApprovalsQuery): Promise<Page<ApprovalView>> {
    const [beforeId] = (decodeCursor(cursor, ['uuid']) ?? []) as string[];
    const rows = await this.approvals.listViews(
      box === 'waiting-for-me' ? { waitingFor: actor.id, status } : { applicantId: actor.id, status },
      limit + 1,
      beforeId,
    );
    return toPage(
      rows,
      limit,
      (row) => [row.id],
      (row) => row,
    );
  }
}
