import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
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
import { AddTicketRecordCommand } from '../application/commands/add-ticket-record/add-ticket-record.command.js';
import { AssignTicketCommand } from '../application/commands/assign-ticket/assign-ticket.command.js';
import { ChangeTicketStatusCommand } from '../application/commands/change-ticket-status/change-ticket-status.command.js';
import { EscalateTicketCommand } from '../application/commands/escalate-ticket/escalate-ticket.command.js';
import { FileTicketCommand } from '../application/commands/file-ticket/file-ticket.command.js';
import { GrabTicketCommand } from '../application/commands/grab-ticket/grab-ticket.command.js';
import { OverrideEligibilityCommand } from '../application/commands/override-eligibility/override-eligibility.command.js';
import { TransferTicketCommand } from '../application/commands/transfer-ticket/transfer-ticket.command.js';
import { GetStatusHistoryQuery } from '../application/queries/get-status-history/get-status-history.query.js';
import { GetTicketQuery } from '../application/queries/get-ticket/get-ticket.query.js';
import { ListTicketRecordsQuery } from '../application/queries/list-ticket-records/list-ticket-records.query.js';
import { ListTicketsQuery } from '../application/queries/list-tickets/list-tickets.query.js';
import { TicketReader } from '../application/queries/ticket-reader.js';
import {
  TicketRecordInputDto,
  TicketAssignDto,
  TicketEscalateDto,
  FileTicketDto,
  EligibilityOverrideInputDto,
  TicketStatusChangeDto,
  TicketListQueryDto,
  TicketTransferDto,
} from './dto/ticket.dto.js';
import { RecordAddedDto, StatusHistoryPageDto, TicketChangeResultDto, TicketDto, TicketPageDto, TicketRecordPageDto } from './dto/ticket-response.dto.js';

const IDEMPOTENCY_HEADER = { name: 'Idempotency-Key', required: false, description: 'Makes a retry safe: the same key replays the first response.' };
const IF_MATCH_HEADER = { name: 'If-Match', required: false, description: 'ETag from GET; 412 when the ticket changed since.' };
const NOT_FOUND = [404, 'No such ticket, or outside your reach (`TICKET.NOT_FOUND`).'] as [number, string];

@ApiTags('Tickets')
@ApiBearerAuth()
@Controller('api/v1/tickets')
export class TicketsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly reader: TicketReader,
  ) {}

  @Post()
  @RequirePermissions('ticket:create')
  @ApiOperation({
    summary: 'File a ticket [建单]',
    description:
      "For a customer you can see. The Contract/Order context is asked whether the customer is entitled to service [该不该服务] (completed order, warranty, contract in force covering the product); the verdict is stored on the ticket with each check. Per ticket type: refused (422 `TICKET.NOT_ELIGIBLE` with `reasons`), accepted flagged (needs a supervisor's override before work), or not checked. Then the assignment rules route it to a team and agent [自动分派], unless you name them (`ticket:assign`).",
  })
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiCreatedResponse({ type: TicketDto, description: '`Location` and `ETag` set.' })
  @ApiProblems(
    400,
    401,
    [403, 'Missing permission, or naming a team / handler without `ticket:assign`.'],
    [
      404,
      'Customer (`CUSTOMER.NOT_FOUND`), contact (`TICKET.CONTACT_NOT_FOUND`), type (`TICKET_TYPE.NOT_FOUND`) or team (`TICKET.TEAM_NOT_FOUND`) not found or out of reach.',
    ],
    [422, 'Not entitled to service (`TICKET.NOT_ELIGIBLE`, with `reasons`), type switched off (`TICKET_TYPE.INACTIVE`), unknown product, inactive handler.'],
  )
  async file(@CurrentActor() actor: Actor, @Body() body: FileTicketDto, @Res({ passthrough: true }) response: Response): Promise<TicketDto> {
    const { ticketId } = await this.commands.execute(
      new FileTicketCommand(
        { kind: 'staff', actor },
        {
          customerId: body.customerId,
          contactId: body.contactId ?? null,
          typeId: body.typeId,
          title: body.title,
          description: body.description,
          priority: body.priority ?? 'normal',
          channel: body.channel,
          productId: body.productId ?? null,
          orderId: body.orderId ?? null,
          contractId: body.contractId ?? null,
          teamId: body.teamId ?? null,
          handlerId: body.handlerId ?? null,
        },
      ),
    );
    response.setHeader('Location', `/api/v1/tickets/${ticketId}`);
    const ticket = await this.queries.execute(new GetTicketQuery(actor, ticketId));
    response.setHeader('ETag', etagFor(ticket.version));
    return ticket;
  }

  @Get()
  @RequirePermissions('ticket:read')
  @ApiOperation({
    summary: 'List tickets [工单列表]',
    description: "Your team's tickets, those you handle, filed or go on site for; supervisors also by data scope. Newest first.",
  })
  @ApiOkResponse({ type: TicketPageDto })
  @ApiProblems(400, 401, 403)
  list(@CurrentActor() actor: Actor, @Query() query: TicketListQueryDto): Promise<TicketPageDto> {
    const { limit, cursor, ...filters } = query;
    return this.queries.execute(new ListTicketsQuery(actor, filters, limit ?? DEFAULT_PAGE_SIZE, cursor));
  }

  @Get(':id')
  @RequirePermissions('ticket:read')
  @ApiOperation({ summary: 'Get a ticket [工单详情], with its eligibility verdict' })
  @ApiOkResponse({ type: TicketDto, description: '`ETag` header set.' })
  @ApiProblems(400, 401, 403, NOT_FOUND)
  async get(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Res({ passthrough: true }) response: Response): Promise<TicketDto> {
    const ticket = await this.queries.execute(new GetTicketQuery(actor, id));
    response.setHeader('ETag', etagFor(ticket.version));
    return ticket;
  }

  @Post(':id/status-changes')
  @RequirePermissions('ticket:work')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Change the status of a ticket [工单状态]',
    description:
      'new → assigned → in progress → waiting on customer → resolved → closed; reopen within the type’s window; cancel. Illegal moves are 409 `TICKET.ILLEGAL_TRANSITION` with the current status (`currentStatus`). Every change is kept in the status history with who and when.',
  })
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiHeader(IF_MATCH_HEADER)
  @ApiOkResponse({ type: TicketChangeResultDto, description: 'New `ETag`.' })
  @ApiProblems(
    [400, 'Invalid input; a resolution (`TICKET.RESOLUTION_REQUIRED`) or reason (`TICKET.REASON_REQUIRED`) missing.'],
    401,
    403,
    NOT_FOUND,
    [409, 'Illegal transition (`TICKET.ILLEGAL_TRANSITION`, with `currentStatus`), or a concurrent change.'],
    412,
    [422, 'Reopen window passed (`TICKET.REOPEN_WINDOW_PASSED`); flagged ineligible, not overridden (`TICKET.ELIGIBILITY_OVERRIDE_REQUIRED`).'],
  )
  async changeStatus(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() body: TicketStatusChangeDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<TicketChangeResultDto> {
    await this.commands.execute(
      new ChangeTicketStatusCommand(
        { kind: 'staff', actor },
        id,
        body.to,
        { resolution: body.resolution ?? null, reason: body.reason ?? null },
        expectedVersionFrom(ifMatch),
      ),
    );
    return this.changed(id, response);
  }

  @Post(':id/records')
  @RequirePermissions('ticket:work')
  @ApiOperation({
    summary: 'Add a handling record [处理记录]',
    description:
      'An internal note [内部备注] or a reply to the customer [回复客户]. The first public reply is the first response [首次响应] (event `ticket.first-responded`); the handler’s reply starts work on an assigned ticket.',
  })
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiCreatedResponse({ type: RecordAddedDto })
  @ApiProblems(400, 401, 403, NOT_FOUND, [409, 'The ticket is closed or cancelled (`TICKET.ILLEGAL_TRANSITION`).'])
  addRecord(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Body() body: TicketRecordInputDto): Promise<RecordAddedDto> {
    return this.commands.execute(new AddTicketRecordCommand({ kind: 'staff', actor }, id, body.kind, body.body));
  }

  @Get(':id/records')
  @RequirePermissions('ticket:read')
  @ApiOperation({ summary: 'Handling records of a ticket [处理记录], oldest first' })
  @ApiOkResponse({ type: TicketRecordPageDto })
  @ApiProblems(400, 401, 403, NOT_FOUND)
  records(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Query() query: PageQueryDto): Promise<TicketRecordPageDto> {
    return this.queries.execute(new ListTicketRecordsQuery({ kind: 'staff', actor }, id, query.limit ?? DEFAULT_PAGE_SIZE, query.cursor));
  }

  @Get(':id/status-history')
  @RequirePermissions('ticket:read')
  @ApiOperation({ summary: 'Status history of a ticket [状态历史]: from, to, when, by whom (SLA clocks are computed from it)' })
  @ApiOkResponse({ type: StatusHistoryPageDto })
  @ApiProblems(400, 401, 403, NOT_FOUND)
  statusHistory(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string): Promise<StatusHistoryPageDto> {
    return this.queries.execute(new GetStatusHistoryQuery(actor, id));
  }

  @Post(':id/assignments')
  @RequirePermissions('ticket:assign')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Assign a ticket by hand [手动分派]',
    description: 'To an agent (placed in their team) or to a team (its strategy picks an agent with room, or the ticket waits in the team queue).',
  })
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiHeader(IF_MATCH_HEADER)
  @ApiOkResponse({ type: TicketChangeResultDto })
  @ApiProblems(
    400,
    401,
    403,
    [404, 'No such ticket (`TICKET.NOT_FOUND`) or team (`TICKET.TEAM_NOT_FOUND`).'],
    [409, 'The ticket is no longer open (`TICKET.ILLEGAL_TRANSITION`).'],
    412,
    [422, 'Inactive handler (`TICKET.HANDLER_NOT_ACTIVE`).'],
  )
  async assign(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() body: TicketAssignDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<TicketChangeResultDto> {
    await this.commands.execute(
      new AssignTicketCommand(actor, id, { teamId: body.teamId ?? null, handlerId: body.handlerId ?? null }, expectedVersionFrom(ifMatch)),
    );
    return this.changed(id, response);
  }

  @Post(':id/grabs')
  @RequirePermissions('ticket:work')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Grab a ticket from your team queue [抢单]',
    description:
      'Members of the ticket’s team take an unassigned ticket within their capacity. Of several grabs at once exactly one wins; the others get 409 `TICKET.ALREADY_TAKEN`.',
  })
  @ApiOkResponse({ type: TicketChangeResultDto })
  @ApiProblems(
    400,
    401,
    [403, 'Not a member of the ticket’s team (`TICKET.NOT_IN_TEAM`).'],
    NOT_FOUND,
    [409, 'Someone took it first (`TICKET.ALREADY_TAKEN`), or it is no longer open.'],
    [422, 'You are at capacity (`TICKET.CAPACITY_REACHED`).'],
  )
  async grab(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Res({ passthrough: true }) response: Response): Promise<TicketChangeResultDto> {
    await this.commands.execute(new GrabTicketCommand(actor, id));
    return this.changed(id, response);
  }

  @Post(':id/transfers')
  @RequirePermissions('ticket:work')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Transfer a ticket [转派]',
    description: 'To another agent, or to a team (its strategy picks the agent, or it waits in the queue), with a reason. You may no longer see it afterwards.',
  })
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiHeader(IF_MATCH_HEADER)
  @ApiOkResponse({ type: TicketChangeResultDto })
  @ApiProblems(
    400,
    401,
    403,
    [404, 'No such ticket (`TICKET.NOT_FOUND`) or team (`TICKET.TEAM_NOT_FOUND`).'],
    [409, 'Already with that agent (`TICKET.SAME_HANDLER`), or no longer open (`TICKET.ILLEGAL_TRANSITION`).'],
    412,
    [422, 'Inactive handler (`TICKET.HANDLER_NOT_ACTIVE`).'],
  )
  async transfer(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() body: TicketTransferDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<TicketChangeResultDto> {
    await this.commands.execute(
      new TransferTicketCommand(actor, id, { teamId: body.teamId ?? null, handlerId: body.handlerId ?? null }, body.reason, expectedVersionFrom(ifMatch)),
    );
    return this.changed(id, response);
  }

  @Post(':id/escalations')
  @RequirePermissions('ticket:work')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Escalate a ticket [升级]',
    description: "To the next tier: the named supervisor, or the handler's manager [直属上级]. The SLA scan escalates the same way on a warning or breach.",
  })
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiOkResponse({ type: TicketChangeResultDto })
  @ApiProblems(
    400,
    401,
    403,
    NOT_FOUND,
    [409, 'No longer open (`TICKET.ILLEGAL_TRANSITION`).'],
    [422, 'Nobody to escalate to (`TICKET.NO_ESCALATION_TARGET`), inactive user.'],
  )
  async escalate(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() body: TicketEscalateDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<TicketChangeResultDto> {
    const { escalated } = await this.commands.execute(
      new EscalateTicketCommand({ ticketId: id, reason: body.reason, trigger: 'manual', toUserId: body.toUserId ?? null, actor }),
    );
    return { ...(await this.changed(id, response)), escalated };
  }

  @Post(':id/eligibility-override')
  @RequirePermissions('ticket:supervise')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Override an ineligible verdict [资格特批]',
    description:
      'A supervisor accepts a ticket flagged as not entitled to service, with a reason; kept on the verdict and audited (event `ticket.eligibility-overridden`).',
  })
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiOkResponse({ type: TicketChangeResultDto })
  @ApiProblems(400, 401, 403, NOT_FOUND, [409, 'Nothing to override (`TICKET.NOTHING_TO_OVERRIDE`).'])
  async overrideEligibility(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() body: EligibilityOverrideInputDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<TicketChangeResultDto> {
    await this.commands.execute(new OverrideEligibilityCommand(actor, id, body.reason));
    return this.changed(id, response);
  }

  private async changed(ticketId: string, response: Response): Promise<TicketChangeResultDto> {
    const summary = await this.reader.summary(ticketId);
    response.setHeader('ETag', etagFor(summary.version));
    return summary;
  }
}
