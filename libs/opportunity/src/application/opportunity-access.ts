import { DataScope, type Actor, type SqlParams } from '@crm/platform';
import type { Opportunity } from '../domain/opportunity.aggregate.js';
import { OpportunityErrors } from '../domain/opportunity.errors.js';

/**
 * Who sees and who changes an opportunity [数据权限]: its owner and the owner's team, department or
 * everyone by the caller's role (one DataScope rule), plus its collaborators [协作人] while their
 * access lasts. Collaborators are not customer holders: a manager does not see an opportunity because
 * someone of their team collaborates on it. Invisible is 404, exactly like missing.
 */
export function visibleOpportunitiesPredicate(actor: Actor, params: SqlParams, alias = 'o'): string {
  const owned = DataScope.of(actor).sql({ owner: `${alias}.owner_id` }, params);
  if (owned === 'TRUE') return owned;
  // Expiry is checked here, at read time: access ends the moment it expires, with no job to revoke it.
  const collaborating = `EXISTS (SELECT 1 FROM opportunity.collaborators k
     WHERE k.opportunity_id = ${alias}.id AND k.user_id = ${params.add(actor.id)}::uuid AND (k.expires_at IS NULL OR k.expires_at > now()))`;
  return `(${owned} OR ${collaborating})`;
}

/** How the caller stands to a loaded opportunity: within their data scope, a collaborator, or nothing. */
export function accessTo(actor: Actor, opportunity: Opportunity, now = new Date()): 'scope' | 'edit' | 'read' | null {
  if (DataScope.of(actor).allows({ ownerId: opportunity.ownerId })) return 'scope';
  const own = opportunity.accessOf(actor.id, now);
  return own === 'owner' ? 'scope' : own;
}

/** Loaded opportunities the caller may see, else the same 404 as a missing one. */
export function assertCanSee(actor: Actor, opportunity: Opportunity | undefined): asserts opportunity is Opportunity {
  if (!opportunity || accessTo(actor, opportunity) === null) throw OpportunityErrors.notFound();
}

/** Loaded opportunities the caller may change: within scope, or collaborating with edit access. */
export function assertCanChange(actor: Actor, opportunity: Opportunity | undefined): asserts opportunity is Opportunity {
  assertCanSee(actor, opportunity);
  if (accessTo(actor, opportunity) === 'read') throw OpportunityErrors.readOnly();
}

/** Transfers and collaborators are for the owner, or for a manager [opportunity:manage] with the owner in scope. */
export function assertOwnerOrManager(actor: Actor, opportunity: Opportunity | undefined): asserts opportunity is Opportunity {
  assertCanSee(actor, opportunity);
  const manages = actor.permissions.includes('opportunity:manage') && DataScope.of(actor).allows({ ownerId: opportunity.ownerId });
  if (actor.id !== opportunity.ownerId && !manages) throw OpportunityErrors.notOwnerOrManager();
}
