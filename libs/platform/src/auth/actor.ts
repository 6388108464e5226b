import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { DataScopeKind } from '../data-scope/data-scope.js';
import type { Permission } from './auth.decorators.js';

/** The authenticated caller, resolved fresh on every request (deactivation and role edits take effect at once). */
export interface Actor {
  id: string;
  username: string;
  displayName: string;
  roles: string[];
  permissions: Permission[];
  dataScope: DataScopeKind;
  departmentId: string | null;
  teamId: string | null;
  /** For team/department scope: the users whose records the caller may see (includes the caller). */
  visibleOwnerIds: string[] | null;
}

export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): Actor => {
  return context.switchToHttp().getRequest<{ user: Actor }>().user;
});
