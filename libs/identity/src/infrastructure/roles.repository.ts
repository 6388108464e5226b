import { Injectable } from '@nestjs/common';
import { type DataScopeKind, type Permission, TransactionHost } from '@crm/platform';
import { ActingUserCache } from './acting-user-cache.js';

export interface RoleRecord {
  id: string;
  key: string;
  name: string;
  description: string;
  permissions: Permission[];
  dataScope: DataScopeKind;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

const ROLE_COLUMNS = `id, key, name, description, permissions, data_scope AS "dataScope", created_at AS "createdAt", updated_at AS "updatedAt", version`;

/** Roles [角色]: what each grants; users reference them by key. */
@Injectable()
export class RolesRepository {
  constructor(
    private readonly tx: TransactionHost,
    private readonly actingUsers: ActingUserCache,
  ) {}

  list(limit: number, afterKey?: string): Promise<RoleRecord[]> {
    return this.tx.query<RoleRecord>(`SELECT ${ROLE_COLUMNS} FROM identity.roles WHERE ($1::text IS NULL OR key > $1) ORDER BY key LIMIT $2`, [
      afterKey ?? null,
      limit,
    ]);
  }

  /** With `lock`, held until the transaction ends (users being given the role wait, and vice versa). */
  find(key: string, options: { lock?: boolean } = {}): Promise<RoleRecord | undefined> {
    return this.tx.queryOne<RoleRecord>(`SELECT ${ROLE_COLUMNS} FROM identity.roles WHERE key = $1${options.lock ? ' FOR UPDATE' : ''}`, [key]);
  }

  /** False when the key is taken. */
  async insert(role: Pick<RoleRecord, 'id' | 'key' | 'name' | 'description' | 'permissions' | 'dataScope'>): Promise<boolean> {
    const result = await this.tx.execute(
      `INSERT INTO identity.roles (id, key, name, description, permissions, data_scope) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (key) DO NOTHING`,
      [role.id, role.key, role.name, role.description, role.permissions, role.dataScope],
    );
    this.actingUsers.dropAfterCommit();
    return result.rowCount === 1;
  }

  /** Optimistic update: false when the version moved on. */
  async update(role: RoleRecord, expectedVersion: number): Promise<boolean> {
    const result = await this.tx.execute(
      `UPDATE identity.roles SET name = $3, description = $4, permissions = $5, data_scope = $6, updated_at = now(), version = version + 1
        WHERE key = $1 AND version = $2`,
      [role.key, expectedVersion, role.name, role.description, role.permissions, role.dataScope],
    );
    this.actingUsers.dropAfterCommit();
    return result.rowCount === 1;
  }

  async delete(key: string): Promise<void> {
    await this.tx.execute(`DELETE FROM identity.roles WHERE key = $1`, [key]);
    this.actingUsers.dropAfterCommit();
  }

  /** Users (active or not) holding the role. */
  async holderCount(key: string): Promise<number> {
    const row = await this.tx.queryOne<{ count: number }>(`SELECT count(*)::int AS count FROM identity.users WHERE roles @> ARRAY[$1::text]`, [key]);
    return row?.count ?? 0;
  }
}
