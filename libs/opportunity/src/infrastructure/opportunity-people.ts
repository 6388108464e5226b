import { Injectable } from '@nestjs/common';
import { UserDirectory } from '@crm/contracts/identity';
import type { Actor } from '@crm/platform';

/**
 * What the Opportunity context needs to know about people, from the Identity context's directory: whether a user
 * is active, and a user as an actor. The one place this context calls it, so it is easy to repoint.
 */
@Injectable()
export class OpportunityPeople {
  constructor(private readonly identity: UserDirectory) {}

  isActive(userId: string): Promise<boolean> {
    return this.identity.isActiveUser(userId);
  }

  /** The user with their current roles and data scope; null when they are gone or inactive. */
  asActor(userId: string): Promise<Actor | null> {
    return this.identity.actorFor(userId);
  }

  /** The users placed in a team or a department, for figures filtered by either. */
  membersOf(group: { teamId: string } | { departmentId: string }): Promise<string[]> {
    return this.identity.memberIds(group);
  }

  /** Team and department of each user, for figures rolled up by either. */
  placements(userIds: readonly string[]): Promise<Map<string, { teamId: string | null; departmentId: string | null }>> {
    return this.identity.placements(userIds);
  }

  displayNames(userIds: readonly string[]): Promise<Map<string, string>> {
    return this.identity.displayNames(userIds);
  }
}
