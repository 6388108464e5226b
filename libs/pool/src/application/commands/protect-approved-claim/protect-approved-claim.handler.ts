import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Logger } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { PoolCustomers } from '../../../domain/pool-customers.port.js';
import { PoolRepository } from '../../../infrastructure/pool.repository.js';
import { ProtectApprovedClaimCommand } from './protect-approved-claim.command.js';

@CommandHandler(ProtectApprovedClaimCommand)
export class ProtectApprovedClaimHandler implements ICommandHandler<ProtectApprovedClaimCommand> {
  private readonly logger = new Logger('ProtectApprovedClaim');

  constructor(
    private readonly customers: PoolCustomers,
    private readonly pools: PoolRepository,
  ) {}

  async execute({ applicationId }: ProtectApprovedClaimCommand): Promise<{ protected: boolean }> {
    const application = await this.pools.findApplication(applicationId);
    if (!application) return { protected: false };
    // Same lock as a claim: the customer's entry row serialises everything about it.
    const customer = await this.customers.lock(application.customerId);
    if (!customer) return { protected: false };
    const protectedNow = customer.protectApproved(applicationId, new Date(), uuidv7);
    if (!protectedNow && application.status !== 'pending') {
      this.logger.warn(`Application ${applicationId} was already ${application.status}; approval ignored`);
    }
    await this.customers.save(customer);
    return { protected: protectedNow };
  }
}
