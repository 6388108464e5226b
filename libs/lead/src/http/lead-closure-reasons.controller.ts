import { Body, Controller, Get, Headers, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiProblems, etagFor, expectedVersionFrom, RequirePermissions } from '@crm/platform';
import { ChangeClosureReasonCommand, CreateClosureReasonCommand } from '../application/commands/save-closure-reason/save-closure-reason.command.js';
import { GetClosureReasonQuery, ListClosureReasonsQuery } from '../application/queries/closure-reasons/closure-reasons.query.js';
import { ChangeClosureReasonDto, ClosureReasonDto, ClosureReasonListDto, ClosureReasonListQueryDto, CreateClosureReasonDto } from './dto/closure-reason.dto.js';

const KEY_PARAM = { name: 'key', example: 'no-budget', description: 'The reason’s stable key.' };

@ApiTags('Leads')
@ApiBearerAuth()
@Controller('api/v1/lead-closure-reasons')
export class LeadClosureReasonsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get()
  @RequirePermissions('lead:read')
  @ApiOperation({
    summary: 'Closure reasons [关闭原因] to choose from when a lead is given up',
    description: 'In their sort order; active ones unless `includeInactive=true`.',
  })
  @ApiOkResponse({ type: ClosureReasonListDto })
  @ApiProblems(400, 401, 403)
  list(@Query() query: ClosureReasonListQueryDto): Promise<ClosureReasonListDto> {
    return this.queries.execute(new ListClosureReasonsQuery(query.includeInactive === 'true'));
  }

  @Post()
  @RequirePermissions('lead:manage')
  @ApiOperation({
    summary: 'Add a closure reason [新增关闭原因]',
    description: 'Under a stable key (what closed leads and `lead.closed.v1` carry), with a zh-CN label, a sort order and whether a note is required.',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Makes a retry safe: the same key replays the first response.' })
  @ApiCreatedResponse({ type: ClosureReasonDto })
  @ApiProblems(400, 401, 403, [409, 'The key (`LEAD.CLOSURE_REASON_EXISTS`) or the label (`LEAD.CLOSURE_REASON_LABEL_TAKEN`) is in use.'])
  async create(@Body() body: CreateClosureReasonDto, @Res({ passthrough: true }) response: Response): Promise<ClosureReasonDto> {
    await this.commands.execute(
      new CreateClosureReasonCommand({
        key: body.key,
        label: body.label,
        noteRequired: body.noteRequired ?? false,
        active: body.active ?? true,
        sortOrder: body.sortOrder ?? 0,
      }),
    );
    const reason = await this.queries.execute(new GetClosureReasonQuery(body.key));
    response.setHeader('Location', `/api/v1/lead-closure-reasons/${reason.key}`);
    response.setHeader('ETag', etagFor(reason.version));
    return reason;
  }

  @Patch(':key')
  @RequirePermissions('lead:manage')
  @ApiOperation({
    summary: 'Rename, reorder or deactivate a closure reason [编辑关闭原因]',
    description: 'Its key never changes. A deactivated reason is refused for new closures (422); leads closed with it keep it, under its current label.',
  })
  @ApiParam(KEY_PARAM)
  @ApiHeader({ name: 'If-Match', required: false, description: 'ETag from a previous answer; 412 when it changed since.' })
  @ApiOkResponse({ type: ClosureReasonDto, description: 'New `ETag`.' })
  @ApiProblems(400, 401, 403, [404, '`LEAD.CLOSURE_REASON_NOT_FOUND`.'], [409, 'The label is in use (`LEAD.CLOSURE_REASON_LABEL_TAKEN`).'], 412)
  async change(
    @Param('key') key: string,
    @Body() body: ChangeClosureReasonDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ClosureReasonDto> {
    const { label, noteRequired, active, sortOrder } = body;
    const changes = Object.fromEntries(Object.entries({ label, noteRequired, active, sortOrder }).filter(([, value]) => value !== undefined));
    const { version } = await this.commands.execute(new ChangeClosureReasonCommand(key, changes, expectedVersionFrom(ifMatch)));
    response.setHeader('ETag', etagFor(version));
    return this.queries.execute(new GetClosureReasonQuery(key));
  }
}
