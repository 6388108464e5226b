import { Command } from '@nestjs/cqrs';

export interface SubscriptionInput {
  url: string;
  eventTypePrefixes: string[];
  secret: string;
  active: boolean;
}

/** An administrator subscribes a receiver to events [Webhook 订阅]. */
export class CreateSubscriptionCommand extends Command<{ id: string }> {
  constructor(readonly input: SubscriptionInput) {
    super();
  }
}
