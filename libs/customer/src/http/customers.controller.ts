import { Body, Controller, Get, Headers, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
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
  wholeList,
  type Actor,
} from '@crm/platform';
import { GetClaimStatusQuery } from '@crm/contracts/pool';
import { CreateCustomerCommand } from '../application/commands/create-customer/create-customer.command.js';
import { RecordFollowUpCommand } from '../application/commands/record-follow-up/record-follow-up.command.js';
import { UpdateCustomerCommand } from '../application/commands/update-customer/update-customer.command.js';
import { FindDuplicateCustomersQuery } from '../application/queries/find-duplicate-customers/find-duplicate-customers.query.js';
import { GetCustomerTimelineQuery } from '../application/queries/get-customer-timeline/get-customer-timeline.query.js';
import { GetCustomerQuery } from '../application/queries/get-customer/get-customer.query.js';
import { ListCustomersQuery } from '../application/queries/list-customers/list-customers.query.js';
import { ListFollowUpsQuery } from '../application/queries/list-follow-ups/list-follow-ups.query.js';
import {
  CreateCustomerDto,
  CreatedCustomerDto,
  CustomerDto,
  CustomerListQueryDto,
  CustomerPageDto,
  DuplicateCandidatePageDto,
  DuplicateProbeDto,
  UpdateCustomerDto,
} from './dto/customer.dto.js';
import { FollowUpCreatedDto, FollowUpPageDto, RecordFollowUpDto, TimelinePageDto } from './dto/follow-up.dto.js';

const IDEMPOTENCY_HEADER = {
  name: 'Idempotency-Key',
  required: false,
  description: 'Makes a retry safe: the same key replays the first response.',
};
const DUPLICATE_PROBLEM: [number, string] = [
  409,
  'Duplicate [客户已存在] (`CUSTOMER.DUPLICATE`, with `candidates`), or a concurrent change (`CONCURRENT_MODIFICATION`).',
];

function profileOf(body: CreateCustomerDto | UpdateCustomerDto) {
  const { shortName, industry, creditCode, country, province, city, size, phone, email, website, parentId, name, type } = body;
  return { name, shortName, industry, creditCode, country, province, city, size, type, phone, email, website, parentId };
}

@ApiTags('Customers')
@ApiBearerAuth()
@Controller('api/v1/customers')
export class CustomersController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @RequirePermissions('customer:create')
  @ApiOperation({
    summary: 'Create a customer [新建客户]',
    description:
      'Enterprise or individual. Exact duplicates (credit code, normalised company name, individual phone) are refused with 409 and the candidates. The grade is derived from type and size.',
  })
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiCreatedResponse({
    type: CreatedCustomerDto,
    description:
      'Created; `Location` and `ETag` headers set. `holding` says whether the owner asked for holds it (`held`), or, when their roles may not hold its grade, that it entered the pool with a claim application for them (`pending-approval`, POOL-3).',
  })
  @ApiProblems(400, 401, 403, DUPLICATE_PROBLEM, [422, 'Parent missing, or owner not assignable.'])
  async create(@CurrentActor() actor: Actor, @Body() body: CreateCustomerDto, @Res({ passthrough: true }) response: Response): Promise<CreatedCustomerDto> {
    const profile = profileOf(body);
    const { id } = await this.commands.execute(
      new CreateCustomerCommand(actor, {
        kind: body.kind,
        ownerId: body.ownerId,
        profile: {
          ...profile,
          name: body.name,
          type: body.type ?? (body.kind === 'individual' ? 'individual' : 'other'),
          country: body.country ?? 'CN',
          shortName: profile.shortName ?? null,
          industry: profile.industry ?? null,
          creditCode: profile.creditCode ?? null,
          province: profile.province ?? null,
          city: profile.city ?? null,
          size: profile.size ?? null,
          phone: profile.phone ?? null,
          email: profile.email ?? null,
          website: profile.website ?? null,
          parentId: profile.parentId ?? null,
        },
      }),
    );
    const customer = await this.queries.execute(new GetCustomerQuery(actor, id));
    // Who holds it is the Pool context's decision (grade rules apply to new customers too): say what it decided.
    const holderId = body.ownerId === undefined ? actor.id : body.ownerId;
    const holding = holderId ? await this.queries.execute(new GetClaimStatusQuery(id, holderId)) : { status: 'not-held' as const };
    response.setHeader('Location', `/api/v1/customers/${id}`).setHeader('ETag', etagFor(customer.version));
    return { ...customer, holding };
  }

  @Get()
  @RequirePermissions('customer:read')
  @ApiOperation({
    summary: 'List customers [客户列表]',
    description: 'Your data scope plus the public pool, newest first. Filters combine with AND.',
  })
  @ApiOkResponse({ type: CustomerPageDto })
  @ApiProblems(400, 401, 403)
  list(@CurrentActor() actor: Actor, @Query() query: CustomerListQueryDto): Promise<CustomerPageDto> {
    const { limit, cursor, ...filters } = query;
    return this.queries.execute(new ListCustomersQuery(actor, filters, limit ?? DEFAULT_PAGE_SIZE, cursor));
  }

  @Get('duplicates')
  @RequirePermissions('customer:read')
  @ApiOperation({
    summary: 'Check for duplicates before creating [客户查重]',
    description: 'Exact matches and similar names (pg_trgm). Shows only name and who holds each candidate.',
  })
  @ApiOkResponse({ type: DuplicateCandidatePageDto })
  @ApiProblems(400, 401, 403)
  async duplicates(@CurrentActor() actor: Actor, @Query() probe: DuplicateProbeDto): Promise<DuplicateCandidatePageDto> {
    return wholeList(await this.queries.execute(new FindDuplicateCustomersQuery(actor, probe)));
  }

  @Get(':id')
  @RequirePermissions('customer:read')
  @ApiOperation({ summary: 'Get a customer [客户详情]' })
  @ApiOkResponse({ type: CustomerDto, description: '`ETag` header set.' })
  @ApiProblems(400, 401, 403, 404)
  async get(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Res({ passthrough: true }) response: Response): Promise<CustomerDto> {
    const customer = await this.queries.execute(new GetCustomerQuery(actor, id));
    response.setHeader('ETag', etagFor(customer.version));
    return customer;
  }

  @Patch(':id')
  @RequirePermissions('customer:update')
  @ApiOperation({
    summary: 'Update a customer [编辑客户]',
    description: 'Send only the fields to change; null clears an optional field. Send If-Match to refuse stale edits.',
  })
  @ApiHeader({ name: 'If-Match', required: false, description: 'ETag from GET; 412 when the customer changed since.' })
  @ApiOkResponse({ type: CustomerDto })
  @ApiProblems(400, 401, [403, 'Not yours to change (`CUSTOMER.NOT_OWNED`) or missing permission.'], 404, DUPLICATE_PROBLEM, 412, [
    422,
    'Parent missing or a cycle (`CUSTOMER.PARENT_CYCLE`).',
  ])
  async update(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() body: UpdateCustomerDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CustomerDto> {
    await this.commands.execute(new UpdateCustomerCommand(actor, id, profileOf(body), expectedVersionFrom(ifMatch)));
    const customer = await this.queries.execute(new GetCustomerQuery(actor, id));
    response.setHeader('ETag', etagFor(customer.version));
    return customer;
  }

  @Post(':id/follow-ups')
  @RequirePermissions('customer:follow-up')
  @ApiOperation({
    summary: 'Record a follow-up [写跟进]',
    description: 'Moves `lastFollowUpAt` forward, which restarts the recycle-to-pool clock.',
  })
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiBody({ type: RecordFollowUpDto })
  @ApiCreatedResponse({ type: FollowUpCreatedDto })
  @ApiProblems(400, 401, [403, 'Not yours (`CUSTOMER.NOT_OWNED`).'], 404, [422, '`CUSTOMER.FOLLOW_UP_IN_FUTURE`.'])
  recordFollowUp(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Body() body: RecordFollowUpDto): Promise<FollowUpCreatedDto> {
    return this.commands.execute(
      new RecordFollowUpCommand(actor, id, {
        channel: body.channel,
        content: body.content,
        occurredAt: body.occurredAt ? new Date(body.occurredAt) : undefined,
        nextFollowUpAt: body.nextFollowUpAt ? new Date(body.nextFollowUpAt) : null,
      }),
    );
  }

  @Get(':id/follow-ups')
  @RequirePermissions('customer:read')
  @ApiOperation({ summary: 'Follow-up records of a customer [跟进记录]' })
  @ApiOkResponse({ type: FollowUpPageDto })
  @ApiProblems(400, 401, 403, 404)
  followUps(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Query() page: PageQueryDto): Promise<FollowUpPageDto> {
    return this.queries.execute(new ListFollowUpsQuery(actor, id, page.limit ?? DEFAULT_PAGE_SIZE, page.cursor));
  }

  @Get(':id/timeline')
  @RequirePermissions('customer:read')
  @ApiOperation({
    summary: 'Customer 360 timeline [客户360]',
    description: 'Everything that happened to the customer, from every context: who, what, when, before/after. Latest first.',
  })
  @ApiOkResponse({ type: TimelinePageDto })
  @ApiProblems(400, 401, 403, 404)
  timeline(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Query() page: PageQueryDto): Promise<TimelinePageDto> {
    return this.queries.execute(new GetCustomerTimelineQuery(actor, id, page.limit ?? DEFAULT_PAGE_SIZE, page.cursor));
  }
}
