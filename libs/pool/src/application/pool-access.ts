import type { Actor } from '@crm/platform';
import type { PoolAccess } from '../domain/pool-customer.aggregate.js';

/** Members of a department pool are that department's people; the default pool is everyone's. */
export function isPoolMember(actor: Actor, pool: PoolAccess): boolean {
  return pool.departmentId === null || pool.departmentId === actor.departmentId || actor.dataScope === 'all';
}

export function isPoolAdmin(actor: Actor, pool: PoolAccess): boolean {
  return (
    actor.roles.includes('admin') ||
    pool.adminIds.includes(actor.id) ||
    (actor.permissions.includes('pool:manage') && pool.departmentId !== null && pool.departmentId === actor.departmentId)
  );
}
