import { Body, Controller, Get, Headers, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
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
import { ChangePipelineCommand } from '../application/commands/change-pipeline/change-pipeline.command.js';
import { CreateLossReasonCommand } from '../application/commands/create-loss-reason/create-loss-reason.command.js';
import { CreatePipelineCommand } from '../application/commands/create-pipeline/create-pipeline.command.js';
import { GetPipelineQuery } from '../application/queries/get-pipeline/get-pipeline.query.js';
import { ListLossReasonsQuery } from '../application/queries/list-loss-reasons/list-loss-reasons.query.js';
import { ListPipelinesQuery } from '../application/queries/list-pipelines/list-pipelines.query.js';
import {
  ChangePipelineDto,
  CreateLossReasonDto,
  CreatePipelineDto,
  LossReasonDto,
  LossReasonPageDto,
  PipelineChangedDto,
  PipelineDto,
  PipelinePageDto,
} from './dto/pipeline.dto.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function moveToMap(moveTo: Record<string, unknown> | undefined): Record<string, string> | undefined {
  if (moveTo === undefined) return undefined;
  const bad = Object.entries(moveTo).filter(([from, to]) => !UUID.test(from) || typeof to !== 'string' || !UUID.test(to));
  if (bad.length > 0) {
    throw new RequestValidationException(
      bad.map(([from]) => ({ field: `moveTo.${from}`, code: 'NOT_A_UUID', message: 'moveTo maps a removed stage id to a stage id' })),
    );
  }
  return moveTo as Record<string, string>;
}

@ApiTags('Pipelines')
@ApiBearerAuth()
@Controller('api/v1')
export class PipelinesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get('pipelines')
  @RequirePermissions('opportunity:read')
  @ApiOperation({ summary: 'Pipelines [销售流程] with their stages', description: 'The default pipeline first.' })
  @ApiOkResponse({ type: PipelinePageDto })
  @ApiProblems(400, 401, 403)
  list(@Query() page: PageQueryDto): Promise<PipelinePageDto> {
    return this.queries.execute(new ListPipelinesQuery(page.limit ?? DEFAULT_PAGE_SIZE, page.cursor));
  }

  @Get('pipelines/:id')
  @RequirePermissions('opportunity:read')
  @ApiOperation({ summary: 'A pipeline [销售流程] with its stages' })
  @ApiOkResponse({ type: PipelineDto, description: '`ETag` header set.' })
  @ApiProblems(400, 401, 403, 404)
  async get(@Param('id', UuidParam) id: string, @Res({ passthrough: true }) response: Response): Promise<PipelineDto> {
    const pipeline = await this.queries.execute(new GetPipelineQuery(id));
    response.setHeader('ETag', etagFor(pipeline.version));
    return pipeline;
  }

  @Post('pipelines')
  @RequirePermissions('opportunity:manage')
  @ApiOperation({
    summary: 'Create a pipeline [新建销售流程]',
    description:
      'Open stages in order, each with a default win probability, a forecast category, the fields required to enter it and whether moving back is allowed; then exactly one won [赢单] and one lost [输单] stage.',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ type: PipelineDto, description: 'Created; `Location` and `ETag` headers set.' })
  @ApiProblems([400, 'Invalid input, or stages that do not make a pipeline (`OPPORTUNITY.INVALID_PIPELINE`).'], 401, 403, [
    409,
    'The name is taken (`OPPORTUNITY.PIPELINE_NAME_TAKEN`).',
  ])
  async create(@Body() body: CreatePipelineDto, @Res({ passthrough: true }) response: Response): Promise<PipelineDto> {
    const { id } = await this.commands.execute(
      new CreatePipelineCommand({
        name: body.name,
        isDefault: body.isDefault ?? false,
        stages: body.stages.map(({ name, probability, forecastCategory, requiredFields, allowBack, outcome }) => ({
          name,
          probability,
          forecastCategory,
          requiredFields,
          allowBack,
          outcome,
        })),
      }),
    );
    const pipeline = await this.queries.execute(new GetPipelineQuery(id));
    response.setHeader('Location', `/api/v1/pipelines/${id}`).setHeader('ETag', etagFor(pipeline.version));
    return pipeline;
  }

  @Patch('pipelines/:id')
  @RequirePermissions('opportunity:manage')
  @ApiOperation({
    summary: 'Edit a pipeline [编辑销售流程]',
    description:
      'Rename stages, change probabilities, reorder, add stages, or remove one: only when no open opportunity is in it, or with `moveTo` naming where they go. Opportunities keep working throughout; the won and lost stages stay.',
  })
  @ApiHeader({ name: 'If-Match', required: false, description: 'ETag from GET; 412 when the pipeline changed since.' })
  @ApiOkResponse({ type: PipelineChangedDto, description: '`ETag` header set.' })
  @ApiProblems(
    [400, 'Invalid input or stage list (`OPPORTUNITY.INVALID_PIPELINE`).'],
    401,
    403,
    404,
    [409, 'Name taken, or a removed stage has open opportunities and no `moveTo` (`OPPORTUNITY.STAGE_IN_USE`).'],
    412,
    [422, 'The default pipeline cannot stop being the default (`OPPORTUNITY.DEFAULT_PIPELINE_REQUIRED`).'],
  )
  async change(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() body: ChangePipelineDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<PipelineChangedDto> {
    const { movedOpportunities } = await this.commands.execute(
      new ChangePipelineCommand(
        actor,
        id,
        {
          name: body.name,
          isDefault: body.isDefault,
          stages: body.stages?.map(({ id: stageId, name, probability, forecastCategory, requiredFields, allowBack, outcome }) => ({
            ...(stageId ? { id: stageId } : {}),
            name,
            probability,
            forecastCategory,
            requiredFields,
            allowBack,
            outcome,
          })),
          moveTo: moveToMap(body.moveTo),
        },
        expectedVersionFrom(ifMatch),
      ),
    );
    const pipeline = await this.queries.execute(new GetPipelineQuery(id));
    response.setHeader('ETag', etagFor(pipeline.version));
    return { ...pipeline, movedOpportunities };
  }

  @Get('loss-reasons')
  @RequirePermissions('opportunity:read')
  @ApiOperation({ summary: 'Loss reasons [输单原因] to choose from when an opportunity is lost' })
  @ApiOkResponse({ type: LossReasonPageDto })
  @ApiProblems(400, 401, 403)
  lossReasons(@Query() page: PageQueryDto): Promise<LossReasonPageDto> {
    return this.queries.execute(new ListLossReasonsQuery(page.limit ?? DEFAULT_PAGE_SIZE, page.cursor));
  }

  @Post('loss-reasons')
  @RequirePermissions('opportunity:manage')
  @ApiOperation({ summary: 'Add a loss reason [新增输单原因]' })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ type: LossReasonDto })
  @ApiProblems(400, 401, 403, [409, 'A loss reason with that name exists (`OPPORTUNITY.LOSS_REASON_EXISTS`).'])
  createLossReason(@Body() body: CreateLossReasonDto): Promise<LossReasonDto> {
    return this.commands.execute(new CreateLossReasonCommand(body.name));
  }
}
