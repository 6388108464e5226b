import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { RequestContext } from '../context/request-context.js';
import { ProblemException } from '../errors/request-errors.js';
import { AccessTokens, bearerToken } from './access-tokens.js';
import type { Actor } from './actor.js';
import { ActorResolver } from './actor-resolver.js';
import { PUBLIC_ROUTE, REQUIRED_PERMISSIONS } from './auth.decorators.js';
import type { Permission } from './auth.decorators.js';

/**
 * Every route needs a valid bearer token unless marked @Public(). The caller is resolved from the
 * token's subject on every request (through the acting-user cache, which every identity change
 * empties), so deactivation, role changes and team moves take effect at once rather than when a
 * token expires; a token whose version no longer matches the user's is refused.
 */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: AccessTokens,
    private readonly actors: ActorResolver,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const isPublic = this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, [context.getHandler(), context.getClass()]);
    if (isPublic) return true;
    const request = context.switchToHttp().getRequest<Request & { user?: Actor }>();
    const token = bearerToken(request.headers.authorization);
    const claims = token === undefined ? null : this.tokens.verify(token);
    // A bad or revoked token is a 401; a failure to check it (database down) is not the caller's fault.
    const actor = claims ? await this.actors.actorFor(claims.sub, claims.tv) : null;
    if (!actor) {
      throw new ProblemException(401, 'AUTH.UNAUTHENTICATED', 'A valid bearer token is required (POST /api/v1/auth/login).');
    }
    request.user = actor;
    RequestContext.setActor(actor.id);
    return true;
  }
}

/** Function permissions [功能权限]: missing ones are a 403 that names them. */
@Injectable()
export class PermissionsGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const required = this.reflector.getAllAndOverride<Permission[]>(REQUIRED_PERMISSIONS, [context.getHandler(), context.getClass()]);
    if (!required?.length) return true;
    const actor = context.switchToHttp().getRequest<{ user?: Actor }>().user;
    const missing = required.filter((permission) => !actor?.permissions.includes(permission));
    if (missing.length > 0) {
      throw new ProblemException(403, 'AUTH.FORBIDDEN', `Your roles do not grant: ${missing.join(', ')}.`, undefined, {
        missingPermissions: missing,
      });
    }
    return true;
  }
}
