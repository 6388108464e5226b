import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsBoolean, IsOptional, IsString, IsUUID, Length, Matches, ValidateIf } from 'class-validator';
import { DATA_SCOPES, type DataScopeKind, type Permission } from '@crm/platform';
import { ROLE_KEY_PATTERN, type RoleKey } from '../domain/roles.js';

const ROLES_DESCRIPTION = 'Role keys (GET /api/v1/roles); each must exist (else 400 `USER.UNKNOWN_ROLE`).';

export class LoginDto {
  @ApiProperty({ example: 'rep.li', description: 'Username (case-insensitive).' })
  @IsString()
  @Length(1, 64)
  username: string;

  @ApiProperty({ example: 'demo1234' })
  @IsString()
  @Length(1, 200)
  password: string;
}

export class AccessTokenDto {
  @ApiProperty({ description: 'Bearer token for the Authorization header.' }) accessToken: string;
  @ApiProperty({ example: 'Bearer' }) tokenType: string;
  @ApiProperty({ type: 'integer', description: 'Seconds until the token expires.', example: 28800 }) expiresIn: number;
}

export class MeDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() username: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ type: [String], example: ['sales-rep'], description: 'Role keys.' }) roles: RoleKey[];
  @ApiProperty({ type: [String], example: ['customer:read'], description: 'Function permissions [功能权限] the roles grant.' })
  permissions: Permission[];
  @ApiProperty({ enum: DATA_SCOPES, description: 'Data scope [数据权限]: whose records this user sees.' })
  dataScope: DataScopeKind;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) departmentId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) teamId: string | null;
}

export class UserDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() username: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ type: [String], example: ['sales-rep'], description: 'Role keys.' }) roles: RoleKey[];
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) departmentId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) teamId: string | null;
  @ApiProperty({ description: 'Inactive users cannot log in; their tokens stop working at once.' }) active: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: 'integer', description: 'Version; also the ETag.' }) version: number;
}

export class UserPageDto {
  @ApiProperty({ type: [UserDto] }) items: UserDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class CreateUserDto {
  @ApiProperty({ example: 'rep.wang', description: 'Letters, digits, dot, dash, underscore.' })
  @Matches(/^[A-Za-z0-9._-]{2,64}$/)
  username: string;

  @ApiProperty({ example: '王五' })
  @IsString()
  @Length(1, 100)
  displayName: string;

  @ApiProperty({ minLength: 8, maxLength: 200 })
  @IsString()
  @Length(8, 200)
  password: string;

  @ApiProperty({ type: [String], example: ['sales-rep'], description: ROLES_DESCRIPTION })
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(20)
  @Matches(ROLE_KEY_PATTERN, { each: true })
  roles: RoleKey[];

  @ApiPropertyOptional({ format: 'uuid', description: 'Derived from the team when omitted.' })
  @IsOptional()
  @IsUUID()
  departmentId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  teamId?: string;
}

export class UpdateUserDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 100)
  displayName?: string;

  @ApiPropertyOptional({ minLength: 8, description: "Setting a password revokes the user's existing tokens." })
  @IsOptional()
  @IsString()
  @Length(8, 200)
  password?: string;

  @ApiPropertyOptional({ type: [String], description: ROLES_DESCRIPTION })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(20)
  @Matches(ROLE_KEY_PATTERN, { each: true })
  roles?: RoleKey[];

  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String })
  @IsOptional()
  @IsUUID()
  departmentId?: string | null;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String })
  @IsOptional()
  @IsUUID()
  teamId?: string | null;

  @ApiPropertyOptional({ description: 'false deactivates the user [停用]: access is revoked at once.' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class CreateDepartmentDto {
  @ApiProperty({ example: '华东销售部' })
  @IsString()
  @Length(1, 100)
  name: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  parentId?: string;
}

export class DepartmentDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) parentId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'Department head [部门负责人]: approves `department-head` steps.' })
  headId: string | null;
}

export class DepartmentPageDto {
  @ApiProperty({ type: [DepartmentDto] }) items: DepartmentDto[];
  @ApiProperty({ nullable: true, type: String, description: 'Always null: the list comes whole.' }) nextCursor: string | null;
}

export class CreateTeamDto {
  @ApiProperty({ example: '上海一组' })
  @IsString()
  @Length(1, 100)
  name: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  departmentId: string;
}

export class TeamDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ format: 'uuid' }) departmentId: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: "Team lead [组长]: the members' manager for `manager` approval steps." })
  leadId: string | null;
}

export class TeamPageDto {
  @ApiProperty({ type: [TeamDto] }) items: TeamDto[];
  @ApiProperty({ nullable: true, type: String, description: 'Always null: the list comes whole.' }) nextCursor: string | null;
}

export class SetHeadDto {
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'An active user, or null to clear.' })
  @ValidateIf((_: SetHeadDto, value: unknown) => value !== null)
  @IsUUID()
  userId: string | null;
}
