import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ConcurrentModificationError } from '@crm/kernel';
import { EventRecorder, TransactionHost } from '@crm/platform';
import { ApprovalRepository } from '../../../infrastructure/approval.repository.js';
import { WithdrawApprovalCommand } from './withdraw-approval.command.js';

@CommandHandler(WithdrawApprovalCommand)
export class WithdrawApprovalHandler implements ICommandHandler<WithdrawApprovalCommand> {
  constructor(
    private readonly approvals: ApprovalRepository,
    private readonly tx: TransactionHost,
    private readonly events: EventRecorder,
  ) {}

  execute({ subjectType, subjectId, reason }: WithdrawApprovalCommand): Promise<void> {
    return this.tx.run(async () => {
      const request = await this.approvals.findPendingBySubject(subjectType, subjectId);
      if (!request) return;
      const loadedVersion = request.version;
      request.withdraw(reason, new Date());
      if (!(await this.approvals.update(request, loadedVersion))) throw new ConcurrentModificationError('approval request');
      await this.events.record(request.pullEvents());
    });
  }
}
