import { ApiProperty } from '@nestjs/swagger';
import { LeadPeriodQueryDto } from './period-query.dto.js';

export class ConversionReportQueryDto extends LeadPeriodQueryDto {}

class ConversionFiguresDto {
  @ApiProperty({ type: 'integer', description: 'Leads converted.' }) converted: number;
  @ApiProperty({ type: 'integer', description: 'Customers the conversions created.' }) customersCreated: number;
  @ApiProperty({
    type: 'integer',
    description:
      'Existing customers the conversions were linked to. With `customersCreated` it may fall short of `converted` for conversions made before this was recorded.',
  })
  customersLinked: number;
  @ApiProperty({ type: 'integer', description: 'Opportunities [商机] opened with the conversions.' }) opportunities: number;
  @ApiProperty({ example: '150000.00', description: 'Their amount when opened, a decimal string (CNY); opportunities opened without an amount add nothing.' })
  opportunityAmount: string;
  @ApiProperty({ type: 'integer', description: 'Of those opportunities, the ones won so far [赢单].' }) won: number;
  @ApiProperty({ example: '120000.00', description: 'What they were won for, a decimal string (CNY).' }) wonAmount: string;
}

class PoolConversionsDto {
  @ApiProperty({ format: 'uuid' }) poolId: string;
  @ApiProperty() name: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) parentId: string | null;
  @ApiProperty({ type: ConversionFiguresDto, description: 'Converted in this pool itself.' }) here: ConversionFiguresDto;
  @ApiProperty({ type: ConversionFiguresDto, description: 'Converted in this pool and the pools below it that you see.' }) total: ConversionFiguresDto;
}

export class ConversionReportDto {
  @ApiProperty({ format: 'uuid' }) poolId: string;
  @ApiProperty({ format: 'date' }) from: string;
  @ApiProperty({ format: 'date' }) to: string;
  @ApiProperty({ type: ConversionFiguresDto, description: 'The pool with its sub-pools, within your reach.' }) totals: ConversionFiguresDto;
  @ApiProperty({
    type: [PoolConversionsDto],
    description:
      'The pool and each pool below it with conversions, parents first: the pools you see, and the pools of converted leads you see (your own, through your data scope).',
  })
  pools: PoolConversionsDto[];
}
