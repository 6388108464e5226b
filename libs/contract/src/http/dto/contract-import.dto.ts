import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PageQueryDto } from '@crm/platform';

const ROW_STATUSES = ['created', 'rejected', 'skipped'] as const;

export class ContractImportDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: '2026 存量合同.xlsx' }) fileName: string;
  @ApiProperty({ enum: ['csv', 'xlsx'] }) format: string;
  @ApiProperty({ enum: ['queued', 'processing', 'completed', 'failed'] }) status: string;
  @ApiProperty({ type: 'integer', description: 'Data rows read so far (the heading row not counted).' }) rowsRead: number;
  @ApiProperty({ type: 'integer', description: 'Rows that became draft contracts.' }) created: number;
  @ApiProperty({ type: 'integer', description: 'Rows refused; see the report for each code.' }) rejected: number;
  @ApiProperty({ type: 'integer', description: 'Rows skipped as duplicates: their contract number is taken (imported before).' }) skipped: number;
  @ApiProperty({ nullable: true, type: String, description: 'Why a failed import stopped (a code).' }) error: string | null;
  @ApiProperty({ format: 'uuid' }) createdBy: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) finishedAt: string | null;
}

export class ContractImportPageDto {
  @ApiProperty({ type: [ContractImportDto] }) items: ContractImportDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class ContractImportRowDto {
  @ApiProperty({ type: 'integer', example: 7, description: 'Row in the file; the heading row is 1.' }) rowNumber: number;
  @ApiProperty({ enum: ROW_STATUSES }) status: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'The draft contract the row made.' }) contractId: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'HT202611-0007' }) contractNumber: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    example: 'CONTRACT.PLAN_MISMATCH',
    description:
      'Why the row was rejected or skipped: `CONTRACT_IMPORT.VALUE_REQUIRED`, `CONTRACT_IMPORT.VALUE_TOO_LONG`, `CONTRACT_IMPORT.INVALID_VALUE`, `CONTRACT_IMPORT.INVALID_DATE`, `CONTRACT_IMPORT.INVALID_INSTALMENTS`, `CONTRACT_IMPORT.CUSTOMER_NOT_FOUND`, `CONTRACT_IMPORT.CUSTOMER_AMBIGUOUS`, `CONTRACT_IMPORT.DUPLICATE_NUMBER`, or the code the contract API answers (`CONTRACT.INVALID_AMOUNT`, `CONTRACT.INVALID_INSTALMENT`, `CONTRACT.PLAN_MISMATCH`, `CONTRACT.INVALID_PERIOD`, `CONTRACT.OWNER_NOT_ASSIGNABLE`).',
  })
  errorCode: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'instalments', description: 'The column concerned.' }) errorField: string | null;
}

export class ContractImportRowPageDto {
  @ApiProperty({ type: [ContractImportRowDto] }) items: ContractImportRowDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class ContractImportRowsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ROW_STATUSES })
  @IsOptional()
  @IsIn(ROW_STATUSES)
  status?: (typeof ROW_STATUSES)[number];
}
