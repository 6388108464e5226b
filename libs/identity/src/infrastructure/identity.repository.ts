import { Injectable } from '@nestjs/common';
import { type DataScopeKind, type Permission, TransactionHost } from '@crm/platform';
import type { RoleKey } from '../domain/roles.js';
import { ActingUserCache } from './acting-user-cache.js';

export interface DepartmentRecord {
  id: string;
  name: string;
  parentId: string | null;
  headId: string | null;
}

export interface TeamRecord {
  id: string;
  name: string;
  departmentId: string;
  leadId: string | null;
}

const DEPARTMENT_COLUMNS = `id, name, parent_id AS "parentId", head_id AS "headId"`;
const TEAM_COLUMNS = `id, name, department_id AS "departmentId", lead_id AS "leadId"`;

/** The nearest head other than the user `u`, walking up from the user's department (at most 10 levels). */
const HEAD_ABOVE = `
  WITH RECURSIVE chain(id, parent_id, head_id, depth) AS (
    SELECT d.id, d.parent_id, d.head_id, 0 FROM identity.departments d WHERE d.id = u.department_id
    UNION ALL
    SELECT p.id, p.parent_id, p.head_id, c.depth + 1 FROM identity.departments p JOIN chain c ON p.id = c.parent_id WHERE c.depth < 10
  )
  SELECT head_id FROM chain WHERE head_id IS NOT NULL AND head_id <> u.id ORDER BY depth LIMIT 1`;

export interface UserRecord {
  id: string;
  username: string;
  displayName: string;
  passwordHash: string;
  departmentId: string | null;
  teamId: string | null;
  roles: RoleKey[];
  active: boolean;
  tokenVersion: number;
  createdAt: Date;
  version: number;
}

interface UserRow {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  department_id: string | null;
  team_id: string | null;
  roles: RoleKey[];
  active: boolean;
  token_version: number;
  created_at: Date;
  version: number;
}

const USER_COLUMNS = 'id, username, display_name, password_hash, department_id, team_id, roles, active, token_version, created_at, version';

function toUser(row: UserRow): UserRecord {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    passwordHash: row.password_hash,
    departmentId: row.department_id,
    teamId: row.team_id,
    roles: row.roles,
    active: row.active,
    tokenVersion: row.token_version,
    createdAt: row.created_at,
    version: row.version,
  };
}

type UserWithGrants = UserRecord & { permissions: Permission[]; dataScope: DataScopeKind; visibleOwnerIds: string[] | null };

/** Users, departments and teams: the organisation data scopes are computed from. */
@Injectable()
export class IdentityRepository {
  constructor(
    private readonly tx: TransactionHost,
    private readonly actingUsers: ActingUserCache,
  ) {}

  async findByUsername(username: string): Promise<UserRecord | undefined> {
    const row = await this.tx.queryOne<UserRow>(`SELECT ${USER_COLUMNS} FROM identity.users WHERE lower(username) = lower($1)`, [username]);
    return row && toUser(row);
  }

  async findById(id: string): Promise<UserRecord | undefined> {
    const row = await this.tx.queryOne<UserRow>(`SELECT ${USER_COLUMNS} FROM identity.users WHERE id = $1`, [id]);
    return row && toUser(row);
  }

  async activeAmong(ids: readonly string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows = await this.tx.query<{ id: string }>(`SELECT id FROM identity.users WHERE active AND id = ANY($1::uuid[])`, [ids]);
    return rows.map((row) => row.id);
  }

  async activeIdsWithRole(role: string): Promise<string[]> {
    const rows = await this.tx.query<{ id: string }>(`SELECT id FROM identity.users WHERE active AND $1 = ANY(roles) ORDER BY id`, [role]);
    return rows.map((row) => row.id);
  }

  async displayNames(ids: readonly string[]): Promise<Map<string, string>> {
    const uuids = ids.filter((id) => /^[0-9a-f-]{36}$/i.test(id));
    if (uuids.length === 0) return new Map();
    const rows = await this.tx.query<{ id: string; display_name: string }>(`SELECT id, display_name FROM identity.users WHERE id = ANY($1::uuid[])`, [
      [...new Set(uuids)],
    ]);
    return new Map(rows.map((row) => [row.id, row.display_name]));
  }

  async list(limit: number, afterUsername?: string): Promise<UserRecord[]> {
    const rows = await this.tx.query<UserRow>(
      `SELECT ${USER_COLUMNS} FROM identity.users
        WHERE ($1::text IS NULL OR lower(username) > lower($1))
        ORDER BY lower(username) LIMIT $2`,
      [afterUsername ?? null, limit],
    );
    return rows.map(toUser);
  }

  /**
   * A user with what their roles grant, read in one query so a role edit applies on the user's
   * next request: the union of the roles' permissions, the widest of their scopes, and for team
   * or department scope the users whose records that makes visible (the user included).
   */
  /** The user with what their roles grant, from the acting-user cache when it has them (see ActingUserCache). */
  findWithGrants(id: string): Promise<UserWithGrants | undefined> {
    return this.actingUsers.get(id, () => this.loadWithGrants(id));
  }

  private async loadWithGrants(id: string): Promise<UserWithGrants | undefined> {
    const row = await this.tx.queryOne<UserRow & { permissions: Permission[]; data_scope: DataScopeKind; visible_owner_ids: string[] | null }>(
      `SELECT ${USER_COLUMNS.split(', ')
        .map((column) => `u.${column}`)
        .join(', ')}, g.permissions, g.data_scope,
              CASE WHEN g.data_scope = 'team' AND u.team_id IS NOT NULL
                     THEN array_append(ARRAY(SELECT m.id FROM identity.users m WHERE m.team_id = u.team_id AND m.id <> u.id), u.id)
                   WHEN g.data_scope = 'department' AND u.department_id IS NOT NULL
                     THEN array_append(ARRAY(SELECT m.id FROM identity.users m WHERE m.department_id = u.department_id AND m.id <> u.id), u.id)
                   WHEN g.data_scope IN ('team', 'department') THEN ARRAY[u.id]
              END AS visible_owner_ids
         FROM identity.users u
        CROSS JOIN LATERAL (
          SELECT ARRAY(SELECT DISTINCT p FROM identity.roles r CROSS JOIN unnest(r.permissions) AS p WHERE r.key = ANY(u.roles) ORDER BY p) AS permissions,
                 coalesce((SELECT r.data_scope FROM identity.roles r WHERE r.key = ANY(u.roles)
                            ORDER BY array_position(ARRAY['own', 'team', 'department', 'all'], r.data_scope) DESC LIMIT 1), 'own') AS data_scope
        ) AS g
        WHERE u.id = $1`,
      [id],
    );
    return row && { ...toUser(row), permissions: row.permissions, dataScope: row.data_scope, visibleOwnerIds: row.visible_owner_ids };
  }

  /** The given role keys that no role has (locking the ones that exist until the transaction ends, so none is deleted meanwhile). */
  async missingRoles(keys: readonly string[]): Promise<string[]> {
    if (keys.length === 0) return [];
    const rows = await this.tx.query<{ key: string }>(`SELECT key FROM identity.roles WHERE key = ANY($1::text[]) FOR SHARE`, [keys]);
    const existing = new Set(rows.map((row) => row.key));
    return keys.filter((key) => !existing.has(key));
  }

  async insert(user: Omit<UserRecord, 'createdAt' | 'version' | 'tokenVersion' | 'active'>): Promise<void> {
    await this.tx.query(
      `INSERT INTO identity.users (id, username, display_name, password_hash, department_id, team_id, roles)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [user.id, user.username, user.displayName, user.passwordHash, user.departmentId, user.teamId, user.roles],
    );
    this.actingUsers.dropAfterCommit();
  }

  /** Optimistic update: returns false when the version moved on. */
  async update(user: UserRecord, expectedVersion: number): Promise<boolean> {
    const result = await this.tx.execute(
      `UPDATE identity.users
          SET display_name = $3, password_hash = $4, department_id = $5, team_id = $6, roles = $7,
              active = $8, token_version = $9, updated_at = now(), version = version + 1
        WHERE id = $1 AND version = $2`,
      [user.id, expectedVersion, user.displayName, user.passwordHash, user.departmentId, user.teamId, user.roles, user.active, user.tokenVersion],
    );
    this.actingUsers.dropAfterCommit();
    return result.rowCount === 1;
  }

  async findTeam(id: string): Promise<TeamRecord | undefined> {
    return this.tx.queryOne(`SELECT ${TEAM_COLUMNS} FROM identity.teams WHERE id = $1`, [id]);
  }

  async findDepartment(id: string): Promise<DepartmentRecord | undefined> {
    return this.tx.queryOne(`SELECT ${DEPARTMENT_COLUMNS} FROM identity.departments WHERE id = $1`, [id]);
  }

  async listDepartments(): Promise<DepartmentRecord[]> {
    return this.tx.query(`SELECT ${DEPARTMENT_COLUMNS} FROM identity.departments ORDER BY lower(name)`);
  }

  async listTeams(): Promise<TeamRecord[]> {
    return this.tx.query(`SELECT ${TEAM_COLUMNS} FROM identity.teams ORDER BY lower(name)`);
  }

  async setDepartmentHead(id: string, headId: string | null): Promise<DepartmentRecord | undefined> {
    return this.tx.queryOne(`UPDATE identity.departments SET head_id = $2 WHERE id = $1 RETURNING ${DEPARTMENT_COLUMNS}`, [id, headId]);
  }

  async setTeamLead(id: string, leadId: string | null): Promise<TeamRecord | undefined> {
    return this.tx.queryOne(`UPDATE identity.teams SET lead_id = $2 WHERE id = $1 RETURNING ${TEAM_COLUMNS}`, [id, leadId]);
  }

  /**
   * A person's manager [直属上级]: their team's lead, or for a lead (or someone in no team) the head
   * of their department, or of the nearest parent department with a head other than themselves.
   */
  async managerOf(userId: string): Promise<string | null> {
    const row = await this.tx.queryOne<{ manager: string | null }>(
      `SELECT COALESCE(
                (SELECT t.lead_id FROM identity.teams t WHERE t.id = u.team_id AND t.lead_id <> u.id),
                (${HEAD_ABOVE})) AS manager
         FROM identity.users u WHERE u.id = $1`,
      [userId],
    );
    return row?.manager ?? null;
  }

  /** The head of a person's department [部门负责人] (for a head, of the parent department). */
  async departmentHeadOf(userId: string): Promise<string | null> {
    const row = await this.tx.queryOne<{ head: string | null }>(`SELECT (${HEAD_ABOVE}) AS head FROM identity.users u WHERE u.id = $1`, [userId]);
    return row?.head ?? null;
  }

  async memberIds(group: { teamId: string } | { departmentId: string }): Promise<string[]> {
    const [column, id] = 'teamId' in group ? ['team_id', group.teamId] : ['department_id', group.departmentId];
    const rows = await this.tx.query<{ id: string }>(`SELECT id FROM identity.users WHERE ${column} = $1 ORDER BY id`, [id]);
    return rows.map((row) => row.id);
  }

  async placements(ids: readonly string[]): Promise<Map<string, { teamId: string | null; departmentId: string | null }>> {
    const rows = await this.tx.query<{ id: string; team_id: string | null; department_id: string | null }>(
      `SELECT id, team_id, department_id FROM identity.users WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    return new Map(rows.map((row) => [row.id, { teamId: row.team_id, departmentId: row.department_id }]));
  }

  async insertDepartment(department: { id: string; name: string; parentId: string | null }): Promise<void> {
    await this.tx.query(`INSERT INTO identity.departments (id, name, parent_id) VALUES ($1, $2, $3)`, [department.id, department.name, department.parentId]);
  }

  async insertTeam(team: { id: string; name: string; departmentId: string }): Promise<void> {
    await this.tx.query(`INSERT INTO identity.teams (id, name, department_id) VALUES ($1, $2, $3)`, [team.id, team.name, team.departmentId]);
  }
}
