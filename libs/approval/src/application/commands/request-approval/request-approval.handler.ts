import { CommandHandler, QueryBus, type ICommandHandler } from '@nestjs/cqrs';
import { ListProductLinesQuery } from '@crm/contracts/catalog';
import { EventRecorder, IdentityService, TransactionHost } from '@crm/platform';
import { v7 as uuidv7 } from 'uuid';
import { ApprovalRequest } from '../../../domain/approval-request.aggregate.js';
import { ApprovalErrors } from '../../../domain/approval.errors.js';
import type { ApproverRule } from '../../../domain/approval.types.js';
import { ApprovalRepository } from '../../../infrastructure/approval.repository.js';
import { RequestApprovalCommand } from './request-approval.command.js';

@CommandHandler(RequestApprovalCommand)
export class RequestApprovalHandler implements ICommandHandler<RequestApprovalCommand> {
  constructor(
    private readonly approvals: ApprovalRepository,
    private readonly queries: QueryBus,
    private readonly identity: IdentityService,
    private readonly tx: TransactionHost,
    private readonly events: EventRecorder,
  ) {}

  async execute({ input }: RequestApprovalCommand): Promise<{ requestId: string; approverIds: string[] }> {
    return this.tx.run(async () => {
      const process = await this.approvals.findProcess(input.subjectType);
      if (!process) throw ApprovalErrors.noProcess(input.subjectType);
      const steps = [];
      for (const step of process.steps) {
        // Only active people other than the applicant approve; a rule that finds nobody falls back to the defaults, then to admins.
        const eligible = async (ids: string[]) => (await this.identity.activeUserIds([...new Set(ids)])).filter((id) => id !== input.applicantId);
        let approverIds = await eligible(await this.resolve(step.approvers, input.productLineIds));
        if (approverIds.length === 0) approverIds = await eligible(process.defaultApproverIds);
        if (approverIds.length === 0) approverIds = await eligible(await this.identity.userIdsWithRole('admin'));
        steps.push({ name: step.name, mode: step.mode, approverIds });
      }
      const request = ApprovalRequest.open({
        id: uuidv7(),
        subjectType: input.subjectType,
        subjectId: input.subjectId,
        applicantId: input.applicantId,
        title: input.title,
        context: { ...input.context, productLineIds: input.productLineIds },
        customerId: input.customerId,
        steps,
        now: new Date(),
      });
      await this.approvals.insert(request);
      await this.events.record(request.pullEvents());
      return { requestId: request.id, approverIds: steps[0]!.approverIds };
    });
  }

  private async resolve(rule: ApproverRule, productLineIds: string[]): Promise<string[]> {
    switch (rule.kind) {
      case 'line-heads': {
        if (productLineIds.length === 0) return [];
        const lines = await this.queries.execute(new ListProductLinesQuery(productLineIds));
        return [...new Set(lines.flatMap((line) => line.headIds))];
      }
      case 'role':
        return this.identity.userIdsWithRole(rule.role);
      case 'users':
        return rule.userIds;
    }
  }
}
