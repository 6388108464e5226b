import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import type { Actor } from './actor.js';
import { ActorResolver } from './actor-resolver.js';
import { SigningKeyStore } from './signing-key.store.js';

export interface AccessTokenClaims {
  sub: string;
  /** Token version: bumped on deactivation or password change, which revokes older tokens. */
  tv: number;
}

/**
 * Resolves the caller from the database on every request, so deactivation, role changes and
 * team moves take effect at once rather than when a token expires.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    private readonly actors: ActorResolver,
    keys: SigningKeyStore,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      algorithms: ['HS256'],
      secretOrKeyProvider: (_request: unknown, _token: unknown, done: (error: unknown, secret?: string) => void) =>
        // jsonwebtoken accepts a KeyObject; passport-jwt's types only name strings and buffers.
        done(null, keys.secret as unknown as string),
    });
  }

  validate(claims: AccessTokenClaims): Promise<Actor | null> {
    return this.actors.actorFor(claims.sub, claims.tv);
  }
}
