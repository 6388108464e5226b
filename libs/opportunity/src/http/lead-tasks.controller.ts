import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, CurrentActor, DEFAULT_PAGE_SIZE, PageQueryDto, RequirePermissions, UuidParam, type Actor } from '@crm/platform';
import { ListLeadTasksQuery } from '../application/queries/list-lead-tasks/list-lead-tasks.query.js';
import { TaskPageDto } from './dto/task.dto.js';

/** Tasks on a lead [线索任务]: planned with `POST /api/v1/tasks` and `leadId`. */
@ApiTags('Tasks')
@ApiBearerAuth()
@Controller('api/v1/leads')
export class LeadTasksController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id/tasks')
  @RequirePermissions('opportunity:read')
  @ApiOperation({
    summary: "A lead's tasks [线索任务]",
    description: 'Every task planned on a lead you can see (its pool, its owner or your data scope), open and done, by due time.',
  })
  @ApiOkResponse({ type: TaskPageDto })
  @ApiProblems(400, 401, 403, [404, 'No such lead, or outside your pools and data scope (`LEAD.NOT_FOUND`).'])
  list(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Query() query: PageQueryDto): Promise<TaskPageDto> {
    return this.queries.execute(new ListLeadTasksQuery(actor, id, query.limit ?? DEFAULT_PAGE_SIZE, query.cursor));
  }
}
