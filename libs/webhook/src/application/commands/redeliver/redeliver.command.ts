import { Command } from '@nestjs/cqrs';

/** An administrator sends a delivery again [重新推送], whatever became of it; it queues behind the customer's earlier pending ones. */
export class RedeliverCommand extends Command<void> {
  constructor(
    readonly subscriptionId: string,
    readonly deliveryId: string,
  ) {
    super();
  }
}
