import { Body, Controller, Get, Headers, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DomainError } from '@crm/kernel';
import type { Response } from 'express';
import { ApiProblems, CurrentActor, DEFAULT_PAGE_SIZE, etagFor, expectedVersionFrom, RequirePermissions, UuidParam, type Actor } from '@crm/platform';
import { ChangeLeadPoolCommand } from '../application/commands/change-lead-pool/change-lead-pool.command.js';
import { CreateLeadPoolCommand } from '../application/commands/create-lead-pool/create-lead-pool.command.js';
import { GetLeadPoolQuery } from '../application/queries/get-lead-pool/get-lead-pool.query.js';
import { ListLeadPoolsQuery } from '../application/queries/list-lead-pools/list-lead-pools.query.js';
import { ConversionReportQuery } from '../application/queries/conversion-report/conversion-report.query.js';
import { AssignmentStatsQuery, PreviewAssignmentQuery } from '../application/queries/assignment-preview/assignment-preview.query.js';
import { DEFAULT_LEAD_POOL_RULES } from '../domain/lead-pool.js';
import type { LeadProfile } from '../domain/lead.types.js';
import {
  AssignmentPreviewDto,
  AssignmentPreviewRequestDto,
  AssignmentStatsDto,
  AssignmentStatsQueryDto,
  type PreviewLeadFactsDto,
} from './dto/assignment-preview.dto.js';
import { ConversionReportDto, ConversionReportQueryDto } from './dto/conversion-report.dto.js';
import { ChangeLeadPoolDto, CreateLeadPoolDto, LeadPoolDto, LeadPoolListQueryDto, LeadPoolPageDto, rulesFromDto } from './dto/lead-pool.dto.js';

@ApiTags('Lead pools')
@ApiBearerAuth()
@Controller('api/v1/lead-pools')
export class LeadPoolsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @RequirePermissions('lead:manage')
  @ApiOperation({
    summary: 'Create a lead pool [新建线索池]',
    description:
      "A sub-pool under a pool you admin (or one below a pool you admin), e.g. a market team's pool under the master pool, within the tree's maximum depth (default 3 levels); or, for administrators who see every lead, a new top-level pool. Members and admins must be active users.",
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ type: LeadPoolDto, description: 'Created; `Location` and `ETag` set.' })
  @ApiProblems(
    [400, 'Invalid input; `LEAD_POOL.MAX_DEPTH_ON_ROOT_ONLY`.'],
    401,
    [403, 'Not an admin of the parent (`LEAD_POOL.NOT_ADMIN`), or a top-level pool by a non-administrator (`LEAD_POOL.ROOT_NEEDS_ADMIN`).'],
    [404, 'No such parent pool within your reach (`LEAD_POOL.NOT_FOUND`).'],
    [409, 'A sibling has that name (`LEAD_POOL.NAME_TAKEN`).'],
    [422, 'Too deep (`LEAD_POOL.TOO_DEEP`), or inactive members or admins (`LEAD_POOL.INACTIVE_USERS`).'],
  )
  async create(@CurrentActor() actor: Actor, @Body() body: CreateLeadPoolDto, @Res({ passthrough: true }) response: Response): Promise<LeadPoolDto> {
    const { id } = await this.commands.execute(
      new CreateLeadPoolCommand(actor, {
        name: body.name,
        parentId: body.parentId ?? null,
        memberIds: body.memberIds ?? [],
        adminIds: body.adminIds ?? [],
        rules: { ...DEFAULT_LEAD_POOL_RULES, ...rulesFromDto(body.rules) },
        ...(body.maxDepth !== undefined ? { maxDepth: body.maxDepth } : {}),
      }),
    );
    const pool = await this.queries.execute(new GetLeadPoolQuery(actor, id));
    response.setHeader('Location', `/api/v1/lead-pools/${id}`).setHeader('ETag', etagFor(pool.version));
    return pool;
  }

  @Get()
  @RequirePermissions('lead:read')
  @ApiOperation({ summary: 'Lead pools you reach [线索池]: those you belong to and every pool below them, parents first' })
  @ApiOkResponse({ type: LeadPoolPageDto })
  @ApiProblems(400, 401, 403)
  list(@CurrentActor() actor: Actor, @Query() query: LeadPoolListQueryDto): Promise<LeadPoolPageDto> {
    return this.queries.execute(new ListLeadPoolsQuery(actor, { parentId: query.parentId }, query.limit ?? DEFAULT_PAGE_SIZE, query.cursor));
  }

  @Get(':id')
  @RequirePermissions('lead:read')
  @ApiOperation({ summary: 'A lead pool [线索池] with its path, people and rules' })
  @ApiOkResponse({ type: LeadPoolDto, description: '`ETag` header set.' })
  @ApiProblems(400, 401, 403, [404, 'No such pool, or not within your reach (`LEAD_POOL.NOT_FOUND`).'])
  async get(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Res({ passthrough: true }) response: Response): Promise<LeadPoolDto> {
    const pool = await this.queries.execute(new GetLeadPoolQuery(actor, id));
    response.setHeader('ETag', etagFor(pool.version));
    return pool;
  }

  @Patch(':id')
  @RequirePermissions('lead:manage')
  @ApiOperation({
    summary: 'Change a lead pool [编辑线索池]',
    description:
      "Admins of the pool or a pool above it: name, members, admins, rules (only those given change), and on a top-level pool the tree's maximum depth.",
  })
  @ApiHeader({ name: 'If-Match', required: false, description: 'ETag from GET; 412 when the pool changed since.' })
  @ApiOkResponse({ type: LeadPoolDto, description: 'The pool after the change; new `ETag`.' })
  @ApiNoContentResponse({ description: 'Changed, and the change took the pool out of your reach (you left its admins and members); new `ETag`.' })
  @ApiProblems(
    [400, 'Invalid input; `LEAD_POOL.MAX_DEPTH_ON_ROOT_ONLY`.'],
    401,
    [403, 'Not an admin of this pool or one above it (`LEAD_POOL.NOT_ADMIN`).'],
    404,
    [409, 'A sibling has that name (`LEAD_POOL.NAME_TAKEN`), or a concurrent change.'],
    412,
    [422, 'maxDepth below the levels the tree has (`LEAD_POOL.DEPTH_BELOW_TREE`), or inactive people (`LEAD_POOL.INACTIVE_USERS`).'],
  )
  async change(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() body: ChangeLeadPoolDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<LeadPoolDto | undefined> {
    const { version } = await this.commands.execute(
      new ChangeLeadPoolCommand(actor, id, { ...body, rules: body.rules ? rulesFromDto(body.rules) : undefined }, expectedVersionFrom(ifMatch)),
    );
    response.setHeader('ETag', etagFor(version));
    try {
      return await this.queries.execute(new GetLeadPoolQuery(actor, id));
    } catch (error) {
      if (!(error instanceof DomainError && error.kind === 'not-found')) throw error;
      response.status(204);
      return undefined;
    }
  }

  @Post(':id/assignment-preview')
  @HttpCode(200)
  @RequirePermissions('lead:read')
  @ApiOperation({
    summary: 'Preview who would get a lead [分配预演]',
    description:
      "Runs the pool's assignment rules as a dry run for a lead in your reach (`leadId`: its stored facts, score and grade) or for facts as a capture would give them (`lead`: scored with the rules in force unless `score` / `grade` are given). Answers the entry that matched and the ones tried before it, the pick strategy, who would get the lead now, every candidate with load, capacity and weight, and why each skipped one was skipped. Nothing changes: no owner, no turn taken, no log, no event.",
  })
  @ApiOkResponse({ type: AssignmentPreviewDto })
  @ApiProblems([400, 'Invalid input: give `leadId` or `lead`.'], 401, 403, [
    404,
    'No such pool within your reach (`LEAD_POOL.NOT_FOUND`), or no such lead within your reach (`LEAD.NOT_FOUND`).',
  ])
  preview(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Body() body: AssignmentPreviewRequestDto): Promise<AssignmentPreviewDto> {
    const subject = body.leadId
      ? { leadId: body.leadId }
      : { profile: previewProfile(body.lead!), score: body.lead!.score ?? null, grade: body.lead!.grade ?? null };
    return this.queries.execute(new PreviewAssignmentQuery(actor, id, subject));
  }

  @Get(':id/assignment-stats')
  @RequirePermissions('lead:read')
  @ApiOperation({
    summary: 'How fairly the pool handed out its leads [分配公平度]',
    description:
      "Admins of the pool (or above): for the period (days in the company time zone, both included), each person's leads given in this pool (automatically, by an admin, claimed; recycles not counted), their share, their deviation from the fair share (all assignments divided among the pool's members and the people its rules name), and their open leads against their capacity now. Ratios are decimal strings with 4 places.",
  })
  @ApiOkResponse({ type: AssignmentStatsDto })
  @ApiProblems(
    [400, 'Invalid input, or `to` before `from` (`LEAD_REPORT.PERIOD_REVERSED`).'],
    401,
    [403, 'Not an admin of this pool or one above it (`LEAD_POOL.NOT_ADMIN`).'],
    [404, 'No such pool within your reach (`LEAD_POOL.NOT_FOUND`).'],
  )
  stats(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Query() query: AssignmentStatsQueryDto): Promise<AssignmentStatsDto> {
    return this.queries.execute(new AssignmentStatsQuery(actor, id, query.from, query.to));
  }

  @Get(':id/conversions')
  @RequirePermissions('lead:read')
  @ApiOperation({
    summary: 'Conversions per pool and sub-pool [线索池转化]',
    description:
      "Leads converted in the period (company time zone, both days included) in this pool and the pools below it, within your pools and data scope: per pool, converted in the pool itself (`here`) and with its sub-pools (`total`), and what the conversions produced: customers created or linked, opportunities opened and their amount when opened (a decimal string). A lead counts in the pool it was converted in and in the pools above it up to this one; you never see pools above the ones you belong to, nor other teams' sub-pools.",
  })
  @ApiOkResponse({ type: ConversionReportDto })
  @ApiProblems([400, 'Invalid dates; `LEAD_REPORT.PERIOD_REVERSED`.'], 401, 403, [404, 'No such pool within your reach (`LEAD_POOL.NOT_FOUND`).'])
  conversions(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Query() query: ConversionReportQueryDto): Promise<ConversionReportDto> {
    return this.queries.execute(new ConversionReportQuery(actor, id, query.from, query.to));
  }
}

function previewProfile(facts: PreviewLeadFactsDto): LeadProfile {
  const value = (field: keyof LeadProfile) => facts[field] ?? null;
  return {
    personName: value('personName'),
    mobile: value('mobile'),
    email: value('email'),
    companyName: value('companyName'),
    title: value('title'),
    province: value('province'),
    city: value('city'),
    industry: value('industry'),
    channel: value('channel'),
    campaign: value('campaign'),
    utmSource: value('utmSource'),
    utmMedium: value('utmMedium'),
    utmCampaign: value('utmCampaign'),
    notes: value('notes'),
  };
}
