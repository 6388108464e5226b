import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { RequestContext } from '../context/request-context.js';
import { ProblemException } from '../errors/request-errors.js';
import type { Actor } from './actor.js';
import { PUBLIC_ROUTE, REQUIRED_PERMISSIONS } from './auth.decorators.js';
import type { Permission } from './roles.js';

/** Every route needs a valid bearer token unless marked @Public(). */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override canActivate(context: ExecutionContext) {
    const isPublic = this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, [context.getHandler(), context.getClass()]);
    return isPublic ? true : super.canActivate(context);
  }

  override handleRequest<T = Actor>(error: unknown, user: T | false): T {
    if (error || !user) {
      throw new ProblemException(401, 'AUTH.UNAUTHENTICATED', 'A valid bearer token is required (POST /api/v1/auth/login).');
    }
    RequestContext.setActor((user as unknown as Actor).id);
    return user;
  }
}

/** Function permissions [功能权限]: missing ones are a 403 that names them. */
@Injectable()
export class PermissionsGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const required = this.reflector.getAllAndOverride<Permission[]>(REQUIRED_PERMISSIONS, [
      context.getHandler(),
      context.getClass(),
    ]);
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
