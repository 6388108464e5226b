import type { Actor } from '@crm/platform';
import type { PoolRecord } from '../infrastructure/pool.repository.js';

/** Members of a department pool are that department's people; the default pool is everyone's. */
export function isPoolMember(actor: Actor, pool: PoolRecord): boolean {
  return pool.departmentId === null || pool.departmentId === actor.departmentId || actor.dataScope === 'all';
}

export function isPoolAdmin(actor: Actor, pool: PoolRecord): boolean {
  return actor.roles.includes('admin') || pool.adminIds.includes(actor.id) ||
    (actor.permissions.includes('pool:manage') && pool.departmentId !== null && pool.departmentId === actor.departmentId);
}

/** Start of "today" for daily claim limits, in the company's time zone (CRM_TIMEZONE, default Asia/Shanghai). */
export function startOfToday(now: Date, timeZone: string): Date {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' })
    .formatToParts(now)
    .reduce<Record<string, string>>((acc, part) => ({ ...acc, [part.type]: part.value }), {});
  const localMidnightAsUtc = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day));
  const localNowAsUtc = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return new Date(now.getTime() - (localNowAsUtc - localMidnightAsUtc) - now.getMilliseconds());
}
