import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  ApiProblems,
  CurrentActor,
  DEFAULT_PAGE_SIZE,
  etagFor,
  expectedVersionFrom,
  PageQueryDto,
  RequestValidationException,
  RequirePermissions,
  UuidParam,
  type Actor,
} from '@crm/platform';
import type { ProductInput } from '../application/catalog-products.js';
import { AddCollaboratorCommand } from '../application/commands/add-collaborator/add-collaborator.command.js';
import { ChangeStageCommand } from '../application/commands/change-stage/change-stage.command.js';
import { CreateOpportunityCommand } from '../application/commands/create-opportunity/create-opportunity.command.js';
import { RecordActivityCommand } from '../application/commands/record-activity/record-activity.command.js';
import { RemoveCollaboratorCommand } from '../application/commands/remove-collaborator/remove-collaborator.command.js';
import { TransferOpportunityCommand } from '../application/commands/transfer-opportunity/transfer-opportunity.command.js';
import { UpdateOpportunityCommand } from '../application/commands/update-opportunity/update-opportunity.command.js';
import { GetOpportunityQuery } from '../application/queries/get-opportunity/get-opportunity.query.js';
import { ListActivitiesQuery } from '../application/queries/list-activities/list-activities.query.js';
import { ListOpportunitiesQuery } from '../application/queries/list-opportunities/list-opportunities.query.js';
import { ListStageChangesQuery } from '../application/queries/list-stage-changes/list-stage-changes.query.js';
import { ListTransfersQuery } from '../application/queries/list-transfers/list-transfers.query.js';
import type { Competitor } from '../domain/opportunity.aggregate.js';
import { DEFAULT_CURRENCY } from '../domain/opportunity.types.js';
import {
  ActivityDto,
  ActivityPageDto,
  AddCollaboratorDto,
  CollaboratorDto,
  CompetitorDto,
  CreateOpportunityDto,
  OpportunityDto,
  OpportunityListQueryDto,
  OpportunityPageDto,
  ProductLineInputDto,
  RecordOpportunityActivityDto,
  SourceDto,
  StageChangeInputDto,
  StageChangePageDto,
  TransferOpportunityDto,
  TransferPageDto,
  UpdateOpportunityDto,
} from './dto/opportunity.dto.js';

const IDEMPOTENCY = { name: 'Idempotency-Key', required: false, description: 'Makes a retry safe: the same key replays the first response.' };
const IF_MATCH = { name: 'If-Match', required: false, description: 'ETag from GET; 412 when the opportunity changed since.' };
const NOT_FOUND: [number, string] = [404, 'No such opportunity, or outside your data scope and not collaborating on it (`OPPORTUNITY.NOT_FOUND`).'];
const NOT_FOUND_OR_CONTACT: [number, string] = [
  404,
  'No such opportunity, or outside your data scope (`OPPORTUNITY.NOT_FOUND`); a contact not working at its customer (`OPPORTUNITY.CONTACT_NOT_FOUND`).',
];
const CLOSED: [number, string] = [
  409,
  'Won and lost are final: `OPPORTUNITY.CLOSED` with `opportunityStatus`, `stageId`, `stageName`, `closedAt`; or a lost race (`CONCURRENT_MODIFICATION`).',
];

function productsOf(products: ProductLineInputDto[] | undefined): ProductInput[] | undefined {
  return products?.map(({ productId, quantity, unitPrice, discountPercent }) => ({ productId, quantity, unitPrice, discountPercent: discountPercent ?? '0' }));
}

function competitorsOf(competitors: CompetitorDto[] | undefined): Competitor[] | undefined {
  return competitors?.map(({ company, product, price, strengths, weaknesses, threat }) => ({
    company,
    product: product ?? null,
    price: price ?? null,
    strengths: strengths ?? null,
    weaknesses: weaknesses ?? null,
    threat,
  }));
}

function sourceOf(source: SourceDto | undefined): { kind: 'manual' | 'lead'; leadId: string | null } {
  if (!source) return { kind: 'manual', leadId: null };
  if (source.kind === 'manual' && source.leadId !== undefined) {
    throw new RequestValidationException([{ field: 'source.leadId', code: 'NOT_APPLICABLE', message: 'leadId goes only with kind lead' }]);
  }
  return { kind: source.kind, leadId: source.leadId ?? null };
}

@ApiTags('Opportunities')
@ApiBearerAuth()
@Controller('api/v1/opportunities')
export class OpportunitiesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @RequirePermissions('opportunity:create')
  @ApiOperation({
    summary: 'Open an opportunity [新建商机]',
    description:
      'On a customer you work (held within your scope). Starts in the first stage of the pipeline (the default one when omitted). A renewal [续费] or upsell [增购] is a new opportunity that names a won one of the same customer; the first stays as it was. Money is a decimal string; with `amountFollowsLines` the amount is the exact sum of the product lines.',
  })
  @ApiHeader(IDEMPOTENCY)
  @ApiCreatedResponse({ type: OpportunityDto, description: 'Created; `Location` and `ETag` headers set.' })
  @ApiProblems(
    400,
    401,
    [403, 'Missing permission, or the customer is in the pool or held outside your scope (`CUSTOMER.NOT_OWNED`).'],
    [404, 'No such customer, or outside your data scope (`CUSTOMER.NOT_FOUND`); a contact not working at it (`OPPORTUNITY.CONTACT_NOT_FOUND`).'],
    [
      422,
      'Unknown pipeline or products, previous opportunity missing or invalid, an owner outside your scope (`OPPORTUNITY.OWNER_NOT_ASSIGNABLE`) or not working the customer (`OPPORTUNITY.OWNER_CANNOT_WORK_CUSTOMER`), an amount that follows the lines, first stage requirements (`OPPORTUNITY.STAGE_REQUIREMENTS_MISSING`).',
    ],
  )
  async create(@CurrentActor() actor: Actor, @Body() body: CreateOpportunityDto, @Res({ passthrough: true }) response: Response): Promise<OpportunityDto> {
    const { id } = await this.commands.execute(
      new CreateOpportunityCommand(actor, {
        customerId: body.customerId,
        name: body.name,
        pipelineId: body.pipelineId,
        type: body.type ?? 'new',
        previousOpportunityId: body.previousOpportunityId ?? null,
        amount: body.amount ?? null,
        currency: body.currency ?? DEFAULT_CURRENCY,
        amountFollowsLines: body.amountFollowsLines ?? false,
        expectedCloseDate: body.expectedCloseDate ?? null,
        source: sourceOf(body.source),
        ownerId: body.ownerId,
        contactIds: body.contactIds ?? [],
        products: productsOf(body.products) ?? [],
        competitors: competitorsOf(body.competitors) ?? [],
      }),
    );
    return this.respond(actor, id, response, 'created');
  }

  @Get()
  @RequirePermissions('opportunity:read')
  @ApiOperation({
    summary: 'List opportunities [商机列表]',
    description: 'Those in your data scope (owner, and the owner’s team / department / everyone by role) and those you collaborate on, newest first.',
  })
  @ApiOkResponse({ type: OpportunityPageDto })
  @ApiProblems(400, 401, 403)
  list(@CurrentActor() actor: Actor, @Query() query: OpportunityListQueryDto): Promise<OpportunityPageDto> {
    const { limit, cursor, ...filters } = query;
    return this.queries.execute(new ListOpportunitiesQuery(actor, filters, limit ?? DEFAULT_PAGE_SIZE, cursor));
  }

  @Get(':id')
  @RequirePermissions('opportunity:read')
  @ApiOperation({ summary: 'Get an opportunity [商机详情]' })
  @ApiOkResponse({ type: OpportunityDto, description: '`ETag` header set.' })
  @ApiProblems(400, 401, 403, NOT_FOUND)
  get(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Res({ passthrough: true }) response: Response): Promise<OpportunityDto> {
    return this.respond(actor, id, response);
  }

  @Patch(':id')
  @RequirePermissions('opportunity:update')
  @ApiOperation({
    summary: 'Edit an opportunity [编辑商机]',
    description:
      'Send only what changes; `products` and `competitors` replace the whole list. The owner may override the win probability with a reason. Collaborators with edit access may edit too.',
  })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: OpportunityDto, description: '`ETag` header set.' })
  @ApiProblems(
    400,
    401,
    [403, 'Read-only collaborator (`OPPORTUNITY.READ_ONLY`), a probability override by someone other than the owner, or missing permission.'],
    NOT_FOUND_OR_CONTACT,
    CLOSED,
    412,
    [422, 'Unknown products, an amount while it follows the lines, an override without a reason.'],
  )
  async update(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() body: UpdateOpportunityDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<OpportunityDto> {
    await this.commands.execute(
      new UpdateOpportunityCommand(
        actor,
        id,
        {
          name: body.name,
          amount: body.amount,
          currency: body.currency,
          amountFollowsLines: body.amountFollowsLines,
          expectedCloseDate: body.expectedCloseDate,
          contactIds: body.contactIds,
          products: productsOf(body.products),
          competitors: competitorsOf(body.competitors),
          probability: body.probability,
          probabilityReason: body.probabilityReason,
        },
        expectedVersionFrom(ifMatch),
      ),
    );
    return this.respond(actor, id, response);
  }

  @Post(':id/stage-changes')
  @RequirePermissions('opportunity:update')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Move to another stage [推进销售阶段]',
    description:
      'Entry requirements of the new stage are checked (422 listing `missingFields`); moving back only from a stage that allows it. The probability follows the stage unless the owner overrides it with a reason. The won stage [赢单] emits the `opportunity.won` event (v1) with the amount and product lines; the lost stage [输单] needs a loss reason and may name the competitor who won. Won and lost are final. History keeps from, to, when, who and the time spent in the previous stage.',
  })
  @ApiHeader(IDEMPOTENCY)
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: OpportunityDto, description: 'The opportunity in its new stage; `ETag` header set.' })
  @ApiProblems(
    [400, 'Invalid input, or loss details without moving to the lost stage (`OPPORTUNITY.LOSS_DETAILS_ONLY_WHEN_LOST`).'],
    401,
    [403, 'Read-only collaborator (`OPPORTUNITY.READ_ONLY`), a probability override by someone other than the owner, or missing permission.'],
    NOT_FOUND,
    [
      409,
      'Closed (`OPPORTUNITY.CLOSED` with `opportunityStatus`, `stageId`, `stageName`, `closedAt`), already in that stage, or a lost race (`CONCURRENT_MODIFICATION`).',
    ],
    412,
    [
      422,
      '`OPPORTUNITY.STAGE_REQUIREMENTS_MISSING` (with `missingFields`), `OPPORTUNITY.MOVE_BACK_NOT_ALLOWED`, `OPPORTUNITY.LOSS_REASON_REQUIRED`, `OPPORTUNITY.UNKNOWN_LOSS_REASON`, `OPPORTUNITY.UNKNOWN_STAGE`, `OPPORTUNITY.PROBABILITY_REASON_REQUIRED`, `OPPORTUNITY.PROBABILITY_FIXED`.',
    ],
  )
  async changeStage(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() body: StageChangeInputDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<OpportunityDto> {
    await this.commands.execute(new ChangeStageCommand(actor, id, body, expectedVersionFrom(ifMatch)));
    return this.respond(actor, id, response);
  }

  @Get(':id/stage-changes')
  @RequirePermissions('opportunity:read')
  @ApiOperation({ summary: 'Stage history [阶段变更记录], oldest first', description: 'From, to, when, who, and the time spent in the previous stage.' })
  @ApiOkResponse({ type: StageChangePageDto })
  @ApiProblems(400, 401, 403, NOT_FOUND)
  stageChanges(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Query() page: PageQueryDto): Promise<StageChangePageDto> {
    return this.queries.execute(new ListStageChangesQuery(actor, id, page.limit ?? DEFAULT_PAGE_SIZE, page.cursor));
  }

  @Post(':id/activities')
  @RequirePermissions('opportunity:update')
  @ApiOperation({
    summary: 'Record a visit, call, meeting or demo [写拜访记录]',
    description:
      "On an open opportunity. Each one is also a follow-up [跟进] on the customer, in the same transaction, so the customer's recycle-to-pool clock restarts; a collaborator's activity counts for the owner.",
  })
  @ApiHeader(IDEMPOTENCY)
  @ApiCreatedResponse({ type: ActivityDto })
  @ApiProblems(
    400,
    401,
    [403, 'Read-only collaborator (`OPPORTUNITY.READ_ONLY`), nobody involved works the customer any more (`CUSTOMER.NOT_OWNED`), or missing permission.'],
    NOT_FOUND_OR_CONTACT,
    CLOSED,
    [422, 'In the future (`OPPORTUNITY.ACTIVITY_IN_FUTURE`).'],
  )
  recordActivity(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Body() body: RecordOpportunityActivityDto): Promise<ActivityDto> {
    const occurredAt = body.occurredAt ? new Date(body.occurredAt) : undefined;
    const contactIds = body.contactIds ?? [];
    return this.commands.execute(
      new RecordActivityCommand(actor, id, { type: body.type, occurredAt, summary: body.summary, nextStep: body.nextStep ?? null, contactIds }),
    );
  }

  @Get(':id/activities')
  @RequirePermissions('opportunity:read')
  @ApiOperation({ summary: 'Visits and other activities [拜访记录], latest first' })
  @ApiOkResponse({ type: ActivityPageDto })
  @ApiProblems(400, 401, 403, NOT_FOUND)
  activities(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Query() page: PageQueryDto): Promise<ActivityPageDto> {
    return this.queries.execute(new ListActivitiesQuery(actor, id, page.limit ?? DEFAULT_PAGE_SIZE, page.cursor));
  }

  @Post(':id/transfer')
  @RequirePermissions('opportunity:manage')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Transfer to another salesperson [商机转派]',
    description:
      'A manager with the owner in scope gives an open opportunity to an active user within their own scope who works its customer (transfer the customer first in the pool when needed), with a reason; the history is kept (GET .../transfers). The new owner stops being a collaborator on it.',
  })
  @ApiHeader(IDEMPOTENCY)
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: OpportunityDto, description: '`ETag` header set.' })
  @ApiProblems(400, 401, [403, 'Missing permission, or the owner is outside your scope (`OPPORTUNITY.NOT_OWNER_OR_MANAGER`).'], NOT_FOUND, CLOSED, 412, [
    422,
    'Not an active user within your scope, or the current owner (`OPPORTUNITY.TRANSFER_TARGET_INVALID`).',
  ])
  async transfer(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() body: TransferOpportunityDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<OpportunityDto> {
    await this.commands.execute(new TransferOpportunityCommand(actor, id, body.toUserId, body.reason, expectedVersionFrom(ifMatch)));
    // The caller may no longer see it when it left their scope: answer with what they still may see.
    return this.respond(actor, id, response);
  }

  @Get(':id/transfers')
  @RequirePermissions('opportunity:read')
  @ApiOperation({ summary: 'Transfer history [转派记录], oldest first' })
  @ApiOkResponse({ type: TransferPageDto })
  @ApiProblems(400, 401, 403, NOT_FOUND)
  transfers(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Query() page: PageQueryDto): Promise<TransferPageDto> {
    return this.queries.execute(new ListTransfersQuery(actor, id, page.limit ?? DEFAULT_PAGE_SIZE, page.cursor));
  }

  @Post(':id/collaborators')
  @RequirePermissions('opportunity:update')
  @ApiOperation({
    summary: 'Ask a colleague to collaborate [邀请协作]',
    description:
      'By the owner, or a manager with the owner in scope. Read or edit access, optionally until a moment: expired access stops working at once. Collaborators see the opportunity and its customer’s name without becoming holders of the customer. Adding someone again changes their access.',
  })
  @ApiHeader(IDEMPOTENCY)
  @ApiCreatedResponse({ type: CollaboratorDto, description: "The opportunity's new `ETag` header set." })
  @ApiProblems(
    400,
    401,
    [403, 'Not the owner nor a manager with the owner in scope (`OPPORTUNITY.NOT_OWNER_OR_MANAGER`), or missing permission.'],
    NOT_FOUND,
    [409, 'A concurrent change (`CONCURRENT_MODIFICATION`).'],
    [422, 'Not an active user other than the owner (`OPPORTUNITY.COLLABORATOR_INVALID`), or an expiry in the past (`OPPORTUNITY.EXPIRY_IN_PAST`).'],
  )
  async addCollaborator(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() body: AddCollaboratorDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CollaboratorDto> {
    const collaborator = await this.commands.execute(
      new AddCollaboratorCommand(actor, id, body.userId, body.access, body.expiresAt ? new Date(body.expiresAt) : null),
    );
    await this.respond(actor, id, response);
    return { ...collaborator, expiresAt: collaborator.expiresAt?.toISOString() ?? null, addedAt: collaborator.addedAt.toISOString() };
  }

  @Delete(':id/collaborators/:userId')
  @RequirePermissions('opportunity:update')
  @HttpCode(204)
  @ApiOperation({ summary: 'End a collaboration [移除协作人]', description: 'By the owner, a manager with the owner in scope, or the collaborator leaving.' })
  @ApiNoContentResponse({ description: 'Removed.' })
  @ApiProblems(
    400,
    401,
    [403, 'Not the owner nor a manager with the owner in scope (`OPPORTUNITY.NOT_OWNER_OR_MANAGER`).'],
    [404, 'No such opportunity (`OPPORTUNITY.NOT_FOUND`), or that user does not collaborate on it (`OPPORTUNITY.COLLABORATOR_NOT_FOUND`).'],
    [409, 'A concurrent change (`CONCURRENT_MODIFICATION`).'],
  )
  async removeCollaborator(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Param('userId', UuidParam) userId: string): Promise<void> {
    await this.commands.execute(new RemoveCollaboratorCommand(actor, id, userId));
  }

  /** The opportunity as the caller now sees it, with its ETag. */
  private async respond(actor: Actor, id: string, response: Response, created?: 'created'): Promise<OpportunityDto> {
    const opportunity = await this.queries.execute(new GetOpportunityQuery(actor, id));
    response.setHeader('ETag', etagFor(opportunity.version));
    if (created) response.setHeader('Location', `/api/v1/opportunities/${id}`);
    return opportunity;
  }
}
