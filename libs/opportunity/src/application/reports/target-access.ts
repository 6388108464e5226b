import { DataScope, type Actor } from '@crm/platform';
import type { OpportunityPeople } from '../../infrastructure/opportunity-people.js';
import type { TargetSubjectType } from '../../infrastructure/sql-targets.js';

/** Whose results a target measures: the person, or the current members of the team or department. */
export async function subjectMembers(people: OpportunityPeople, type: TargetSubjectType, id: string): Promise<string[]> {
  if (type === 'user') return (await people.isActive(id)) ? [id] : [];
  return people.membersOf(type === 'team' ? { teamId: id } : { departmentId: id });
}

/** Every member within the caller's data scope (and at least one member). */
function covers(actor: Actor, members: readonly string[]): boolean {
  const scope = DataScope.of(actor);
  return members.length > 0 && members.every((ownerId) => scope.allows({ ownerId }));
}

/**
 * A target is seen by the person it is for and their superiors only [目标可见范围]: a user's by the user and
 * whoever has them in scope; a team's or department's by its members and whoever has all its members in
 * scope. Anyone else gets the same 404 as for a missing target.
 */
export function canSeeTarget(actor: Actor, type: TargetSubjectType, id: string, members: readonly string[]): boolean {
  if (type === 'team' && actor.teamId === id) return true;
  if (type === 'department' && actor.departmentId === id) return true;
  return (type === 'user' && actor.id === id) || covers(actor, members);
}

/** Targets are set by a manager [opportunity:manage] over people in their scope, never for themselves. */
export function canSetTarget(actor: Actor, type: TargetSubjectType, id: string, members: readonly string[]): boolean {
  if (!actor.permissions.includes('opportunity:manage')) return false;
  if (type === 'user' && actor.id === id) return false;
  return covers(actor, members);
}
