import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { assertSaved, UnitOfWork } from '@crm/platform';
import { v5 as uuidv5 } from 'uuid';
import { ApprovalEvents } from '../../../contracts/events.js';
import { ApprovalErrors } from '../../../domain/approval.errors.js';
import { invalidCondition } from '../../../domain/step-condition.js';
import { ApprovalRepository } from '../../../infrastructure/approval.repository.js';
import { ConfigureApprovalProcessCommand } from './configure-approval-process.command.js';

/** Processes are keyed by subject type; their events need a stable UUID per type. */
const PROCESS_NAMESPACE = '6f1c3a52-8d1e-4b7a-9a57-0c1d2e3f4a5b';

@CommandHandler(ConfigureApprovalProcessCommand)
export class ConfigureApprovalProcessHandler implements ICommandHandler<ConfigureApprovalProcessCommand> {
  constructor(
    private readonly approvals: ApprovalRepository,
    private readonly uow: UnitOfWork,
  ) {}

  async execute({ subjectType, steps, defaultApproverIds, expectedVersion }: ConfigureApprovalProcessCommand): Promise<{ version: number }> {
    if (steps.length === 0) throw ApprovalErrors.invalidProcess('A process needs at least one step.');
    for (const step of steps) {
      for (const condition of step.when ?? []) {
        const problem = invalidCondition(condition);
        if (problem) throw ApprovalErrors.invalidProcess(`Step "${step.name}": ${problem}.`);
      }
    }
    const version = await this.approvals.saveProcess({ subjectType, steps, defaultApproverIds }, expectedVersion);
    await assertSaved(version !== undefined, 'approval process', expectedVersion, async () => (await this.approvals.findProcess(subjectType))?.version);
    this.uow.raise(
      ApprovalEvents.processConfigured.create(uuidv5(subjectType, PROCESS_NAMESPACE), { subjectType, steps, defaultApproverIds, processVersion: version! }),
    );
    return { version: version! };
  }
}
