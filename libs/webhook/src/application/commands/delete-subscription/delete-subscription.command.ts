import { Command } from '@nestjs/cqrs';

/** An administrator removes a subscription with its delivery log; nothing more is sent to it. */
export class DeleteSubscriptionCommand extends Command<void> {
  constructor(readonly subscriptionId: string) {
    super();
  }
}
