import { CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { WithdrawApprovalCommand } from '@crm/contracts/approval';
import { EventRecorder, TransactionHost } from '@crm/platform';
import { poolEvent } from '../../../domain/pool.events.js';
import { PoolRepository } from '../../../infrastructure/pool.repository.js';
import { CLAIM_SUBJECT } from '../claim-customer/claim-customer.handler.js';
import { CloseClaimApplicationCommand } from './close-claim-application.command.js';

@CommandHandler(CloseClaimApplicationCommand)
export class CloseClaimApplicationHandler implements ICommandHandler<CloseClaimApplicationCommand> {
  constructor(
    private readonly pool: PoolRepository,
    private readonly commands: CommandBus,
    private readonly tx: TransactionHost,
    private readonly events: EventRecorder,
  ) {}

  execute({ applicationId, status, reason }: CloseClaimApplicationCommand): Promise<{ closed: boolean }> {
    return this.tx.run(async () => {
      const application = await this.pool.findApplication(applicationId);
      if (!application) return { closed: false };
      await this.pool.lockEntry(application.customerId);
      if (!(await this.pool.closeApplication(applicationId, status))) return { closed: false };
      // An expired reservation no longer needs a decision: take it out of the approvers' inbox.
      if (status === 'expired') await this.commands.execute(new WithdrawApprovalCommand(CLAIM_SUBJECT, applicationId, 'reservation expired'));
      await this.events.record([
        poolEvent('claim-application-closed', application.customerId, {
          applicationId,
          applicantId: application.applicantId,
          status,
          reason,
        }),
      ]);
      return { closed: true };
    });
  }
}
