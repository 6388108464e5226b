import { CommandHandler, QueryBus, type ICommandHandler } from '@nestjs/cqrs';
import { FindCustomerContactsQuery } from '@crm/contracts/contact';
import { FindOrderByNumberQuery } from '@crm/contracts/contract';
import { ProblemException, UnitOfWork } from '@crm/platform';
import { TicketEvents } from '../../../contracts/events.js';
import { PortalTokenStore } from '../../../infrastructure/portal-token.store.js';
import { VerifyPortalVisitorCommand } from './verify-portal-visitor.command.js';

/** A verified visitor's token lasts a day. */
const VERIFIED_FOR_MS = 24 * 60 * 60 * 1000;

@CommandHandler(VerifyPortalVisitorCommand)
export class VerifyPortalVisitorHandler implements ICommandHandler<VerifyPortalVisitorCommand> {
  constructor(
    private readonly tokens: PortalTokenStore,
    private readonly queries: QueryBus,
    private readonly uow: UnitOfWork,
  ) {}

  async execute({ phone, orderNumber }: VerifyPortalVisitorCommand): Promise<{ token: string; expiresAt: string }> {
    const order = await this.queries.execute(new FindOrderByNumberQuery(orderNumber.trim()));
    const [contact] = order ? await this.queries.execute(new FindCustomerContactsQuery({ customerId: order.customerId, phone })) : [];
    if (!order || !contact) {
      throw new ProblemException(401, 'TICKET.VERIFICATION_FAILED', 'The phone number and order number do not match.');
    }
    const issued = await this.tokens.issue({
      customerId: order.customerId,
      contactId: contact.contactId,
      how: 'verified',
      issuedBy: null,
      validForMs: VERIFIED_FOR_MS,
      now: new Date(),
    });
    const expiresAt = issued.expiresAt.toISOString();
    this.uow.raise(
      TicketEvents.portalTokenIssued.create(issued.id, {
        tokenId: issued.id,
        customerId: order.customerId,
        contactId: contact.contactId,
        issuedBy: null,
        expiresAt,
        how: 'verified',
      }),
    );
    return { token: issued.token, expiresAt };
  }
}
