import { Injectable, Logger } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { DomainError } from '@crm/kernel';
import { EventReaction, type EventEnvelope, type EventReactionHandler } from '@crm/platform';
import { EscalateTicketCommand } from '../commands/escalate-ticket/escalate-ticket.command.js';
import { SlaEvents } from '../../contracts/sla-events.js';
import { SlaClockStore } from '../../infrastructure/sla-clock.store.js';

/**
 * An SLA warning escalates the ticket [升级] once, whichever of its clocks warned first (the key makes
 * a second warning or a redelivery a no-op), unless the
 * target was met in the meantime: a reply that came after the warning was raised stops it.
 */
@Injectable()
@EventReaction({ consumer: 'sla.escalate-on-warning', events: [SlaEvents.warning] })
export class EscalateOnSlaWarning implements EventReactionHandler {
  private readonly logger = new Logger('SlaEscalation');

  constructor(
    private readonly commands: CommandBus,
    private readonly clocks: SlaClockStore,
  ) {}

  async handle(event: EventEnvelope): Promise<void> {
    if (!SlaEvents.warning.matches(event)) return;
    const { ticketId, metric, targetMinutes } = event.payload;
    const clock = await this.clocks.clock(ticketId, metric);
    if (!clock || clock.achievedAt !== null) return;
    try {
      await this.commands.execute(
        new EscalateTicketCommand({
          ticketId,
          trigger: 'sla-warning',
          reason: `SLA预警：${metric === 'first-response' ? '首次响应' : '解决'}时限 ${targetMinutes} 个工作分钟即将到期`,
          dedupeKey: 'sla-warning',
          actor: null,
        }),
      );
    } catch (error) {
      // Nobody to escalate to (no manager above the handler) is not worth retrying: the warning stands.
      if (!(error instanceof DomainError)) throw error;
      this.logger.warn(`Ticket ${ticketId} not escalated on its SLA warning: ${error.message}`);
    }
  }
}
