import { Body, Controller, Get, Headers, Param, Patch, Post, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiProblems, etagFor, expectedVersionFrom, RequirePermissions, UuidParam } from '@crm/platform';
import { CreateTicketTypeCommand } from '../application/commands/create-ticket-type/create-ticket-type.command.js';
import { UpdateTicketTypeCommand } from '../application/commands/update-ticket-type/update-ticket-type.command.js';
import { ListTicketTypesQuery, type TicketTypeView } from '../application/queries/list-ticket-types/list-ticket-types.query.js';
import { TicketErrors } from '../domain/ticket.errors.js';
import { CreateTicketTypeDto, TicketTypeDto, TicketTypePageDto, UpdateTicketTypeDto } from './dto/ticket.dto.js';

@ApiTags('Tickets')
@ApiBearerAuth()
@Controller('api/v1/ticket-types')
export class TicketTypesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get()
  @RequirePermissions('ticket:read')
  @ApiOperation({
    summary: 'The ticket type tree [工单类型 / 多级分类]',
    description: 'Every type, parents before children, with its eligibility policy and reopen window.',
  })
  @ApiOkResponse({ type: TicketTypePageDto })
  @ApiProblems(400, 401, 403)
  list(): Promise<TicketTypePageDto> {
    return this.queries.execute(new ListTicketTypesQuery(false));
  }

  @Get(':id')
  @RequirePermissions('ticket:read')
  @ApiOperation({ summary: 'One ticket type [工单类型]' })
  @ApiOkResponse({ type: TicketTypeDto, description: '`ETag` header set.' })
  @ApiProblems(400, 401, 403, [404, '`TICKET_TYPE.NOT_FOUND`'])
  async get(@Param('id', UuidParam) id: string, @Res({ passthrough: true }) response: Response): Promise<TicketTypeDto> {
    const type = await this.find(id);
    response.setHeader('ETag', etagFor(type.version));
    return type;
  }

  @Post()
  @RequirePermissions('ticket:configure')
  @ApiOperation({ summary: 'Add a ticket type [新增工单类型]', description: 'At the top or under a parent, four levels at most.' })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ type: TicketTypeDto })
  @ApiProblems(
    400,
    401,
    403,
    [404, 'No such parent (`TICKET_TYPE.NOT_FOUND`).'],
    [409, 'Same name at that level (`TICKET_TYPE.DUPLICATE`).'],
    [422, 'Too deep (`TICKET_TYPE.TOO_DEEP`).'],
  )
  async create(@Body() body: CreateTicketTypeDto, @Res({ passthrough: true }) response: Response): Promise<TicketTypeDto> {
    const { parentId, active, ...input } = body;
    const { typeId } = await this.commands.execute(new CreateTicketTypeCommand(parentId ?? null, { ...input, active: active ?? true }));
    const type = await this.find(typeId);
    response.setHeader('Location', `/api/v1/ticket-types/${typeId}`);
    response.setHeader('ETag', etagFor(type.version));
    return type;
  }

  @Patch(':id')
  @RequirePermissions('ticket:configure')
  @ApiOperation({
    summary: 'Change a ticket type [编辑工单类型]',
    description: 'Name, eligibility policy, reopen window, active flag; tickets already filed keep their verdict.',
  })
  @ApiHeader({ name: 'If-Match', required: false })
  @ApiOkResponse({ type: TicketTypeDto })
  @ApiProblems(400, 401, 403, [404, '`TICKET_TYPE.NOT_FOUND`'], [409, '`TICKET_TYPE.DUPLICATE`, or a concurrent change.'], 412)
  async update(
    @Param('id', UuidParam) id: string,
    @Body() body: UpdateTicketTypeDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<TicketTypeDto> {
    await this.commands.execute(new UpdateTicketTypeCommand(id, body, expectedVersionFrom(ifMatch)));
    const type = await this.find(id);
    response.setHeader('ETag', etagFor(type.version));
    return type;
  }

  private async find(id: string): Promise<TicketTypeView> {
    const type = (await this.queries.execute(new ListTicketTypesQuery(false))).items.find((candidate) => candidate.id === id);
    if (!type) throw TicketErrors.typeNotFound();
    return type;
  }
}
