import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { DATA_SCOPES, type DataScopeKind } from '@crm/platform';
import { ROLE_KEY_PATTERN } from '../domain/roles.js';

const PERMISSIONS_DESCRIPTION = 'Function permissions [功能权限] the role grants, from GET /api/v1/permissions; others are a 400 `ROLE.UNKNOWN_PERMISSION`.';
const SCOPE_DESCRIPTION = 'Data scope [数据权限]: whose records holders see and work (own, team, department, all). A user with several roles gets the widest.';

export class RoleDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'regional-manager', description: "Stable key; users' `roles` name it." }) key: string;
  @ApiProperty({ example: '区域经理', description: 'Display name.' }) name: string;
  @ApiProperty({ example: "Regional manager: the department's customers." }) description: string;
  @ApiProperty({ type: [String], example: ['customer:read'], description: 'Function permissions [功能权限].' }) permissions: string[];
  @ApiProperty({ enum: DATA_SCOPES, description: SCOPE_DESCRIPTION }) dataScope: DataScopeKind;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty({ type: 'integer', description: 'Version; the ETag is its quoted form.' }) version: number;
}

export class RolePageDto {
  @ApiProperty({ type: [RoleDto] }) items: RoleDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class CreateRoleDto {
  @ApiProperty({ example: 'regional-manager', description: 'Lower-case letters, digits and dashes; cannot be changed later.' })
  @Matches(ROLE_KEY_PATTERN)
  key: string;

  @ApiProperty({ example: '区域经理' })
  @IsString()
  @Length(1, 100)
  name: string;

  @ApiPropertyOptional({ example: "Regional manager: reads the department's customers." })
  @IsOptional()
  @IsString()
  @Length(0, 500)
  description?: string;

  @ApiProperty({ type: [String], example: ['customer:read'], description: PERMISSIONS_DESCRIPTION })
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(200)
  @IsString({ each: true })
  @Length(1, 100, { each: true })
  permissions: string[];

  @ApiProperty({ enum: DATA_SCOPES, example: 'department', description: SCOPE_DESCRIPTION })
  @IsIn(DATA_SCOPES)
  dataScope: DataScopeKind;
}

export class UpdateRoleDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 100)
  name?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(0, 500)
  description?: string;

  @ApiPropertyOptional({ type: [String], description: `${PERMISSIONS_DESCRIPTION} Replaces the whole set.` })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(200)
  @IsString({ each: true })
  @Length(1, 100, { each: true })
  permissions?: string[];

  @ApiPropertyOptional({ enum: DATA_SCOPES, description: SCOPE_DESCRIPTION })
  @IsOptional()
  @IsIn(DATA_SCOPES)
  dataScope?: DataScopeKind;
}

export class PermissionDto {
  @ApiProperty({ example: 'customer:read' }) key: string;
  @ApiProperty({ example: 'customer', description: 'The context that declares it.' }) context: string;
  @ApiProperty() description: string;
}

export class PermissionPageDto {
  @ApiProperty({ type: [PermissionDto] }) items: PermissionDto[];
  @ApiProperty({ nullable: true, type: String, description: 'Always null: the list comes whole.' }) nextCursor: string | null;
}
