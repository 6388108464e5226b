import { Command } from '@nestjs/cqrs';
import type { Actor } from '@crm/platform';

export interface IssuedPortalToken {
  tokenId: string;
  /** Shown once; only its hash is kept. */
  token: string;
  customerId: string;
  contactId: string;
  expiresAt: string;
}

/** Staff give a customer's contact self-service access [自助服务]: a token for the public ticket endpoints. */
export class IssuePortalTokenCommand extends Command<IssuedPortalToken> {
  constructor(
    readonly actor: Actor,
    readonly customerId: string,
    readonly contactId: string,
    readonly validDays: number,
  ) {
    super();
  }
}
