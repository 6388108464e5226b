import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { assertSaved } from '@crm/platform';
import { ApprovalErrors } from '../../../domain/approval.errors.js';
import { ApprovalRepository } from '../../../infrastructure/approval.repository.js';
import { canSeeRequest } from '../../approval-access.js';
import { RecallApprovalCommand } from './recall-approval.command.js';

@CommandHandler(RecallApprovalCommand)
export class RecallApprovalHandler implements ICommandHandler<RecallApprovalCommand> {
  constructor(private readonly approvals: ApprovalRepository) {}

  async execute({ actor, requestId }: RecallApprovalCommand): Promise<void> {
    const request = await this.approvals.findForUpdate(requestId);
    if (!request || !canSeeRequest(actor, request.snapshot())) throw ApprovalErrors.notFound();
    const loadedVersion = request.version;
    request.recall(actor.id, new Date());
    await assertSaved(await this.approvals.update(request, loadedVersion), 'approval request', undefined, () => undefined);
  }
}
