import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import type { Actor } from './actor.js';
import { IdentityRepository } from './identity.repository.js';
import { permissionsOf, widestScopeOf } from './roles.js';
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
    private readonly users: IdentityRepository,
    keys: SigningKeyStore,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      algorithms: ['HS256'],
      secretOrKeyProvider: (_request: unknown, _token: unknown, done: (error: unknown, secret?: string) => void) =>
        done(null, keys.secret),
    });
  }

  async validate(claims: AccessTokenClaims): Promise<Actor | null> {
    const user = await this.users.findById(claims.sub);
    if (!user || !user.active || user.tokenVersion !== claims.tv) return null;
    const dataScope = widestScopeOf(user.roles);
    return {
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      roles: user.roles,
      permissions: permissionsOf(user.roles),
      dataScope,
      departmentId: user.departmentId,
      teamId: user.teamId,
      visibleOwnerIds: await this.users.visibleOwnerIds(dataScope, user),
    };
  }
}
