import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ConcurrentModificationError } from '@crm/kernel';
import { EventRecorder, TransactionHost } from '@crm/platform';
import { ApprovalErrors } from '../../../domain/approval.errors.js';
import { ApprovalRepository } from '../../../infrastructure/approval.repository.js';
import { canSeeRequest } from '../../approval-access.js';
import { RecallApprovalCommand } from './recall-approval.command.js';

@CommandHandler(RecallApprovalCommand)
export class RecallApprovalHandler implements ICommandHandler<RecallApprovalCommand> {
  constructor(
    private readonly approvals: ApprovalRepository,
    private readonly tx: TransactionHost,
    private readonly events: EventRecorder,
  ) {}

  execute({ actor, requestId }: RecallApprovalCommand): Promise<void> {
    return this.tx.run(async () => {
      const request = await this.approvals.findForUpdate(requestId);
      if (!request || !canSeeRequest(actor, request.snapshot())) throw ApprovalErrors.notFound();
      const loadedVersion = request.version;
      request.recall(actor.id, new Date());
      if (!(await this.approvals.update(request, loadedVersion))) throw new ConcurrentModificationError('approval request');
      await this.events.record(request.pullEvents());
    });
  }
}
