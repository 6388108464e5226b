import { Command } from '@nestjs/cqrs';

/**
 * The approval for a claim application was granted: protect the customer for the applicant now,
 * with no second claim step (ARCH-3, POOL-6). Idempotent: an application is protected once.
 */
export class ProtectApprovedClaimCommand extends Command<{ protected: boolean }> {
  constructor(readonly applicationId: string) {
    super();
  }
}
