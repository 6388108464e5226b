import { DataScope, RequestValidationException, type Actor } from '@crm/platform';
import type { OpportunityPeople } from '../../infrastructure/opportunity-people.js';

/** Whose figures a report is about: one person, a team [小组] or a department [部门]; nobody named means everyone in scope. */
export interface OwnerFilter {
  ownerId?: string;
  teamId?: string;
  departmentId?: string;
}

/**
 * The owners whose opportunities a report may count for this caller: the caller's data scope
 * [数据权限] (a rep: themselves; a team lead: the team; …) narrowed by the filter. A filter outside the
 * scope narrows to nobody, so the figures are zeros, exactly as for a person without opportunities:
 * a report never tells whether someone outside your scope exists or sells. Null means "no limit"
 * (scope `all` without a filter). Reports count by owner only: a collaborator [协作人] does not bring
 * someone else's opportunity into their own numbers.
 */
export async function reportOwners(actor: Actor, filter: OwnerFilter, people: OpportunityPeople): Promise<string[] | null> {
  const named = (['ownerId', 'teamId', 'departmentId'] as const).filter((key) => filter[key] !== undefined);
  if (named.length > 1) {
    throw new RequestValidationException(named.map((field) => ({ field, code: 'oneOf', message: 'Give at most one of ownerId, teamId and departmentId' })));
  }
  const scope = DataScope.of(actor).userIds;
  const wanted = filter.ownerId
    ? [filter.ownerId]
    : filter.teamId
      ? await people.membersOf({ teamId: filter.teamId })
      : filter.departmentId
        ? await people.membersOf({ departmentId: filter.departmentId })
        : null;
  if (wanted === null) return scope === null ? null : [...scope];
  return scope === null ? wanted : wanted.filter((id) => scope.includes(id));
}
