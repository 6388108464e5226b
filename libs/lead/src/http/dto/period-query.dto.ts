import { ApiProperty } from '@nestjs/swagger';
import { IsISO8601, Matches } from 'class-validator';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** A period of whole days in the company time zone, both ends included: what every lead report is asked for. */
export class LeadPeriodQueryDto {
  @ApiProperty({ example: '2026-11-01', format: 'date', description: 'First day (company time zone, CRM_TIMEZONE), included.' })
  @Matches(DATE_ONLY)
  @IsISO8601({ strict: true })
  from: string;

  @ApiProperty({ example: '2026-11-30', format: 'date', description: 'Last day (company time zone, CRM_TIMEZONE), included.' })
  @Matches(DATE_ONLY)
  @IsISO8601({ strict: true })
  to: string;
}
