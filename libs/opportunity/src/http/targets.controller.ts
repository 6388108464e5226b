import { Body, Controller, Get, Headers, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiProblems, CurrentActor, DEFAULT_PAGE_SIZE, etagFor, expectedVersionFrom, RequirePermissions, UuidParam, type Actor } from '@crm/platform';
import { ChangeTargetCommand } from '../application/commands/change-target/change-target.command.js';
import { SetTargetCommand } from '../application/commands/set-target/set-target.command.js';
import { GetTargetCoverageQuery } from '../application/queries/get-target-coverage/get-target-coverage.query.js';
import { GetTargetQuery } from '../application/queries/get-target/get-target.query.js';
import { ListTargetsQuery } from '../application/queries/list-targets/list-targets.query.js';
import { ChangeTargetDto, SetTargetDto, TargetCoverageDto, TargetDto, TargetListQueryDto, TargetPageDto } from './dto/target.dto.js';

const NOT_FOUND: [number, string] = [404, 'No such target, or not yours, your team’s or your scope’s to see (`OPPORTUNITY.TARGET_NOT_FOUND`).'];
const VISIBILITY =
  'A target is seen by the person it is for and their superiors only: a user’s by the user and whoever has them in scope, a team’s or department’s by its members and whoever has all its members in scope; anyone else gets 404.';

/** Targets [目标] with their achievement [达成率] and pipeline coverage [商机覆盖]. */
@ApiTags('Targets')
@ApiBearerAuth()
@Controller('api/v1/targets')
export class TargetsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @RequirePermissions('opportunity:manage')
  @ApiOperation({
    summary: 'Set a target [设定目标]',
    description: `For a person, team or department within your scope (not yourself: your superior sets yours), for a year, quarter or month and a metric; one per subject, period and metric. ${VISIBILITY}`,
  })
  @ApiCreatedResponse({ type: TargetDto, description: '`Location` and `ETag` headers set.' })
  @ApiProblems(
    400,
    401,
    [403, 'Missing permission, or your own target (`OPPORTUNITY.OWN_TARGET`).'],
    [404, 'No such active person, team or department within your scope (`OPPORTUNITY.TARGET_SUBJECT_NOT_FOUND`).'],
    [409, 'There is one already (`OPPORTUNITY.TARGET_EXISTS` with `targetId`).'],
  )
  async set(@CurrentActor() actor: Actor, @Body() body: SetTargetDto, @Res({ passthrough: true }) response: Response): Promise<TargetDto> {
    const target = await this.commands.execute(new SetTargetCommand(actor, body));
    response.setHeader('Location', `/api/v1/targets/${target.id}`).setHeader('ETag', etagFor(target.version));
    return target;
  }

  @Get()
  @RequirePermissions('opportunity:read')
  @ApiOperation({ summary: 'List targets [目标列表]', description: `Those you may see, with achievement. ${VISIBILITY}` })
  @ApiOkResponse({ type: TargetPageDto })
  @ApiProblems(400, 401, 403)
  list(@CurrentActor() actor: Actor, @Query() query: TargetListQueryDto): Promise<TargetPageDto> {
    const { limit, cursor, ...filters } = query;
    return this.queries.execute(new ListTargetsQuery(actor, filters, limit ?? DEFAULT_PAGE_SIZE, cursor));
  }

  @Get(':id')
  @RequirePermissions('opportunity:read')
  @ApiOperation({ summary: 'Get a target with its achievement [目标达成]', description: VISIBILITY })
  @ApiOkResponse({ type: TargetDto, description: '`ETag` header set.' })
  @ApiProblems(400, 401, 403, NOT_FOUND)
  async get(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Res({ passthrough: true }) response: Response): Promise<TargetDto> {
    const target = await this.queries.execute(new GetTargetQuery(actor, id));
    response.setHeader('ETag', etagFor(target.version));
    return target;
  }

  @Patch(':id')
  @RequirePermissions('opportunity:manage')
  @ApiOperation({ summary: 'Change a target [调整目标]', description: 'Its value; subject, period and metric stay.' })
  @ApiHeader({ name: 'If-Match', required: false, description: 'ETag from GET; 412 when the target changed since.' })
  @ApiOkResponse({ type: TargetDto, description: '`ETag` header set.' })
  @ApiProblems(
    400,
    401,
    [403, 'Missing permission, or a target you see but is set by your superior (`OPPORTUNITY.OWN_TARGET`).'],
    NOT_FOUND,
    [409, 'Changed at the same moment (`CONCURRENT_MODIFICATION`).'],
    412,
  )
  async change(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() body: ChangeTargetDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<TargetDto> {
    const target = await this.commands.execute(new ChangeTargetCommand(actor, id, body.value, expectedVersionFrom(ifMatch)));
    response.setHeader('ETag', etagFor(target.version));
    return target;
  }

  @Get(':id/coverage')
  @RequirePermissions('opportunity:read')
  @ApiOperation({
    summary: 'Pipeline coverage of a target [商机覆盖]',
    description:
      'For a won-amount target: the remaining gap (target − won so far, not below 0) against the open pipeline expected to close in the period, weighted by probability; coverage = weighted pipeline / gap.',
  })
  @ApiOkResponse({ type: TargetCoverageDto })
  @ApiProblems(400, 401, 403, NOT_FOUND, [422, 'Not a won-amount target (`OPPORTUNITY.COVERAGE_NEEDS_WON_AMOUNT`).'])
  coverage(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string): Promise<TargetCoverageDto> {
    return this.queries.execute(new GetTargetCoverageQuery(actor, id));
  }
}
