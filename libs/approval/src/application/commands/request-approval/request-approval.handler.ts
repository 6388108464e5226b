import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { UserDirectory } from '@crm/contracts/identity';
import { v7 as uuidv7 } from 'uuid';
import { ApprovalRequest } from '../../../domain/approval-request.aggregate.js';
import { ApprovalErrors } from '../../../domain/approval.errors.js';
import type { ApproverRule } from '../../../domain/approval.types.js';
import { stepApplies } from '../../../domain/step-condition.js';
import { ApprovalRepository } from '../../../infrastructure/approval.repository.js';
import { RequestApprovalCommand, type ApprovalFacts } from './request-approval.command.js';

@CommandHandler(RequestApprovalCommand)
export class RequestApprovalHandler implements ICommandHandler<RequestApprovalCommand> {
  constructor(
    private readonly approvals: ApprovalRepository,
    private readonly identity: UserDirectory,
  ) {}

  async execute({ input }: RequestApprovalCommand): Promise<{ requestId: string; approverIds: string[] }> {
    const process = await this.approvals.findProcess(input.subjectType);
    if (!process) throw ApprovalErrors.noProcess(input.subjectType);
    // Only active people other than the applicant approve; a rule that finds nobody falls back to the defaults, then to admins.
    const eligible = async (ids: string[]) => (await this.identity.activeUserIds([...new Set(ids)])).filter((id) => id !== input.applicantId);
    const steps = [];
    const applicable = process.steps.filter((candidate) => stepApplies(candidate.when, input.facts));
    // When no step's conditions hold, the default approvers decide in one step rather than nobody at all.
    const route =
      applicable.length > 0
        ? applicable
        : [{ name: '默认审批 / Default approval', mode: 'any-of' as const, approvers: { kind: 'users' as const, userIds: [] } }];
    for (const step of route) {
      let approverIds = await eligible(await this.resolve(step.approvers, input.applicantId, input.facts));
      if (approverIds.length === 0) approverIds = await eligible(process.defaultApproverIds);
      if (approverIds.length === 0) approverIds = await eligible(await this.identity.userIdsWithRole('admin'));
      steps.push({ name: step.name, mode: step.mode, approverIds });
    }
    const { productLines, ...facts } = input.facts;
    const request = ApprovalRequest.open({
      id: uuidv7(),
      subjectType: input.subjectType,
      subjectId: input.subjectId,
      applicantId: input.applicantId,
      title: input.title,
      context: { ...input.context, ...facts, productLineIds: (productLines ?? []).map((line) => line.id) },
      customerId: input.customerId,
      steps,
      now: new Date(),
    });
    await this.approvals.insert(request);
    return { requestId: request.id, approverIds: steps[0]!.approverIds };
  }

  private async resolve(rule: ApproverRule, applicantId: string, facts: ApprovalFacts): Promise<string[]> {
    switch (rule.kind) {
      case 'manager': {
        const manager = await this.identity.managerOf(applicantId);
        return manager ? [manager] : [];
      }
      case 'department-head': {
        const head = await this.identity.departmentHeadOf(applicantId);
        return head ? [head] : [];
      }
      case 'line-heads':
        return [...new Set((facts.productLines ?? []).flatMap((line) => line.headIds))];
      case 'role':
        return this.identity.userIdsWithRole(rule.role);
      case 'users':
        return rule.userIds;
    }
  }
}
