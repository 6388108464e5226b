import { Body, Controller, Get, Headers, Param, Post, Put, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiProblems, etagFor, expectedVersionFrom, RequirePermissions, UuidParam, wholeList } from '@crm/platform';
import { SaveBusinessCalendarCommand } from '../application/commands/save-business-calendar/save-business-calendar.command.js';
import { GetBusinessCalendarQuery, ListBusinessCalendarsQuery } from '../application/queries/list-business-calendars/business-calendar.queries.js';
import { DEFAULT_TIME_ZONE } from '../domain/business-calendar.js';
import type { CalendarInput } from '../infrastructure/sla-configuration.repository.js';
import { CalendarDto, CalendarListDto, SaveCalendarDto } from './dto/sla.dto.js';

const inputOf = (body: SaveCalendarDto): CalendarInput => ({
  name: body.name,
  timeZone: body.timeZone ?? DEFAULT_TIME_ZONE,
  workingDays: [...body.workingDays].sort(),
  periods: body.periods.map(({ start, end }) => ({ start, end })),
  exceptions: (body.exceptions ?? []).map((exception) => ({
    date: exception.date,
    kind: exception.kind,
    ...(exception.name ? { name: exception.name } : {}),
    ...(exception.periods ? { periods: exception.periods.map(({ start, end }) => ({ start, end })) } : {}),
  })),
  teamIds: body.teamIds ?? [],
  isDefault: body.isDefault ?? false,
});

const INVALID: [number, string] = [400, 'Invalid input, or `BUSINESS_CALENDAR.INVALID` (unknown time zone, overlapping periods, a date listed twice).'];

/** Business calendars [工作日历] the SLA clocks run on. */
@ApiTags('Business calendars and SLA')
@ApiBearerAuth()
@Controller('api/v1/business-calendars')
export class BusinessCalendarsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @RequirePermissions('sla:configure')
  @ApiOperation({
    summary: 'Create a business calendar [新建工作日历]',
    description: 'Working days and periods in a time zone, holidays [节假日] and make-up working days [调休], the teams it applies to.',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ type: CalendarDto, description: '`Location` and `ETag` set.' })
  @ApiProblems(INVALID, 401, 403)
  async create(@Body() body: SaveCalendarDto, @Res({ passthrough: true }) response: Response): Promise<CalendarDto> {
    const { calendarId } = await this.commands.execute(new SaveBusinessCalendarCommand(null, inputOf(body), undefined));
    response.setHeader('Location', `/api/v1/business-calendars/${calendarId}`);
    return this.answer(calendarId, response);
  }

  @Get()
  @RequirePermissions('sla:read')
  @ApiOperation({ summary: 'Business calendars [工作日历列表]', description: 'The default first; one short list.' })
  @ApiOkResponse({ type: CalendarListDto })
  @ApiProblems(400, 401, 403)
  async list(): Promise<CalendarListDto> {
    return wholeList(await this.queries.execute(new ListBusinessCalendarsQuery())) as CalendarListDto;
  }

  @Get(':id')
  @RequirePermissions('sla:read')
  @ApiOperation({ summary: 'A business calendar [工作日历]' })
  @ApiOkResponse({ type: CalendarDto, description: '`ETag` set.' })
  @ApiProblems(400, 401, 403, [404, '`BUSINESS_CALENDAR.NOT_FOUND`'])
  get(@Param('id', UuidParam) id: string, @Res({ passthrough: true }) response: Response): Promise<CalendarDto> {
    return this.answer(id, response);
  }

  @Put(':id')
  @RequirePermissions('sla:configure')
  @ApiOperation({
    summary: 'Replace a business calendar [修改工作日历]',
    description: 'Open tickets on it get their SLA deadlines recomputed; breaches already recorded stay.',
  })
  @ApiHeader({ name: 'If-Match', required: false, description: 'ETag from GET; 412 when it changed since.' })
  @ApiOkResponse({ type: CalendarDto, description: 'New `ETag`.' })
  @ApiProblems(INVALID, 401, 403, [404, '`BUSINESS_CALENDAR.NOT_FOUND`'], 409, 412)
  async replace(
    @Param('id', UuidParam) id: string,
    @Body() body: SaveCalendarDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CalendarDto> {
    await this.commands.execute(new SaveBusinessCalendarCommand(id, inputOf(body), expectedVersionFrom(ifMatch)));
    return this.answer(id, response);
  }

  private async answer(id: string, response: Response): Promise<CalendarDto> {
    const calendar = await this.queries.execute(new GetBusinessCalendarQuery(id));
    response.setHeader('ETag', etagFor(calendar.version));
    return calendar as CalendarDto;
  }
}
