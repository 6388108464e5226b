import { CommandBus, CommandHandler, QueryBus, type ICommandHandler } from '@nestjs/cqrs';
import { DomainError } from '@crm/kernel';
import { CheckCustomerWorkableQuery, RecordFollowUpCommand, type FollowUpChannel } from '@crm/contracts/customer';
import type { Actor } from '@crm/platform';
import { v7 as uuidv7 } from 'uuid';
import { Opportunities } from '../../../domain/opportunities.port.js';
import type { Opportunity } from '../../../domain/opportunity.aggregate.js';
import type { ActivityType } from '../../../domain/opportunity.types.js';
import { OpportunityPeople } from '../../../infrastructure/opportunity-people.js';
import { assertCanChange } from '../../opportunity-access.js';
import { assertCustomerContacts } from '../../customer-contacts.js';
import type { ActivityView } from '../../queries/list-activities/list-activities.query.js';
import { RecordActivityCommand } from './record-activity.command.js';

/** How each activity counts among the customer's follow-ups. */
const CHANNELS: Record<ActivityType, FollowUpChannel> = { call: 'call', visit: 'visit', meeting: 'meeting', demo: 'meeting' };
const LABELS: Record<ActivityType, string> = { call: '电话', visit: '拜访', meeting: '会议', demo: '演示' };

@CommandHandler(RecordActivityCommand)
export class RecordActivityHandler implements ICommandHandler<RecordActivityCommand> {
  constructor(
    private readonly opportunities: Opportunities,
    private readonly people: OpportunityPeople,
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  async execute({ actor, opportunityId, input }: RecordActivityCommand): Promise<ActivityView> {
    // Held (FOR SHARE) until commit: it cannot be won or lost while the activity is added.
    const opportunity = await this.opportunities.get(opportunityId, { lock: 'share' });
    assertCanChange(actor, opportunity);
    const now = new Date();
    const occurredAt = input.occurredAt ?? now;
    opportunity.assertActivityAllowed(occurredAt, now);
    const author = await this.followUpAuthor(actor, opportunity);
    // The people met, as whoever the visit is recorded for sees the customer's contacts.
    await assertCustomerContacts(this.queries, author, opportunity.customerId, input.contactIds);
    const { name } = opportunity.snapshot();
    const recordedBy = author.id === actor.id ? '' : `（${actor.displayName} 记录）`;
    const nextStep = input.nextStep ? `\n下一步：${input.nextStep}` : '';
    const { id: followUpId } = await this.commands.execute(
      new RecordFollowUpCommand(author, opportunity.customerId, {
        channel: CHANNELS[input.type],
        content: `【商机${LABELS[input.type]}】${name}：${input.summary.trim()}${recordedBy}${nextStep}`,
        occurredAt,
        nextFollowUpAt: null,
      }),
    );
    const activity = opportunity.recordActivity(
      {
        id: uuidv7(),
        type: input.type,
        occurredAt,
        summary: input.summary,
        nextStep: input.nextStep,
        contactIds: input.contactIds,
        authorId: actor.id,
        followUpId,
      },
      now,
    );
    await this.opportunities.save(opportunity, opportunity.version);
    return {
      ...activity,
      opportunityId,
      occurredAt: activity.occurredAt.toISOString(),
      createdAt: activity.createdAt.toISOString(),
    };
  }

  /**
   * Who the follow-up is recorded for: the caller when they work the customer; otherwise (a
   * collaborator, who does not hold the customer) the opportunity's owner, whose customer it is.
   * When neither works it, the Customer context's answer stands (404 or 403 `CUSTOMER.NOT_OWNED`).
   */
  private async followUpAuthor(actor: Actor, opportunity: Opportunity): Promise<Actor> {
    const works = async (who: Actor) => {
      await this.queries.execute(new CheckCustomerWorkableQuery(who, opportunity.customerId));
      return who;
    };
    try {
      return await works(actor);
    } catch (refusal) {
      if (!(refusal instanceof DomainError) || actor.id === opportunity.ownerId) throw refusal;
      const owner = await this.people.asActor(opportunity.ownerId);
      if (!owner) throw refusal;
      try {
        return await works(owner);
      } catch {
        throw refusal;
      }
    }
  }
}
