import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiProblems, CurrentActor, DEFAULT_PAGE_SIZE, etagFor, expectedVersionFrom, RequirePermissions, UuidParam, type Actor } from '@crm/platform';
import { CloseTaskCommand } from '../application/commands/close-task/close-task.command.js';
import { CreateTaskCommand } from '../application/commands/create-task/create-task.command.js';
import { ListTasksQuery } from '../application/queries/list-tasks/list-tasks.query.js';
import { CloseTaskDto, CreateTaskDto, TaskDto, TaskListQueryDto, TaskPageDto } from './dto/task.dto.js';

/** Tasks [任务]: calls, visits and meetings planned on opportunities and customers, closed with a result. */
@ApiTags('Tasks')
@ApiBearerAuth()
@Controller('api/v1/tasks')
export class TasksController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @RequirePermissions('opportunity:update')
  @ApiOperation({
    summary: 'Plan a task [新建任务]',
    description:
      'A call, visit or meeting on an opportunity you may change or a customer you work, due at a time, for yourself or a person in your scope. Its assignee is reminded once (the task-due event), 30 minutes before it is due (or at the first scan after, when overdue).',
  })
  @ApiCreatedResponse({ type: TaskDto, description: '`ETag` header set.' })
  @ApiProblems(
    400,
    401,
    403,
    [404, 'No such opportunity or customer, or outside your scope (`OPPORTUNITY.NOT_FOUND`, `CUSTOMER.NOT_FOUND`).'],
    [422, 'An assignee outside your scope or inactive (`OPPORTUNITY.TASK_ASSIGNEE_INVALID`).'],
  )
  async create(@CurrentActor() actor: Actor, @Body() body: CreateTaskDto, @Res({ passthrough: true }) response: Response): Promise<TaskDto> {
    const task = await this.commands.execute(new CreateTaskCommand(actor, { ...body, dueAt: new Date(body.dueAt) }));
    response.setHeader('ETag', etagFor(task.version));
    return task;
  }

  @Get()
  @RequirePermissions('opportunity:read')
  @ApiOperation({
    summary: 'My tasks [我的任务]',
    description:
      'Open tasks by due time: `due=today` (today in the company time zone) or `due=overdue`; your own, or an assignee in your scope (anyone else: empty).',
  })
  @ApiOkResponse({ type: TaskPageDto })
  @ApiProblems(400, 401, 403)
  list(@CurrentActor() actor: Actor, @Query() query: TaskListQueryDto): Promise<TaskPageDto> {
    return this.queries.execute(new ListTasksQuery(actor, query.due, query.assigneeId, query.limit ?? DEFAULT_PAGE_SIZE, query.cursor));
  }

  @Post(':id/completion')
  @HttpCode(200)
  @RequirePermissions('opportunity:update')
  @ApiOperation({
    summary: 'Close a task with its result [完成任务]',
    description:
      'By the assignee or someone with the assignee in scope. With `recordActivity` (a task on an opportunity) the result is also recorded as the opportunity’s activity of the same kind, and so as a follow-up on the customer.',
  })
  @ApiHeader({ name: 'If-Match', required: false, description: 'ETag of the task; 412 when it changed since.' })
  @ApiOkResponse({ type: TaskDto })
  @ApiProblems(
    400,
    401,
    403,
    [404, 'No such task, or not yours nor assigned within your scope (`OPPORTUNITY.TASK_NOT_FOUND`).'],
    [409, 'Closed already (`OPPORTUNITY.TASK_CLOSED`), or the opportunity is won or lost (`OPPORTUNITY.CLOSED`).'],
    412,
    [422, 'An activity without an opportunity (`OPPORTUNITY.TASK_ACTIVITY_NEEDS_OPPORTUNITY`).'],
  )
  async close(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() body: CloseTaskDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<TaskDto> {
    const task = await this.commands.execute(new CloseTaskCommand(actor, id, body.resultNote, body.recordActivity ?? false, expectedVersionFrom(ifMatch)));
    response.setHeader('ETag', etagFor(task.version));
    return task;
  }
}
