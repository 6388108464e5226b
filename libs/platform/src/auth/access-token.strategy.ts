import { Injectable } from '@nestjs/common';
import type { Request } from 'express';
import passport from 'passport';
import { AccessTokens, bearerToken } from './access-tokens.js';
import type { Actor } from './actor.js';
import { ActorResolver } from './actor-resolver.js';

/**
 * The passport strategy behind every protected route: `Authorization: Bearer <access token>`.
 * The token's signature is checked once per token (AccessTokens); its subject is resolved on every
 * request through the acting-user cache, which every identity change empties, so deactivation,
 * role changes and team moves take effect at once rather than when a token expires. Further ways
 * to sign in (a company's SSO, WeCom or DingTalk) are further passport strategies beside this one.
 */
@Injectable()
export class AccessTokenStrategy extends passport.Strategy {
  override readonly name = 'access-token';

  constructor(
    private readonly tokens: AccessTokens,
    private readonly actors: ActorResolver,
  ) {
    super();
  }

  override authenticate(request: Request): void {
    // passport adds success / fail / error to the per-request copy it runs.
    const outcome = this as unknown as passport.StrategyCreatedStatic;
    const token = bearerToken(request.headers.authorization);
    const claims = token === undefined ? null : this.tokens.verify(token);
    if (!claims) return outcome.fail(401);
    this.actors.actorFor(claims.sub, claims.tv).then(
      (actor: Actor | null) => (actor ? outcome.success(actor) : outcome.fail(401)),
      (error: unknown) => outcome.error(error),
    );
  }
}
