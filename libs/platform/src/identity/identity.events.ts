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
};
