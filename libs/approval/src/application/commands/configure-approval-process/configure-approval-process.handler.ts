import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { PreconditionFailedError } from '@crm/kernel';
import { EventRecorder, TransactionHost } from '@crm/platform';
import { v5 as uuidv5 } from 'uuid';
import { ApprovalErrors } from '../../../domain/approval.errors.js';
import { ApprovalRepository } from '../../../infrastructure/approval.repository.js';
import { ConfigureApprovalProcessCommand } from './configure-approval-process.command.js';

/** Processes are keyed by subject type; their events need a stable UUID per type. */
const PROCESS_NAMESPACE = '6f1c3a52-8d1e-4b7a-9a57-0c1d2e3f4a5b';

@CommandHandler(ConfigureApprovalProcessCommand)
export class ConfigureApprovalProcessHandler implements ICommandHandler<ConfigureApprovalProcessCommand> {
  constructor(
    private readonly approvals: ApprovalRepository,
    private readonly tx: TransactionHost,
    private readonly events: EventRecorder,
  ) {}

  execute({ subjectType, steps, defaultApproverIds, expectedVersion }: ConfigureApprovalProcessCommand): Promise<{ version: number }> {
    if (steps.length === 0) throw ApprovalErrors.invalidProcess('A process needs at least one step.');
    return this.tx.run(async () => {
      const version = await this.approvals.saveProcess({ subjectType, steps, defaultApproverIds }, expectedVersion);
      if (version === undefined) {
        throw new PreconditionFailedError('approval process', (await this.approvals.findProcess(subjectType))?.version ?? 0);
      }
      await this.events.record([
        {
          type: 'approval.process-configured',
          version: 1,
          aggregateType: 'approval-process',
          aggregateId: uuidv5(subjectType, PROCESS_NAMESPACE),
          payload: { subjectType, steps, defaultApproverIds, processVersion: version },
        },
      ]);
      return { version };
    });
  }
}
