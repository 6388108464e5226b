import { DataScope, type Actor, type SqlParams } from '@crm/platform';
import type { Contract } from '../domain/contract.aggregate.js';
import { ContractErrors } from '../domain/contract.errors.js';

/**
 * Who sees and changes a contract [数据权限]: its owner, and the owner's team, department or everyone
 * by the caller's role (the one DataScope rule). Out of scope is 404, exactly like missing, for the
 * contract and everything under it (versions, attachments and their files).
 */
export function visibleContractsPredicate(actor: Actor, params: SqlParams, alias = 'c'): string {
  return DataScope.of(actor).sql({ owner: `${alias}.owner_id` }, params);
}

export function assertCanSee(actor: Actor, contract: Contract | undefined): asserts contract is Contract {
  if (!contract || !DataScope.of(actor).allows({ ownerId: contract.ownerId })) throw ContractErrors.notFound();
}
