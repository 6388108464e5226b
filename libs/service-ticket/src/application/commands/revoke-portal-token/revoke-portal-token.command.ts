import { Command } from '@nestjs/cqrs';
import type { Actor } from '@crm/platform';

/** Withdraws a contact's self-service access [撤销自助服务凭证] at once (a lost phone, a contact who left). */
export class RevokePortalTokenCommand extends Command<void> {
  constructor(
    readonly actor: Actor,
    readonly tokenId: string,
  ) {
    super();
  }
}
