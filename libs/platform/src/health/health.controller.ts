import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { TransactionHost } from '../database/transaction-host.js';
import { Public } from '../auth/auth.decorators.js';
import { ApiProblems } from '../http/api-problems.js';
import { NatsRelay, type NatsStatus } from '../events/nats-relay.js';

class HealthDto {
  @ApiProperty({
    enum: ['ok', 'degraded', 'down'],
    description:
      '`ok`: everything answers. `degraded`: requests are served but events wait in the outbox for NATS. `down`: the database does not answer (503).',
  })
  status: 'ok' | 'degraded' | 'down';

  @ApiProperty({ description: 'The process is up.' }) live: boolean;

  @ApiProperty({ enum: ['up', 'down'], description: 'The database answers a query.' }) database: 'up' | 'down';

  @ApiProperty({
    enum: ['up', 'down', 'off'],
    description:
      '`up`: connected to NATS, relaying events. `down`: not connected (yet); retrying in the background. `off`: this process does not relay (no NATS_URL, or CRM_EVENT_DISPATCHER=0).',
  })
  nats: NatsStatus;

  @ApiProperty({ type: 'integer', nullable: true, description: 'Events in the outbox not yet delivered to reactions; null when the database does not answer.' })
  pendingEvents: number | null;

  @ApiProperty({
    type: 'integer',
    nullable: true,
    description: 'Events not yet on NATS (relayed once it is reachable); null when NATS is off or the database does not answer.',
  })
  unpublishedEvents: number | null;
}

@ApiTags('Health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly tx: TransactionHost,
    private readonly relay: NatsRelay,
  ) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Liveness, database readiness and the NATS relay' })
  @ApiOkResponse({ type: HealthDto, description: 'Serving requests: `ok`, or `degraded` while NATS is down.' })
  @ApiServiceUnavailableResponse({ type: HealthDto, description: 'The database does not answer.' })
  @ApiProblems([400, 'An unknown query parameter (`REQUEST.VALIDATION_FAILED`): the check takes none.'])
  async check(@Res({ passthrough: true }) response: Response): Promise<HealthDto> {
    const nats = this.relay.status;
    try {
      const row = await this.tx.queryOne<{ pending: number; unpublished: number | null }>(
        `SELECT (SELECT count(*)::int FROM platform.events WHERE dispatched_at IS NULL) AS pending,
                CASE WHEN $1::boolean THEN (SELECT count(*)::int FROM platform.events WHERE published_at IS NULL) END AS unpublished`,
        [nats !== 'off'],
      );
      return {
        status: nats === 'down' ? 'degraded' : 'ok',
        live: true,
        database: 'up',
        nats,
        pendingEvents: row?.pending ?? 0,
        unpublishedEvents: row?.unpublished ?? null,
      };
    } catch {
      response.status(503);
      return { status: 'down', live: true, database: 'down', nats, pendingEvents: null, unpublishedEvents: null };
    }
  }
}
