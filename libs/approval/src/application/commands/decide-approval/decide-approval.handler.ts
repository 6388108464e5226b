import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { assertSaved } from '@crm/platform';
import { ApprovalErrors } from '../../../domain/approval.errors.js';
import { ApprovalRepository } from '../../../infrastructure/approval.repository.js';
import { canSeeRequest } from '../../approval-access.js';
import { DecideApprovalCommand } from './decide-approval.command.js';

@CommandHandler(DecideApprovalCommand)
export class DecideApprovalHandler implements ICommandHandler<DecideApprovalCommand> {
  constructor(private readonly approvals: ApprovalRepository) {}

  async execute({ actor, requestId, decision, comment }: DecideApprovalCommand): Promise<{ status: string }> {
    const request = await this.approvals.findForUpdate(requestId);
    if (!request || !canSeeRequest(actor, request.snapshot())) throw ApprovalErrors.notFound();
    const loadedVersion = request.version;
    request.decide(actor.id, decision, comment, new Date());
    await assertSaved(await this.approvals.update(request, loadedVersion), 'approval request', undefined, () => undefined);
    return { status: request.snapshot().status };
  }
}
