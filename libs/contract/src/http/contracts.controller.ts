import { Body, Controller, Get, Headers, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  ApiProblems,
  CurrentActor,
  DEFAULT_PAGE_SIZE,
  encodeCursor,
  etagFor,
  expectedVersionFrom,
  PageQueryDto,
  RequirePermissions,
  UuidParam,
  type Actor,
} from '@crm/platform';
import { AmendContractCommand } from '../application/commands/amend-contract/amend-contract.command.js';
import { ChangeContractStatusCommand } from '../application/commands/change-contract-status/change-contract-status.command.js';
import { CreateContractCommand } from '../application/commands/create-contract/create-contract.command.js';
import { SubmitContractCommand } from '../application/commands/submit-contract/submit-contract.command.js';
import { UpdateContractCommand } from '../application/commands/update-contract/update-contract.command.js';
import { GetContractQuery } from '../application/queries/get-contract/get-contract.query.js';
import { ListContractVersionsQuery } from '../application/queries/list-contract-versions/list-contract-versions.query.js';
import { ListContractsQuery } from '../application/queries/list-contracts/list-contracts.query.js';
import type { ContractAction, InstalmentInput, TermEdits } from '../domain/contract.aggregate.js';
import {
  AmendContractDto,
  ContractDto,
  ContractListQueryDto,
  ContractPageDto,
  ContractVersionDto,
  ContractVersionPageDto,
  CreateContractDto,
  InstalmentInputDto,
  ReasonDto,
  UpdateContractDto,
} from './dto/contract.dto.js';

const IDEMPOTENCY = { name: 'Idempotency-Key', required: false, description: 'Makes a retry safe: the same key replays the first response.' };
const IF_MATCH = { name: 'If-Match', required: false, description: 'ETag from GET; 412 when the contract changed since.' };
const NOT_FOUND: [number, string] = [404, 'No such contract, or outside your data scope (`CONTRACT.NOT_FOUND`).'];
const ILLEGAL: [number, string] = [
  409,
  'Not allowed from the current state: `CONTRACT.ILLEGAL_TRANSITION` with `contractStatus` and `action`; `CONTRACT.AMENDMENT_PENDING` (completing with a change in approval); or a lost race (`CONCURRENT_MODIFICATION`).',
];

function plan(instalments: InstalmentInputDto[] | undefined): InstalmentInput[] | undefined {
  return instalments?.map(({ dueDate, amount, note }) => ({ dueDate, amount, note: note ?? null }));
}

function editsOf(body: UpdateContractDto): TermEdits {
  const edits: TermEdits = {
    name: body.name,
    type: body.type,
    signingParty: body.signingParty,
    amount: body.amount,
    currency: body.currency,
    quantity: body.quantity,
    paymentMethod: body.paymentMethod,
    startDate: body.startDate,
    endDate: body.endDate,
    productIds: body.productIds,
    instalments: plan(body.instalments),
  };
  // Absent fields stay as they are.
  return Object.fromEntries(Object.entries(edits).filter(([, value]) => value !== undefined)) as TermEdits;
}

/**
 * Contracts [合同]. State actions are sub-resources named as nouns, like `/opportunities/{id}/stage-changes`:
 * `submissions` (each one opens an approval request), `activation`, `suspension`, `resumption`,
 * `completion`, `voiding`, `archiving`; changes are `amendments`, and every version is under `versions`.
 */
@ApiTags('Contracts')
@ApiBearerAuth()
@Controller('api/v1/contracts')
export class ContractsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @RequirePermissions('contract:create')
  @ApiOperation({
    summary: 'Draft a contract [新建合同]',
    description:
      'For a customer you work, or from a won opportunity [赢单商机] whose customer, name, amount, currency and products are taken when left out. The number [合同编号] comes from the configured pattern (GET /api/v1/contract-settings). Money is a decimal string; the payment plan [回款计划] sums exactly to the amount.',
  })
  @ApiHeader(IDEMPOTENCY)
  @ApiCreatedResponse({ type: ContractDto, description: 'Created as a draft; `Location` and `ETag` headers set.' })
  @ApiProblems(
    [
      400,
      'Invalid input; no customer nor opportunity (`CONTRACT.CUSTOMER_REQUIRED`), no name or amount to take (`CONTRACT.NAME_REQUIRED`, `CONTRACT.AMOUNT_REQUIRED`).',
    ],
    401,
    [403, 'Missing permission, or the customer is held outside your scope (`CUSTOMER.NOT_OWNED`).'],
    [404, 'No such customer, or outside your data scope (`CUSTOMER.NOT_FOUND`).'],
    [
      422,
      'Plan not summing to the amount (`CONTRACT.PLAN_MISMATCH` with `amount` and `planTotal`), end before start (`CONTRACT.INVALID_PERIOD`), an opportunity not won (`CONTRACT.OPPORTUNITY_NOT_WON`) or of another customer, unknown products (`CATALOG.PRODUCT_NOT_FOUND`), an owner outside your scope (`CONTRACT.OWNER_NOT_ASSIGNABLE`).',
    ],
  )
  async create(@CurrentActor() actor: Actor, @Body() body: CreateContractDto, @Res({ passthrough: true }) response: Response): Promise<ContractDto> {
    const { id } = await this.commands.execute(
      new CreateContractCommand(actor, {
        customerId: body.customerId,
        opportunityId: body.opportunityId,
        name: body.name,
        type: body.type,
        signingParty: body.signingParty,
        amount: body.amount,
        currency: body.currency,
        quantity: body.quantity ?? null,
        paymentMethod: body.paymentMethod ?? null,
        startDate: body.startDate ?? null,
        endDate: body.endDate ?? null,
        productIds: body.productIds,
        instalments: plan(body.instalments) ?? [],
        ownerId: body.ownerId,
      }),
    );
    return this.respond(actor, id, response, 'created');
  }

  @Get()
  @RequirePermissions('contract:read')
  @ApiOperation({
    summary: 'List contracts [合同列表]',
    description: 'Those in your data scope (owner, and the owner’s team / department / everyone by role), newest first.',
  })
  @ApiOkResponse({ type: ContractPageDto })
  @ApiProblems(400, 401, 403)
  list(@CurrentActor() actor: Actor, @Query() query: ContractListQueryDto): Promise<ContractPageDto> {
    const { limit, cursor, ...filters } = query;
    return this.queries.execute(new ListContractsQuery(actor, filters, limit ?? DEFAULT_PAGE_SIZE, cursor));
  }

  @Get(':id')
  @RequirePermissions('contract:read')
  @ApiOperation({ summary: 'Get a contract [合同详情]' })
  @ApiOkResponse({ type: ContractDto, description: '`ETag` header set.' })
  @ApiProblems(400, 401, 403, NOT_FOUND)
  get(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Res({ passthrough: true }) response: Response): Promise<ContractDto> {
    return this.respond(actor, id, response);
  }

  @Patch(':id')
  @RequirePermissions('contract:update')
  @ApiOperation({
    summary: 'Edit a draft contract [编辑合同草稿]',
    description:
      'Send only what changes; `productIds` and `instalments` replace the whole list. Only drafts are edited in place; later, a change [合同变更] goes through `amendments`.',
  })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: ContractDto, description: '`ETag` header set.' })
  @ApiProblems(
    400,
    401,
    403,
    NOT_FOUND,
    [409, 'Not a draft (`CONTRACT.NOT_DRAFT`, `CONTRACT.IN_APPROVAL` with `contractStatus`), or a lost race (`CONCURRENT_MODIFICATION`).'],
    412,
    [422, '`CONTRACT.PLAN_MISMATCH`, `CONTRACT.INVALID_PERIOD`, `CATALOG.PRODUCT_NOT_FOUND`.'],
  )
  async update(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() body: UpdateContractDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ContractDto> {
    await this.commands.execute(new UpdateContractCommand(actor, id, editsOf(body), expectedVersionFrom(ifMatch)));
    return this.respond(actor, id, response);
  }

  @Post(':id/submissions')
  @RequirePermissions('contract:update')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Submit for approval [提交审批]',
    description:
      'A draft with its payment plan goes to the Approval context (subject type `contract`, facts `amount` and `contractType`): the default process has the manager, a legal step [法务] from 500,000 and the department head for framework contracts. Granted → `approved`; rejected or recalled (POST /api/v1/approvals/{id}/recall) → back to `draft`.',
  })
  @ApiHeader(IDEMPOTENCY)
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: ContractDto, description: '`in-approval`, with its `approvalRequestId`; `ETag` header set.' })
  @ApiProblems(400, 401, 403, NOT_FOUND, ILLEGAL, 412, [422, 'No payment plan (`CONTRACT.PLAN_REQUIRED`).'])
  async submit(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ContractDto> {
    await this.commands.execute(new SubmitContractCommand(actor, id, expectedVersionFrom(ifMatch)));
    return this.respond(actor, id, response);
  }

  @Post(':id/activation')
  @RequirePermissions('contract:update')
  @HttpCode(200)
  @ApiOperation({ summary: 'Start executing [开始执行]', description: 'approved → executing.' })
  @ApiHeader(IDEMPOTENCY)
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: ContractDto })
  @ApiProblems(400, 401, 403, NOT_FOUND, ILLEGAL, 412)
  activate(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.act(actor, id, 'activate', null, ifMatch, response);
  }

  @Post(':id/suspension')
  @RequirePermissions('contract:manage')
  @HttpCode(200)
  @ApiOperation({ summary: 'Suspend execution [暂停执行]', description: 'executing → suspended, with a reason.' })
  @ApiHeader(IDEMPOTENCY)
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: ContractDto })
  @ApiProblems(400, 401, 403, NOT_FOUND, ILLEGAL, 412)
  suspend(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() body: ReasonDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.act(actor, id, 'suspend', body.reason, ifMatch, response);
  }

  @Post(':id/resumption')
  @RequirePermissions('contract:manage')
  @HttpCode(200)
  @ApiOperation({ summary: 'Resume execution [恢复执行]', description: 'suspended → executing.' })
  @ApiHeader(IDEMPOTENCY)
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: ContractDto })
  @ApiProblems(400, 401, 403, NOT_FOUND, ILLEGAL, 412)
  resume(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.act(actor, id, 'resume', null, ifMatch, response);
  }

  @Post(':id/completion')
  @RequirePermissions('contract:update')
  @HttpCode(200)
  @ApiOperation({ summary: 'Complete [合同完成]', description: 'executing → completed; a completed contract never changes again.' })
  @ApiHeader(IDEMPOTENCY)
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: ContractDto })
  @ApiProblems(400, 401, 403, NOT_FOUND, ILLEGAL, 412)
  complete(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.act(actor, id, 'complete', null, ifMatch, response);
  }

  @Post(':id/voiding')
  @RequirePermissions('contract:manage')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Void [作废合同]',
    description:
      'From draft, approved, executing or suspended, with a reason; pending instalments of the payment plan are voided with it, and a change in approval is withdrawn. A contract in approval is recalled first.',
  })
  @ApiHeader(IDEMPOTENCY)
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: ContractDto })
  @ApiProblems(400, 401, 403, NOT_FOUND, ILLEGAL, 412)
  void(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() body: ReasonDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.act(actor, id, 'void', body.reason, ifMatch, response);
  }

  @Post(':id/archiving')
  @RequirePermissions('contract:manage')
  @HttpCode(200)
  @ApiOperation({ summary: 'Archive [归档]', description: 'A completed or voided contract.' })
  @ApiHeader(IDEMPOTENCY)
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: ContractDto })
  @ApiProblems(400, 401, 403, NOT_FOUND, ILLEGAL, 412)
  archive(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.act(actor, id, 'archive', null, ifMatch, response);
  }

  @Post(':id/amendments')
  @RequirePermissions('contract:update')
  @ApiOperation({
    summary: 'Propose a change [合同变更]',
    description:
      'Only approved or executing contracts change; one in approval is recalled or rejected first; a completed one never. The change is a new version of the terms with its reason and diff, sent to approval like the contract (subject type `contract`); once granted it becomes the current version. Send the terms that change.',
  })
  @ApiHeader(IDEMPOTENCY)
  @ApiHeader(IF_MATCH)
  @ApiCreatedResponse({ type: ContractVersionDto, description: 'The new version, `in-approval`, with its diff.' })
  @ApiProblems(
    400,
    401,
    403,
    NOT_FOUND,
    [
      409,
      'In approval (`CONTRACT.IN_APPROVAL`), not approved nor executing (`CONTRACT.NOT_AMENDABLE` with `contractStatus`), a change already in approval (`CONTRACT.AMENDMENT_PENDING`), or a lost race.',
    ],
    412,
    [422, 'Nothing changes (`CONTRACT.NO_CHANGES`), `CONTRACT.PLAN_MISMATCH`, `CONTRACT.INVALID_PERIOD`, `CATALOG.PRODUCT_NOT_FOUND`.'],
  )
  async amend(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() body: AmendContractDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ContractVersionDto> {
    const { reason, ...terms } = body;
    const { versionNo } = await this.commands.execute(new AmendContractCommand(actor, id, editsOf(terms), reason, expectedVersionFrom(ifMatch)));
    const page = await this.queries.execute(new ListContractVersionsQuery(actor, id, 1, encodeCursor([versionNo - 1])));
    response.setHeader('Location', `/api/v1/contracts/${id}/versions`);
    return page.items[0]!;
  }

  @Get(':id/versions')
  @RequirePermissions('contract:read')
  @ApiOperation({
    summary: 'Versions and change records [合同版本 / 变更记录], oldest first',
    description:
      'Every version of the terms is kept: the current one, superseded ones, and changes rejected, recalled or withdrawn, each with its diff, reason, who asked and when it was decided.',
  })
  @ApiOkResponse({ type: ContractVersionPageDto })
  @ApiProblems(400, 401, 403, NOT_FOUND)
  versions(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Query() page: PageQueryDto): Promise<ContractVersionPageDto> {
    return this.queries.execute(new ListContractVersionsQuery(actor, id, page.limit ?? DEFAULT_PAGE_SIZE, page.cursor));
  }

  private async act(
    actor: Actor,
    id: string,
    action: ContractAction,
    reason: string | null,
    ifMatch: string | undefined,
    response: Response,
  ): Promise<ContractDto> {
    await this.commands.execute(new ChangeContractStatusCommand(actor, id, action, reason, expectedVersionFrom(ifMatch)));
    return this.respond(actor, id, response);
  }

  /** The contract as the caller now sees it, with its ETag. */
  private async respond(actor: Actor, id: string, response: Response, created?: 'created'): Promise<ContractDto> {
    const contract = await this.queries.execute(new GetContractQuery(actor, id));
    response.setHeader('ETag', etagFor(contract.version));
    if (created) response.setHeader('Location', `/api/v1/contracts/${id}`);
    return contract;
  }
}
