import { Command } from '@nestjs/cqrs';
import type { TicketChannel, TicketPriority } from '../../../domain/ticket.types.js';
import type { TicketPrincipal } from '../../ticket-principal.js';

export interface FileTicketInput {
  /** Staff name the customer; a self-service visitor files for their own. */
  customerId: string | null;
  contactId: string | null;
  typeId: string;
  title: string;
  description: string;
  priority: TicketPriority;
  channel: TicketChannel;
  productId: string | null;
  orderId: string | null;
  /** An order named by its number [订单号] (self-service); it must be the customer's. */
  orderNumber?: string | null;
  contractId: string | null;
  /** Given by hand (needs ticket:assign); otherwise the assignment rules route the ticket. */
  teamId: string | null;
  handlerId: string | null;
}

/** Files a ticket [建单]: checks the customer, contact and product, asks for eligibility, routes it. */
export class FileTicketCommand extends Command<{ ticketId: string }> {
  constructor(
    readonly by: TicketPrincipal,
    readonly input: FileTicketInput,
  ) {
    super();
  }
}
