import { defineEvent, type FieldChanges } from '@crm/kernel';

/** Events of the organisation: users, departments, teams. */
export const IdentityEvents = {
  userCreated: defineEvent<{
    userId: string;
    username: string;
    displayName: string;
    roles: string[];
    departmentId: string | null;
    teamId: string | null;
  }>('identity.user-created', 1, { aggregateType: 'user', description: 'A user account was created.' }),
  userUpdated: defineEvent<{ userId: string; changes: FieldChanges }>('identity.user-updated', 1, {
    aggregateType: 'user',
    description: 'A user changed: name, placement, roles, active flag or password (shown as ***).',
  }),
  departmentCreated: defineEvent<{ departmentId: string; name: string; parentId: string | null }>('identity.department-created', 1, {
    aggregateType: 'department',
    description: 'A department [部门] was created.',
  }),
  teamCreated: defineEvent<{ teamId: string; name: string; departmentId: string }>('identity.team-created', 1, {
    aggregateType: 'team',
    description: 'A team [小组] was created in a department.',
  }),
  roleCreated: defineEvent<{ roleId: string; key: string; name: string; description: string; permissions: string[]; dataScope: string }>(
    'identity.role-created',
    1,
    { aggregateType: 'role', description: 'An administrator defined a role [角色]: function permissions and a data scope.' },
  ),
  roleUpdated: defineEvent<{ roleId: string; key: string; changes: FieldChanges }>('identity.role-updated', 1, {
    aggregateType: 'role',
    description: "A role's name, permissions or data scope changed; holders get it on their next request.",
  }),
  roleDeleted: defineEvent<{ roleId: string; key: string }>('identity.role-deleted', 1, {
    aggregateType: 'role',
    description: 'A role nobody held was deleted.',
  }),
};
