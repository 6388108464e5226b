import { CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { WithdrawApprovalCommand } from '@crm/contracts/approval';
import { PoolCustomers } from '../../../domain/pool-customers.port.js';
import { CLAIM_SUBJECT } from '../claim-customer/claim-customer.handler.js';
import { CloseClaimApplicationCommand } from './close-claim-application.command.js';

@CommandHandler(CloseClaimApplicationCommand)
export class CloseClaimApplicationHandler implements ICommandHandler<CloseClaimApplicationCommand> {
  constructor(
    private readonly customers: PoolCustomers,
    private readonly commands: CommandBus,
  ) {}

  async execute({ applicationId, status, reason }: CloseClaimApplicationCommand): Promise<{ closed: boolean }> {
    const customer = await this.customers.lockByApplication(applicationId);
    if (!customer?.closeApplication(applicationId, status, reason, new Date())) return { closed: false };
    // An expired reservation no longer needs a decision: take it out of the approvers' inbox.
    if (status === 'expired') await this.commands.execute(new WithdrawApprovalCommand(CLAIM_SUBJECT, applicationId, 'reservation expired'));
    await this.customers.save(customer);
    return { closed: true };
  }
}
