import { Injectable, Logger } from '@nestjs/common';
import { EventReaction, type EventEnvelope, type EventReactionHandler } from '@crm/platform';
import { SlaEvents } from '../../contracts/sla-events.js';
import { SlaClockKeeper } from '../sla-clock-keeper.js';

/**
 * A policy or calendar change recomputes the open tickets' clocks from their history, after the
 * change commits (it may touch many tickets; the configuration change itself stays quick).
 * Warnings and breaches already recorded stay.
 */
@Injectable()
@EventReaction({ consumer: 'sla.recompute-on-configuration-change', events: [SlaEvents.policyChanged, SlaEvents.calendarChanged] })
export class RecomputeSlaOnConfigurationChange implements EventReactionHandler {
  private readonly logger = new Logger('SlaRecompute');

  constructor(private readonly keeper: SlaClockKeeper) {}

  async handle(event: EventEnvelope): Promise<void> {
    if (!SlaEvents.policyChanged.matches(event) && !SlaEvents.calendarChanged.matches(event)) return;
    const count = await this.keeper.recomputeOpen();
    if (count > 0) this.logger.log(`Recomputed the SLA clocks of ${count} open tickets after ${event.type}`);
  }
}
