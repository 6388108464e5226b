import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiProblems, DEFAULT_PAGE_SIZE, etagFor, expectedVersionFrom, PageQueryDto, RequirePermissions, wholeList } from '@crm/platform';
import { CreateRoleDto, PermissionPageDto, RoleDto, RolePageDto, UpdateRoleDto } from './roles.dto.js';
import { RolesService } from '../application/roles.service.js';

const UNKNOWN_PERMISSION: [number, string] = [
  400,
  'Invalid input, or a permission no context declares (`ROLE.UNKNOWN_PERMISSION`, with `unknownPermissions`).',
];
const IF_MATCH = { name: 'If-Match', required: false, description: 'ETag from GET; 412 when stale.' };

@ApiTags('Administration')
@ApiBearerAuth()
@RequirePermissions('org:manage')
@Controller('api/v1')
export class RolesController {
  constructor(private readonly roles: RolesService) {}

  @Get('permissions')
  @ApiOperation({ summary: 'Permission catalogue [功能权限]: every permission the contexts declare, with what it allows' })
  @ApiOkResponse({ type: PermissionPageDto })
  @ApiProblems(401, 403)
  permissions(): PermissionPageDto {
    return wholeList(this.roles.permissions());
  }

  @Get('roles')
  @ApiOperation({ summary: 'List roles [角色], by key: permissions and data scope of each' })
  @ApiOkResponse({ type: RolePageDto })
  @ApiProblems(400, 401, 403)
  list(@Query() query: PageQueryDto): Promise<RolePageDto> {
    return this.roles.list(query.limit ?? DEFAULT_PAGE_SIZE, query.cursor);
  }

  @Post('roles')
  @ApiOperation({ summary: 'Define a role [新建角色], e.g. 区域经理 with customer:read and department scope' })
  @ApiCreatedResponse({ type: RoleDto })
  @ApiProblems(UNKNOWN_PERMISSION, 401, 403, [409, 'Key taken (`ROLE.KEY_TAKEN`).'])
  async create(@Body() body: CreateRoleDto, @Res({ passthrough: true }) response: Response): Promise<RoleDto> {
    const role = await this.roles.create(body);
    response.setHeader('Location', `/api/v1/roles/${role.key}`).setHeader('ETag', etagFor(role.version));
    return role;
  }

  @Get('roles/:key')
  @ApiOperation({ summary: 'Get a role' })
  @ApiOkResponse({ type: RoleDto })
  @ApiProblems(401, 403, [404, 'No such role (`ROLE.NOT_FOUND`).'])
  async get(@Param('key') key: string, @Res({ passthrough: true }) response: Response): Promise<RoleDto> {
    const role = await this.roles.get(key);
    response.setHeader('ETag', etagFor(role.version));
    return role;
  }

  @Patch('roles/:key')
  @ApiOperation({ summary: "Change a role's name, permissions or data scope (applies to its holders on their next request)" })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: RoleDto })
  @ApiProblems(UNKNOWN_PERMISSION, 401, 403, 404, [409, 'Changed concurrently (`CONCURRENT_MODIFICATION`).'], 412)
  async update(
    @Param('key') key: string,
    @Body() body: UpdateRoleDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<RoleDto> {
    const role = await this.roles.update(key, body, expectedVersionFrom(ifMatch));
    response.setHeader('ETag', etagFor(role.version));
    return role;
  }

  @Delete('roles/:key')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a role nobody holds' })
  @ApiHeader(IF_MATCH)
  @ApiNoContentResponse({ description: 'Deleted.' })
  @ApiProblems(400, 401, 403, 404, [409, 'Users still hold the role (`ROLE.IN_USE`, with `holders`).'], 412)
  async remove(@Param('key') key: string, @Headers('if-match') ifMatch: string | undefined): Promise<void> {
    await this.roles.delete(key, expectedVersionFrom(ifMatch));
  }
}
