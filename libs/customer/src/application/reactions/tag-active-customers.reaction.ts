import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { EventReaction, type EventEnvelope, type EventReactionHandler } from '@crm/platform';
import { v7 as uuidv7 } from 'uuid';
import { CustomerEvents } from '../../contracts/events.js';
import { ACTIVE_RULE } from '../../domain/tagging.errors.js';
import { TaggingRepository } from '../../infrastructure/tagging.repository.js';
import { TagCustomerCommand } from '../commands/tag-customer/tag-customer.command.js';

/**
 * A behaviour rule, wired end to end: 3 follow-ups within 7 days tag the customer "active" [活跃],
 * counting up on each further follow-up. Runs once per event (inbox), so a redelivered follow-up
 * does not count twice.
 */
@Injectable()
@EventReaction({ consumer: 'customer.auto-tagging', events: [CustomerEvents.followedUp] })
export class TagActiveCustomersReaction implements EventReactionHandler {
  constructor(
    private readonly tagging: TaggingRepository,
    private readonly commands: CommandBus,
  ) {}

  async handle(event: EventEnvelope): Promise<void> {
    if (!CustomerEvents.followedUp.matches(event)) return;
    const { customerId, occurredAt } = event.payload;
    const until = new Date(occurredAt);
    const since = new Date(until.getTime() - ACTIVE_RULE.windowDays * 86_400_000);
    if ((await this.tagging.followUpsBetween(customerId, since, until)) < ACTIVE_RULE.followUps) return;
    let tag = await this.tagging.findTagByName(ACTIVE_RULE.tagName);
    if (!tag) {
      await this.tagging.insertTag({ id: uuidv7(), name: ACTIVE_RULE.tagName, category: ACTIVE_RULE.category, weight: ACTIVE_RULE.weight });
      tag = (await this.tagging.findTagByName(ACTIVE_RULE.tagName))!;
    }
    await this.commands.execute(new TagCustomerCommand(null, customerId, tag.id));
  }
}
