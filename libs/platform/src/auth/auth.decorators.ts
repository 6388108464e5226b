import { SetMetadata } from '@nestjs/common';

/** A function permission [功能权限], `<context>:<action>`, e.g. `customer:read`; declared by its context (definePermissions). */
export type Permission = `${string}:${string}`;

export const PUBLIC_ROUTE = 'crm:public-route';
export const REQUIRED_PERMISSIONS = 'crm:required-permissions';

/** No token needed (login, health, public lead capture). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_ROUTE, true);

/**
 * The caller needs every listed function permission, else 403. Each must be declared by a
 * context (`definePermissions`), or the application refuses to start.
 */
export const RequirePermissions = (...permissions: Permission[]): MethodDecorator & ClassDecorator => SetMetadata(REQUIRED_PERMISSIONS, permissions);
