import { Global, Module } from '@nestjs/common';
import { ActorResolver, providePermissions } from '@crm/platform';
import { IdentityService } from './application/identity.service.js';
import { RolesService } from './application/roles.service.js';
import { UserDirectory } from './contracts/user-directory.js';
import { AuthController, OrganizationController } from './http/identity.controllers.js';
import { LoginRateLimitGuard } from './http/login-rate-limit.guard.js';
import { RolesController } from './http/roles.controller.js';
import { IDENTITY_PERMISSIONS } from './identity.permissions.js';
import { ActingUserCache } from './infrastructure/acting-user-cache.js';
import { IdentityRepository } from './infrastructure/identity.repository.js';
import { RolesRepository } from './infrastructure/roles.repository.js';
import './identity.messages.js';

/**
 * Identity [组织与账号]: users, departments, teams, roles as data, login. Serves the platform's
 * ActorResolver (who a token's subject is now) and other contexts' UserDirectory.
 */
@Global()
@Module({
  controllers: [AuthController, OrganizationController, RolesController],
  providers: [
    providePermissions(IDENTITY_PERMISSIONS),
    ActingUserCache,
    IdentityRepository,
    IdentityService,
    RolesRepository,
    RolesService,
    LoginRateLimitGuard,
    { provide: ActorResolver, useExisting: IdentityService },
    { provide: UserDirectory, useExisting: IdentityService },
  ],
  // IdentityService for composition roots only (demo data, test set-up); contexts use UserDirectory.
  exports: [ActorResolver, UserDirectory, IdentityService],
})
export class IdentityModule {}
