import { Injectable } from '@nestjs/common';
import { SqlParams, TransactionHost } from '@crm/platform';
import { TicketErrors } from '../../domain/ticket.errors.js';
import { TicketAccess } from '../ticket-access.js';
import type { TicketPrincipal } from '../ticket-principal.js';

/** The visibility check reads share: a ticket outside the caller's reach is a 404. */
@Injectable()
export class TicketReader {
  constructor(
    private readonly tx: TransactionHost,
    private readonly access: TicketAccess,
  ) {}

  async assertVisible(by: TicketPrincipal, ticketId: string): Promise<void> {
    const params = new SqlParams();
    const id = params.add(ticketId);
    const predicate =
      by.kind === 'portal'
        ? `t.customer_id = ${params.add(by.visitor.customerId)} AND t.contact_id = ${params.add(by.visitor.contactId)}`
        : (await this.access.reachOf(by.actor)).sql(params);
    const row = await this.tx.queryOne(`SELECT 1 FROM service_ticket.tickets t WHERE t.id = ${id} AND ${predicate}`, params.values);
    if (!row) throw TicketErrors.notFound();
  }

  /** Where a ticket stands after a change the caller just made (they may no longer see it, after a transfer). */
  async summary(
    ticketId: string,
  ): Promise<{ ticketId: string; status: string; teamId: string | null; handlerId: string | null; tier: number; version: number }> {
    const row = await this.tx.queryOne<{ ticketId: string; status: string; teamId: string | null; handlerId: string | null; tier: number; version: number }>(
      `SELECT id AS "ticketId", status, team_id AS "teamId", handler_id AS "handlerId", tier, version FROM service_ticket.tickets WHERE id = $1`,
      [ticketId],
    );
    if (!row) throw TicketErrors.notFound();
    return row;
  }
}
