import { SetMetadata } from '@nestjs/common';
import type { Permission } from './permissions.js';

export const PUBLIC_ROUTE = 'crm:public-route';
export const REQUIRED_PERMISSIONS = 'crm:required-permissions';

/** No token needed (login, health, public lead capture). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_ROUTE, true);

/**
 * The caller needs every listed function permission, else 403. Each must be declared by a
 * context (`definePermissions`), or the application refuses to start.
 */
export const RequirePermissions = (...permissions: Permission[]): MethodDecorator & ClassDecorator => SetMetadata(REQUIRED_PERMISSIONS, permissions);
