import { Command } from '@nestjs/cqrs';
import type { Actor } from '@crm/platform';

/**
 * Hands an order off to delivery [转案]: only approved and fully reconciled, otherwise 422
 * `ORDER.HAND_OFF_BLOCKED` listing every reason (seed 001: the system enforces it, not people).
 */
export class HandOffOrderCommand extends Command<{ handedOffAt: string }> {
  constructor(
    readonly actor: Actor,
    readonly orderId: string,
  ) {
    super();
  }
}
