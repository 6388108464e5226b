import type { Actor } from './actor.js';

/**
 * Who a token's subject is now (roles, permissions, scope), or null when the user is gone, inactive
 * or the token was revoked. A port: the Identity context provides it, the platform's guard uses it.
 */
export abstract class ActorResolver {
  abstract actorFor(userId: string, tokenVersion?: number): Promise<Actor | null>;
}
