import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, CurrentActor, RequirePermissions, type Actor } from '@crm/platform';
import { GetFunnelQuery } from '../application/queries/get-funnel/get-funnel.query.js';
import { FunnelDto, FunnelQueryDto } from './dto/report.dto.js';

const SCOPE_NOTE =
  'Always within your data scope [数据权限], counted by owner (collaborations do not add figures): a rep sees their own numbers, a team lead their team’s, and so on. `ownerId`, `teamId` or `departmentId` (at most one) narrows it; a filter outside your scope gives zeros, like someone who sells nothing, never a hint about them.';

/** Reports over opportunities [销售漏斗 / 销售预测]: read-only figures in the caller's scope. */
@ApiTags('Opportunity reports')
@ApiBearerAuth()
@Controller('api/v1/opportunities')
export class OpportunityReportsController {
  constructor(private readonly queries: QueryBus) {}

  @Get('funnel')
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
}
