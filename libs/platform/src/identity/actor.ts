import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { SqlParams } from '../database/sql-params.js';
import type { DataScopeKind, Permission, Role } from './roles.js';

/** The authenticated caller, resolved fresh on every request (deactivation takes effect at once). */
export interface Actor {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
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

/** SQL predicate limiting rows to the owners the actor may see. */
export function ownerScopePredicate(actor: Actor, ownerColumn: string, params: SqlParams): string {
  switch (actor.dataScope) {
    case 'all':
      return 'TRUE';
    case 'own':
      return `${ownerColumn} = ${params.add(actor.id)}::uuid`;
    default:
      return `${ownerColumn} = ANY(${params.add(actor.visibleOwnerIds ?? [actor.id])}::uuid[])`;
  }
}

/** The owners whose records the actor sees; null means everyone's (scope `all`). */
export function visibleOwnersOf(actor: Actor): string[] | null {
  if (actor.dataScope === 'all') return null;
  if (actor.dataScope === 'own') return [actor.id];
  return actor.visibleOwnerIds ?? [actor.id];
}

export function canSeeOwner(actor: Actor, ownerId: string | null): boolean {
  if (actor.dataScope === 'all') return true;
  if (ownerId === null) return false;
  if (actor.dataScope === 'own') return ownerId === actor.id;
  return (actor.visibleOwnerIds ?? [actor.id]).includes(ownerId);
}
