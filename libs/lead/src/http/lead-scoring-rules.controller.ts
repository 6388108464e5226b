import { Body, Controller, Get, Headers, Put, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiProblems, CurrentActor, etagFor, expectedVersionFrom, RequirePermissions, type Actor } from '@crm/platform';
import { ReplaceScoringRulesCommand } from '../application/commands/replace-scoring-rules/replace-scoring-rules.command.js';
import { GetScoringRulesQuery } from '../application/queries/get-scoring-rules/get-scoring-rules.query.js';
import type { ScoringRule } from '../domain/scoring.js';
import { ScoringRuleDto, ScoringRulesDto, ScoringRulesViewDto } from './dto/scoring-rules.dto.js';

/** The DTO's rule as the domain's: only the fields its kind uses. */
function ruleOf(rule: ScoringRuleDto): ScoringRule {
  const base = { id: rule.id, name: rule.name, points: rule.points };
  const tag = rule.tag !== undefined ? { tag: rule.tag } : {};
  switch (rule.kind) {
    case 'attribute':
      return {
        ...base,
        kind: 'attribute',
        field: rule.field!,
        op: rule.op!,
        ...(rule.op === 'equals' ? { value: rule.value! } : {}),
        ...(rule.op === 'in' ? { values: rule.values! } : {}),
      };
    case 'behaviour':
      return {
        ...base,
        kind: 'behaviour',
        activity: rule.activity!,
        withinDays: rule.withinDays!,
        ...(rule.cap !== undefined ? { cap: rule.cap } : {}),
        ...tag,
      };
    case 'call-outcome':
      return { ...base, kind: 'call-outcome', outcome: rule.outcome!, ...(rule.withinDays !== undefined ? { withinDays: rule.withinDays } : {}), ...tag };
  }
}

@ApiTags('Lead scoring')
@ApiBearerAuth()
@Controller('api/v1/lead-scoring-rules')
export class LeadScoringRulesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get()
  @RequirePermissions('lead:read')
  @ApiOperation({ summary: 'The scoring rules and grade thresholds in force [评分规则]' })
  @ApiOkResponse({ type: ScoringRulesViewDto, description: '`ETag` header set.' })
  @ApiProblems(401, 403)
  async get(@Res({ passthrough: true }) response: Response): Promise<ScoringRulesViewDto> {
    const rules = await this.queries.execute(new GetScoringRulesQuery());
    response.setHeader('ETag', etagFor(rules.version));
    return rules as ScoringRulesViewDto;
  }

  @Put()
  @RequirePermissions('lead:manage')
  @ApiOperation({
    summary: 'Replace the scoring rules [评分规则]',
    description:
      'Attribute rules (a field equals a value, is in a list, or is filled in), behaviour rules (activities of a kind within the last N days, points each up to a cap) and call-outcome rules (the latest call-centre outcome, usually heavier); negative points lower the score. Grades come from thresholds, highest first. Every open lead is re-scored in batches after the change commits; each score change records the rules that fired.',
  })
  @ApiHeader({ name: 'If-Match', required: false, description: 'ETag from GET; 412 when the rules changed since.' })
  @ApiOkResponse({ type: ScoringRulesViewDto, description: 'The rules now in force; new `ETag`.' })
  @ApiProblems([400, 'Invalid rules (`LEAD.INVALID_SCORING_RULES`: duplicate ids, thresholds out of order, a cap below the points…).'], 401, 403, 412)
  async replace(
    @CurrentActor() actor: Actor,
    @Body() body: ScoringRulesDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ScoringRulesViewDto> {
    const rules = {
      rules: body.rules.map(ruleOf),
      grades: body.grades.map(({ grade, minScore }) => ({ grade, minScore })),
      defaultGrade: body.defaultGrade,
    };
    const { version } = await this.commands.execute(new ReplaceScoringRulesCommand(actor, rules, expectedVersionFrom(ifMatch)));
    response.setHeader('ETag', etagFor(version));
    return { ...rules, version } as ScoringRulesViewDto;
  }
}
