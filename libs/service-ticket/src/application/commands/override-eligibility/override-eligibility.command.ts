import { Command } from '@nestjs/cqrs';
import type { Actor } from '@crm/platform';

/** A supervisor accepts a ticket flagged as not entitled to service [资格特批], with a reason (kept and audited). */
export class OverrideEligibilityCommand extends Command<{ version: number }> {
  constructor(
    readonly actor: Actor,
    readonly ticketId: string,
    readonly reason: string,
  ) {
    super();
  }
}
