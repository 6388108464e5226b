import { Injectable } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ResolveClaimScopeQuery } from '@crm/contracts/catalog';
import { CheckCustomerWorkableQuery } from '@crm/contracts/customer';
import { UserDirectory } from '@crm/contracts/identity';
import { DataScope, type Actor } from '@crm/platform';
import { ContractErrors } from '../domain/contract.errors.js';

/** Checks of the ids a caller puts on a contract, each answered as the owning context answers a missing one. */
@Injectable()
export class ContractReferences {
  constructor(
    private readonly queries: QueryBus,
    private readonly directory: UserDirectory,
  ) {}

  /** The caller works this customer (held within their scope): else the Customer context's 404 / 403. */
  customerWorkable(actor: Actor, customerId: string): Promise<void> {
    return this.queries.execute(new CheckCustomerWorkableQuery(actor, customerId));
  }

  /** Products the catalogue knows: else 422 `CATALOG.PRODUCT_NOT_FOUND`. */
  async products(productIds: readonly string[]): Promise<void> {
    if (productIds.length > 0) await this.queries.execute(new ResolveClaimScopeQuery({ productIds: [...productIds] }));
  }

  /** Another owner than the caller: an active user within the caller's data scope. */
  async assignableOwner(actor: Actor, ownerId: string): Promise<void> {
    if (ownerId === actor.id) return;
    if (!DataScope.of(actor).allows({ ownerId }) || !(await this.directory.isActiveUser(ownerId))) throw ContractErrors.ownerNotAssignable();
  }
}
