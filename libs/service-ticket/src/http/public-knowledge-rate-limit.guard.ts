import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request, Response } from 'express';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import { ProblemException, TransactionHost } from '@crm/platform';

const WINDOW_SECONDS = 60;
/** Public knowledge requests (suggestions, articles, feedback) one client address may make per minute. */
export const PUBLIC_KNOWLEDGE_REQUESTS_PER_MINUTE = 60;
const PURGE_EVERY_MS = 5 * 60_000;

/**
 * The self-service knowledge routes need no login, so they are rate limited per client address,
 * counted in PostgreSQL (service_ticket.knowledge_public_requests) so every API replica shares
 * the budget; 429 with Retry-After beyond it.
 */
@Injectable()
export class PublicKnowledgeRateLimitGuard implements CanActivate {
  private readonly limiter: RateLimiterPostgres;
  private lastPurge = Date.now();

  constructor(private readonly tx: TransactionHost) {
    this.limiter = new RateLimiterPostgres({
      storeClient: { query: ({ text, values }: { text: string; values?: unknown[] }) => this.tx.execute(text, values ?? []) },
      storeType: 'client',
      schemaName: 'service_ticket',
      tableName: 'knowledge_public_requests',
      tableCreated: true,
      clearExpiredByTimeout: false,
      keyPrefix: 'knowledge',
      points: PUBLIC_KNOWLEDGE_REQUESTS_PER_MINUTE,
      duration: WINDOW_SECONDS,
    });
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request>();
    try {
      await this.limiter.consume(request.ip ?? 'unknown');
      this.purgeNowAndThen();
      return true;
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      const retryAfter = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      context.switchToHttp().getResponse<Response>().setHeader('Retry-After', String(retryAfter));
      throw new ProblemException(429, 'REQUEST.RATE_LIMITED', `Too many requests; retry in ${retryAfter} s.`, undefined, {
        retryAfterSeconds: retryAfter,
      });
    }
  }

  private purgeNowAndThen(): void {
    if (Date.now() - this.lastPurge < PURGE_EVERY_MS) return;
    this.lastPurge = Date.now();
    this.tx.execute(`DELETE FROM service_ticket.knowledge_public_requests WHERE expire < $1`, [Date.now() - WINDOW_SECONDS * 1000]).catch(() => undefined);
  }
}
