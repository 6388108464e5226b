import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Logger } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { PoolCustomers } from '../../../domain/pool-customers.port.js';
import { ProtectApprovedClaimCommand } from './protect-approved-claim.command.js';

@CommandHandler(ProtectApprovedClaimCommand)
export class ProtectApprovedClaimHandler implements ICommandHandler<ProtectApprovedClaimCommand> {
  private readonly logger = new Logger('ProtectApprovedClaim');

  constructor(private readonly customers: PoolCustomers) {}

  async execute({ applicationId }: ProtectApprovedClaimCommand): Promise<{ protected: boolean }> {
    // Same lock as a claim: the customer's entry row serialises everything about it.
    const customer = await this.customers.lockByApplication(applicationId);
    if (!customer) return { protected: false };
    const protectedNow = customer.protectApproved(applicationId, new Date(), uuidv7);
    if (!protectedNow) this.logger.warn(`Application ${applicationId} was no longer pending or its customer was taken; approval recorded, nothing protected`);
    await this.customers.save(customer);
    return { protected: protectedNow };
  }
}
