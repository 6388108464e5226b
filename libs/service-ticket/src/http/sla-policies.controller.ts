import { Body, Controller, Get, Headers, Param, Post, Put, Query, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiProblems, DEFAULT_PAGE_SIZE, etagFor, expectedVersionFrom, PageQueryDto, RequirePermissions, UuidParam } from '@crm/platform';
import { SaveSlaPolicyCommand } from '../application/commands/save-sla-policy/save-sla-policy.command.js';
import { GetSlaPolicyQuery, ListSlaPoliciesQuery } from '../application/queries/list-sla-policies/sla-policy.queries.js';
import type { PolicyInput } from '../infrastructure/sla-configuration.repository.js';
import { PolicyDto, PolicyPageDto, SavePolicyDto } from './dto/sla.dto.js';

const DEFAULT_WARNING_PERCENT = 80;

const inputOf = (body: SavePolicyDto): PolicyInput => ({
  name: body.name,
  priorities: body.priorities ?? [],
  ticketTypeIds: body.ticketTypeIds ?? [],
  customerGrades: body.customerGrades ?? [],
  contractIds: body.contractIds ?? [],
  firstResponseMinutes: body.firstResponseMinutes,
  resolutionMinutes: body.resolutionMinutes,
  warningPercent: body.warningPercent ?? DEFAULT_WARNING_PERCENT,
  active: body.active ?? true,
});

const INVALID: [number, string] = [400, 'Invalid input, or `SLA_POLICY.INVALID` (first response later than resolution).'];

/** SLA policies [SLA策略]: which tickets, what targets in business minutes, when to warn. */
@ApiTags('Business calendars and SLA')
@ApiBearerAuth()
@Controller('api/v1/sla-policies')
export class SlaPoliciesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @RequirePermissions('sla:configure')
  @ApiOperation({
    summary: 'Create an SLA policy [新建SLA策略]',
    description:
      'Matches tickets by priority, type, customer grade and contract (empty: any); first response and resolution targets in business minutes on the handling team’s calendar. When several policies match, each target takes the earliest deadline.',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ type: PolicyDto, description: '`Location` and `ETag` set.' })
  @ApiProblems(INVALID, 401, 403)
  async create(@Body() body: SavePolicyDto, @Res({ passthrough: true }) response: Response): Promise<PolicyDto> {
    const { policyId } = await this.commands.execute(new SaveSlaPolicyCommand(null, inputOf(body), undefined));
    response.setHeader('Location', `/api/v1/sla-policies/${policyId}`);
    return this.answer(policyId, response);
  }

  @Get()
  @RequirePermissions('sla:read')
  @ApiOperation({ summary: 'SLA policies [SLA策略列表]', description: 'Oldest first.' })
  @ApiOkResponse({ type: PolicyPageDto })
  @ApiProblems(400, 401, 403)
  list(@Query() query: PageQueryDto): Promise<PolicyPageDto> {
    return this.queries.execute(new ListSlaPoliciesQuery(query.limit ?? DEFAULT_PAGE_SIZE, query.cursor)) as Promise<PolicyPageDto>;
  }

  @Get(':id')
  @RequirePermissions('sla:read')
  @ApiOperation({ summary: 'An SLA policy [SLA策略]' })
  @ApiOkResponse({ type: PolicyDto, description: '`ETag` set.' })
  @ApiProblems(400, 401, 403, [404, '`SLA_POLICY.NOT_FOUND`'])
  get(@Param('id', UuidParam) id: string, @Res({ passthrough: true }) response: Response): Promise<PolicyDto> {
    return this.answer(id, response);
  }

  @Put(':id')
  @RequirePermissions('sla:configure')
  @ApiOperation({
    summary: 'Replace an SLA policy [修改SLA策略]',
    description: 'Open tickets get their deadlines recomputed from their history; breaches already recorded stay.',
  })
  @ApiHeader({ name: 'If-Match', required: false, description: 'ETag from GET; 412 when it changed since.' })
  @ApiOkResponse({ type: PolicyDto, description: 'New `ETag`.' })
  @ApiProblems(INVALID, 401, 403, [404, '`SLA_POLICY.NOT_FOUND`'], 409, 412)
  async replace(
    @Param('id', UuidParam) id: string,
    @Body() body: SavePolicyDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<PolicyDto> {
    await this.commands.execute(new SaveSlaPolicyCommand(id, inputOf(body), expectedVersionFrom(ifMatch)));
    return this.answer(id, response);
  }

  private async answer(id: string, response: Response): Promise<PolicyDto> {
    const policy = await this.queries.execute(new GetSlaPolicyQuery(id));
    response.setHeader('ETag', etagFor(policy.version));
    return policy;
  }
}
