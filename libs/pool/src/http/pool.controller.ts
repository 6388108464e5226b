import { Body, Controller, Get, Headers, HttpCode, Logger, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiAcceptedResponse, ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  ApiProblems,
  CurrentActor,
  DEFAULT_PAGE_SIZE,
  etagFor,
  expectedVersionFrom,
  problemDocument,
  PageQueryDto,
  RequirePermissions,
  TransactionHost,
  UuidParam,
  wholeList,
  type Actor,
} from '@crm/platform';
import { ChangePoolCommand } from '../application/commands/change-pool/change-pool.command.js';
import { ClaimCustomerCommand, type RequestedScope } from '../application/commands/claim-customer/claim-customer.command.js';
import { CreatePoolCommand } from '../application/commands/create-pool/create-pool.command.js';
import { ReleaseCustomerCommand } from '../application/commands/release-customer/release-customer.command.js';
import { TransferCustomersCommand } from '../application/commands/transfer-customers/transfer-customers.command.js';
import { ListClaimableCustomersQuery } from '../application/queries/list-claimable-customers/list-claimable-customers.query.js';
import { ListMyApplicationsQuery } from '../application/queries/list-my-applications/list-my-applications.query.js';
import { ListMyCustomersQuery } from '../application/queries/list-my-customers/list-my-customers.query.js';
import { ListPoolsQuery } from '../application/queries/list-pools/list-pools.query.js';
import { PreviewRecycleQuery } from '../application/queries/preview-recycle/preview-recycle.query.js';
import { DEFAULT_POOL_RULES } from '../domain/pool-rules.js';
import {
  ApplicationPageDto,
  ApplicationQueryDto,
  BatchClaimDto,
  BatchClaimItemDto,
  BatchClaimResultDto,
  ChangePoolDto,
  ClaimableCustomerPageDto,
  ClaimableQueryDto,
  ClaimDto,
  ClaimResultDto,
  CreatePoolDto,
  HeldCustomerPageDto,
  PoolPageDto,
  PreviewQueryDto,
  RecyclePreviewDto,
  ReleaseDto,
  ReleasedDto,
  ScopeDto,
  TransferDto,
  TransferredDto,
} from './dto/pool.dto.js';

const IDEMPOTENCY = { name: 'Idempotency-Key', required: false, description: 'Makes a retry safe.' };

function requestedScope(scope: ScopeDto | undefined): RequestedScope {
  if (!scope || scope.kind === 'customer') return { kind: 'customer' };
  if (scope.kind === 'product-line') return { kind: 'product-line', productLineId: scope.productLineId! };
  return { kind: 'product', productIds: scope.productIds! };
}

@ApiTags('Pool')
@ApiBearerAuth()
@Controller('api/v1')
export class PoolController {
  private readonly logger = new Logger('PoolController');

  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly tx: TransactionHost,
  ) {}

  @Post('pool/customers/:id/claims')
  @RequirePermissions('pool:claim')
  @ApiOperation({
    summary: 'Claim a customer from the pool [申领]',
    description:
      'With the right for its grade: protected for you at once (201). Without it: 403 `POOL.CLAIM_REQUIRES_APPROVAL` that tells how to apply, or with `applyIfNotPermitted: true` an application (202) that reserves the customer for you; when approved you hold it with no further step.',
  })
  @ApiHeader(IDEMPOTENCY)
  @ApiCreatedResponse({
    type: ClaimResultDto,
    description: 'Protected [已保护].',
    example: { status: 'protected', customerId: '0190d7a4-5a1e-7c3b-9c1f-3f7b0c1e2d4a', protectionIds: ['0190d7a4-6b2f-7d4c-8d2e-4e8c1d2f3e5b'] },
  })
  @ApiAcceptedResponse({
    type: ClaimResultDto,
    description: 'Application waiting for approval; customer reserved [审批中].',
    example: {
      status: 'pending-approval',
      customerId: '0190d7a4-5a1e-7c3b-9c1f-3f7b0c1e2d4a',
      applicationId: '0190d7a4-7c30-7e5d-9e3f-5f9d2e3a4f6c',
      approvalRequestId: '0190d7a4-8d41-7f6e-8f40-6a0e3f4b5a7d',
      reservedUntil: '2026-11-28T10:00:00.000Z',
    },
  })
  @ApiProblems(
    400,
    401,
    [403, '`POOL.CLAIM_REQUIRES_APPROVAL` (with `apply`: how to apply), or missing permission.'],
    [404, 'Not in a pool you belong to (`POOL.CUSTOMER_NOT_FOUND`).'],
    [409, '`POOL.ALREADY_PROTECTED`, `POOL.ALREADY_HELD_BY_YOU`, `POOL.RESERVED`, `POOL.APPLICATION_PENDING`.'],
    [422, '`POOL.HOLD_LIMIT_REACHED`, `POOL.DAILY_CLAIM_LIMIT_REACHED`, `POOL.COOL_DOWN`, `POOL.SCOPE_NOT_ALLOWED`, unknown products.'],
  )
  async claim(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() body: ClaimDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ClaimResultDto> {
    const result = await this.commands.execute(
      new ClaimCustomerCommand(actor, id, requestedScope(body.scope), body.applyIfNotPermitted ?? false, body.reason ?? null),
    );
    response.status(result.status === 'protected' ? 201 : 202);
    return result;
  }

  @Post('pool/claims')
  @RequirePermissions('pool:claim')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Claim or apply for several customers at once [批量申领]',
    description: 'Each customer succeeds or fails on its own; failures carry the problem document a single claim would have returned.',
  })
  @ApiHeader(IDEMPOTENCY)
  @ApiOkResponse({ type: BatchClaimResultDto })
  @ApiProblems(400, 401, 403)
  async claimMany(@CurrentActor() actor: Actor, @Body() body: BatchClaimDto): Promise<BatchClaimResultDto> {
    const outcomes = new Map<string, BatchClaimItemDto>();
    // Claimed in one customer order, so two batches locking the same customers cannot deadlock.
    for (const customerId of [...body.customerIds].sort()) {
      try {
        const result = await this.tx.isolated(() =>
          this.commands.execute(
            new ClaimCustomerCommand(actor, customerId, requestedScope(body.scope), body.applyIfNotPermitted ?? false, body.reason ?? null),
          ),
        );
        outcomes.set(customerId, { customerId, status: result.status, result });
      } catch (error) {
        // Earlier items may already be committed: every item reports its own outcome, server errors included.
        const problem = problemDocument(error);
        if (problem.status >= 500) this.logger.error(`Batch claim of ${customerId} failed`, (error as Error).stack);
        outcomes.set(customerId, { customerId, status: 'failed', problem });
      }
    }
    const results = body.customerIds.map((customerId) => outcomes.get(customerId)!);
    return { results };
  }

  @Post('pool/customers/:id/release')
  @HttpCode(200)
  @ApiOperation({ summary: 'Release a customer back to the pool [释放] with a reason; the cool-down starts' })
  @ApiHeader(IDEMPOTENCY)
  @ApiOkResponse({ type: ReleasedDto })
  @ApiProblems(400, 401, 404, [422, 'You hold nothing of it (`POOL.NOT_HELD`).'])
  release(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Body() body: ReleaseDto): Promise<ReleasedDto> {
    return this.commands.execute(new ReleaseCustomerCommand(actor, id, body.reason, body.holderId));
  }

  @Post('pool/transfers')
  @RequirePermissions('pool:manage')
  @HttpCode(200)
  @ApiOperation({ summary: 'Transfer customers from one person to another [客户转移], e.g. when someone leaves' })
  @ApiHeader(IDEMPOTENCY)
  @ApiOkResponse({ type: TransferredDto })
  @ApiProblems(400, 401, 403, [422, 'Target not active, or either person outside your scope.'])
  transfer(@CurrentActor() actor: Actor, @Body() body: TransferDto): Promise<TransferredDto> {
    return this.commands.execute(new TransferCustomersCommand(actor, body.fromUserId, body.toUserId, body.customerIds ?? null, body.reason));
  }

  @Get('pool/customers')
  @RequirePermissions('pool:claim')
  @ApiOperation({ summary: 'The pool [公海]: customers you may claim, with whether you may claim each directly' })
  @ApiOkResponse({ type: ClaimableCustomerPageDto })
  @ApiProblems(400, 401, 403)
  claimable(@CurrentActor() actor: Actor, @Query() query: ClaimableQueryDto): Promise<ClaimableCustomerPageDto> {
    return this.queries.execute(
      new ListClaimableCustomersQuery(actor, { poolId: query.poolId, grade: query.grade }, query.limit ?? DEFAULT_PAGE_SIZE, query.cursor),
    );
  }

  @Get('pool/my-customers')
  @ApiOperation({ summary: 'My customers [我的客户], soonest to be recycled first, with days left' })
  @ApiOkResponse({ type: HeldCustomerPageDto })
  @ApiProblems(400, 401)
  myCustomers(@CurrentActor() actor: Actor, @Query() query: PageQueryDto): Promise<HeldCustomerPageDto> {
    return this.queries.execute(new ListMyCustomersQuery(actor, query.limit ?? DEFAULT_PAGE_SIZE, query.cursor)) as never;
  }

  @Get('pool/applications')
  @ApiOperation({ summary: 'My claim applications [我的申领]' })
  @ApiOkResponse({ type: ApplicationPageDto })
  @ApiProblems(400, 401)
  myApplications(@CurrentActor() actor: Actor, @Query() query: ApplicationQueryDto): Promise<ApplicationPageDto> {
    return this.queries.execute(new ListMyApplicationsQuery(actor, query.status, query.limit ?? DEFAULT_PAGE_SIZE, query.cursor)) as never;
  }

  @Get('pools')
  @ApiOperation({ summary: 'Pools and their rules [公海规则]' })
  @ApiOkResponse({ type: PoolPageDto })
  @ApiProblems(401)
  async pools(@CurrentActor() actor: Actor): Promise<PoolPageDto> {
    return wholeList(await this.queries.execute(new ListPoolsQuery(actor))) as never;
  }

  @Post('pools')
  @RequirePermissions('org:manage')
  @ApiOperation({ summary: 'Create a department pool [部门公海]' })
  @ApiCreatedResponse({ description: 'Created.' })
  @ApiProblems(400, 401, 403, [409, 'The department already has a pool.'])
  createPool(@Body() body: CreatePoolDto): Promise<{ id: string }> {
    return this.commands.execute(
      new CreatePoolCommand({
        name: body.name,
        departmentId: body.departmentId,
        adminIds: body.adminIds ?? [],
        rules: { ...DEFAULT_POOL_RULES, ...(body.rules ?? {}) },
      }),
    );
  }

  @Patch('pools/:id')
  @ApiOperation({ summary: "Change a pool's rules or admins (pool admins); protections already granted are kept" })
  @ApiHeader({ name: 'If-Match', required: false })
  @ApiOkResponse({ description: 'New version in the ETag header.' })
  @ApiProblems(400, 401, [403, 'Not an admin of this pool.'], 404, 412)
  async changePool(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() body: ChangePoolDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<{ version: number }> {
    const result = await this.commands.execute(new ChangePoolCommand(actor, id, body, expectedVersionFrom(ifMatch)));
    response.setHeader('ETag', etagFor(result.version));
    return result;
  }

  @Get('pools/:id/recycle-preview')
  @ApiOperation({ summary: 'Dry run: what the rules would recycle now [回收预览]' })
  @ApiOkResponse({ type: RecyclePreviewDto })
  @ApiProblems(400, 401, 404)
  preview(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Query() query: PreviewQueryDto): Promise<RecyclePreviewDto> {
    return this.queries.execute(new PreviewRecycleQuery(actor, id, query.limit ?? 100));
  }
}
