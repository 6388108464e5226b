import { CommandHandler, QueryBus, type ICommandHandler } from '@nestjs/cqrs';
import { FindCustomerContactsQuery } from '@crm/contracts/contact';
import { GetCustomerQuery } from '@crm/contracts/customer';
import { UnitOfWork } from '@crm/platform';
import { TicketEvents } from '../../../contracts/events.js';
import { TicketErrors } from '../../../domain/ticket.errors.js';
import { PortalTokenStore } from '../../../infrastructure/portal-token.store.js';
import { IssuePortalTokenCommand, type IssuedPortalToken } from './issue-portal-token.command.js';

const DAY_MS = 24 * 60 * 60 * 1000;

@CommandHandler(IssuePortalTokenCommand)
export class IssuePortalTokenHandler implements ICommandHandler<IssuePortalTokenCommand> {
  constructor(
    private readonly tokens: PortalTokenStore,
    private readonly queries: QueryBus,
    private readonly uow: UnitOfWork,
  ) {}

  async execute({ actor, customerId, contactId, validDays }: IssuePortalTokenCommand): Promise<IssuedPortalToken> {
    await this.queries.execute(new GetCustomerQuery(actor, customerId));
    if ((await this.queries.execute(new FindCustomerContactsQuery({ customerId, contactIds: [contactId] }))).length === 0) throw TicketErrors.contactNotFound();
    const issued = await this.tokens.issue({ customerId, contactId, how: 'issued', issuedBy: actor.id, validForMs: validDays * DAY_MS, now: new Date() });
    const expiresAt = issued.expiresAt.toISOString();
    this.uow.raise(
      TicketEvents.portalTokenIssued.create(issued.id, { tokenId: issued.id, customerId, contactId, issuedBy: actor.id, expiresAt, how: 'issued' }),
    );
    return { tokenId: issued.id, token: issued.token, customerId, contactId, expiresAt };
  }
}
