import { Body, Controller, Get, Headers, Put, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiProblems, CurrentActor, etagFor, expectedVersionFrom, RequirePermissions, type Actor } from '@crm/platform';
import { ReplaceGradePolicyCommand } from '../application/commands/replace-grade-policy/replace-grade-policy.command.js';
import { GetGradePolicyQuery } from '../application/queries/get-grade-policy/get-grade-policy.query.js';
import { GradePolicyDto, GradePolicyReplacedDto, ReplaceGradePolicyDto } from './dto/grade-policy.dto.js';

@ApiTags('Customers')
@ApiBearerAuth()
@Controller('api/v1/customer-grade-policy')
export class GradePolicyController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get()
  @RequirePermissions('customer:read')
  @ApiOperation({ summary: 'Grade rules [客户等级规则]: grade by customer type and size' })
  @ApiOkResponse({ type: GradePolicyDto })
  @ApiProblems(401, 403)
  async get(@Res({ passthrough: true }) response: Response): Promise<GradePolicyDto> {
    const policy = await this.queries.execute(new GetGradePolicyQuery());
    response.setHeader('ETag', etagFor(policy.version));
    return { defaultGrade: policy.defaultGrade, rules: [...policy.rules], version: policy.version };
  }

  @Put()
  @RequirePermissions('customer:configure')
  @ApiOperation({
    summary: 'Replace the grade rules and re-grade every customer',
    description: 'A configuration right (sales managers, admins). Protection already granted is not affected.',
  })
  @ApiHeader({ name: 'If-Match', required: false, description: 'ETag from GET; 412 when the rules changed since.' })
  @ApiOkResponse({ type: GradePolicyReplacedDto })
  @ApiProblems(400, 401, 403, 412)
  async replace(
    @CurrentActor() actor: Actor,
    @Body() body: ReplaceGradePolicyDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<GradePolicyReplacedDto> {
    const result = await this.commands.execute(
      new ReplaceGradePolicyCommand(actor, { defaultGrade: body.defaultGrade, rules: body.rules }, expectedVersionFrom(ifMatch)),
    );
    response.setHeader('ETag', etagFor(result.version));
    return result;
  }
}
