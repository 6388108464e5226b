import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Logger } from '@nestjs/common';
import { EventRecorder, TransactionHost } from '@crm/platform';
import { v7 as uuidv7 } from 'uuid';
import { anyOverlap } from '../../../domain/claim-scope.js';
import { poolEvent } from '../../../domain/pool.events.js';
import { PoolRepository } from '../../../infrastructure/pool.repository.js';
import { ProtectionSync } from '../../protection-sync.js';
import { ProtectApprovedClaimCommand } from './protect-approved-claim.command.js';

@CommandHandler(ProtectApprovedClaimCommand)
export class ProtectApprovedClaimHandler implements ICommandHandler<ProtectApprovedClaimCommand> {
  private readonly logger = new Logger('ProtectApprovedClaim');

  constructor(
    private readonly pool: PoolRepository,
    private readonly sync: ProtectionSync,
    private readonly tx: TransactionHost,
    private readonly events: EventRecorder,
  ) {}

  execute({ applicationId }: ProtectApprovedClaimCommand): Promise<{ protected: boolean }> {
    return this.tx.run(async () => {
      const application = await this.pool.findApplication(applicationId);
      if (!application) return { protected: false };
      // Same lock order as a claim: the customer's entry row serialises everything about it.
      await this.pool.lockEntry(application.customerId);
      if (!(await this.pool.closeApplication(applicationId, 'approved'))) {
        this.logger.warn(`Application ${applicationId} was already ${application.status}; approval ignored`);
        return { protected: false };
      }
      // The reservation kept others out; a manual assignment in between is the only way to collide.
      const held = await this.pool.activeProtections(application.customerId);
      if (held.some((protection) => anyOverlap(application.scopes, [protection.scope]))) {
        await this.events.record([
          poolEvent('claim-application-closed', application.customerId, {
            applicationId,
            applicantId: application.applicantId,
            status: 'approved',
            outcome: 'already-protected',
          }),
        ]);
        return { protected: false };
      }
      const now = new Date();
      await this.pool.insertProtections(
        application.scopes.map((scope) => ({
          id: uuidv7(),
          customerId: application.customerId,
          poolId: application.poolId,
          holderId: application.applicantId,
          scope,
          source: 'approval' as const,
          applicationId,
          since: now,
        })),
      );
      await this.sync.afterChange([application.customerId], { restartClock: true });
      await this.events.record([
        poolEvent('customer-protected', application.customerId, {
          poolId: application.poolId,
          holderId: application.applicantId,
          scopes: application.scopes,
          source: 'approval',
          applicationId,
        }),
      ]);
      return { protected: true };
    });
  }
}
