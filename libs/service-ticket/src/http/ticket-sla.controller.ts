import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { ApiProblems, CurrentActor, RequirePermissions, UuidParam, type Actor } from '@crm/platform';
import { GetTicketSlaClocksQuery, type SlaClockView } from '../application/queries/get-ticket-sla-clocks/get-ticket-sla-clocks.query.js';

class SlaClockDto {
  @ApiProperty({ enum: ['first-response', 'resolution'], description: 'First response [首次响应] or resolution [解决].' }) metric: SlaClockView['metric'];
  @ApiProperty({ format: 'uuid', description: 'The policy whose target gives the earliest deadline.' }) policyId: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'The business calendar counted on (null: the built-in one).' })
  calendarId: string | null;
  @ApiProperty({ type: 'integer', description: 'Target in business minutes.' }) targetMinutes: number;
  @ApiProperty({ format: 'date-time' }) startedAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'Warning threshold [预警时间].' }) warnAt: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'Deadline [截止时间]; null while paused before it.' })
  deadlineAt: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) achievedAt: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'Waiting on the customer since [暂停计时].' }) pausedSince: string | null;
  @ApiProperty({ enum: ['running', 'paused', 'met', 'missed', 'stopped', 'breached'] }) state: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'When the warning was raised (once).' }) warnedAt: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'When the breach was recorded [违约] (once; it stays).' })
  breachedAt: string | null;
}

class SlaClockListDto {
  @ApiProperty({ type: [SlaClockDto] }) items: SlaClockDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Always null: one or two clocks.' }) nextCursor: null;
}

/** A ticket's SLA clocks, as computed from its history on its team's business calendar. */
@ApiTags('Business calendars and SLA')
@ApiBearerAuth()
@Controller('api/v1/tickets')
export class TicketSlaController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id/sla-clocks')
  @RequirePermissions('ticket:read')
  @ApiOperation({
    summary: "A ticket's SLA clocks [SLA计时]",
    description:
      'First response and resolution deadlines computed from the ticket’s history on its team’s business calendar: waiting on the customer pauses them, time outside business hours never counts. A recorded breach stays.',
  })
  @ApiOkResponse({ type: SlaClockListDto })
  @ApiProblems(400, 401, 403, [404, 'No such ticket, or outside your reach.'])
  clocks(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string): Promise<SlaClockListDto> {
    return this.queries.execute(new GetTicketSlaClocksQuery(actor, id)) as unknown as Promise<SlaClockListDto>;
  }
}
