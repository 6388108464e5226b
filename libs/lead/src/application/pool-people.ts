import type { UserDirectory } from '@crm/contracts/identity';
import { LeadPoolErrors } from '../domain/lead.errors.js';

/** Members and admins of a pool must be active people. */
export async function assertActiveUsers(users: UserDirectory, userIds: readonly string[]): Promise<void> {
  const unique = [...new Set(userIds)];
  if (unique.length === 0) return;
  const active = new Set(await users.activeUserIds(unique));
  const inactive = unique.filter((id) => !active.has(id));
  if (inactive.length > 0) throw LeadPoolErrors.inactiveUsers(inactive);
}
