import { Command } from '@nestjs/cqrs';
import type { Actor } from '@crm/platform';

/** What the caller asks to hold: the whole customer, a product line, or products (several in one batch). */
export type RequestedScope = { kind: 'customer' } | { kind: 'product-line'; productLineId: string } | { kind: 'product'; productIds: string[] };

export type ClaimResult =
  | { status: 'protected'; customerId: string; protectionIds: string[] }
  | { status: 'pending-approval'; customerId: string; applicationId: string; approvalRequestId: string; reservedUntil: string };

/**
 * Claim [申领] a customer from the pool. With the right (grade rules): protected at once. Without:
 * a 403 that explains how to apply, or, with `applyIfNotPermitted`, an application that reserves
 * the customer for the caller until an approver decides (POOL-4, 5).
 */
export class ClaimCustomerCommand extends Command<ClaimResult> {
  constructor(
    readonly actor: Actor,
    readonly customerId: string,
    readonly scope: RequestedScope,
    readonly applyIfNotPermitted: boolean,
    readonly reason: string | null,
  ) {
    super();
  }
}
