import { Body, Controller, Get, Headers, HttpCode, Param, Patch, Post, Put, Query, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  type Actor,
  ApiProblems,
  CurrentActor,
  DEFAULT_PAGE_SIZE,
  etagFor,
  expectedVersionFrom,
  PageQueryDto,
  Public,
  RequirePermissions,
  UuidParam,
  wholeList,
} from '@crm/platform';
import {
  AccessTokenDto,
  CreateDepartmentDto,
  CreateTeamDto,
  CreateUserDto,
  DepartmentDto,
  DepartmentPageDto,
  LoginDto,
  MeDto,
  SetHeadDto,
  TeamDto,
  TeamPageDto,
  UpdateUserDto,
  UserDto,
  UserPageDto,
} from './identity.dto.js';
import { IdentityService } from '../application/identity.service.js';
import { LoginRateLimitGuard } from './login-rate-limit.guard.js';

@ApiTags('Auth')
@Controller('api/v1')
export class AuthController {
  constructor(private readonly identity: IdentityService) {}

  @Post('auth/login')
  @Public()
  @HttpCode(200)
  @UseGuards(LoginRateLimitGuard)
  @ApiOperation({ summary: 'Log in [登录] and get a bearer token', description: 'Use the token with the Authorize button.' })
  @ApiOkResponse({ type: AccessTokenDto })
  @ApiProblems(400, [401, 'Wrong credentials or inactive user (`AUTH.INVALID_CREDENTIALS`).'], 429)
  login(@Body() body: LoginDto): Promise<AccessTokenDto> {
    return this.identity.login(body.username, body.password);
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Who am I, and what may I do [当前用户与权限]' })
  @ApiOkResponse({ type: MeDto })
  @ApiProblems(401)
  me(@CurrentActor() actor: Actor): MeDto {
    const { id, username, displayName, roles, permissions, dataScope, departmentId, teamId } = actor;
    return { id, username, displayName, roles, permissions, dataScope, departmentId, teamId };
  }
}

@ApiTags('Administration')
@ApiBearerAuth()
@RequirePermissions('org:manage')
@Controller('api/v1/admin')
export class OrganizationController {
  constructor(private readonly identity: IdentityService) {}

  @Post('users')
  @ApiOperation({ summary: 'Create a user [新建用户]' })
  @ApiCreatedResponse({ type: UserDto })
  @ApiProblems(
    [400, 'Invalid input, or a role that does not exist (`USER.UNKNOWN_ROLE`).'],
    401,
    403,
    [409, 'Username taken (`USER.USERNAME_TAKEN`).'],
    [422, 'Unknown team/department.'],
  )
  async createUser(@Body() body: CreateUserDto, @Res({ passthrough: true }) response: Response): Promise<UserDto> {
    const user = await this.identity.createUser(body);
    response.setHeader('Location', `/api/v1/admin/users/${user.id}`).setHeader('ETag', etagFor(user.version));
    return user;
  }

  @Get('users')
  @ApiOperation({ summary: 'List users, by username' })
  @ApiOkResponse({ type: UserPageDto })
  @ApiProblems(400, 401, 403)
  listUsers(@Query() query: PageQueryDto): Promise<UserPageDto> {
    return this.identity.listUsers(query.limit ?? DEFAULT_PAGE_SIZE, query.cursor);
  }

  @Get('users/:id')
  @ApiOperation({ summary: 'Get a user' })
  @ApiOkResponse({ type: UserDto })
  @ApiProblems(400, 401, 403, 404)
  async getUser(@Param('id', UuidParam) id: string, @Res({ passthrough: true }) response: Response): Promise<UserDto> {
    const user = await this.identity.getUser(id);
    response.setHeader('ETag', etagFor(user.version));
    return user;
  }

  @Patch('users/:id')
  @ApiOperation({
    summary: 'Change a user: roles, team, password, or deactivate [停用] (takes effect at once)',
  })
  @ApiHeader({ name: 'If-Match', required: false, description: 'ETag from GET; 412 when stale.' })
  @ApiOkResponse({ type: UserDto })
  @ApiProblems(400, 401, 403, 404, 409, 412, 422)
  async updateUser(
    @Param('id', UuidParam) id: string,
    @Body() body: UpdateUserDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<UserDto> {
    const user = await this.identity.updateUser(id, body, expectedVersionFrom(ifMatch));
    response.setHeader('ETag', etagFor(user.version));
    return user;
  }

  @Post('departments')
  @ApiOperation({ summary: 'Create a department [部门]' })
  @ApiCreatedResponse({ type: DepartmentDto })
  @ApiProblems(400, 401, 403, 409, 422)
  createDepartment(@Body() body: CreateDepartmentDto): Promise<DepartmentDto> {
    return this.identity.createDepartment(body.name, body.parentId ?? null);
  }

  @Get('departments')
  @ApiOperation({ summary: 'List departments' })
  @ApiOkResponse({ type: DepartmentPageDto })
  @ApiProblems(401, 403)
  async listDepartments(): Promise<DepartmentPageDto> {
    return wholeList(await this.identity.listDepartments());
  }

  @Put('departments/:id/head')
  @ApiOperation({ summary: 'Set the head of a department [部门负责人]', description: 'Approval steps with `department-head` approvers route to them.' })
  @ApiOkResponse({ type: DepartmentDto })
  @ApiProblems(400, 401, 403, 404, 422)
  setDepartmentHead(@Param('id', UuidParam) id: string, @Body() body: SetHeadDto): Promise<DepartmentDto> {
    return this.identity.setDepartmentHead(id, body.userId);
  }

  @Post('teams')
  @ApiOperation({ summary: 'Create a team [小组] in a department' })
  @ApiCreatedResponse({ type: TeamDto })
  @ApiProblems(400, 401, 403, 409, 422)
  createTeam(@Body() body: CreateTeamDto): Promise<TeamDto> {
    return this.identity.createTeam(body.name, body.departmentId);
  }

  @Put('teams/:id/lead')
  @ApiOperation({ summary: 'Set the lead of a team [组长]', description: "The lead is the manager of the team's members for `manager` approval steps." })
  @ApiOkResponse({ type: TeamDto })
  @ApiProblems(400, 401, 403, 404, 422)
  setTeamLead(@Param('id', UuidParam) id: string, @Body() body: SetHeadDto): Promise<TeamDto> {
    return this.identity.setTeamLead(id, body.userId);
  }

  @Get('teams')
  @ApiOperation({ summary: 'List teams' })
  @ApiOkResponse({ type: TeamPageDto })
  @ApiProblems(401, 403)
  async listTeams(): Promise<TeamPageDto> {
    return wholeList(await this.identity.listTeams());
  }
}
