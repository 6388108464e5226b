import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { TicketErrors } from '../../../domain/ticket.errors.js';
import { TicketRepository } from '../../../infrastructure/ticket.repository.js';
import { TicketAssigner } from '../../ticket-assigner.js';
import { TicketLoader } from '../../ticket-loader.js';
import { EscalateTicketCommand } from './escalate-ticket.command.js';

@CommandHandler(EscalateTicketCommand)
export class EscalateTicketHandler implements ICommandHandler<EscalateTicketCommand> {
  constructor(
    private readonly loader: TicketLoader,
    private readonly tickets: TicketRepository,
    private readonly assigner: TicketAssigner,
  ) {}

  async execute({ input }: EscalateTicketCommand) {
    const { actor, dedupeKey } = input;
    const ticket = actor ? await this.loader.lockVisible({ kind: 'staff', actor }, input.ticketId) : await this.tickets.lock(input.ticketId);
    if (!ticket) throw TicketErrors.notFound();
    const current = () => ({ tier: ticket.snapshot().tier, handlerId: ticket.snapshot().handlerId, version: ticket.version });
    if (dedupeKey && (await this.tickets.escalatedWithKey(ticket.id, dedupeKey))) return { escalated: false, ...current() };
    const by = actor ? ({ kind: 'user', id: actor.id } as const) : null;
    const target = await this.assigner.escalationTarget(ticket, input.toUserId ?? null, by);
    ticket.escalate({
      toHandlerId: target.handlerId,
      toTeamId: target.teamId ?? ticket.snapshot().teamId,
      reason: input.reason,
      trigger: input.trigger,
      dedupeKey: dedupeKey ?? null,
      by,
      now: new Date(),
    });
    await this.loader.save(ticket);
    return { escalated: true, ...current() };
  }
}
