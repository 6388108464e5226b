import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiProblems, CurrentActor, etagFor, RequirePermissions, UuidParam, type Actor } from '@crm/platform';
import { ProgressWorkOrderCommand, type WorkOrderStep } from '../application/commands/progress-work-order/progress-work-order.command.js';
import { ScheduleWorkOrderCommand } from '../application/commands/schedule-work-order/schedule-work-order.command.js';
import { ListWorkOrdersQuery, type WorkOrderView } from '../application/queries/list-work-orders/list-work-orders.query.js';
import { CheckOutDto, ScheduleWorkOrderDto, SignOffDto, WorkOrderDto, WorkOrderPageDto } from './dto/work-order.dto.js';

const NOT_FOUND = [404, 'No such ticket (`TICKET.NOT_FOUND`) or work order (`WORK_ORDER.NOT_FOUND`) within your reach.'] as [number, string];
const ORDER_STEP = [409, 'Steps go check-in → check-out → sign-off (`WORK_ORDER.ILLEGAL_TRANSITION`, with `currentStatus`).'] as [number, string];

@ApiTags('Tickets')
@ApiBearerAuth()
@Controller('api/v1/tickets/:id/work-orders')
export class WorkOrdersController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @RequirePermissions('ticket:work')
  @ApiOperation({
    summary: 'Schedule a field work order [现场工单]',
    description: 'A child of an open ticket for an on-site technician: address, appointment window, technician. It follows the ticket’s SLA.',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ type: WorkOrderDto, description: '`Location` and `ETag` set.' })
  @ApiProblems(
    [400, 'Invalid input; the window must end after it starts (`WORK_ORDER.INVALID_APPOINTMENT`).'],
    401,
    403,
    NOT_FOUND,
    [409, 'The ticket is no longer open (`TICKET.ILLEGAL_TRANSITION`).'],
    [422, 'The technician is not an active user (`TICKET.HANDLER_NOT_ACTIVE`).'],
  )
  async schedule(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) ticketId: string,
    @Body() body: ScheduleWorkOrderDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<WorkOrderDto> {
    const { workOrderId } = await this.commands.execute(
      new ScheduleWorkOrderCommand(actor, ticketId, {
        address: body.address,
        appointmentStart: new Date(body.appointmentStart),
        appointmentEnd: new Date(body.appointmentEnd),
        technicianId: body.technicianId,
        notes: body.notes ?? null,
      }),
    );
    response.setHeader('Location', `/api/v1/tickets/${ticketId}/work-orders/${workOrderId}`);
    return this.one(actor, ticketId, workOrderId, response);
  }

  @Get()
  @RequirePermissions('ticket:read')
  @ApiOperation({ summary: "A ticket's field work orders [现场工单]" })
  @ApiOkResponse({ type: WorkOrderPageDto })
  @ApiProblems(400, 401, 403, NOT_FOUND)
  list(@CurrentActor() actor: Actor, @Param('id', UuidParam) ticketId: string): Promise<WorkOrderPageDto> {
    return this.queries.execute(new ListWorkOrdersQuery(actor, ticketId));
  }

  @Get(':workOrderId')
  @RequirePermissions('ticket:read')
  @ApiOperation({ summary: 'One field work order [现场工单]' })
  @ApiOkResponse({ type: WorkOrderDto, description: '`ETag` set.' })
  @ApiProblems(400, 401, 403, NOT_FOUND)
  get(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) ticketId: string,
    @Param('workOrderId', UuidParam) workOrderId: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<WorkOrderDto> {
    return this.one(actor, ticketId, workOrderId, response);
  }

  @Post(':workOrderId/check-ins')
  @RequirePermissions('ticket:work')
  @HttpCode(200)
  @ApiOperation({ summary: 'Check in on site [签到]' })
  @ApiOkResponse({ type: WorkOrderDto })
  @ApiProblems(400, 401, 403, NOT_FOUND, ORDER_STEP)
  checkIn(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) ticketId: string,
    @Param('workOrderId', UuidParam) workOrderId: string,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.step(actor, ticketId, workOrderId, { action: 'check-in' }, response);
  }

  @Post(':workOrderId/check-outs')
  @RequirePermissions('ticket:work')
  @HttpCode(200)
  @ApiOperation({ summary: 'Check out [签退] with the result and the parts used' })
  @ApiOkResponse({ type: WorkOrderDto })
  @ApiProblems(400, 401, 403, NOT_FOUND, ORDER_STEP)
  checkOut(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) ticketId: string,
    @Param('workOrderId', UuidParam) workOrderId: string,
    @Body() body: CheckOutDto,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.step(actor, ticketId, workOrderId, { action: 'check-out', result: body.result, partsUsed: body.partsUsed }, response);
  }

  @Post(':workOrderId/sign-offs')
  @RequirePermissions('ticket:work')
  @HttpCode(200)
  @ApiOperation({ summary: "The customer's sign-off [客户签字确认]" })
  @ApiOkResponse({ type: WorkOrderDto })
  @ApiProblems(400, 401, 403, NOT_FOUND, ORDER_STEP)
  signOff(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) ticketId: string,
    @Param('workOrderId', UuidParam) workOrderId: string,
    @Body() body: SignOffDto,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.step(actor, ticketId, workOrderId, { action: 'sign-off', signedBy: body.signedBy }, response);
  }

  private async step(actor: Actor, ticketId: string, workOrderId: string, step: WorkOrderStep, response: Response): Promise<WorkOrderDto> {
    await this.commands.execute(new ProgressWorkOrderCommand(actor, ticketId, workOrderId, step));
    return this.one(actor, ticketId, workOrderId, response);
  }

  private async one(actor: Actor, ticketId: string, workOrderId: string, response: Response): Promise<WorkOrderView> {
    const [order] = (await this.queries.execute(new ListWorkOrdersQuery(actor, ticketId, workOrderId))).items as [WorkOrderView];
    response.setHeader('ETag', etagFor(order.version));
    return order;
  }
}
