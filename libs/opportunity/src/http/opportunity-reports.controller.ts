import { Body, Controller, Get, Header, HttpCode, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, CurrentActor, RequirePermissions, type Actor } from '@crm/platform';
import { AdjustForecastCommand } from '../application/commands/adjust-forecast/adjust-forecast.command.js';
import { SnapshotForecastsCommand } from '../application/commands/snapshot-forecasts/snapshot-forecasts.command.js';
import { GetForecastAccuracyQuery } from '../application/queries/get-forecast-accuracy/get-forecast-accuracy.query.js';
import { GetLeaderboardQuery } from '../application/queries/get-leaderboard/get-leaderboard.query.js';
import { GetForecastQuery } from '../application/queries/get-forecast/get-forecast.query.js';
import { GetFunnelQuery } from '../application/queries/get-funnel/get-funnel.query.js';
import {
  AdjustForecastDto,
  ForecastAccuracyDto,
  ForecastAccuracyQueryDto,
  ForecastAdjustmentDto,
  ForecastDto,
  ForecastQueryDto,
  ForecastSnapshotDto,
  FunnelDto,
  FunnelQueryDto,
  LeaderboardDto,
  LeaderboardQueryDto,
} from './dto/report.dto.js';

const SCOPE_NOTE =
  'Always within your data scope [数据权限], counted by owner (collaborations do not add figures): a rep sees their own numbers, a team lead their team’s, and so on. `ownerId`, `teamId` or `departmentId` (at most one) narrows it; a filter outside your scope gives zeros, like someone who sells nothing, never a hint about them.';

/** Reports over opportunities [销售漏斗 / 销售预测]: read-only figures in the caller's scope. */
@ApiTags('Opportunity reports')
@ApiBearerAuth()
@Controller('api/v1')
export class OpportunityReportsController {
  constructor(
    private readonly queries: QueryBus,
    private readonly commands: CommandBus,
  ) {}

  @Get('opportunities/funnel')
  @RequirePermissions('opportunity:read')
  @ApiOperation({
    summary: 'Sales funnel [销售漏斗]',
    description: `Per stage of one pipeline (the default one when omitted), for the opportunities chosen by the filters (created between, expected to close between; days in the company's time zone, both ends inclusive): how many are in it now, their amount and weighted amount; how many ever reached it (stage history) and of those how many went further, the conversion rate [转化率] = advanced / reached, where "further" is any later open stage or the won stage (a skipped stage is not reached; moving back later does not undo an advance); and the median time in the stage over completed stays (seconds, from the history). ${SCOPE_NOTE}`,
  })
  @ApiOkResponse({ type: FunnelDto })
  @ApiProblems(400, 401, 403, [404, 'No such pipeline (`OPPORTUNITY.PIPELINE_NOT_FOUND`).'])
  funnel(@CurrentActor() actor: Actor, @Query() query: FunnelQueryDto): Promise<FunnelDto> {
    return this.queries.execute(new GetFunnelQuery(actor, query));
  }

  @Get('opportunities/forecast')
  @RequirePermissions('opportunity:read')
  @ApiOperation({
    summary: 'Sales forecast [销售预测]',
    description: `By calendar month or quarter and forecast category [预测类别]: open opportunities by expected close date in their stage's category (pipeline, best-case, commit; omitted stages and opportunities without a close date do not count), won ones as closed-won by the day they were won (company time zone). Amount and weighted amount (amount × probability / 100) are raw, computed from the opportunities; the adjusted amount takes a manager's adjustment [预测调整] where there is one for the owner, period (of the same kind) and category. Rows per owner (default), rolled up per team or department, or one total per period and category (\`groupBy=total\`). ${SCOPE_NOTE}`,
  })
  @ApiOkResponse({ type: ForecastDto })
  @ApiProblems(400, 401, 403)
  // Sent as the JSON text PostgreSQL built (a ForecastDto), in one piece: thousands of rows are neither parsed nor serialised here.
  @Header('Content-Type', 'application/json; charset=utf-8')
  async forecast(@CurrentActor() actor: Actor, @Query() query: ForecastQueryDto): Promise<string> {
    const { groupBy, ...rest } = query;
    return this.queries.execute(new GetForecastQuery(actor, { ...rest, groupBy: groupBy ?? 'owner' }));
  }

  @Post('forecast-adjustments')
  @RequirePermissions('opportunity:manage')
  @ApiOperation({
    summary: 'Adjust a forecast [预测调整]',
    description:
      "A manager's figure for one person in their scope, one period and one category, kept as a record of its own: the raw figure is never changed, the forecast shows both, and the latest adjustment counts (earlier ones stay on record).",
  })
  @ApiCreatedResponse({ type: ForecastAdjustmentDto })
  @ApiProblems(
    400,
    401,
    [403, 'Missing permission, or your own forecast (`OPPORTUNITY.OWN_FORECAST`).'],
    [404, 'No such active person within your scope (`OPPORTUNITY.FORECAST_OWNER_NOT_FOUND`).'],
  )
  adjust(@CurrentActor() actor: Actor, @Body() body: AdjustForecastDto): Promise<ForecastAdjustmentDto> {
    return this.commands.execute(new AdjustForecastCommand(actor, body.ownerId, body.period, body.category, body.amount, body.reason));
  }

  @Post('forecast-snapshots')
  @HttpCode(200)
  @RequirePermissions('opportunity:snapshot-forecasts')
  @ApiOperation({
    summary: 'Take the weekly forecast snapshot [预测快照]',
    description:
      "Freezes every person's forecast (this month and the next two, per category: raw, weighted, adjusted) for the current week (Monday, company time zone). Once per week: the scheduler takes it with the first run of the week, and any later call that week answers `taken: false` and writes nothing.",
  })
  @ApiOkResponse({ type: ForecastSnapshotDto })
  @ApiProblems(401, 403)
  snapshot(@CurrentActor() actor: Actor): Promise<ForecastSnapshotDto> {
    return this.commands.execute(new SnapshotForecastsCommand(actor.id));
  }

  @Get('opportunities/forecast-accuracy')
  @RequirePermissions('opportunity:read')
  @ApiOperation({
    summary: 'Forecast accuracy [预测准确率] per person',
    description: `For a month or quarter: each person's forecast (commit + closed-won) in the weekly snapshot judged (the last one taken on or before the period's first day, else the first one during it) against what they won in the period, raw and adjusted. ${SCOPE_NOTE}`,
  })
  @ApiOkResponse({ type: ForecastAccuracyDto })
  @ApiProblems(400, 401, 403)
  accuracy(@CurrentActor() actor: Actor, @Query() query: ForecastAccuracyQueryDto): Promise<ForecastAccuracyDto> {
    const { period, ...filter } = query;
    return this.queries.execute(new GetForecastAccuracyQuery(actor, period, filter));
  }

  @Get('leaderboard')
  @RequirePermissions('opportunity:read')
  @ApiOperation({
    summary: 'Leaderboard [排行榜]',
    description:
      'People ranked by won amount, won count or new customers in a period, among the company, your department or your team. Everyone on the board is shown by name and value whatever your data scope (that is what a leaderboard is for), and nothing else: no opportunities, customers or deal amounts. Team and department boards list every member, zeros included; the company board everyone with a win in the period.',
  })
  @ApiOkResponse({ type: LeaderboardDto })
  @ApiProblems(400, 401, 403)
  leaderboard(@CurrentActor() actor: Actor, @Query() query: LeaderboardQueryDto): Promise<LeaderboardDto> {
    return this.queries.execute(new GetLeaderboardQuery(actor, query.metric, query.period, query.scope ?? 'company'));
  }
}
