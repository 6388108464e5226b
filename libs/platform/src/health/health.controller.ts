import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { TransactionHost } from '../database/transaction-host.js';
import { Public } from '../auth/auth.decorators.js';

class HealthDto {
  @ApiProperty({ enum: ['ok', 'degraded'] }) status: 'ok' | 'degraded';
  @ApiProperty({ description: 'The process is up.' }) live: boolean;
  @ApiProperty({ enum: ['up', 'down'], description: 'Database answers a query.' }) database: 'up' | 'down';
  @ApiProperty({ description: 'Events in the outbox not yet delivered to reactions.' }) pendingEvents: number | null;
}

@ApiTags('Health')
@Controller('health')
export class HealthController {
  constructor(private readonly tx: TransactionHost) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Liveness and database readiness' })
  @ApiOkResponse({ type: HealthDto })
  @ApiServiceUnavailableResponse({ type: HealthDto, description: 'The database does not answer.' })
  async check(@Res({ passthrough: true }) response: Response): Promise<HealthDto> {
    try {
      const row = await this.tx.queryOne<{ pending: number }>(`SELECT count(*)::int AS pending FROM platform.events WHERE dispatched_at IS NULL`);
      return { status: 'ok', live: true, database: 'up', pendingEvents: row?.pending ?? 0 };
    } catch {
      response.status(503);
      return { status: 'degraded', live: true, database: 'down', pendingEvents: null };
    }
  }
}
