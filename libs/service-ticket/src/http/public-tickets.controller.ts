import { Body, Controller, Get, HttpCode, Param, Post, Query, Res, UseGuards } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiProblems, DEFAULT_PAGE_SIZE, PageQueryDto, Public, UuidParam } from '@crm/platform';
import { AddTicketRecordCommand } from '../application/commands/add-ticket-record/add-ticket-record.command.js';
import { FileTicketCommand } from '../application/commands/file-ticket/file-ticket.command.js';
import { RateTicketCommand } from '../application/commands/rate-ticket/rate-ticket.command.js';
import { VerifyPortalVisitorCommand } from '../application/commands/verify-portal-visitor/verify-portal-visitor.command.js';
import { ListPublicTicketsQuery } from '../application/queries/list-public-tickets/list-public-tickets.query.js';
import { ListTicketRecordsQuery } from '../application/queries/list-ticket-records/list-ticket-records.query.js';
import { ListTicketTypesQuery } from '../application/queries/list-ticket-types/list-ticket-types.query.js';
import type { PortalVisitor } from '../application/ticket-principal.js';
import {
  PublicFileTicketDto,
  PublicReplyDto,
  PublicTicketDto,
  PublicTicketPageDto,
  RateTicketDto,
  VerifyVisitorDto,
  VisitorSessionDto,
} from './dto/public-ticket.dto.js';
import { RecordAddedDto, TicketRecordPageDto } from './dto/ticket-response.dto.js';
import { TicketTypePageDto } from './dto/ticket.dto.js';
import { CurrentVisitor, PortalGuard, PortalVerification } from './portal.guard.js';

const UNAUTHENTICATED = [401, 'No valid self-service token (`TICKET.PORTAL_TOKEN_INVALID`).'] as [number, string];
const NOT_FOUND = [404, 'None of your tickets has that id (`TICKET.NOT_FOUND`).'] as [number, string];
const RATE_LIMITED = [429, 'Too many requests from your address or with your token (`REQUEST.RATE_LIMITED`, `Retry-After`).'] as [number, string];

/**
 * Self-service tickets [自助服务]: no staff login. A contact proves who they are with a token staff
 * issued, or by phone and order number; they file, follow, reply to and rate only their own tickets
 * and see only the public replies. Rate limited per address and per token; any origin may call.
 */
@ApiTags('Self-service tickets')
@ApiBearerAuth()
@Public()
@UseGuards(PortalGuard)
@Controller('api/v1/public')
export class PublicTicketsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post('ticket-sessions')
  @PortalVerification()
  @ApiOperation({
    summary: 'Verify by phone and order number [手机号 + 订单号验证]',
    description:
      'A contact of the order’s customer with that phone gets a token valid for a day. Every mismatch is the same 401; attempts are limited per address.',
  })
  @ApiCreatedResponse({ type: VisitorSessionDto })
  @ApiProblems(400, [401, 'The phone and order number do not match (`TICKET.VERIFICATION_FAILED`).'], RATE_LIMITED)
  verify(@Body() body: VerifyVisitorDto): Promise<VisitorSessionDto> {
    return this.commands.execute(new VerifyPortalVisitorCommand(body.phone, body.orderNumber));
  }

  @Get('ticket-types')
  @ApiOperation({ summary: 'Ticket types to choose from [工单类型]', description: 'Active types only.' })
  @ApiOkResponse({ type: TicketTypePageDto })
  @ApiProblems(400, UNAUTHENTICATED, RATE_LIMITED)
  types(): Promise<TicketTypePageDto> {
    return this.queries.execute(new ListTicketTypesQuery(true));
  }

  @Post('tickets')
  @ApiOperation({
    summary: 'File a ticket yourself [自助报修 / 提交工单]',
    description:
      'For your own company, channel `self-service`. Eligibility is checked as for staff; a type that refuses ineligible requests answers 422 with the reasons.',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ type: PublicTicketDto, description: '`Location` set.' })
  @ApiProblems(
    400,
    UNAUTHENTICATED,
    [404, 'No such type (`TICKET_TYPE.NOT_FOUND`) or order of yours (`TICKET.ORDER_NOT_FOUND`).'],
    [422, 'Not entitled to service (`TICKET.NOT_ELIGIBLE`, with `reasons`); type switched off.'],
    RATE_LIMITED,
  )
  async file(
    @CurrentVisitor() visitor: PortalVisitor,
    @Body() body: PublicFileTicketDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<PublicTicketDto> {
    const { ticketId } = await this.commands.execute(
      new FileTicketCommand(
        { kind: 'portal', visitor },
        {
          customerId: null,
          contactId: null,
          typeId: body.typeId,
          title: body.title,
          description: body.description,
          priority: 'normal',
          channel: 'self-service',
          productId: body.productId ?? null,
          orderId: null,
          orderNumber: body.orderNumber ?? null,
          contractId: null,
          teamId: null,
          handlerId: null,
        },
      ),
    );
    response.setHeader('Location', `/api/v1/public/tickets/${ticketId}`);
    return this.one(visitor, ticketId);
  }

  @Get('tickets')
  @ApiOperation({ summary: 'Your tickets [我的工单], newest first' })
  @ApiOkResponse({ type: PublicTicketPageDto })
  @ApiProblems(400, UNAUTHENTICATED, RATE_LIMITED)
  list(@CurrentVisitor() visitor: PortalVisitor, @Query() query: PageQueryDto): Promise<PublicTicketPageDto> {
    return this.queries.execute(new ListPublicTicketsQuery(visitor, query.limit ?? DEFAULT_PAGE_SIZE, query.cursor));
  }

  @Get('tickets/:id')
  @ApiOperation({ summary: 'One of your tickets [工单详情]' })
  @ApiOkResponse({ type: PublicTicketDto })
  @ApiProblems(400, UNAUTHENTICATED, NOT_FOUND, RATE_LIMITED)
  get(@CurrentVisitor() visitor: PortalVisitor, @Param('id', UuidParam) id: string): Promise<PublicTicketDto> {
    return this.one(visitor, id);
  }

  @Get('tickets/:id/records')
  @ApiOperation({
    summary: 'The conversation on your ticket [沟通记录]',
    description: 'Replies from the service team and yours; internal notes are never shown.',
  })
  @ApiOkResponse({ type: TicketRecordPageDto })
  @ApiProblems(400, UNAUTHENTICATED, NOT_FOUND, RATE_LIMITED)
  records(@CurrentVisitor() visitor: PortalVisitor, @Param('id', UuidParam) id: string, @Query() query: PageQueryDto): Promise<TicketRecordPageDto> {
    return this.queries.execute(new ListTicketRecordsQuery({ kind: 'portal', visitor }, id, query.limit ?? DEFAULT_PAGE_SIZE, query.cursor));
  }

  @Post('tickets/:id/replies')
  @ApiOperation({ summary: 'Reply on your ticket [回复]', description: 'A ticket waiting on you goes back to work.' })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ type: RecordAddedDto })
  @ApiProblems(400, UNAUTHENTICATED, NOT_FOUND, [409, 'The ticket is closed or cancelled (`TICKET.ILLEGAL_TRANSITION`).'], RATE_LIMITED)
  reply(@CurrentVisitor() visitor: PortalVisitor, @Param('id', UuidParam) id: string, @Body() body: PublicReplyDto): Promise<RecordAddedDto> {
    return this.commands.execute(new AddTicketRecordCommand({ kind: 'portal', visitor }, id, 'customer-reply', body.body));
  }

  @Post('tickets/:id/satisfaction')
  @HttpCode(200)
  @ApiOperation({ summary: 'Rate how your ticket was handled [满意度评价]', description: 'Once, when it is resolved or closed.' })
  @ApiOkResponse({ type: PublicTicketDto })
  @ApiProblems(
    400,
    UNAUTHENTICATED,
    NOT_FOUND,
    [409, 'Not resolved yet (`TICKET.ILLEGAL_TRANSITION`), or already rated (`TICKET.ALREADY_RATED`).'],
    RATE_LIMITED,
  )
  async rate(@CurrentVisitor() visitor: PortalVisitor, @Param('id', UuidParam) id: string, @Body() body: RateTicketDto): Promise<PublicTicketDto> {
    await this.commands.execute(new RateTicketCommand(visitor, id, body.score, body.comment ?? null));
    return this.one(visitor, id);
  }

  private async one(visitor: PortalVisitor, ticketId: string): Promise<PublicTicketDto> {
    const [ticket] = (await this.queries.execute(new ListPublicTicketsQuery(visitor, 1, undefined, ticketId))).items as [PublicTicketDto];
    return ticket;
  }
}
