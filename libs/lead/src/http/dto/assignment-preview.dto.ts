import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsInt, IsOptional, IsString, IsUUID, MaxLength, ValidateIf, ValidateNested } from 'class-validator';
import { LeadProfileFields } from './lead.dto.js';
import { LeadPeriodQueryDto } from './period-query.dto.js';

export class PreviewLeadFactsDto extends LeadProfileFields {
  @ApiPropertyOptional({
    type: 'integer',
    description: 'Score to test the rules with; default: the profile scored with the rules in force (no behaviour yet).',
  })
  @IsOptional()
  @IsInt()
  score?: number;

  @ApiPropertyOptional({ example: 'A', description: 'Grade to test the rules with; default: the grade of that score.' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  grade?: string;
}

export class AssignmentPreviewRequestDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'A lead in your reach: its stored facts, score and grade. Give this or `lead`.' })
  @ValidateIf((body: AssignmentPreviewRequestDto) => body.lead === undefined)
  @IsDefined({ message: 'give leadId or lead' })
  @IsUUID()
  leadId?: string;

  @ApiPropertyOptional({ type: PreviewLeadFactsDto, description: 'Facts of a lead as a capture would give them. Give this or `leadId`.' })
  @ValidateIf((body: AssignmentPreviewRequestDto) => body.leadId === undefined)
  @IsDefined({ message: 'give leadId or lead' })
  @ValidateNested()
  @Type(() => PreviewLeadFactsDto)
  lead?: PreviewLeadFactsDto;
}

class PreviewFactsDto {
  @ApiProperty({ nullable: true, type: String, description: 'The province (also as `province`).' }) region: string | null;
  @ApiProperty({ nullable: true, type: String }) province: string | null;
  @ApiProperty({ nullable: true, type: String }) city: string | null;
  @ApiProperty({ nullable: true, type: String }) industry: string | null;
  @ApiProperty({ nullable: true, type: String }) channel: string | null;
  @ApiProperty({ nullable: true, type: String }) campaign: string | null;
  @ApiProperty({ nullable: true, type: String }) utmSource: string | null;
  @ApiProperty({ enum: ['company', 'person'] }) type: string;
  @ApiProperty({ example: 'B' }) grade: string;
  @ApiProperty({ type: 'integer', example: 55 }) score: number;
}

class MatchedRuleDto {
  @ApiProperty({ example: 'east-china' }) id: string;
  @ApiProperty({ type: 'integer', example: 0, description: 'Its position in `assignmentRules` (0 first).' }) index: number;
}

class RuleMissDto {
  @ApiProperty({ example: 'east-china' }) ruleId: string;
  @ApiProperty({ example: 'province', description: 'The first condition of the entry that failed: its fact…' }) fact: string;
  @ApiProperty({ enum: ['eq', 'in', 'range'] }) op: string;
  @ApiProperty({ nullable: true, type: String, example: '广东', description: "…and the lead's value of it, as text (null: unknown)." })
  actual: string | null;
}

class PreviewCandidateDto {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty({ type: 'integer', description: 'Open leads held from this pool now.' }) load: number;
  @ApiProperty({ nullable: true, type: 'integer', description: 'Their capacity (`memberCapacity`, else `maxHeld`); null: none.' }) capacity: number | null;
  @ApiProperty({ description: 'Weight for the `weighted` strategy.' }) weight: number;
  @ApiProperty({
    nullable: true,
    type: String,
    example: 'at-capacity',
    description: 'Why they would be passed over (`at-capacity`, `inactive`, `zero-weight`); null: free.',
  })
  skipped: string | null;
}

class PreviewSkipDto {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty({ example: 'at-capacity' }) reason: string;
}

export class AssignmentPreviewDto {
  @ApiProperty({ format: 'uuid' }) poolId: string;
  @ApiProperty({ example: 'by-rules', description: "The pool's assignment strategy." }) poolStrategy: string;
  @ApiProperty({ description: 'Whether the pool hands out new leads by itself (not `manual` or `grab`).' }) automatic: boolean;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) leadId: string | null;
  @ApiProperty({ type: PreviewFactsDto, description: 'The facts the rules were tested against.' }) facts: PreviewFactsDto;
  @ApiProperty({ type: MatchedRuleDto, nullable: true, description: 'The entry that matched (`by-rules` pools).' }) matchedRule: MatchedRuleDto | null;
  @ApiProperty({ type: [RuleMissDto], description: 'Entries tried before it, each with the condition it failed on.' }) misses: RuleMissDto[];
  @ApiProperty({ nullable: true, type: String, enum: ['round-robin', 'least-busy', 'weighted'], description: 'How the assignee is picked.' })
  strategy: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'Who would get the lead now.' }) assigneeId: string | null;
  @ApiProperty({ enum: ['assigned', 'pool-does-not-assign', 'no-rule-matched', 'nobody-free'] }) outcome: string;
  @ApiProperty({ type: [PreviewCandidateDto], description: 'The candidates, in id order, each with load, capacity and why skipped.' })
  candidates: PreviewCandidateDto[];
  @ApiProperty({ type: [PreviewSkipDto], description: 'Candidates passed over, in turn order, with why.' }) skipped: PreviewSkipDto[];
}

export class AssignmentStatsQueryDto extends LeadPeriodQueryDto {}

class PersonFairnessDto {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty({ description: 'A member of the pool or named by its rules: counted in the fair share.' }) eligible: boolean;
  @ApiProperty({ type: 'integer', description: 'Leads given to them in the period, all ways.' }) assigned: number;
  @ApiProperty({ type: 'integer', description: 'By the pool’s rules.' }) auto: number;
  @ApiProperty({ type: 'integer', description: 'By an admin [手动分配].' }) manual: number;
  @ApiProperty({ type: 'integer', description: 'Claimed [抢单].' }) claim: number;
  @ApiProperty({ nullable: true, type: String, example: '0.4286', description: 'assigned / all assignments of the period.' }) share: string | null;
  @ApiProperty({ nullable: true, type: String, example: '0.6667', description: 'assigned − fairShare (eligible people).' }) deviation: string | null;
  @ApiProperty({ type: 'integer', description: 'Open leads held from this pool now.' }) openLeads: number;
  @ApiProperty({ nullable: true, type: 'integer' }) capacity: number | null;
  @ApiProperty({ nullable: true, type: String, example: '0.7500', description: 'openLeads / capacity.' }) capacityUsage: string | null;
}

export class AssignmentStatsDto {
  @ApiProperty({ format: 'uuid' }) poolId: string;
  @ApiProperty({ format: 'date' }) from: string;
  @ApiProperty({ format: 'date' }) to: string;
  @ApiProperty({ type: 'integer', description: 'Leads given to someone in this pool in the period (recycles not counted).' }) assigned: number;
  @ApiProperty({ type: 'integer', description: 'Members of the pool and people its rules name.' }) eligiblePeople: number;
  @ApiProperty({ nullable: true, type: String, example: '2.3333', description: 'assigned / eligiblePeople.' }) fairShare: string | null;
  @ApiProperty({ nullable: true, type: String, example: '0.6667', description: 'The largest |deviation|.' }) maxDeviation: string | null;
  @ApiProperty({ type: [PersonFairnessDto], description: 'Most assigned first.' }) people: PersonFairnessDto[];
}
