import { Command } from '@nestjs/cqrs';
import type { Actor } from '@crm/platform';
import type { FollowUpChannel } from '../../../domain/customer.types.js';

export interface FollowUpInput {
  channel: FollowUpChannel;
  content: string;
  /** Defaults to now. */
  occurredAt?: Date;
  nextFollowUpAt?: Date | null;
}

/** Records a follow-up [跟进] on a customer; it restarts the customer's recycle clock. */
export class RecordFollowUpCommand extends Command<{ id: string }> {
  constructor(
    readonly actor: Actor,
    readonly customerId: string,
    readonly input: FollowUpInput,
  ) {
    super();
  }
}
