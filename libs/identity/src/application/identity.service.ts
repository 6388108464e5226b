import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { ConcurrentModificationError, DomainError, NotFoundError, diffFields } from '@crm/kernel';
import { v7 as uuidv7 } from 'uuid';
import {
  type AccessTokenClaims,
  type Actor,
  type ActorResolver,
  APP_CONFIG,
  type AppConfig,
  decodeCursor,
  encodeCursor,
  EventRecorder,
  type Page,
  ProblemException,
  SigningKeyStore,
  TransactionHost,
} from '@crm/platform';
import type { AccessTokenDto, CreateUserDto, UpdateUserDto, UserDto } from '../http/identity.dto.js';
import { IdentityEvents } from '../contracts/events.js';
import type { UserDirectory } from '../contracts/user-directory.js';
import { IdentityRepository, type UserRecord } from '../infrastructure/identity.repository.js';
import { DUMMY_PASSWORD_HASH, hashPassword, verifyPassword } from '../infrastructure/password.js';

const OrgErrors = {
  headNotActive: () => new DomainError('ORG.HEAD_NOT_ACTIVE', 'rule-violation', 'A head or lead must be an active user.'),
};

function toUserDto(user: UserRecord): UserDto {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    roles: user.roles,
    departmentId: user.departmentId,
    teamId: user.teamId,
    active: user.active,
    createdAt: user.createdAt.toISOString(),
    version: user.version,
  };
}

/** Login, users and the organisation chart (departments and teams). */
@Injectable()
export class IdentityService implements UserDirectory, ActorResolver {
  constructor(
    private readonly users: IdentityRepository,
    private readonly tx: TransactionHost,
    private readonly events: EventRecorder,
    private readonly jwt: JwtService,
    private readonly keys: SigningKeyStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async login(username: string, password: string): Promise<AccessTokenDto> {
    const user = await this.users.findByUsername(username);
    const valid = await verifyPassword(password, user?.passwordHash ?? DUMMY_PASSWORD_HASH);
    if (!user || !valid || !user.active) {
      throw new ProblemException(401, 'AUTH.INVALID_CREDENTIALS', 'Unknown username, wrong password, or inactive user.');
    }
    const claims: AccessTokenClaims = { sub: user.id, tv: user.tokenVersion };
    const accessToken = await this.jwt.signAsync(claims, {
      privateKey: this.keys.secret,
      algorithm: 'HS256',
      expiresIn: this.config.accessTokenTtlSeconds,
    });
    return { accessToken, tokenType: 'Bearer', expiresIn: this.config.accessTokenTtlSeconds };
  }

  async getUser(id: string): Promise<UserDto> {
    const user = await this.users.findById(id);
    if (!user) throw new NotFoundError('USER.NOT_FOUND', 'No such user.');
    return toUserDto(user);
  }

  /**
   * The acting user with permissions and data scope, or null when the user is gone, inactive,
   * or (with `tokenVersion`) the token was revoked.
   */
  async actorFor(userId: string, tokenVersion?: number): Promise<Actor | null> {
    const user = await this.users.findWithGrants(userId);
    if (!user || !user.active || (tokenVersion !== undefined && user.tokenVersion !== tokenVersion)) return null;
    return {
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      roles: user.roles,
      permissions: user.permissions,
      dataScope: user.dataScope,
      departmentId: user.departmentId,
      teamId: user.teamId,
      visibleOwnerIds: user.visibleOwnerIds,
    };
  }

  /** Active users holding a role, for rules such as "approved by any sales manager". */
  userIdsWithRole(role: string): Promise<string[]> {
    return this.users.activeIdsWithRole(role);
  }

  /** The active users among these ids, in the order given. */
  async activeUserIds(ids: readonly string[]): Promise<string[]> {
    const active = new Set(await this.users.activeAmong(ids));
    return ids.filter((id) => active.has(id));
  }

  async isActiveUser(id: string): Promise<boolean> {
    return (await this.users.findById(id))?.active ?? false;
  }

  memberIds(group: { teamId: string } | { departmentId: string }): Promise<string[]> {
    return this.users.memberIds(group);
  }

  placements(ids: readonly string[]): Promise<Map<string, { teamId: string | null; departmentId: string | null }>> {
    return this.users.placements(ids);
  }

  /** Display names for a batch of user ids (one query), for showing who did what. */
  async displayNames(ids: readonly string[]): Promise<Map<string, string>> {
    return this.users.displayNames(ids);
  }

  async listUsers(limit: number, cursor?: string): Promise<Page<UserDto>> {
    const [after] = (decodeCursor(cursor, ['string']) ?? []) as string[];
    const rows = await this.users.list(limit + 1, after);
    const page = rows.slice(0, limit);
    return {
      items: page.map(toUserDto),
      nextCursor: rows.length > limit ? encodeCursor([page[page.length - 1]!.username]) : null,
    };
  }

  async createUser(input: CreateUserDto): Promise<UserDto> {
    const placement = await this.placement(input.departmentId ?? null, input.teamId ?? null);
    const id = uuidv7();
    const passwordHash = await hashPassword(input.password);
    return this.tx.run(async () => {
      if (await this.users.findByUsername(input.username)) {
        throw new DomainError('USER.USERNAME_TAKEN', 'conflict', `Username ${input.username} is taken.`);
      }
      await this.assertRolesExist(input.roles);
      await this.users.insert({ id, username: input.username, displayName: input.displayName, passwordHash, roles: input.roles, ...placement });
      await this.events.record([
        IdentityEvents.userCreated.create(id, { userId: id, username: input.username, displayName: input.displayName, roles: input.roles, ...placement }),
      ]);
      return toUserDto((await this.users.findById(id))!);
    });
  }

  async updateUser(id: string, input: UpdateUserDto, expectedVersion?: number): Promise<UserDto> {
    const passwordHash = input.password ? await hashPassword(input.password) : undefined;
    return this.tx.run(async () => {
      const before = await this.users.findById(id);
      if (!before) throw new NotFoundError('USER.NOT_FOUND', 'No such user.');
      if (expectedVersion !== undefined && expectedVersion !== before.version) {
        throw new DomainError('PRECONDITION_FAILED', 'precondition-failed', 'If-Match does not match the current user.');
      }
      const departmentId = input.departmentId !== undefined ? input.departmentId : before.departmentId;
      const teamId = input.teamId !== undefined ? input.teamId : before.teamId;
      const placement = await this.placement(departmentId, teamId);
      if (input.roles) await this.assertRolesExist(input.roles);
      const after: UserRecord = {
        ...before,
        displayName: input.displayName ?? before.displayName,
        roles: input.roles ?? before.roles,
        active: input.active ?? before.active,
        passwordHash: passwordHash ?? before.passwordHash,
        ...placement,
      };
      const revokes = passwordHash !== undefined || (before.active && !after.active);
      if (revokes) after.tokenVersion = before.tokenVersion + 1;
      if (!(await this.users.update(after, before.version))) throw new ConcurrentModificationError('user');
      const changes = diffFields(before, after, ['displayName', 'departmentId', 'teamId', 'active']);
      if (input.roles) {
        const rolesBefore = [...before.roles].sort().join(',');
        if (rolesBefore !== [...after.roles].sort().join(',')) changes.roles = { from: before.roles, to: after.roles };
      }
      if (passwordHash) changes.password = { from: '***', to: '***' };
      if (Object.keys(changes).length > 0) {
        await this.events.record([IdentityEvents.userUpdated.create(id, { userId: id, changes })]);
      }
      return toUserDto((await this.users.findById(id))!);
    });
  }

  async createDepartment(name: string, parentId: string | null) {
    return this.tx.run(async () => {
      if (parentId && !(await this.users.findDepartment(parentId))) {
        throw new DomainError('ORG.DEPARTMENT_NOT_FOUND', 'rule-violation', 'The parent department does not exist.');
      }
      const department = { id: uuidv7(), name, parentId };
      await this.users.insertDepartment(department).catch((error: { code?: string }) => {
        if (error.code === '23505') throw new DomainError('ORG.DEPARTMENT_EXISTS', 'conflict', `Department ${name} exists.`);
        throw error;
      });
      await this.events.record([IdentityEvents.departmentCreated.create(department.id, { departmentId: department.id, name, parentId })]);
      return { ...department, headId: null };
    });
  }

  async createTeam(name: string, departmentId: string) {
    return this.tx.run(async () => {
      if (!(await this.users.findDepartment(departmentId))) {
        throw new DomainError('ORG.DEPARTMENT_NOT_FOUND', 'rule-violation', 'The department does not exist.');
      }
      const team = { id: uuidv7(), name, departmentId };
      await this.users.insertTeam(team).catch((error: { code?: string }) => {
        if (error.code === '23505') throw new DomainError('ORG.TEAM_EXISTS', 'conflict', `Team ${name} exists in that department.`);
        throw error;
      });
      await this.events.record([IdentityEvents.teamCreated.create(team.id, { teamId: team.id, name, departmentId })]);
      return { ...team, leadId: null };
    });
  }

  listDepartments() {
    return this.users.listDepartments();
  }

  /** Sets (or clears) the head of a department [部门负责人]: an active user. */
  async setDepartmentHead(departmentId: string, headId: string | null) {
    if (headId && !(await this.isActiveUser(headId))) throw OrgErrors.headNotActive();
    const department = await this.users.setDepartmentHead(departmentId, headId);
    if (!department) throw new NotFoundError('ORG.DEPARTMENT_NOT_FOUND', 'No such department.');
    return department;
  }

  /** Sets (or clears) the lead of a team [组长]: an active user. */
  async setTeamLead(teamId: string, leadId: string | null) {
    if (leadId && !(await this.isActiveUser(leadId))) throw OrgErrors.headNotActive();
    const team = await this.users.setTeamLead(teamId, leadId);
    if (!team) throw new NotFoundError('ORG.TEAM_NOT_FOUND', 'No such team.');
    return team;
  }

  managerOf(userId: string): Promise<string | null> {
    return this.users.managerOf(userId);
  }

  departmentHeadOf(userId: string): Promise<string | null> {
    return this.users.departmentHeadOf(userId);
  }

  listTeams() {
    return this.users.listTeams();
  }

  /** Users hold existing roles only; the roles stay locked until the transaction ends, so none is deleted meanwhile. */
  private async assertRolesExist(roles: readonly string[]): Promise<void> {
    const missing = await this.users.missingRoles(roles);
    if (missing.length > 0) {
      throw new ProblemException(
        400,
        'USER.UNKNOWN_ROLE',
        `No such role: ${missing.join(', ')} (see GET /api/v1/roles).`,
        [{ field: 'roles', code: 'UNKNOWN_ROLE', message: `unknown roles: ${missing.join(', ')}` }],
        { unknownRoles: missing },
      );
    }
  }

  /** A team fixes the department; a department without a team is allowed. */
  private async placement(departmentId: string | null, teamId: string | null) {
    if (teamId) {
      const team = await this.users.findTeam(teamId);
      if (!team) throw new DomainError('ORG.TEAM_NOT_FOUND', 'rule-violation', 'The team does not exist.');
      if (departmentId && departmentId !== team.departmentId) {
        throw new DomainError('ORG.TEAM_NOT_IN_DEPARTMENT', 'rule-violation', 'The team belongs to another department.');
      }
      return { departmentId: team.departmentId, teamId };
    }
    if (departmentId && !(await this.users.findDepartment(departmentId))) {
      throw new DomainError('ORG.DEPARTMENT_NOT_FOUND', 'rule-violation', 'The department does not exist.');
    }
    return { departmentId, teamId: null };
  }
}
