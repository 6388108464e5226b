import type { Actor } from '@crm/platform';
import type { TicketActorRef } from '../domain/ticket.types.js';

/** A self-service visitor [自助服务]: a customer's contact proven by a portal token. */
export interface PortalVisitor {
  tokenId: string;
  customerId: string;
  contactId: string;
}

/** Who acts on a ticket: a staff user, or a contact through self-service. */
export type TicketPrincipal = { kind: 'staff'; actor: Actor } | { kind: 'portal'; visitor: PortalVisitor };

export function actorRefOf(principal: TicketPrincipal): TicketActorRef {
  return principal.kind === 'staff' ? { kind: 'user', id: principal.actor.id } : { kind: 'contact', id: principal.visitor.contactId };
}
