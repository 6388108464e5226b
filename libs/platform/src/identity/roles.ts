import type { DataScopeKind } from '../data-scope/data-scope.js';

/**
 * Roles grant function permissions and a data scope [数据权限]. A user may hold several roles:
 * they get the union of permissions and the widest scope.
 */
export const ROLES = ['admin', 'sales-manager', 'sales-rep', 'marketing', 'finance', 'service-agent', 'line-head'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'customer:read',
  'customer:create',
  'customer:update',
  'customer:follow-up',
  'customer:configure',
  'org:manage',
  'events:read',
  'catalog:manage',
  'pool:claim',
  'pool:manage',
  'approval:decide',
  'approval:configure',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export { DATA_SCOPES, type DataScopeKind } from '../data-scope/data-scope.js';

interface RoleDefinition {
  permissions: readonly Permission[];
  scope: DataScopeKind;
  description: string;
}

const SALES_WORK: readonly Permission[] = ['customer:read', 'customer:create', 'customer:update', 'customer:follow-up', 'pool:claim'];

export const ROLE_DEFINITIONS: Record<Role, RoleDefinition> = {
  admin: { permissions: PERMISSIONS, scope: 'all', description: 'Everything, including users and configuration.' },
  'sales-manager': {
    permissions: [...SALES_WORK, 'customer:configure', 'pool:manage', 'approval:decide', 'approval:configure'],
    scope: 'department',
    description: 'Sales manager [销售经理]: works and configures the department\'s customers.',
  },
  'sales-rep': { permissions: SALES_WORK, scope: 'own', description: 'Salesperson [销售]: works own customers.' },
  marketing: { permissions: ['customer:read'], scope: 'own', description: 'Marketing [市场]: leads and campaigns.' },
  finance: { permissions: ['customer:read'], scope: 'all', description: 'Finance [财务]: reads customers for billing.' },
  'service-agent': {
    permissions: ['customer:read', 'customer:follow-up'],
    scope: 'all',
    description: 'Service agent [客服]: handles tickets for any customer.',
  },
  'line-head': {
    permissions: ['customer:read', 'customer:follow-up', 'approval:decide'],
    scope: 'team',
    description: 'Product-line head [条线负责人]: approves claims for the line.',
  },
};

const SCOPE_ORDER: Record<DataScopeKind, number> = { own: 0, team: 1, department: 2, all: 3 };

export function permissionsOf(roles: readonly Role[]): Permission[] {
  return [...new Set(roles.flatMap((role) => ROLE_DEFINITIONS[role]?.permissions ?? []))].sort();
}

export function widestScopeOf(roles: readonly Role[]): DataScopeKind {
  return roles.reduce<DataScopeKind>(
    (widest, role) => {
      const scope = ROLE_DEFINITIONS[role]?.scope ?? 'own';
      return SCOPE_ORDER[scope] > SCOPE_ORDER[widest] ? scope : widest;
    },
    'own',
  );
}
