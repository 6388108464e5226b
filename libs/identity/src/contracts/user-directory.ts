import type { Actor } from '@crm/platform';

/**
 * What other contexts may ask about people [组织]: who someone is now (roles, scope), whether they
 * are active, who holds a role, display names. A port served by the Identity context; a context
 * injects `UserDirectory` and never touches identity's tables.
 */
export abstract class UserDirectory {
  /** The person as a caller with their current roles and data scope; null when unknown or inactive. */
  abstract actorFor(userId: string): Promise<Actor | null>;
  abstract isActiveUser(userId: string): Promise<boolean>;
  /** The given ids that belong to active users. */
  abstract activeUserIds(userIds: readonly string[]): Promise<string[]>;
  /** Active users holding a role. */
  abstract userIdsWithRole(role: string): Promise<string[]>;
  abstract displayNames(userIds: readonly string[]): Promise<Map<string, string>>;
  /** A person's manager [直属上级]: their team's lead, else the nearest department head above them; null when there is none. */
  abstract managerOf(userId: string): Promise<string | null>;
  /** The head of a person's department [部门负责人] (for a head, the next one up); null when there is none. */
  abstract departmentHeadOf(userId: string): Promise<string | null>;
  /** The users placed in a team [小组], or in a department [部门] (its own members, as data scope counts them). */
  abstract memberIds(group: { teamId: string } | { departmentId: string }): Promise<string[]>;
  /** Where each of these users is placed (team and department), for figures rolled up by team or department. */
  abstract placements(userIds: readonly string[]): Promise<Map<string, { teamId: string | null; departmentId: string | null }>>;
}
