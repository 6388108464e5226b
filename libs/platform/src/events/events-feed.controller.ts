import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { Type } from 'class-transformer';
import { TransactionHost } from '../database/transaction-host.js';
import { SqlParams } from '../database/sql-params.js';
import { RequirePermissions } from '../auth/auth.decorators.js';
import { ProblemException } from '../errors/request-errors.js';
import { ApiProblems } from '../http/api-problems.js';
import { EVENT_COLUMNS, READ_LOG_IN_INDEX_ORDER, toEnvelope, type EventEnvelope, type EventRow } from './event-envelope.js';

class EventFeedQueryDto {
  @ApiPropertyOptional({ description: "Cursor from the previous response's `nextCursor`; omit to read from the beginning." })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  after?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 500, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  @ApiPropertyOptional({ description: 'Only events whose type starts with this prefix, e.g. `customer.`.', example: 'customer.' })
  @IsOptional()
  @IsString()
  @Matches(/^[a-z0-9.-]{1,100}$/)
  typePrefix?: string;
}

class EventEnvelopeDto implements EventEnvelope {
  @ApiProperty({ format: 'uuid', description: 'UUIDv7; also the NATS message id.' }) id: string;
  @ApiProperty({ example: 'customer.created.v1' }) type: string;
  @ApiProperty({ type: 'integer', example: 1 }) version: number;
  @ApiProperty({ format: 'date-time' }) occurredAt: string;
  @ApiProperty({ example: 'customer' }) aggregateType: string;
  @ApiProperty({ format: 'uuid' }) aggregateId: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) customerId: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'User id, or `system`.' }) actor: string | null;
  @ApiProperty({ nullable: true, type: String }) correlationId: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'Id of the event that caused this one.' })
  causationId: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) payload: Record<string, unknown>;
}

class EventFeedPageDto {
  @ApiProperty({ type: [EventEnvelopeDto] }) items: EventEnvelopeDto[];
  @ApiProperty({ description: 'Pass as `after` next time. Returned even when there was nothing new, for polling.' })
  nextCursor: string;
}

function decodeFeedCursor(cursor: string | undefined): [string, string] {
  if (!cursor) return ['0', '0'];
  const match = /^(\d{1,18})\.(\d{1,18})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw new ProblemException(400, 'REQUEST.INVALID_CURSOR', 'The cursor is not one this API issued.');
  return [match[1]!, match[2]!];
}

function encodeFeedCursor(txId: string, seq: string): string {
  return Buffer.from(`${txId}.${seq}`, 'utf8').toString('base64url');
}

/**
 * The statement a page of the feed is read with, after `READ_LOG_IN_INDEX_ORDER` in the same
 * transaction (also sent directly by the benchmark). The order names the table's columns: a bare
 * `tx_id` would be the selected `tx_id::text`, an order by text (`10` before `9`, so a reader
 * crossing a power of ten skipped events) that no index gives, sorted after reading every event
 * past the cursor.
 */
export function feedPageStatement(after: readonly [string, string], limit: number, typePrefix?: string): { text: string; values: unknown[] } {
  const params = new SqlParams();
  const filters = [`(tx_id, seq) > (${params.add(after[0])}::xid8, ${params.add(after[1])}::bigint)`, `tx_id < pg_snapshot_xmin(pg_current_snapshot())`];
  if (typePrefix) filters.push(`starts_with(type, ${params.add(typePrefix)})`);
  const text = `SELECT ${EVENT_COLUMNS} FROM platform.events WHERE ${filters.join(' AND ')}
    ORDER BY events.tx_id, events.seq LIMIT ${params.add(limit)}`;
  return { text, values: params.values };
}

/**
 * The event log for internal systems that poll rather than subscribe to NATS. Ordered by
 * commit (transaction id, then sequence) and limited to transactions that have finished,
 * so a reader never skips an event that committed late.
 */
@ApiTags('Events')
@ApiBearerAuth()
@Controller('api/v1/events')
export class EventsFeedController {
  constructor(private readonly tx: TransactionHost) {}

  @Get()
  @RequirePermissions('events:read')
  @ApiOperation({ summary: 'Read domain events after a cursor (领域事件订阅)' })
  @ApiOkResponse({ type: EventFeedPageDto })
  @ApiProblems(400, 401, 403)
  async list(@Query() query: EventFeedQueryDto): Promise<EventFeedPageDto> {
    const [txId, seq] = decodeFeedCursor(query.after);
    const statement = feedPageStatement([txId, seq], query.limit ?? 100, query.typePrefix);
    const rows = await this.tx.run(async () => {
      await this.tx.query(READ_LOG_IN_INDEX_ORDER);
      return this.tx.query<EventRow>(statement.text, statement.values);
    });
    const last = rows[rows.length - 1];
    return {
      items: rows.map(toEnvelope),
      nextCursor: last ? encodeFeedCursor(last.tx_id, last.seq) : (query.after ?? encodeFeedCursor(txId, seq)),
    };
  }
}
