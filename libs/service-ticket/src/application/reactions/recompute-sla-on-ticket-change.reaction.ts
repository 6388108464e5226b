import { Injectable } from '@nestjs/common';
import type { EventContract } from '@crm/kernel';
import { EventReaction, type EventEnvelope, type EventReactionHandler } from '@crm/platform';
import { TicketEvents, type TicketRefV1 } from '../../contracts/events.js';
import { SlaClockKeeper } from '../sla-clock-keeper.js';

/** Every ticket event that changes what its clocks say: its history, its team (so its calendar), its facts. */
const TICKET_CHANGES: EventContract<TicketRefV1>[] = [
  TicketEvents.created,
  TicketEvents.statusChanged,
  TicketEvents.firstResponded,
  TicketEvents.assigned,
  TicketEvents.transferred,
  TicketEvents.escalated,
];

/**
 * Recomputes a ticket's SLA clocks in the transaction that changed its history. In-transaction
 * (not after commit) so the clocks are exact the moment the change commits: the scan can never see
 * a deadline a reply or a resolution has already met, and so never warns or escalates after an
 * agent answered (zammad#3140). The scan skips rows this transaction holds (SKIP LOCKED).
 */
@Injectable()
@EventReaction({ consumer: 'sla.recompute-on-ticket-change', events: TICKET_CHANGES, delivery: 'in-transaction' })
export class RecomputeSlaOnTicketChange implements EventReactionHandler {
  constructor(private readonly keeper: SlaClockKeeper) {}

  handle(event: EventEnvelope): Promise<void> {
    return this.handleAll([event]);
  }

  async handleAll(events: readonly EventEnvelope[]): Promise<void> {
    const ticketIds = new Set<string>();
    for (const event of events) {
      for (const contract of TICKET_CHANGES) if (contract.matches(event)) ticketIds.add(event.payload.ticketId);
    }
    await this.keeper.recompute([...ticketIds]);
  }
}
