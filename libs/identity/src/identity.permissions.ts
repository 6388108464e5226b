import { definePermissions } from '@crm/platform';

/** The Identity context's function permissions [功能权限]. */
export const IDENTITY_PERMISSIONS = definePermissions('identity', {
  'org:manage': 'Manage users, departments, teams, roles and pools [组织与角色管理].',
});
