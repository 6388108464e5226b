import { Body, Controller, Get, Headers, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  ApiProblems,
  CurrentActor,
  DEFAULT_PAGE_SIZE,
  etagFor,
  expectedVersionFrom,
  PageQueryDto,
  RequirePermissions,
  UuidParam,
  type Actor,
} from '@crm/platform';
import { ChangeCampaignCommand, CreateCampaignCommand } from '../application/commands/save-campaign/save-campaign.command.js';
import { ChannelReportQuery, GetCampaignQuery, ListCampaignsQuery } from '../application/queries/campaigns/campaigns.query.js';
import { ClosureReportQuery } from '../application/queries/closure-report/closure-report.query.js';
import { CampaignDto, CampaignPageDto, ChangeCampaignDto, ChannelReportDto, ChannelReportQueryDto, CreateCampaignDto } from './dto/campaign.dto.js';
import { ClosureReportDto, ClosureReportQueryDto } from './dto/closure-reason.dto.js';

@ApiTags('Leads')
@ApiBearerAuth()
@Controller('api/v1/lead-campaigns')
export class CampaignsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @RequirePermissions('lead:manage')
  @ApiOperation({
    summary: 'Record a campaign [市场活动] with its cost',
    description: 'Leads name it by `code` in their `campaign`; its cost feeds the channel ROI report.',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Makes a retry safe: the same key replays the first response.' })
  @ApiCreatedResponse({ type: CampaignDto })
  @ApiProblems([400, 'Invalid input; `LEAD_CAMPAIGN.DATES_REVERSED`.'], 401, 403, [409, '`LEAD_CAMPAIGN.CODE_TAKEN`.'])
  async createCampaign(@CurrentActor() actor: Actor, @Body() body: CreateCampaignDto, @Res({ passthrough: true }) response: Response): Promise<CampaignDto> {
    const { id } = await this.commands.execute(
      new CreateCampaignCommand(actor, body.code, {
        name: body.name ?? body.code,
        channel: body.channel ?? null,
        cost: body.cost ?? '0',
        startsOn: body.startsOn ?? null,
        endsOn: body.endsOn ?? null,
      }),
    );
    const campaign = await this.queries.execute(new GetCampaignQuery(id));
    response.setHeader('Location', `/api/v1/lead-campaigns/${id}`);
    response.setHeader('ETag', etagFor(campaign.version));
    return campaign;
  }

  @Get()
  @RequirePermissions('lead:read')
  @ApiOperation({ summary: 'Campaigns [市场活动列表], by code' })
  @ApiOkResponse({ type: CampaignPageDto })
  @ApiProblems(400, 401, 403)
  listCampaigns(@Query() query: PageQueryDto): Promise<CampaignPageDto> {
    return this.queries.execute(new ListCampaignsQuery(query.limit ?? DEFAULT_PAGE_SIZE, query.cursor));
  }

  @Get(':id')
  @RequirePermissions('lead:read')
  @ApiOperation({ summary: 'A campaign [市场活动]' })
  @ApiOkResponse({ type: CampaignDto, description: '`ETag` set.' })
  @ApiProblems(400, 401, 403, [404, '`LEAD_CAMPAIGN.NOT_FOUND`.'])
  async getCampaign(@Param('id', UuidParam) id: string, @Res({ passthrough: true }) response: Response): Promise<CampaignDto> {
    const campaign = await this.queries.execute(new GetCampaignQuery(id));
    response.setHeader('ETag', etagFor(campaign.version));
    return campaign;
  }

  @Patch(':id')
  @RequirePermissions('lead:manage')
  @ApiOperation({ summary: 'Change a campaign [编辑市场活动]: name, channel, cost, dates' })
  @ApiHeader({ name: 'If-Match', required: false, description: 'ETag from GET; 412 when it changed since.' })
  @ApiOkResponse({ type: CampaignDto })
  @ApiProblems(400, 401, 403, 404, 412)
  async changeCampaign(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() body: ChangeCampaignDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CampaignDto> {
    const changes = Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined));
    await this.commands.execute(new ChangeCampaignCommand(actor, id, changes, expectedVersionFrom(ifMatch)));
    const campaign = await this.queries.execute(new GetCampaignQuery(id));
    response.setHeader('ETag', etagFor(campaign.version));
    return campaign;
  }
}

@ApiTags('Leads')
@ApiBearerAuth()
@Controller('api/v1/reports')
export class LeadReportsController {
  constructor(private readonly queries: QueryBus) {}

  @Get('lead-channels')
  @RequirePermissions('lead:read')
  @ApiOperation({
    summary: 'Channel and campaign ROI [渠道ROI]',
    description:
      'Leads created in the period (company time zone, both days included) within your pools and data scope, by channel and campaign: leads, qualified, converted, won deals and amount (opportunities opened from those leads, whenever won), the campaign cost, cost per lead and per won deal. Money as decimal strings.',
  })
  @ApiOkResponse({ type: ChannelReportDto })
  @ApiProblems([400, 'Invalid dates; `LEAD_REPORT.PERIOD_REVERSED`.'], 401, 403)
  leadChannelReport(@CurrentActor() actor: Actor, @Query() query: ChannelReportQueryDto): Promise<ChannelReportDto> {
    return this.queries.execute(new ChannelReportQuery(actor, query.from, query.to, query.qualifiedGrades ?? ['A', 'B']));
  }

  @Get('lead-closures')
  @RequirePermissions('lead:read')
  @ApiOperation({
    summary: 'Closures per reason [关闭原因分析]',
    description:
      'Leads closed in the period (company time zone, both days included) and still closed, within your pools and data scope (as the channel report), optionally only in `poolId` and the pools below it: per closure reason (every active reason, with its share of the closures) and per pool with its sub-pools. A reopened lead no longer counts; closing it again counts on the day it was closed last.',
  })
  @ApiOkResponse({ type: ClosureReportDto })
  @ApiProblems([400, 'Invalid dates; `LEAD_REPORT.PERIOD_REVERSED`.'], 401, 403, [404, 'No such pool within your reach (`LEAD_POOL.NOT_FOUND`).'])
  leadClosureReport(@CurrentActor() actor: Actor, @Query() query: ClosureReportQueryDto): Promise<ClosureReportDto> {
    return this.queries.execute(new ClosureReportQuery(actor, query.from, query.to, query.poolId));
  }
}
