import { Injectable } from '@nestjs/common';
import { IdentityEvents } from '../contracts/events.js';
import { DomainError, NotFoundError } from '@crm/kernel';
import { v7 as uuidv7 } from 'uuid';
import {
  assertIfMatch,
  assertSaved,
  decodeCursor,
  EventRecorder,
  type Page,
  type Permission,
  type PermissionDescription,
  PermissionRegistry,
  toPage,
  TransactionHost,
} from '@crm/platform';
import type { CreateRoleDto, RoleDto, UpdateRoleDto } from '../http/roles.dto.js';
import { RolesRepository, type RoleRecord } from '../infrastructure/roles.repository.js';

const RoleErrors = {
  notFound: () => new NotFoundError('ROLE.NOT_FOUND', 'No such role.'),
  keyTaken: (key: string) => new DomainError('ROLE.KEY_TAKEN', 'conflict', `A role with key ${key} exists.`),
  unknownPermissions: (unknown: string[]) =>
    new DomainError('ROLE.UNKNOWN_PERMISSION', 'invalid', `No such permission: ${unknown.join(', ')} (see GET /api/v1/permissions).`, {
      unknownPermissions: unknown,
    }),
  inUse: (holders: number) => new DomainError('ROLE.IN_USE', 'conflict', `${holders} user(s) hold this role; take it from them first.`, { holders }),
};

function toRoleDto(role: RoleRecord): RoleDto {
  return {
    id: role.id,
    key: role.key,
    name: role.name,
    description: role.description,
    permissions: role.permissions,
    dataScope: role.dataScope,
    createdAt: role.createdAt.toISOString(),
    updatedAt: role.updatedAt.toISOString(),
    version: role.version,
  };
}

/**
 * Roles as data [角色管理]: administrators define what each role grants. Users' permissions and
 * scope are read from their roles on every request, so an edit applies on their next request.
 */
@Injectable()
export class RolesService {
  constructor(
    private readonly roles: RolesRepository,
    private readonly registry: PermissionRegistry,
    private readonly tx: TransactionHost,
    private readonly events: EventRecorder,
  ) {}

  permissions(): PermissionDescription[] {
    return this.registry.list();
  }

  async list(limit: number, cursor?: string): Promise<Page<RoleDto>> {
    const [after] = (decodeCursor(cursor, ['string']) ?? []) as string[];
    return toPage(await this.roles.list(limit + 1, after), limit, (role) => [role.key], toRoleDto);
  }

  async get(key: string): Promise<RoleDto> {
    const role = await this.roles.find(key);
    if (!role) throw RoleErrors.notFound();
    return toRoleDto(role);
  }

  async create(input: CreateRoleDto): Promise<RoleDto> {
    const permissions = this.checkedPermissions(input.permissions);
    const id = uuidv7();
    return this.tx.run(async () => {
      const role = { id, key: input.key, name: input.name, description: input.description ?? '', permissions, dataScope: input.dataScope };
      if (!(await this.roles.insert(role))) throw RoleErrors.keyTaken(input.key);
      const { name, description, dataScope } = role;
      await this.events.record([IdentityEvents.roleCreated.create(id, { roleId: id, key: input.key, name, description, permissions, dataScope })]);
      return toRoleDto((await this.roles.find(input.key))!);
    });
  }

  async update(key: string, input: UpdateRoleDto, expectedVersion?: number): Promise<RoleDto> {
    const permissions = input.permissions && this.checkedPermissions(input.permissions);
    return this.tx.run(async () => {
      const before = await this.roles.find(key);
      if (!before) throw RoleErrors.notFound();
      assertIfMatch('role', expectedVersion, before.version);
      const after: RoleRecord = {
        ...before,
        name: input.name ?? before.name,
        description: input.description ?? before.description,
        permissions: permissions ?? before.permissions,
        dataScope: input.dataScope ?? before.dataScope,
      };
      const changes: Record<string, { from: unknown; to: unknown }> = {};
      for (const field of ['name', 'description', 'dataScope'] as const) {
        if (before[field] !== after[field]) changes[field] = { from: before[field], to: after[field] };
      }
      if (before.permissions.join(',') !== after.permissions.join(',')) changes.permissions = { from: before.permissions, to: after.permissions };
      if (Object.keys(changes).length === 0) return toRoleDto(before);
      // Saved by someone else in between: with If-Match the client's copy is stale (412), without it retry (409).
      await assertSaved(await this.roles.update(after, before.version), 'role', expectedVersion, () => before.version + 1);
      await this.events.record([IdentityEvents.roleUpdated.create(before.id, { roleId: before.id, key, changes })]);
      return toRoleDto((await this.roles.find(key))!);
    });
  }

  /** Only a role nobody holds; the role is locked first, so a user cannot be given it meanwhile. */
  async delete(key: string, expectedVersion?: number): Promise<void> {
    await this.tx.run(async () => {
      const role = await this.roles.find(key, { lock: true });
      if (!role) throw RoleErrors.notFound();
      assertIfMatch('role', expectedVersion, role.version);
      const holders = await this.roles.holderCount(key);
      if (holders > 0) throw RoleErrors.inUse(holders);
      await this.roles.delete(key);
      await this.events.record([IdentityEvents.roleDeleted.create(role.id, { roleId: role.id, key })]);
    });
  }

  /** Declared permissions only, sorted; anything else is a 400 naming the unknown ones. */
  private checkedPermissions(permissions: readonly string[]): Permission[] {
    const unknown = this.registry.unknown(permissions);
    if (unknown.length > 0) throw RoleErrors.unknownPermissions(unknown);
    return [...new Set(permissions)].sort() as Permission[];
  }
}
