import { Body, Controller, Get, HttpCode, Param, Put, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, RequirePermissions, UuidParam, wholeList } from '@crm/platform';
import { ReplaceAssignmentRulesCommand } from '../application/commands/replace-assignment-rules/replace-assignment-rules.command.js';
import { SetAgentCapacityCommand } from '../application/commands/set-agent-capacity/set-agent-capacity.command.js';
import { GetAssignmentRulesQuery } from '../application/queries/get-assignment-rules/get-assignment-rules.query.js';
import { ListAgentsQuery } from '../application/queries/list-agents/list-agents.query.js';
import { AgentCapacityDto, AgentListQueryDto, AgentLoadPageDto, AssignmentRulePageDto, ReplaceRulesDto } from './dto/assignment.dto.js';

@ApiTags('Tickets')
@ApiBearerAuth()
@Controller('api/v1')
export class TicketAssignmentController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get('ticket-assignment-rules')
  @RequirePermissions('ticket:read')
  @ApiOperation({ summary: 'Assignment rules [分派规则], in the order they are tried' })
  @ApiOkResponse({ type: AssignmentRulePageDto })
  @ApiProblems(400, 401, 403)
  rules(): Promise<AssignmentRulePageDto> {
    return this.queries.execute(new GetAssignmentRulesQuery());
  }

  @Put('ticket-assignment-rules')
  @RequirePermissions('ticket:configure')
  @ApiOperation({
    summary: 'Replace the assignment rules [分派规则]',
    description:
      'Ordered rules on region, channel, type and product line; the first match routes a new ticket to its team, where round-robin or least-busy picks an agent with room under their capacity.',
  })
  @ApiOkResponse({ type: AssignmentRulePageDto })
  @ApiProblems(400, 401, 403, [404, 'A team does not exist or has no members (`TICKET.TEAM_NOT_FOUND`).'])
  async replaceRules(@Body() body: ReplaceRulesDto): Promise<AssignmentRulePageDto> {
    return wholeList(await this.commands.execute(new ReplaceAssignmentRulesCommand(body.rules)));
  }

  @Get('ticket-agents')
  @RequirePermissions('ticket:read')
  @ApiOperation({ summary: "A team's agents with capacity and open tickets [坐席负载]" })
  @ApiOkResponse({ type: AgentLoadPageDto })
  @ApiProblems(400, 401, 403, [404, '`TICKET.TEAM_NOT_FOUND`'])
  agents(@Query() query: AgentListQueryDto): Promise<AgentLoadPageDto> {
    return this.queries.execute(new ListAgentsQuery(query.teamId ?? null));
  }

  @Put('ticket-agents/:userId/capacity')
  @RequirePermissions('ticket:configure')
  @HttpCode(200)
  @ApiOperation({
    summary: "Set an agent's capacity [接单上限]",
    description: 'Open tickets the agent may hold at once; automatic assignment and grabs respect it.',
  })
  @ApiOkResponse({ type: AgentCapacityDto })
  @ApiProblems(400, 401, 403, [422, 'Not an active user (`TICKET.HANDLER_NOT_ACTIVE`).'])
  async setCapacity(@Param('userId', UuidParam) userId: string, @Body() body: AgentCapacityDto): Promise<AgentCapacityDto> {
    await this.commands.execute(new SetAgentCapacityCommand(userId, body.capacity));
    return { capacity: body.capacity };
  }
}
