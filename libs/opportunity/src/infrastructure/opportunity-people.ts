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
}
