import { Body, Controller, Get, Headers, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiHeader, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  ApiProblems,
  CurrentActor,
  DEFAULT_PAGE_SIZE,
  etagFor,
  expectedVersionFrom,
  ProblemException,
  RequirePermissions,
  UuidParam,
  type Actor,
} from '@crm/platform';
import { ConfigureApprovalProcessCommand } from '../application/commands/configure-approval-process/configure-approval-process.command.js';
import { DecideApprovalCommand } from '../application/commands/decide-approval/decide-approval.command.js';
import { RecallApprovalCommand } from '../application/commands/recall-approval/recall-approval.command.js';
import { GetApprovalProcessQuery } from '../application/queries/get-approval-process/get-approval-process.query.js';
import { GetApprovalQuery } from '../application/queries/get-approval/get-approval.query.js';
import { ListApprovalsQuery } from '../application/queries/list-approvals/list-approvals.query.js';
import type { ApproverRule } from '../domain/approval.types.js';
import {
  ApprovalDto,
  ApprovalListQueryDto,
  ApprovalPageDto,
  ApproverRuleDto,
  ConfigureProcessDto,
  DecisionInputDto,
  DecisionResultDto,
  ProcessDto,
  SUBJECT_TYPE,
} from './dto/approval.dto.js';

function subjectTypeParam(value: string): string {
  if (!SUBJECT_TYPE.test(value)) throw new ProblemException(400, 'REQUEST.INVALID_ID', 'Not a subject type.');
  return value;
}

/** The DTO's rule as the domain's: only the fields its kind uses. */
function approverRuleOf(rule: ApproverRuleDto): ApproverRule {
  if (rule.kind === 'role') return { kind: 'role', role: rule.role! };
  if (rule.kind === 'users') return { kind: 'users', userIds: rule.userIds! };
  return { kind: rule.kind };
}

@ApiTags('Approvals')
@ApiBearerAuth()
@Controller('api/v1')
export class ApprovalsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get('approvals')
  @ApiOperation({ summary: 'Approval inbox [待我审批] or my requests [我发起的]' })
  @ApiOkResponse({ type: ApprovalPageDto })
  @ApiProblems(400, 401)
  list(@CurrentActor() actor: Actor, @Query() query: ApprovalListQueryDto): Promise<ApprovalPageDto> {
    return this.queries.execute(
      new ListApprovalsQuery(actor, query.box ?? 'waiting-for-me', query.status, query.limit ?? DEFAULT_PAGE_SIZE, query.cursor),
    ) as unknown as Promise<ApprovalPageDto>;
  }

  @Get('approvals/:id')
  @ApiOperation({ summary: 'An approval request with its steps and full history [审批记录]' })
  @ApiOkResponse({ type: ApprovalDto })
  @ApiProblems(400, 401, [404, 'No such request, or you are neither applicant nor approver.'])
  get(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string): Promise<ApprovalDto> {
    return this.queries.execute(new GetApprovalQuery(actor, id)) as unknown as Promise<ApprovalDto>;
  }

  @Post('approvals/:id/decisions')
  @RequirePermissions('approval:decide')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Approve [同意] or reject [驳回] the current step',
    description: 'Any-of steps close on the first approval; all-of steps when everyone approved. A rejection needs a reason.',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiOkResponse({ type: DecisionResultDto })
  @ApiProblems(
    400,
    401,
    [403, 'Not an approver of the current step (`APPROVAL.NOT_AN_APPROVER`).'],
    404,
    [409, 'Closed (`APPROVAL.CLOSED`) or you already decided (`APPROVAL.ALREADY_DECIDED`).'],
    [422, 'Rejection without a reason (`APPROVAL.REASON_REQUIRED`).'],
  )
  decide(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Body() body: DecisionInputDto): Promise<DecisionResultDto> {
    return this.commands.execute(new DecideApprovalCommand(actor, id, body.decision, body.comment ?? null));
  }

  @Post('approvals/:id/recall')
  @HttpCode(204)
  @ApiOperation({ summary: 'Recall my pending request [撤回]' })
  @ApiNoContentResponse({ description: 'Recalled.' })
  @ApiProblems(400, 401, [403, 'Only the applicant recalls.'], 404, [409, 'Already closed.'])
  async recall(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string): Promise<void> {
    await this.commands.execute(new RecallApprovalCommand(actor, id));
  }

  @Get('approval-processes/:subjectType')
  @ApiOperation({ summary: 'The approval process [审批流程] for a subject type, e.g. claim-application' })
  @ApiParam({ name: 'subjectType', example: 'claim-application' })
  @ApiOkResponse({ type: ProcessDto })
  @ApiProblems(400, 401, [422, 'No process for that subject type.'])
  async getProcess(@Param('subjectType') subjectType: string, @Res({ passthrough: true }) response: Response): Promise<ProcessDto> {
    const process = await this.queries.execute(new GetApprovalProcessQuery(subjectTypeParam(subjectType)));
    response.setHeader('ETag', etagFor(process.version));
    return process as ProcessDto;
  }

  @Put('approval-processes/:subjectType')
  @RequirePermissions('approval:configure')
  @ApiOperation({
    summary: 'Define the approval process for a subject type [审批流程]',
    description:
      "Serial steps, each any-of [或签] or all-of [会签], approvers by rule, optional conditions on the request's facts [条件审批] (e.g. a legal step when `amount gte 500000`), default approvers.",
  })
  @ApiParam({ name: 'subjectType', example: 'claim-application' })
  @ApiHeader({ name: 'If-Match', required: false })
  @ApiOkResponse({ description: 'Saved; new version in the ETag header.' })
  @ApiProblems(400, 401, 403, 412)
  async configure(
    @Param('subjectType') subjectType: string,
    @Body() body: ConfigureProcessDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<{ version: number }> {
    const steps = body.steps.map((step) => ({
      name: step.name,
      mode: step.mode,
      approvers: approverRuleOf(step.approvers),
      ...(step.when?.length ? { when: step.when.map(({ fact, op, value }) => ({ fact, op, value })) } : {}),
    }));
    const result = await this.commands.execute(
      new ConfigureApprovalProcessCommand(subjectTypeParam(subjectType), steps, body.defaultApproverIds, expectedVersionFrom(ifMatch)),
    );
    response.setHeader('ETag', etagFor(result.version));
    return result;
  }
}
