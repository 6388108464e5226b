import { Body, Controller, Get, Headers, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiAcceptedResponse, ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { DomainError } from '@crm/kernel';
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
import { AssignLeadCommand } from '../application/commands/assign-lead/assign-lead.command.js';
import { ClaimLeadCommand } from '../application/commands/claim-lead/claim-lead.command.js';
import { CloseLeadCommand, ReopenLeadCommand } from '../application/commands/close-lead/close-lead.command.js';
import { ConvertLeadCommand } from '../application/commands/convert-lead/convert-lead.command.js';
import { CaptureLeadCommand } from '../application/commands/capture-lead/capture-lead.command.js';
import { MoveLeadCommand } from '../application/commands/move-lead/move-lead.command.js';
import { RecordLeadActivityCommand } from '../application/commands/record-lead-activity/record-lead-activity.command.js';
import { UpdateLeadCommand } from '../application/commands/update-lead/update-lead.command.js';
import { GetLeadHistoryQuery } from '../application/queries/get-lead-history/get-lead-history.query.js';
import { GetLeadScoreQuery } from '../application/queries/get-lead-score/get-lead-score.query.js';
import { GetLeadQuery, type LeadDetail } from '../application/queries/get-lead/get-lead.query.js';
import { ListLeadsQuery } from '../application/queries/list-leads/list-leads.query.js';
import { emptyProfile, type LeadProfile } from '../domain/lead.types.js';
import {
  AssignLeadDto,
  CaptureLeadDto,
  CaptureResultDto,
  CloseLeadDto,
  HistoryPageDto,
  LeadDetailDto,
  LeadListQueryDto,
  LeadPageDto,
  LeadScoreDto,
  MoveLeadDto,
  MoveResultDto,
  RecordLeadActivityDto,
  RecordedActivityDto,
  ReopenLeadDto,
  UpdateLeadDto,
} from './dto/lead.dto.js';
import { ConversionResultDto, ConvertLeadDto } from './dto/conversion.dto.js';

const IDEMPOTENCY_HEADER = { name: 'Idempotency-Key', required: false, description: 'Makes a retry safe: the same key replays the first response.' };
const IF_MATCH_HEADER = { name: 'If-Match', required: false, description: 'ETag from GET; 412 when the lead changed since.' };

function profileOf(body: CaptureLeadDto | UpdateLeadDto): Partial<LeadProfile> {
  const { personName, mobile, email, companyName, title, province, city, industry, channel, campaign, utmSource, utmMedium, utmCampaign, notes } = body;
  const profile = { personName, mobile, email, companyName, title, province, city, industry, channel, campaign, utmSource, utmMedium, utmCampaign, notes };
  return Object.fromEntries(Object.entries(profile).filter(([, value]) => value !== undefined));
}

@ApiTags('Leads')
@ApiBearerAuth()
@Controller('api/v1/leads')
export class LeadsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @RequirePermissions('lead:create')
  @ApiOperation({
    summary: 'Capture a lead [录入线索]',
    description:
      'A new lead in a pool [线索池], scored at once by the rules in force (201). A submission with the mobile or e-mail of an open lead (or, with neither, its company name) is not a second lead: it is merged into that lead as a `resubmission` activity, which may raise its score, and the answer is 200 with `merged: true` [重复线索合并]. Concurrent duplicates resolve to one lead. A lead whose company name or mobile belongs to an existing customer is flagged with `matchedCustomerId` [已是客户].',
  })
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiCreatedResponse({ type: CaptureResultDto, description: 'A new lead; `Location` and `ETag` set.' })
  @ApiOkResponse({ type: CaptureResultDto, description: 'Merged into an open lead as an activity (`merged: true`).' })
  @ApiProblems(
    [400, 'Invalid input, or `LEAD.NO_CONTACT` (no mobile, e-mail or company name), `LEAD.INVALID_MOBILE`.'],
    401,
    403,
    [404, 'The pool does not exist or you are not in it (`LEAD_POOL.NOT_FOUND`).'],
    [422, 'The owner is not an active user (`LEAD.OWNER_NOT_ACTIVE`).'],
  )
  async capture(@CurrentActor() actor: Actor, @Body() body: CaptureLeadDto, @Res({ passthrough: true }) response: Response): Promise<CaptureResultDto> {
    const result = await this.commands.execute(
      new CaptureLeadCommand(actor, {
        profile: { ...emptyProfile(), ...profileOf(body) },
        poolId: body.poolId ?? null,
        ownerId: body.ownerId ?? null,
      }),
    );
    const lead = await this.visibleLead(actor, result.leadId);
    response.status(result.merged ? 200 : 201);
    if (lead) response.setHeader('ETag', etagFor(lead.version));
    if (!result.merged) response.setHeader('Location', `/api/v1/leads/${result.leadId}`);
    return { ...result, lead };
  }

  @Get()
  @RequirePermissions('lead:read')
  @ApiOperation({
    summary: 'List leads [线索列表]',
    description: 'Leads of the pools you belong to and their sub-pools, and those your data scope owns; newest first.',
  })
  @ApiOkResponse({ type: LeadPageDto })
  @ApiProblems(400, 401, 403)
  list(@CurrentActor() actor: Actor, @Query() query: LeadListQueryDto): Promise<LeadPageDto> {
    const { limit, cursor, ...filters } = query;
    return this.queries.execute(new ListLeadsQuery(actor, filters, limit ?? DEFAULT_PAGE_SIZE, cursor));
  }

  @Get(':id')
  @RequirePermissions('lead:read')
  @ApiOperation({ summary: 'Get a lead [线索详情], with the pools it passed through' })
  @ApiOkResponse({ type: LeadDetailDto, description: '`ETag` header set.' })
  @ApiProblems(400, 401, 403, [404, 'No such lead, or outside your pools and data scope (`LEAD.NOT_FOUND`).'])
  async get(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Res({ passthrough: true }) response: Response): Promise<LeadDetailDto> {
    const lead = await this.queries.execute(new GetLeadQuery(actor, id));
    response.setHeader('ETag', etagFor(lead.version));
    return lead;
  }

  @Patch(':id')
  @RequirePermissions('lead:update')
  @ApiOperation({
    summary: 'Edit a lead [编辑线索]',
    description: 'Send only the fields to change; null clears one. The lead is re-scored. Send If-Match to refuse stale edits.',
  })
  @ApiHeader(IF_MATCH_HEADER)
  @ApiOkResponse({ type: LeadDetailDto, description: 'The lead after the edit; new `ETag`.' })
  @ApiProblems(
    [400, 'Invalid input, `LEAD.NO_CONTACT` (nothing left to reach them by), or a bad If-Match.'],
    401,
    403,
    404,
    [
      409,
      'Another open lead has that mobile or e-mail (`LEAD.DUPLICATE`, with `duplicateOf`), the lead is not open (`LEAD.NOT_OPEN`), or a concurrent change.',
    ],
    412,
  )
  async update(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() body: UpdateLeadDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<LeadDetailDto> {
    await this.commands.execute(new UpdateLeadCommand(actor, id, profileOf(body), expectedVersionFrom(ifMatch)));
    const lead = await this.queries.execute(new GetLeadQuery(actor, id));
    response.setHeader('ETag', etagFor(lead.version));
    return lead;
  }

  @Post(':id/moves')
  @RequirePermissions('lead:update')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Move a lead to another pool [线索流转]',
    description:
      "Admins of the lead's pool (or a pool above it) move it to a pool they reach or back up its path. The pools it passed through are kept (`poolHistory`) and the move is in its history with the reason.",
  })
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiHeader(IF_MATCH_HEADER)
  @ApiOkResponse({ type: MoveResultDto, description: 'Moved; new `ETag`.' })
  @ApiProblems(
    400,
    401,
    [403, "Not an admin of the lead's pool (`LEAD.NOT_POOL_ADMIN`), or missing permission."],
    [404, 'No such lead (`LEAD.NOT_FOUND`) or target pool (`LEAD_POOL.NOT_FOUND`) within your reach.'],
    [409, 'Already in that pool (`LEAD.ALREADY_IN_POOL`), or not open (`LEAD.NOT_OPEN`).'],
    412,
  )
  async move(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() body: MoveLeadDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<MoveResultDto> {
    const { version } = await this.commands.execute(new MoveLeadCommand(actor, id, body.toPoolId, body.reason, expectedVersionFrom(ifMatch)));
    response.setHeader('ETag', etagFor(version));
    return { leadId: id, poolId: body.toPoolId, version, lead: await this.visibleLead(actor, id) };
  }

  @Post(':id/assignment')
  @RequirePermissions('lead:update')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Assign a lead to someone [手动分配]',
    description:
      "Admins of the lead's pool (or a pool above it) give it to an active member or admin of a pool on its path, or reassign it; the assignment log and history keep who and why. Capacity limits bind automatic assignment and claims, not an admin's choice.",
  })
  @ApiHeader(IF_MATCH_HEADER)
  @ApiOkResponse({ type: LeadDetailDto, description: 'The lead with its new owner; new `ETag`.' })
  @ApiProblems(
    400,
    401,
    [403, "Not an admin of the lead's pool (`LEAD.NOT_POOL_ADMIN`)."],
    404,
    [409, 'Already theirs (`LEAD.ALREADY_OWNER`), not open (`LEAD.NOT_OPEN`), or a concurrent change.'],
    412,
    [422, 'The owner does not work this pool (`LEAD.OWNER_NOT_IN_POOL`).'],
  )
  async assignLead(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() body: AssignLeadDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<LeadDetailDto> {
    const { version } = await this.commands.execute(new AssignLeadCommand(actor, id, body.ownerId, body.reason ?? null, expectedVersionFrom(ifMatch)));
    response.setHeader('ETag', etagFor(version));
    return this.queries.execute(new GetLeadQuery(actor, id));
  }

  @Post(':id/claim')
  @RequirePermissions('lead:update')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Claim a lead waiting in your pool [抢单]',
    description:
      "Members of the lead's pool (or a pool above it) take an ownerless lead, within the pool's limits: open leads held (`maxHeld`, or the person's `memberCapacity`), claims per day (`maxClaimsPerDay`, days in the company time zone), and the cool-down after a lead was recycled from them. Two claims of one lead at once: one wins, the other is 409.",
  })
  @ApiOkResponse({ type: LeadDetailDto, description: 'The lead, now yours; new `ETag`.' })
  @ApiProblems(
    400,
    401,
    [403, "Not a member of the lead's pool (`LEAD.CLAIM_NOT_MEMBER`)."],
    404,
    [409, 'Someone owns it already (`LEAD.ALREADY_OWNED`), or it is not open (`LEAD.NOT_OPEN`).'],
    [422, 'A limit: `LEAD.CLAIM_LIMIT_HELD`, `LEAD.CLAIM_LIMIT_DAILY`, `LEAD.CLAIM_COOLING_DOWN`.'],
  )
  async claimLead(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Res({ passthrough: true }) response: Response): Promise<LeadDetailDto> {
    const { version } = await this.commands.execute(new ClaimLeadCommand(actor, id));
    response.setHeader('ETag', etagFor(version));
    return this.queries.execute(new GetLeadQuery(actor, id));
  }

  @Post(':id/closure')
  @RequirePermissions('lead:update')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Close a lead [关闭线索]',
    description:
      'Its owner (or an admin of its pool or a pool above it) gives the lead up with a reason: `invalid` [无效线索], `duplicate` [重复线索], `no-need` [无需求], `unreachable` [联系不上] or `other` (with a `note`). A closed lead keeps its pool and owner on record but leaves automatic assignment, claims, capacity counts, recycling, re-scoring and de-duplication; its history records the closure. Only open leads close.',
  })
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiHeader(IF_MATCH_HEADER)
  @ApiOkResponse({ type: LeadDetailDto, description: 'The closed lead; new `ETag`.' })
  @ApiProblems(
    [400, 'Invalid input, or `LEAD.CLOSURE_NOTE_REQUIRED` (reason `other` without a note).'],
    401,
    [403, "Neither the owner nor an admin of the lead's pool (`LEAD.CLOSURE_FORBIDDEN`)."],
    [404, 'No such lead, or outside your pools and data scope (`LEAD.NOT_FOUND`).'],
    [409, 'Not open (`LEAD.NOT_OPEN`, with `leadStatus`), or a concurrent change.'],
    412,
  )
  async closeLead(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() body: CloseLeadDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<LeadDetailDto> {
    const { version } = await this.commands.execute(new CloseLeadCommand(actor, id, body.reason, body.note ?? null, expectedVersionFrom(ifMatch)));
    response.setHeader('ETag', etagFor(version));
    return this.queries.execute(new GetLeadQuery(actor, id));
  }

  @Post(':id/reopening')
  @RequirePermissions('lead:update')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Reopen a closed lead [重新打开线索]',
    description:
      'Its owner (or an admin of its pool) opens a closed lead again, in its pool and with its owner (whose follow-up clock starts again now); it is re-scored with the rules in force. When an open lead has taken its mobile or e-mail meanwhile, 409 `LEAD.DUPLICATE` names it.',
  })
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiHeader(IF_MATCH_HEADER)
  @ApiOkResponse({ type: LeadDetailDto, description: 'The open lead; new `ETag`.' })
  @ApiProblems(
    400,
    401,
    [403, "Neither the owner nor an admin of the lead's pool (`LEAD.CLOSURE_FORBIDDEN`)."],
    [404, 'No such lead, or outside your pools and data scope (`LEAD.NOT_FOUND`).'],
    [409, 'Not closed (`LEAD.NOT_CLOSED`, with `leadStatus`), an open duplicate (`LEAD.DUPLICATE`), or a concurrent change.'],
    412,
  )
  async reopenLead(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() body: ReopenLeadDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<LeadDetailDto> {
    const { version } = await this.commands.execute(new ReopenLeadCommand(actor, id, body.note ?? null, expectedVersionFrom(ifMatch)));
    response.setHeader('ETag', etagFor(version));
    return this.queries.execute(new GetLeadQuery(actor, id));
  }

  @Post(':id/conversion')
  @RequirePermissions('lead:update')
  @ApiOperation({
    summary: 'Convert a lead [线索转化]',
    description:
      'Its owner (or an admin of its pool) turns the lead into a customer, a contact and optionally an opportunity whose source is the lead, all or nothing. The customer is created, or linked when `customerId` names one you work or when the new one would duplicate a customer you work (its empty fields filled from the lead, nothing it has overwritten); a duplicate held by someone else is 409 `LEAD.CUSTOMER_EXISTS` with the candidates. The person is created as a contact or, when their mobile or e-mail is known, the existing contact is linked. The lead becomes read-only with links to what it became; the pool it was converted in is recorded in the lead.converted event. A new customer follows the grade rules like any new customer (POOL-3): when your roles may not hold its grade it enters the pool with a claim application for you, the answer is 202, the lead is `converting`, and the contact and opportunity are created as you the moment the application is approved (lead.converted then); a rejected, recalled or expired application opens the lead again (lead.conversion-refused).',
  })
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiCreatedResponse({ type: ConversionResultDto, description: 'Converted; `Location` names the customer.' })
  @ApiAcceptedResponse({
    type: ConversionResultDto,
    description:
      'The new customer’s grade needs an approver before you hold it (`status` pending-approval): it waits in the pool reserved for you, and the conversion finishes by itself when the application is approved. `Location` names the customer.',
  })
  @ApiProblems(
    [400, 'Invalid input; `LEAD.CONVERSION_NEEDS_NAME`.'],
    401,
    [403, 'Not the owner nor an admin of its pool (`LEAD.NOT_YOURS`); a missing permission (`LEAD.CONVERSION_FORBIDDEN`).'],
    [404, 'No such lead, or a `customerId` / `pipelineId` you cannot use.'],
    [409, 'Not open (`LEAD.NOT_OPEN`, e.g. already converted); `LEAD.CUSTOMER_EXISTS` with `candidates`; `LEAD.CONTACT_EXISTS`.'],
    422,
  )
  async convertLead(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() body: ConvertLeadDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ConversionResultDto> {
    const result = await this.commands.execute(
      new ConvertLeadCommand(actor, id, {
        ...(body.customerId ? { customerId: body.customerId } : {}),
        ...(body.customerName ? { customerName: body.customerName } : {}),
        ...(body.contactRole ? { contactRole: body.contactRole } : {}),
        ...(body.opportunity
          ? {
              opportunity: {
                name: body.opportunity.name,
                amount: body.opportunity.amount ?? null,
                expectedCloseDate: body.opportunity.expectedCloseDate ?? null,
                ...(body.opportunity.pipelineId ? { pipelineId: body.opportunity.pipelineId } : {}),
              },
            }
          : {}),
      }),
    );
    response.setHeader('Location', `/api/v1/customers/${result.customerId}`);
    if (result.status === 'pending-approval') response.status(202);
    return result;
  }

  @Post(':id/activities')
  @RequirePermissions('lead:update')
  @ApiOperation({
    summary: 'Record behaviour of a lead [线索行为]',
    description:
      'A page view, mini-program visit, H5 open, live stream, form, e-mail open or call-centre outcome. The lead is re-scored at once; the answer has the new score and grade.',
  })
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiCreatedResponse({ type: RecordedActivityDto })
  @ApiProblems(
    [400, 'Invalid input; `LEAD.OUTCOME_REQUIRED` (a call outcome needs `outcome`, other kinds take none); `LEAD.ACTIVITY_IN_FUTURE`.'],
    401,
    403,
    404,
    [409, 'The lead is not open (`LEAD.NOT_OPEN`).'],
  )
  recordActivity(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Body() body: RecordLeadActivityDto): Promise<RecordedActivityDto> {
    return this.commands.execute(
      new RecordLeadActivityCommand(actor, id, {
        kind: body.kind,
        occurredAt: new Date(body.occurredAt),
        outcome: body.outcome ?? null,
        channel: body.channel ?? null,
        campaign: body.campaign ?? null,
        detail: body.detail ?? {},
      }),
    );
  }

  @Get(':id/score')
  @RequirePermissions('lead:read')
  @ApiOperation({
    summary: 'The explained score of a lead [评分明细]',
    description: 'Current score, grade and the rules that fire with their points, and every score change with the rules that fired then.',
  })
  @ApiOkResponse({ type: LeadScoreDto })
  @ApiProblems(400, 401, 403, 404)
  score(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string): Promise<LeadScoreDto> {
    return this.queries.execute(new GetLeadScoreQuery(actor, id));
  }

  @Get(':id/history')
  @RequirePermissions('lead:read')
  @ApiOperation({
    summary: 'The history of a lead in 5W2H form [线索日志]',
    description: 'Every event of the lead, oldest first: who, what, when, where (pool, channel), why (reason, rules fired), how, how much (score change).',
  })
  @ApiOkResponse({ type: HistoryPageDto })
  @ApiProblems(400, 401, 403, 404)
  history(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Query() query: PageQueryDto): Promise<HistoryPageDto> {
    return this.queries.execute(new GetLeadHistoryQuery(actor, id, query.limit ?? DEFAULT_PAGE_SIZE, query.cursor));
  }

  /** The lead when the caller may see it; a submission merged into a lead outside their reach gets none. */
  private async visibleLead(actor: Actor, leadId: string): Promise<LeadDetail | null> {
    try {
      return await this.queries.execute(new GetLeadQuery(actor, leadId));
    } catch (error) {
      if (error instanceof DomainError && error.kind === 'not-found') return null;
      throw error;
    }
  }
}
