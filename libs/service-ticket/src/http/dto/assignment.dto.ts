import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Max, Min, ValidateIf, ValidateNested } from 'class-validator';
import { TEAM_STRATEGIES, type TeamStrategy } from '../../domain/assignment.js';
import { TICKET_CHANNELS } from '../../domain/ticket.types.js';

class TicketRuleConditionsDto {
  @ApiPropertyOptional({ type: [String], example: ['浙江', '江苏'], description: 'Customer provinces [地区].' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @Length(1, 40, { each: true })
  regions?: string[];

  @ApiPropertyOptional({ type: [String], enum: TICKET_CHANNELS })
  @IsOptional()
  @IsArray()
  @IsIn(TICKET_CHANNELS, { each: true })
  channels?: string[];

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Ticket types; each matches its sub-types too.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  typeIds?: string[];

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Product lines [条线] of the ticket’s product.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  productLineIds?: string[];
}

export class AssignmentRuleInputDto {
  @ApiProperty({ example: '浙江微信报修' })
  @IsString()
  @Length(1, 100)
  name: string;

  @ApiProperty({ type: TicketRuleConditionsDto, description: 'Every condition given must hold; none: matches every ticket.' })
  @ValidateNested()
  @Type(() => TicketRuleConditionsDto)
  conditions: TicketRuleConditionsDto;

  @ApiProperty({ format: 'uuid', description: 'The team [小组] that gets the tickets.' })
  @IsUUID()
  teamId: string;

  @ApiProperty({ enum: TEAM_STRATEGIES, description: '`round-robin` [轮流], `least-busy` [最空闲], or `queue`: nobody is picked, agents grab [抢单].' })
  @IsIn(TEAM_STRATEGIES)
  strategy: TeamStrategy;
}

export class ReplaceRulesDto {
  @ApiProperty({ type: [AssignmentRuleInputDto], description: 'In the order they are tried; the first match routes the ticket.' })
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => AssignmentRuleInputDto)
  rules: AssignmentRuleInputDto[];
}

export class AssignmentRuleDto extends AssignmentRuleInputDto {
  @ApiProperty({ format: 'uuid' }) id: string;
}

export class AssignmentRulePageDto {
  @ApiProperty({ type: [AssignmentRuleDto] }) items: AssignmentRuleDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class AgentCapacityDto {
  @ApiProperty({
    nullable: true,
    type: 'integer',
    minimum: 0,
    maximum: 1000,
    description: 'Open tickets the agent may hold at once [接单上限]; null: no limit.',
  })
  @ValidateIf((_, value) => value !== null)
  @IsInt()
  @Min(0)
  @Max(1000)
  capacity: number | null;
}

export class AgentLoadDto {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty({ nullable: true, type: 'integer' }) capacity: number | null;
  @ApiProperty({ type: 'integer', description: 'Open tickets (assigned, in progress, waiting on customer) now.' }) open: number;
}

export class AgentLoadPageDto {
  @ApiProperty({ type: [AgentLoadDto] }) items: AgentLoadDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class AgentListQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'The team whose agents to list; without it, every agent with a capacity set.' })
  @IsOptional()
  @IsUUID()
  teamId?: string;
}
