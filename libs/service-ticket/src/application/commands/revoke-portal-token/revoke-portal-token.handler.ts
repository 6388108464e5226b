import { CommandHandler, QueryBus, type ICommandHandler } from '@nestjs/cqrs';
import { GetCustomerQuery } from '@crm/contracts/customer';
import { UnitOfWork } from '@crm/platform';
import { TicketEvents } from '../../../contracts/events.js';
import { TicketErrors } from '../../../domain/ticket.errors.js';
import { PortalTokenStore } from '../../../infrastructure/portal-token.store.js';
import { RevokePortalTokenCommand } from './revoke-portal-token.command.js';

@CommandHandler(RevokePortalTokenCommand)
export class RevokePortalTokenHandler implements ICommandHandler<RevokePortalTokenCommand> {
  constructor(
    private readonly tokens: PortalTokenStore,
    private readonly queries: QueryBus,
    private readonly uow: UnitOfWork,
  ) {}

  async execute({ actor, tokenId }: RevokePortalTokenCommand): Promise<void> {
    const revoked = await this.tokens.revoke(tokenId, new Date());
    if (!revoked) throw TicketErrors.portalTokenNotFound();
    // Only for a customer the caller may see; otherwise the same 404 (and the revocation rolls back).
    await this.queries.execute(new GetCustomerQuery(actor, revoked.customerId));
    this.uow.raise(TicketEvents.portalTokenRevoked.create(tokenId, { tokenId, ...revoked, revokedBy: actor.id }));
  }
}
