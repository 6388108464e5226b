import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { assertSaved } from '@crm/platform';
import { ApprovalRepository } from '../../../infrastructure/approval.repository.js';
import { WithdrawApprovalCommand } from './withdraw-approval.command.js';

@CommandHandler(WithdrawApprovalCommand)
export class WithdrawApprovalHandler implements ICommandHandler<WithdrawApprovalCommand> {
  constructor(private readonly approvals: ApprovalRepository) {}

  async execute({ subjectType, subjectId, reason }: WithdrawApprovalCommand): Promise<void> {
    const request = await this.approvals.findPendingBySubject(subjectType, subjectId);
    if (!request) return;
    const loadedVersion = request.version;
    request.withdraw(reason, new Date());
    await assertSaved(await this.approvals.update(request, loadedVersion), 'approval request', undefined, () => undefined);
  }
}
