import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import passport from 'passport';
import { RequestContext } from '../context/request-context.js';
import { ProblemException } from '../errors/request-errors.js';
import { AccessTokenStrategy } from './access-token.strategy.js';
import type { Actor } from './actor.js';
import { PUBLIC_ROUTE, REQUIRED_PERMISSIONS } from './auth.decorators.js';
import type { Permission } from './auth.decorators.js';

/**
 * Every route needs a valid bearer token unless marked @Public() (AccessTokenStrategy). Authenticates
 * with this application's own strategy instance rather than passport's process-wide registry by
 * name, so several applications in one process (tests, tools) never validate against each other's
 * database.
 */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly strategy: AccessTokenStrategy,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const isPublic = this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, [context.getHandler(), context.getClass()]);
    if (isPublic) return true;
    const http = context.switchToHttp();
    const request = http.getRequest<Request & { user?: Actor }>();
    // A bad or revoked token is a 401; a failure to check it (database down) is not the caller's fault.
    const actor = await new Promise<Actor | false>((resolve, reject) => {
      // A fresh object per request: passport writes its success/fail callbacks onto the strategy it runs.
      passport.authenticate(Object.create(this.strategy) as passport.Strategy, { session: false }, (error: unknown, user: Actor | false) =>
        error ? reject(error) : resolve(user),
      )(request, http.getResponse<Response>(), (error: unknown) => reject(error));
    });
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
