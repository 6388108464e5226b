import type { MigrationInterface, QueryRunner } from 'typeorm';

const SALES_WORK = [
  'customer:read',
  'customer:create',
  'customer:update',
  'customer:follow-up',
  'contact:read',
  'contact:create',
  'contact:update',
  'contact:record',
  'pool:claim',
];

/** The roles every installation starts with (as they were when roles were fixed in code); editable since. */
const DEFAULT_ROLES: { key: string; name: string; description: string; permissions: string[]; dataScope: string }[] = [
  {
    key: 'admin',
    name: '系统管理员',
    description: 'Administrator: everything, including users, roles and configuration.',
    permissions: [...SALES_WORK, 'customer:configure', 'org:manage', 'events:read', 'catalog:manage', 'pool:manage', 'approval:decide', 'approval:configure'],
    dataScope: 'all',
  },
  {
    key: 'sales-manager',
    name: '销售经理',
    description: "Sales manager: works and configures the department's customers.",
    permissions: [...SALES_WORK, 'customer:configure', 'pool:manage', 'approval:decide', 'approval:configure'],
    dataScope: 'department',
  },
  { key: 'sales-rep', name: '销售', description: 'Salesperson: works own customers.', permissions: SALES_WORK, dataScope: 'own' },
  { key: 'marketing', name: '市场', description: 'Marketing: leads and campaigns.', permissions: ['customer:read', 'contact:read'], dataScope: 'own' },
  { key: 'finance', name: '财务', description: 'Finance: reads customers for billing.', permissions: ['customer:read', 'contact:read'], dataScope: 'all' },
  {
    key: 'service-agent',
    name: '客服',
    description: 'Service agent: handles tickets for any customer.',
    permissions: ['customer:read', 'customer:follow-up', 'contact:read', 'contact:record'],
    dataScope: 'all',
  },
  {
    key: 'line-head',
    name: '条线负责人',
    description: 'Product-line head: approves claims for the line.',
    permissions: ['customer:read', 'customer:follow-up', 'contact:read', 'contact:record', 'approval:decide'],
    dataScope: 'team',
  },
];

/**
 * The organisation becomes the Identity context's own schema (users, departments, teams, created
 * with the platform), and roles become data [角色]: permissions and data scope per role, defined
 * by administrators.
 */
export class Roles1732501000000 implements MigrationInterface {
  name = 'Roles1732501000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE SCHEMA IF NOT EXISTS identity`);
    for (const table of ['departments', 'teams', 'users']) await db.query(`ALTER TABLE platform.${table} SET SCHEMA identity`);
    await db.query(`
      CREATE TABLE identity.roles (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        key text NOT NULL UNIQUE CHECK (key ~ '^[a-z][a-z0-9-]{1,62}$'),
        name text NOT NULL,
        description text NOT NULL DEFAULT '',
        permissions text[] NOT NULL DEFAULT '{}',
        data_scope text NOT NULL CHECK (data_scope IN ('own', 'team', 'department', 'all')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      )`);
    // Who holds a role: refusing to delete a role in use, approvers by role.
    await db.query(`CREATE INDEX users_roles_idx ON identity.users USING gin (roles)`);
    for (const role of DEFAULT_ROLES) {
      await db.query(`INSERT INTO identity.roles (key, name, description, permissions, data_scope) VALUES ($1, $2, $3, $4, $5)`, [
        role.key,
        role.name,
        role.description,
        [...role.permissions].sort(),
        role.dataScope,
      ]);
    }
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX identity.users_roles_idx`);
    await db.query(`DROP TABLE identity.roles`);
    for (const table of ['users', 'teams', 'departments']) await db.query(`ALTER TABLE identity.${table} SET SCHEMA platform`);
  }
}
