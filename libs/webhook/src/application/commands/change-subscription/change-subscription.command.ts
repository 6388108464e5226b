import { Command } from '@nestjs/cqrs';
import type { SubscriptionInput } from '../create-subscription/create-subscription.command.js';

/** An administrator changes a subscription; switching it on again clears why it was disabled. */
export class ChangeSubscriptionCommand extends Command<void> {
  constructor(
    readonly subscriptionId: string,
    readonly changes: Partial<SubscriptionInput>,
  ) {
    super();
  }
}
