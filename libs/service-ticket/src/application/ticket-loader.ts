import { Injectable } from '@nestjs/common';
import { assertIfMatch, assertSaved, TransactionHost } from '@crm/platform';
import type { Ticket } from '../domain/ticket.aggregate.js';
import { TicketErrors } from '../domain/ticket.errors.js';
import { TicketRepository } from '../infrastructure/ticket.repository.js';
import { TicketAccess } from './ticket-access.js';
import type { TicketPrincipal } from './ticket-principal.js';

/** Loads a ticket for a change by someone who may see it (else 404), and saves it back over the version loaded. */
@Injectable()
export class TicketLoader {
  constructor(
    private readonly tickets: TicketRepository,
    private readonly access: TicketAccess,
    private readonly tx: TransactionHost,
  ) {}

  async lockVisible(by: TicketPrincipal, ticketId: string, ifMatch?: number): Promise<Ticket> {
    const ticket = await this.tickets.lock(ticketId);
    if (!ticket || !(await this.visible(by, ticket))) throw TicketErrors.notFound();
    assertIfMatch('ticket', ifMatch, ticket.version);
    return ticket;
  }

  async save(ticket: Ticket, ifMatch?: number): Promise<number> {
    await assertSaved(await this.tickets.save(ticket), 'ticket', ifMatch, () => this.tickets.currentVersion(ticket.id));
    return ticket.version;
  }

  private async visible(by: TicketPrincipal, ticket: Ticket): Promise<boolean> {
    const state = ticket.snapshot();
    if (by.kind === 'portal') return state.customerId === by.visitor.customerId && state.contactId === by.visitor.contactId;
    const reach = await this.access.reachOf(by.actor);
    if (reach.sees(state)) return true;
    const technicians = await this.tx.query<{ technician_id: string }>(`SELECT technician_id FROM service_ticket.work_orders WHERE ticket_id = $1`, [
      ticket.id,
    ]);
    return reach.sees(
      state,
      technicians.map((row) => row.technician_id),
    );
  }
}
