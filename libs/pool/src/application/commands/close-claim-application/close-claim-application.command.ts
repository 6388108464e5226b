import { Command } from '@nestjs/cqrs';

/** Ends a pending application without protection (rejected, recalled, expired): the reservation is released. */
export class CloseClaimApplicationCommand extends Command<{ closed: boolean }> {
  constructor(
    readonly applicationId: string,
    readonly status: 'rejected' | 'recalled' | 'expired',
    readonly reason: string | null,
  ) {
    super();
  }
}
